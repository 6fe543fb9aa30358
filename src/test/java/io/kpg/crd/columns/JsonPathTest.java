package io.kpg.crd.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static final JsonNode OBJ =
      Json.parseTrusted(
          """
          {"metadata": {"name": "a", "labels": {"app": "web", "k8s.io/x": "dotted"}},
           "spec": {"replicas": 3, "ratio": 0.5, "big": 1000000.0, "paused": false, "nothing": null,
                    "items": [{"name": "x", "n": 1}, {"name": "y", "n": 2}, {"name": "z", "n": 3}],
                    "nested": {"b": 2, "a": "<&>"}},
           "status": {"conditions": [{"type": "Progressing", "status": "True"},
                                     {"type": "Ready", "status": "False"}]}}
          """);

  private static List<String> texts(String expr) {
    return JsonPath.expression(expr).allowMissingKeys(true).find(OBJ).stream()
        .map(GoValues::text)
        .collect(Collectors.toList());
  }

  private static String parseError(String template) {
    return assertThrows(JsonPathException.class, () -> JsonPath.parse(template)).getMessage();
  }

  private static String evalError(String expr) {
    JsonPath p = JsonPath.expression(expr);
    return assertThrows(JsonPathException.class, () -> p.find(OBJ)).getMessage();
  }

  @Test
  void fieldsAndIndexes() {
    assertEquals(List.of("3"), texts(".spec.replicas"));
    assertEquals(List.of("web"), texts(".metadata.labels.app"));
    assertEquals(List.of("x"), texts(".spec.items[0].name"));
    assertEquals(List.of("z"), texts(".spec.items[-1].name"));
    assertEquals(List.of("x", "y", "z"), texts(".spec.items[*].name"));
    assertEquals(List.of("y", "z"), texts(".spec.items[1:].name"));
    assertEquals(List.of("x", "z"), texts(".spec.items[0:3:2].name"));
    assertEquals(List.of("x", "z"), texts(".spec.items[0,2].name"));
    assertEquals(List.of("web"), texts("$.metadata.labels.app"));
  }

  @Test
  void bracketKeysAreReadAsDottedPathsAndEscapedDotsAsOneKey() {
    assertEquals(List.of("web"), texts("['metadata']['labels']['app']"));
    // upstream reads ['a.b'] as .a.b; a key containing dots needs backslashes
    assertEquals(List.of("3"), texts("['spec.replicas']"));
    assertEquals(List.of(), texts(".metadata.labels['k8s.io/x']"));
    assertEquals(List.of("dotted"), texts(".metadata.labels.k8s\\.io/x"));
  }

  @Test
  void filters() {
    assertEquals(List.of("False"), texts(".status.conditions[?(@.type==\"Ready\")].status"));
    assertEquals(List.of("False"), texts(".status.conditions[?(@.type == 'Ready')].status"));
    assertEquals(List.of("Progressing"), texts(".status.conditions[?(@.type!=\"Ready\")].type"));
    assertEquals(List.of("y", "z"), texts(".spec.items[?(@.n>1)].name"));
    assertEquals(List.of("x", "y"), texts(".spec.items[?(@.n<=2)].name"));
    assertEquals(List.of("x", "y", "z"), texts(".spec.items[?(@.name)].name"));
    assertEquals(List.of(), texts(".spec.items[?(@.missing)].name"));
    assertEquals(List.of(), texts(".status.conditions[?(@.type==\"Gone\")].status"));
  }

  @Test
  void filterErrorsAreUpstreams() {
    assertEquals("incompatible types for comparison", evalError(".spec.items[?(@.n==\"1\")]"));
    assertEquals("incompatible types for comparison", evalError(".spec.items[?(@.n==1.5)]"));
    assertEquals("unrecognized filter operator <>", evalError(".spec.items[?(@.n<>1)].name"));
    assertEquals("invalid type for comparison", evalError(".spec.items[?(@.n==@)]"));
    assertEquals(
        "map[replicas:3] is not array or slice and cannot be filtered",
        assertThrows(
                JsonPathException.class,
                () ->
                    JsonPath.expression(".spec[?(@.x)]")
                        .find(Json.parseTrusted("{\"spec\":{\"replicas\":3}}")))
            .getMessage());
  }

  @Test
  void wildcardAndRecursiveDescent() {
    assertEquals(List.of("web", "dotted"), texts(".metadata.labels.*"));
    assertEquals(List.of("a", "x", "y", "z"), texts("..name"));
  }

  @Test
  void missingKeysAreErrorsUnlessAllowed() {
    assertEquals("missing is not found", evalError(".spec.missing"));
    assertEquals(List.of(), texts(".spec.missing.deeper"));
    assertEquals(List.of("null"), texts(".spec.nothing"));
    assertEquals(List.of(), texts(".spec.nothing.deeper"));
  }

  @Test
  void indexErrors() {
    assertEquals("array index out of bounds: index 5, length 3", evalError(".spec.items[5]"));
    assertEquals("map[string]interface {} is not array or slice", evalError(".spec[0]"));
    assertEquals("string is not array or slice", evalError(".metadata.name[0]"));
    assertEquals("step must be > 0", evalError(".spec.items[0:2:0]"));
    assertEquals("starting index 2 is greater than ending index 1", evalError(".spec.items[2:1]"));
  }

  @Test
  void parseErrorsAreUpstreams() {
    assertEquals("unclosed action", parseError("{.spec"));
    assertEquals("unterminated array", parseError("{.spec[}"));
    assertEquals("unrecognized character in action: U+002A '*'", parseError("{*}"));
    assertEquals("cannot parse number +12.3.0", parseError("{+12.3.0}"));
    assertEquals("unterminated array", parseError("{[1}"));
    assertEquals("unterminated filter", parseError("{[?(.price]}"));
    assertEquals("invalid multiple recursive descent", parseError("{........}"));
    assertEquals("invalid array index x", parseError("{.a[x]}"));
    assertEquals("invalid array index \"k\"", parseError("{.a[\"k\"]}"));
    assertEquals("unterminated quoted string", parseError("{\"abc}"));
    assertEquals("unquote string \"\\q\" error invalid syntax", parseError("{\"\\q\"}"));
  }

  @Test
  void templatesMixTextAndActions() {
    assertEquals(
        "name=a replicas=3",
        JsonPath.parse("name={.metadata.name} replicas={.spec.replicas}").execute(OBJ));
    assertEquals("x y z", JsonPath.parse("{.spec.items[*].name}").execute(OBJ));
    assertEquals("[x][y][z]", JsonPath.parse("{range .spec.items[*]}[{.name}]{end}").execute(OBJ));
    assertEquals("{", JsonPath.parse("{\"{\"}").execute(OBJ));
    assertEquals(
        "not in range, nothing to end",
        assertThrows(JsonPathException.class, () -> JsonPath.parse("{end}").execute(OBJ))
            .getMessage());
    assertEquals(
        "unrecognized identifier foo",
        assertThrows(JsonPathException.class, () -> JsonPath.parse("{foo}").execute(OBJ))
            .getMessage());
  }

  @Test
  void valuesPrintAsGoPrintsThem() {
    assertEquals(List.of("0.5"), texts(".spec.ratio"));
    assertEquals(List.of("1e+06"), texts(".spec.big"));
    assertEquals(List.of("false"), texts(".spec.paused"));
    assertEquals(List.of("{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":2}"), texts(".spec.nested"));
    assertEquals(
        "[1,2.5,1e-7,1e+21]",
        GoValues.json(Json.parseTrusted("{\"a\":[1,2.5,1e-7,1e21]}").get("a")));
    assertEquals("123456", GoValues.formatFloat(123456.0));
    assertEquals("1.234567e+06", GoValues.formatFloat(1234567.0));
    assertEquals("0.0001", GoValues.formatFloat(0.0001));
    assertEquals("1e-05", GoValues.formatFloat(0.00001));
    assertEquals("-0", GoValues.formatFloat(-0.0));
  }

  @Test
  void unquoteKeepsGoEscapes() {
    assertEquals("a\nb", Parser.unquote("\"a\\nb\""));
    assertEquals("it's", Parser.unquote("'it\\'s'"));
    assertEquals("é", Parser.unquote("\"\\u00e9\""));
    assertEquals("A", Parser.unquote("'\\x41'"));
    assertEquals(null, Parser.unquote("'\\\"'"));
  }

  @Test
  void columnPathValidation() {
    assertEquals(List.of(), JsonPath.validateColumnPath(".spec.replicas", "f"));
    // upstream only checks the leading dot; a path that will not parse still passes
    assertEquals(List.of(), JsonPath.validateColumnPath(".spec[", "f"));
    assertEquals(
        "spec.versions[0].additionalPrinterColumns[0].JSONPath: Required value",
        JsonPath.validateColumnPath("", "spec.versions[0].additionalPrinterColumns[0].JSONPath")
            .get(0)
            .message());
    assertEquals(
        "f: Invalid value: \"spec[\": must be a simple json path starting with .",
        JsonPath.validateColumnPath("spec[", "f").get(0).message());
    assertEquals(
        "f: Invalid value: \"\": must not be empty",
        JsonPath.validateSimplePath("", "f").get(0).message());
  }

  @Test
  void selectableFieldPathValidation() {
    JsonNode schema =
        Json.parseTrusted(
            """
            {"type": "object", "properties": {
              "metadata": {"type": "object", "properties": {"name": {"type": "string"}}},
              "spec": {"type": "object", "properties": {
                "color": {"type": "string"}, "size": {"type": "integer"},
                "ratio": {"type": "number"}, "tags": {"type": "array", "items": {"type": "string"}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}}}}}}
            """);
    assertEquals(List.of(), JsonPath.validateSelectableFieldPath(".spec.color", schema, "f"));
    assertEquals(List.of(), JsonPath.validateSelectableFieldPath(".spec.size", schema, "f"));
    assertEquals(List.of(), JsonPath.validateSelectableFieldPath(".spec.labels.x", schema, "f"));
    assertEquals(
        List.of("f: Required value"),
        messages(JsonPath.validateSelectableFieldPath("", schema, "f")));
    assertEquals(
        List.of(
            "f: Invalid value: \".spec.nope\": is an invalid path: does not refer to a valid field"),
        messages(JsonPath.validateSelectableFieldPath(".spec.nope", schema, "f")));
    assertEquals(
        List.of(
            "f: Invalid value: \".spec.tags[0]\": is an invalid path: array notation is not allowed"),
        messages(JsonPath.validateSelectableFieldPath(".spec.tags[0]", schema, "f")));
    assertEquals(
        List.of(
            "f: Invalid value: \"spec.color\": is an invalid path: expected [ or . but got: spec"),
        messages(JsonPath.validateSelectableFieldPath("spec.color", schema, "f")));
    assertEquals(
        List.of("f: Invalid value: \".spec.\": is an invalid path: unexpected end of JSON path"),
        messages(JsonPath.validateSelectableFieldPath(".spec.", schema, "f")));
    assertEquals(
        List.of("f: Invalid value: \".metadata.name\": must not point to fields in metadata"),
        messages(JsonPath.validateSelectableFieldPath(".metadata.name", schema, "f")));
    assertEquals(
        List.of(
            "f: Invalid value: \".spec.ratio\": must point to a field of type string, boolean or"
                + " integer. Enum string fields and strings with formats are allowed."),
        messages(JsonPath.validateSelectableFieldPath(".spec.ratio", schema, "f")));
  }

  static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::message).collect(Collectors.toList());
  }

  @Test
  void resultsAreGroupedPerAction() {
    List<List<JsonNode>> r = JsonPath.parse("{.metadata.name}-{.spec.items[*].n}").findResults(OBJ);
    assertEquals(3, r.size());
    assertEquals(3, r.get(2).size());
    assertTrue(r.get(1).get(0).isTextual());
  }
}
