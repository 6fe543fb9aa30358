package io.kpg.crd.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Upstream's checks of constant arguments when a rule is compiled and its program made. */
class CelConstantChecksTest {

  private static final String BASE = "spec.versions[0].schema.openAPIV3Schema";

  private static CelRules rules(String rule, String messageExpression) {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode s = schema.putObject("properties").putObject("s");
    s.put("type", "string");
    s.put("maxLength", 64);
    ObjectNode r = schema.putArray("x-kubernetes-validations").addObject().put("rule", rule);
    if (messageExpression != null) {
      r.put("messageExpression", messageExpression);
    }
    return CelRules.compile(schema);
  }

  private static List<String> errors(String rule) {
    return rules(rule, null).compileErrors(BASE).stream().map(FieldError::message).toList();
  }

  /** The detail of the single compile error of {@code rule}, after the rule's JSON. */
  private static String error(String rule) {
    List<String> errs = errors(rule);
    assertEquals(1, errs.size(), errs.toString());
    String m = errs.get(0);
    String head = BASE + ".x-kubernetes-validations[0].rule: Invalid value: ";
    assertEquals(head, m.substring(0, head.length()), m);
    int at = m.indexOf("}: ");
    return m.substring(at + 3);
  }

  private static void accepted(String rule) {
    assertEquals(List.of(), errors(rule), rule);
  }

  /** A compile error's detail: its first line (the caret lines follow). */
  private static String firstLine(String detail) {
    return detail.split("\n")[0];
  }

  @Test
  void durationLiterals() {
    assertEquals(
        "compilation failed: ERROR: <input>:1:10: invalid duration argument\n"
            + " | duration('1') > duration('0s')\n"
            + " | .........^",
        error("duration('1') > duration('0s')"));
    assertEquals(
        "compilation failed: ERROR: <input>:1:10: invalid duration argument",
        firstLine(error("duration('1d') > duration('0s')")));
    assertEquals(
        "compilation failed: ERROR: <input>:1:28: invalid duration argument",
        firstLine(error("duration('1us') < duration('1nns')")));
    // validators run before the result type is looked at
    assertEquals(
        "compilation failed: ERROR: <input>:1:10: invalid duration argument",
        firstLine(error("duration('x')")));
    accepted("duration('1h2m3s4ms5us6ns') > duration('-1.5h')");
    accepted("duration(self.s) > duration('0s')");
  }

  @Test
  void timestampLiterals() {
    assertEquals(
        "compilation failed: ERROR: <input>:1:11: invalid timestamp argument",
        firstLine(error("timestamp('1000-00-00T00:00:00Z') == timestamp(0)")));
    assertEquals(
        "compilation failed: ERROR: <input>:1:11: invalid timestamp argument",
        firstLine(error("timestamp('1000-01-01T00:00:00ZZ') == timestamp(0)")));
    assertEquals(
        "compilation failed: ERROR: <input>:1:11: invalid timestamp argument",
        firstLine(error("timestamp(253402300800) == timestamp(0)")));
    accepted("timestamp('2011-08-18T19:03:37.01+01:00') > timestamp(-62135596800)");
  }

  @Test
  void regexLiterals() {
    assertEquals(
        "compilation failed: ERROR: <input>:1:16: invalid matches argument\n"
            + " | self.s.matches(')')\n"
            + " | ...............^",
        error("self.s.matches(')')"));
    assertEquals(
        "compilation failed: ERROR: <input>:1:16: invalid matches argument",
        firstLine(error("self.s.matches('x++')")));
    accepted("self.s.matches('^[a-z]+$')");
    // find and findAll compile their constant pattern when the program is made
    assertEquals(
        "program instantiation failed: error parsing regexp: unexpected ): `)`",
        error("self.s.find(')') == ''"));
    assertEquals(
        "program instantiation failed: error parsing regexp: unexpected ): `)`",
        error("self.s.findAll(')') == []"));
    assertEquals(
        "program instantiation failed: error parsing regexp: unexpected ): `)`",
        error("self.s.findAll(')', 1) == []"));
    assertEquals(
        "program instantiation failed: error parsing regexp: missing closing ]: `[a`",
        error("matches(self.s, '[a')"));
    assertEquals(
        "program instantiation failed: error parsing regexp: unexpected ): `a(b))`",
        error("self.s.find('a(b))') == ''"));
    accepted("self.s.find('[0-9]+') == '' && self.s.findAll(self.s).size() >= 0");
  }

