package io.kpg.crd.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef.Column;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrinterColumnsTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static final ObjectNode OBJ =
      Json.parseTrusted(
          """
          {"metadata": {"name": "cr1", "creationTimestamp": "2024-05-01T11:55:00Z"},
           "spec": {"replicas": 3, "ratio": 2.5, "paused": true, "when": "2024-04-30T12:00:00Z",
                    "bad": "yesterday", "empty": "", "nothing": null,
                    "items": [{"name": "x"}, {"name": "y"}], "obj": {"b": 1, "a": [true]}},
           "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
          """);

  private static PrinterColumns columns(String... defs) {
    return PrinterColumns.of(
        Json.parseTrusted("{\"c\":[" + String.join(",", defs) + "]}").get("c"));
  }

  private static String col(String name, String type, String path) {
    return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"jsonPath\":\"" + path + "\"}";
  }

  private static Object cell(String type, String path) {
    return columns(col("C", type, path)).row(OBJ, NOW).get(1);
  }

  @Test
  void noColumnsGiveNameAndAge() {
    PrinterColumns p = PrinterColumns.of(null);
    assertEquals(
        List.of(RestKinds.nameColumn(), new Column("Age", "date", "", RestKinds.AGE_DESC, 0)),
        p.columns());
    assertEquals(List.of("cr1", "5m"), p.row(OBJ, NOW));
    assertEquals(p.columns(), PrinterColumns.of(Json.array()).columns());
  }

  @Test
  void declaredColumnsFollowNameWithoutAge() {
    PrinterColumns p =
        columns(
            "{\"name\":\"Replicas\",\"type\":\"integer\",\"format\":\"int32\",\"priority\":1,"
                + "\"description\":\"how many\",\"jsonPath\":\".spec.replicas\"}",
            col("Ready", "string", ".status.conditions[?(@.type==\\\"Ready\\\")].status"));
    assertEquals(
        List.of(
            RestKinds.nameColumn(),
            new Column("Replicas", "integer", "int32", "how many", 1),
            new Column(
                "Ready",
                "string",
                "",
                "Custom resource definition column (in JSONPath format):"
                    + " .status.conditions[?(@.type==\"Ready\")].status",
                0)),
        p.columns());
    assertEquals(Arrays.asList("cr1", 3L, "True"), p.row(OBJ, NOW));
    assertTrue(p.problem().isEmpty());
  }

  @Test
  void cellsAreTypedAsDeclared() {
    assertEquals(3L, cell("integer", ".spec.replicas"));
    assertEquals(2L, cell("integer", ".spec.ratio"));
    assertEquals(3.0, cell("number", ".spec.replicas"));
    assertEquals(2.5, cell("number", ".spec.ratio"));
    assertEquals(true, cell("boolean", ".spec.paused"));
    assertEquals("24h", cell("date", ".spec.when"));
    assertEquals("<invalid>", cell("date", ".spec.bad"));
    assertEquals("<unknown>", cell("date", ".spec.empty"));
    assertEquals("3", cell("string", ".spec.replicas"));
    assertEquals("2.5", cell("string", ".spec.ratio"));
    assertEquals("true", cell("string", ".spec.paused"));
    assertEquals("{\"a\":[true],\"b\":1}", cell("string", ".spec.obj"));
    assertEquals("<no value>", cell("string", ".spec.nothing"));
  }

  @Test
  void mismatchedMissingAndFailingCellsAreNull() {
    assertNull(cell("integer", ".spec.paused"));
    assertNull(cell("boolean", ".spec.replicas"));
    assertNull(cell("number", ".spec.when"));
    assertNull(cell("date", ".spec.replicas"));
    assertNull(cell("integer", ".spec.nothing"));
    assertNull(cell("string", ".spec.missing"));
    assertNull(cell("string", ".spec.items[7].name"));
    assertNull(cell("string", ".spec.items[?(@.name==1)]"));
  }

  @Test
  void severalMatchesShowTheFirst() {
    assertEquals("x", cell("string", ".spec.items[*].name"));
  }

  @Test
  void aColumnThatDoesNotParseEndsTheColumns() {
    PrinterColumns p =
        columns(
            col("Replicas", "integer", ".spec.replicas"),
            col("Broken", "string", ".spec["),
            col("Paused", "boolean", ".spec.paused"));
    assertEquals(
        List.of("Name", "Replicas"),
        p.columns().stream().map(Column::name).collect(Collectors.toList()));
    assertEquals(Arrays.asList("cr1", 3L), p.row(OBJ, NOW));
    assertEquals("unrecognized column definition \".spec[\"", p.problem().orElseThrow());
  }

  @Test
  void dates() {
    assertEquals("<unknown>", PrinterColumns.age("0001-01-01T00:00:00Z", NOW));
    assertEquals("120m", PrinterColumns.age("2024-05-01T12:00:00+02:00", NOW));
    assertEquals("30s", PrinterColumns.age("2024-05-01T11:59:29.5Z", NOW));
    assertEquals("<invalid>", PrinterColumns.age("2024-05-01T11:59Z", NOW));
    assertEquals("<invalid>", PrinterColumns.age("2024-02-30T00:00:00Z", NOW));
  }

  @Test
  void validation() {
    assertEquals(
        List.of(
            "c[0].name: Required value",
            "c[0].type: Required value: must be one of boolean,date,integer,number,string",
            "c[0].JSONPath: Required value",
            "c[1].type: Invalid value: \"int\": must be one of boolean,date,integer,number,string",
            "c[1].format: Invalid value: \"uuid\": must be one of"
                + " byte,date,date-time,double,float,int32,int64,password",
            "c[1].JSONPath: Invalid value: \"spec.x\": must be a simple json path starting with ."),
        JsonPathTest.messages(
            PrinterColumns.validate(
                Json.parseTrusted(
                        "{\"c\":[{},{\"name\":\"X\",\"type\":\"int\",\"format\":\"uuid\","
                            + "\"jsonPath\":\"spec.x\"}]}")
                    .get("c"),
                "c")));
    assertEquals(
        List.of(),
        PrinterColumns.validate(
            Json.parseTrusted("{\"c\":[" + col("A", "date", ".metadata.creationTimestamp") + "]}")
                .get("c"),
            "c"));
  }
}
