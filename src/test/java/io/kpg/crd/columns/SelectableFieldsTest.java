package io.kpg.crd.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectableFieldsTest {
  private static JsonNode fields(String... paths) {
    var a = Json.array();
    for (String p : paths) {
      a.addObject().put("jsonPath", p);
    }
    return a;
  }

  private static final ObjectNode OBJ =
      Json.parseTrusted(
          """
          {"metadata": {"name": "a"},
           "spec": {"color": "blue", "size": 3, "on": true, "none": null, "list": [1, 2],
                    "big": 12345678.0}}
          """);

  @Test
  void namesDropTheLeadingDot() {
    SelectableFields f = SelectableFields.of(fields(".spec.color", ".spec.size"));
    assertEquals(List.of("spec.color", "spec.size"), f.names());
    assertTrue(f.supports("spec.color"));
    assertFalse(f.supports("spec.other"));
    assertEquals("spec.color", SelectableFields.fieldName(".spec.color"));
  }

  @Test
  void valuesAreGoPrinted() {
    SelectableFields f =
        SelectableFields.of(
            fields(
                ".spec.color", ".spec.size", ".spec.on", ".spec.none", ".spec.gone", ".spec.big"));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("spec.color", "blue");
    expected.put("spec.size", "3");
    expected.put("spec.on", "true");
    expected.put("spec.none", "");
    expected.put("spec.gone", "");
    expected.put("spec.big", "1.2345678e+07");
    assertEquals(expected, f.values(OBJ));
  }

  @Test
  void failures() {
    SelectableFields f = SelectableFields.of(fields(".spec.list[*]", ".spec["));
    assertEquals(
        "unexpectedly received more than one JSON path result",
        assertThrows(JsonPathException.class, () -> f.value(OBJ, "spec.list[*]")).getMessage());
    assertEquals(
        "unexpected error parsing jsonPath: unterminated array",
        assertThrows(JsonPathException.class, () -> f.value(OBJ, "spec[")).getMessage());
    assertEquals(
        "field label not supported: spec.color",
        assertThrows(IllegalArgumentException.class, () -> f.value(OBJ, "spec.color"))
            .getMessage());
  }

  @Test
  void validation() {
    JsonNode schema =
        Json.parseTrusted(
            """
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {
              "a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"},
              "d": {"type": "string"}, "e": {"type": "string"}, "f": {"type": "string"},
              "g": {"type": "string"}, "h": {"type": "string"}, "i": {"type": "boolean"}}}}}
            """);
    assertEquals(
        List.of(
            "s[1].jsonPath: Duplicate value: \".spec.a\"",
            "s[2].jsonPath: Required value",
            "s[3].jsonPath: Invalid value: \".spec.z\": is an invalid path: does not refer to a"
                + " valid field"),
        JsonPathTest.messages(
            SelectableFields.validate(
                fields(".spec.a", ".spec.a", "", ".spec.z"), schema, "s", false)));
    JsonNode nine =
        fields(
            ".spec.a", ".spec.b", ".spec.c", ".spec.d", ".spec.e", ".spec.f", ".spec.g", ".spec.h",
            ".spec.i");
    assertEquals(
        List.of("s: Too many: 9: must have at most 8 items"),
        JsonPathTest.messages(SelectableFields.validate(nine, schema, "s", false)));
    assertEquals(List.of(), SelectableFields.validate(nine, schema, "s", true));
    assertEquals(
        List.of(
            "s: Invalid value: \"\": may only be set when `version.schema.openAPIV3Schema` is not"
                + " included"),
        JsonPathTest.messages(SelectableFields.validate(fields(".spec.a"), null, "s", false)));
  }
}