  @Test
  void homogeneousLiterals() {
    assertEquals(
        "compilation failed: ERROR: <input>:1:5: expected type 'int' but found 'string'\n"
            + " | [1, 'a', false].filter(x, string(x) == 'a').size() == 1\n"
            + " | ....^",
        error("[1, 'a', false].filter(x, string(x) == 'a').size() == 1"));
    assertEquals(
        "compilation failed: ERROR: <input>:1:19: expected type 'string' but found 'int'",
        firstLine(error("{'k1': 'a', 'k2': 1, 'k2': false} == {}")));
    // map values keep being compared to the first; every mismatch is reported
    assertEquals(
        List.of(
            "compilation failed: ERROR: <input>:1:19: expected type 'string' but found 'int'",
            "ERROR: <input>:1:28: expected type 'string' but found 'bool'"),
        Arrays.stream(error("{'k1': 'a', 'k2': 1, 'k2': false} == {}").split("\n"))
            .filter(l -> l.contains("<input>"))
            .toList());
    assertEquals(
        "compilation failed: ERROR: <input>:1:10: expected type 'string' but found 'int'",
        firstLine(error("{'a': 1, 2: 1} == {}")));
    assertEquals(
        "compilation failed: ERROR: <input>:1:7: expected type 'list(int)' but found"
            + " 'list(string)'",
        firstLine(error("[[1], ['a']].size() == 2")));
    assertEquals(
        "compilation failed: ERROR: <input>:1:8: expected type 'null' but found 'int'",
        firstLine(error("[null, 1].size() == 2")));
    assertEquals(
        "compilation failed: ERROR: <input>:1:8: expected type 'int' but found 'dyn'",
        firstLine(error("[1, dyn(2)].size() == 2")));
    accepted("[[], [1]].size() == 2 && [1, 2, 3].size() == 3 && {'a': [1], 'b': []}.size() == 2");
    accepted("[?optional.of(1), 2].size() == 2");
    // format's argument list mixes types by design
    accepted("'%d %s'.format([1, 'a']) == '1 a'");
  }

  @Test
  void constantConversionsAreFolded() {
    assertEquals(
        "program instantiation failed: type conversion error from 'string' to 'int'",
        error("int('abc') == 1"));
    assertEquals(
        "program instantiation failed: type conversion error from 'string' to 'double'",
        error("double('1.0.0') == 1.0"));
    assertEquals(
        "program instantiation failed: type conversion error from 'string' to 'int'",
        error("string(int('x')) == '1'"));
    assertEquals("program instantiation failed: integer overflow", error("int(1e19) == 1"));
    assertEquals(
        "program instantiation failed: integer overflow", error("int(18446744073709551615u) == 1"));
    assertEquals(
        "program instantiation failed: unsigned integer overflow", error("uint(-1) == 1u"));
    assertEquals(
        "program instantiation failed: unsigned integer overflow", error("uint(-1.0) == 1u"));
    assertEquals(
        "program instantiation failed: invalid UTF-8 in bytes, cannot convert to string",
        error("string(b'\\xff') == ''"));
    accepted("int('12') == 12 && uint('3') == 3u && string(1) == '1' && bool('true')");
    accepted("int(self.s) == 1");
  }

  @Test
  void messageExpressionsAreCheckedToo() {
    List<String> errs =
        rules("true", "'bad' + string(duration('1d'))").compileErrors(BASE).stream()
            .map(FieldError::message)
            .toList();
    assertEquals(1, errs.size(), errs.toString());
    String m = errs.get(0);
    String detail = m.substring(m.indexOf("}: ") + 3).split("\n")[0];
    assertEquals(
        "messageExpression compilation failed: ERROR: <input>:1:25: invalid duration argument",
        detail);
    errs =
        rules("true", "self.s.find('(') ").compileErrors(BASE).stream()
            .map(FieldError::message)
            .toList();
    assertEquals(1, errs.size(), errs.toString());
    m = errs.get(0);
    assertEquals(
        "messageExpression instantiation failed: error parsing regexp: missing closing ):" + " `(`",
        m.substring(m.indexOf("}: ") + 3));
  }
}
