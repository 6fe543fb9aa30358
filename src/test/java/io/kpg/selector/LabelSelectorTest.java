package io.kpg.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.selector.LabelSelector.Operator;
import io.kpg.selector.LabelSelector.Requirement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  static final String VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  static Map<String, String> labels(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static String badRequest(String selector) {
    StatusException e = assertThrows(StatusException.class, () -> LabelSelector.parse(selector));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
    return e.getMessage();
  }

  static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @Test
  void emptySelectsEverything() {
    for (String s : new String[] {"", "  ", "\t\n", null}) {
      LabelSelector sel = LabelSelector.parse(s);
      assertTrue(sel.isEmpty());
      assertTrue(sel.matches(labels()));
      assertTrue(sel.matches(labels("a", "b")));
      assertEquals("", sel.toString());
      assertEquals(List.of(), sel.requirements());
    }
  }

  @Test
  void parsesEveryOperator() {
    assertEquals(
        List.of(new Requirement("x", Operator.EQUALS, List.of("a"))),
        LabelSelector.parse("x=a").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.DOUBLE_EQUALS, List.of("a"))),
        LabelSelector.parse("x==a").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.NOT_EQUALS, List.of("a"))),
        LabelSelector.parse("x!=a").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.IN, List.of("a", "b"))),
        LabelSelector.parse("x in (b,a)").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.NOT_IN, List.of("a"))),
        LabelSelector.parse("x notin (a,a)").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.EXISTS, List.of())),
        LabelSelector.parse("x").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.DOES_NOT_EXIST, List.of())),
        LabelSelector.parse("!x").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.GREATER_THAN, List.of("1"))),
        LabelSelector.parse("x>1").requirements());
    assertEquals(
        List.of(new Requirement("x", Operator.LESS_THAN, List.of("10"))),
        LabelSelector.parse("x<10").requirements());
  }

  @Test
  void canonicalStringsAreSortedByKey() {
    String[][] cases = {
      {"x=a,y=b,z=c", "x=a,y=b,z=c"},
      {"z=c,x=a", "x=a,z=c"},
      {"x in (c,b,a)", "x in (a,b,c)"},
      {"  x  in  (  a , b ) ,  y  ", "x in (a,b),y"},
      {"x notin ()", "x notin ()"},
      {"x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()"},
      {"x in (,a)", "x in (,a)"},
      {"x in (a,)", "x in (,a)"},
      {"!x,y==b,w!=c", "w!=c,!x,y==b"},
      {"x=", "x="},
      {"x=,y=", "x=,y="},
      {"x>1,x<10", "x>1,x<10"},
      {"example.com/key=v", "example.com/key=v"},
      {"in in (in,notin)", "in in (in,notin)"},
      {"notin=in", "notin=in"},
      {"a=b\t,\nc=d", "a=b,c=d"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], LabelSelector.parse(c[0]).toString(), c[0]);
      // the canonical form parses to the same selector
      assertEquals(LabelSelector.parse(c[1]), LabelSelector.parse(c[0]), c[0]);
    }
  }

  @Test
  void matching() {
    assertTrue(LabelSelector.parse("x=a").matches(labels("x", "a")));
    assertFalse(LabelSelector.parse("x=a").matches(labels("x", "b")));
    assertFalse(LabelSelector.parse("x=a").matches(labels()));
    assertTrue(LabelSelector.parse("x=").matches(labels("x", "")));
    assertFalse(LabelSelector.parse("x=").matches(labels()));
    assertTrue(LabelSelector.parse("x!=a").matches(labels()));
    assertTrue(LabelSelector.parse("x!=a").matches(labels("x", "b")));
    assertFalse(LabelSelector.parse("x!=a").matches(labels("x", "a")));
    assertTrue(LabelSelector.parse("x in (a,b)").matches(labels("x", "b")));
    assertFalse(LabelSelector.parse("x in (a,b)").matches(labels("x", "c")));
    assertFalse(LabelSelector.parse("x in (a,b)").matches(labels()));
    assertTrue(LabelSelector.parse("x notin (a,b)").matches(labels()));
    assertTrue(LabelSelector.parse("x notin (a,b)").matches(labels("x", "c")));
    assertFalse(LabelSelector.parse("x notin (a,b)").matches(labels("x", "a")));
    assertTrue(LabelSelector.parse("x").matches(labels("x", "")));
    assertFalse(LabelSelector.parse("x").matches(labels("y", "")));
    assertTrue(LabelSelector.parse("!x").matches(labels("y", "")));
    assertFalse(LabelSelector.parse("!x").matches(labels("x", "z")));
    assertTrue(LabelSelector.parse("x>1").matches(labels("x", "2")));
    assertFalse(LabelSelector.parse("x>1").matches(labels("x", "1")));
    assertFalse(LabelSelector.parse("x>1").matches(labels("x", "abc")));
    assertFalse(LabelSelector.parse("x>1").matches(labels()));
    assertTrue(LabelSelector.parse("x<1").matches(labels("x", "-5")));
    assertFalse(LabelSelector.parse("x<1").matches(labels("x", "1")));
    assertFalse(LabelSelector.parse("x<1").matches(labels("x", "٣"))); // non-ASCII digit
    assertTrue(LabelSelector.parse("x=a,y").matches(labels("x", "a", "y", "1")));
    assertFalse(LabelSelector.parse("x=a,y").matches(labels("x", "a")));
  }

  @Test
  void matchesJsonLabels() throws Exception {
    LabelSelector sel = LabelSelector.parse("app=web,!canary");
    assertTrue(sel.matches(json("{\"app\":\"web\",\"tier\":\"fe\"}")));
    assertFalse(sel.matches(json("{\"app\":\"web\",\"canary\":\"true\"}")));
    assertFalse(sel.matches((JsonNode) null));
    assertTrue(LabelSelector.parse("!x").matches((JsonNode) null));
    assertTrue(LabelSelector.parse("").matches(json("null")));
  }

  @Test
  void syntaxErrors() {
    assertEquals("found ',', expected: !, identifier, or 'end of string'", badRequest(","));
    assertEquals("found '=', expected: !, identifier, or 'end of string'", badRequest("=a"));
    assertEquals("found '', expected: identifier after ','", badRequest("x=a,"));
    assertEquals("found ',', expected: identifier after ','", badRequest("x=a,,y"));
    assertEquals("found 'b', expected: ',' or 'end of string'", badRequest("x=a b"));
    assertEquals("found '==', expected: ',' or 'end of string'", badRequest("x==a==b"));
    assertEquals("found '=', expected: ',' or 'end of string'", badRequest("!x=a"));
    assertEquals(
        "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt",
        badRequest("x y"));
    assertEquals(
        "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt",
        badRequest("x (a)"));
    assertEquals("unable to parse requirement: found '', expected: identifier", badRequest("!"));
    assertEquals(
        "unable to parse requirement: found '(', expected: identifier", badRequest("x=(a)"));
    assertEquals("unable to parse requirement: found 'a' expected: '('", badRequest("x in a"));
    assertEquals(
        "unable to parse requirement: found '', expected: ',', ')' or identifier",
        badRequest("x in ("));
    assertEquals(
        "unable to parse requirement: found 'b', expected: ',' or ')'", badRequest("x in (a b)"));
    assertEquals(
        "unable to parse requirement: found '', expected: ',', or identifier",
        badRequest("x in (a,"));
    assertEquals(
        "unable to parse requirement: found '=', expected: ',', or identifier",
        badRequest("x in (a,=)"));
  }

  @Test
  void invalidKeysAndValues() {
    assertEquals(
        "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must"
            + " consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
            + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
            + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS"
            + " subdomain prefix and '/' (e.g. 'example.com/MyName')",
        badRequest("a/b/c=x"));
    assertEquals(
        "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of"
            + " alphanumeric characters, '-', '_' or '.', and must start and end with an"
            + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
            + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        badRequest("-x"));
    assertEquals(
        "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be"
            + " non-empty",
        badRequest("/x in (a)"));
    assertEquals(
        "unable to parse requirement: values[0][x]: Invalid value: \"-a\": " + VALUE_MSG,
        badRequest("x=-a"));
    assertEquals(
        "unable to parse requirement: [values[0][x]: Invalid value: \"-a\": "
            + VALUE_MSG
            + ", values[1][x]: Invalid value: \"-b\": "
            + VALUE_MSG
            + "]",
        badRequest("x in (-b,-a)"));
    assertEquals(
        "unable to parse requirement: values[0][x]: Invalid value: \""
            + "a".repeat(64)
            + "\": must be no more than 63 bytes",
        badRequest("x=" + "a".repeat(64)));
    assertEquals(
        "unable to parse requirement: values[0]: Invalid value: \"abc\": for 'Gt', 'Lt'"
            + " operators, the value must be an integer",
        badRequest("x>abc"));
    assertEquals(
        "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators,"
            + " the value must be an integer",
        badRequest("x<"));
    assertEquals(
        "unable to parse requirement: values[0]: Invalid value: \"99999999999999999999\": for"
            + " 'Gt', 'Lt' operators, the value must be an integer",
        badRequest("x>99999999999999999999"));
    // quotes in the echoed key use Go's %q escaping
    assertTrue(
        badRequest("a\"b")
            .startsWith("unable to parse requirement: <nil>: Invalid value: \"a\\\"b\":"));
  }

  @Test
  void controlCharactersAreEchoedWithGoEscapes() {
    assertTrue(
        badRequest("a\u0001b")
            .startsWith("unable to parse requirement: <nil>: Invalid value: \"a\\x01b\": "));
    // \f is not selector whitespace: it stays in the key and makes it invalid
    assertTrue(
        badRequest("a\fb=c")
            .startsWith("unable to parse requirement: <nil>: Invalid value: \"a\\fb\": "));
  }

  @Test
  void requiresExactMatch() {
    assertEquals(Optional.of("a"), LabelSelector.parse("x=a,y").requiresExactMatch("x"));
    assertEquals(Optional.of("a"), LabelSelector.parse("x in (a)").requiresExactMatch("x"));
    assertEquals(Optional.empty(), LabelSelector.parse("x in (a,b)").requiresExactMatch("x"));
    assertEquals(Optional.empty(), LabelSelector.parse("x!=a").requiresExactMatch("x"));
    assertEquals(Optional.empty(), LabelSelector.parse("x=a").requiresExactMatch("y"));
  }

  @Test
  void fromSet() {
    LabelSelector s = LabelSelector.fromSet(Map.of("b", "2", "a", "1"));
    assertEquals("a=1,b=2", s.toString());
    assertTrue(s.matches(labels("a", "1", "b", "2", "c", "3")));
    assertFalse(s.matches(labels("a", "1")));
    assertTrue(LabelSelector.fromSet(Map.of()).isEmpty());
  }

  @Test
  void fromLabelSelectorJson() throws Exception {
    LabelSelector s =
        LabelSelector.fromLabelSelectorJson(
            json(
                "{\"matchLabels\":{\"tier\":\"fe\",\"app\":\"web\"},\"matchExpressions\":["
                    + "{\"key\":\"env\",\"operator\":\"In\",\"values\":[\"prod\",\"dev\"]},"
                    + "{\"key\":\"zone\",\"operator\":\"NotIn\",\"values\":[\"z1\"]},"
                    + "{\"key\":\"canary\",\"operator\":\"DoesNotExist\"},"
                    + "{\"key\":\"b\",\"operator\":\"Exists\",\"values\":[]}]}"));
    assertEquals("app=web,b,!canary,env in (dev,prod),tier=fe,zone notin (z1)", s.toString());
    assertTrue(s.matches(labels("app", "web", "tier", "fe", "env", "dev", "b", "")));
    assertFalse(s.matches(labels("app", "web", "tier", "fe", "env", "qa", "b", "")));
    assertFalse(s.matches(labels("app", "web", "tier", "fe", "env", "dev", "b", "", "canary", "")));
    assertEquals(
        new Requirement("env", Operator.IN, List.of("prod", "dev")), s.requirements().get(3));
  }

  @Test
  void fromLabelSelectorJsonEdgeCases() throws Exception {
    LabelSelector nothing = LabelSelector.fromLabelSelectorJson(null);
    assertTrue(nothing.matchesNothing());
    assertFalse(nothing.isEmpty());
    assertFalse(nothing.matches(labels()));
    assertTrue(LabelSelector.fromLabelSelectorJson(json("null")).matchesNothing());
    LabelSelector all = LabelSelector.fromLabelSelectorJson(json("{}"));
    assertTrue(all.isEmpty());
    assertTrue(all.matches(labels("x", "y")));
    assertTrue(
        LabelSelector.fromLabelSelectorJson(json("{\"matchLabels\":{},\"matchExpressions\":[]}"))
            .isEmpty());
  }

  @Test
  void fromLabelSelectorJsonErrors() throws Exception {
    StatusException e =
        assertThrows(
            StatusException.class,
            () ->
                LabelSelector.fromLabelSelectorJson(
                    json("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Gt\"}]}")));
    assertEquals(400, e.code());
    assertEquals("\"Gt\" is not a valid label selector operator", e.getMessage());
    e =
        assertThrows(
            StatusException.class,
            () ->
                LabelSelector.fromLabelSelectorJson(
                    json("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\"}]}")));
    assertEquals(
        "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
        e.getMessage());
    e =
        assertThrows(
            StatusException.class,
            () ->
                LabelSelector.fromLabelSelectorJson(
                    json(
                        "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\","
                            + "\"values\":[\"x\"]}]}")));
    assertEquals(
        "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist",
        e.getMessage());
    e =
        assertThrows(
            StatusException.class,
            () -> LabelSelector.fromLabelSelectorJson(json("{\"matchLabels\":{\"-a\":\"b\"}}")));
    assertTrue(e.getMessage().startsWith("key: Invalid value: \"-a\": name part must consist"));
  }

  @Test
  void formatLabelSelector() throws Exception {
    assertEquals("<none>", LabelSelector.formatLabelSelector(json("{}")));
    assertEquals("<none>", LabelSelector.formatLabelSelector(null));
    assertEquals(
        "<error>",
        LabelSelector.formatLabelSelector(
            json("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Bad\"}]}")));
    assertEquals(
        "app=web", LabelSelector.formatLabelSelector(json("{\"matchLabels\":{\"app\":\"web\"}}")));
  }

  @Test
  void newRequirementValidation() {
    assertEquals(
        "exact-match compatibility requires one single value",
        assertThrows(
                StatusException.class,
                () -> LabelSelector.newRequirement("a", Operator.EQUALS, List.of("x", "y")))
            .getMessage()
            .replaceFirst("^values: Invalid value: \\[\"x\",\"y\"\\]: ", ""));
    assertEquals(
        "[key: Invalid value: \"\": name part must be non-empty; name part must consist of"
            + " alphanumeric characters, '-', '_' or '.', and must start and end with an"
            + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
            + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values: Invalid"
            + " value: [\"1\",\"2\"]: for 'Gt', 'Lt' operators, exactly one value is required]",
        assertThrows(
                StatusException.class,
                () -> LabelSelector.newRequirement("", Operator.GREATER_THAN, List.of("1", "2")))
            .getMessage());
  }
}
