package io.kpg.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.errors.StatusException;
import io.kpg.selector.FieldSelector.Operator;
import io.kpg.selector.FieldSelector.Requirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

  static String badRequest(String selector) {
    StatusException e = assertThrows(StatusException.class, () -> FieldSelector.parse(selector));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
    return e.getMessage();
  }

  @Test
  void emptySelectsEverything() {
    assertTrue(FieldSelector.parse("").isEmpty());
    assertTrue(FieldSelector.parse(null).isEmpty());
    assertTrue(FieldSelector.parse(",,").isEmpty());
    assertTrue(FieldSelector.parse("").matches(f -> "x"));
    assertEquals("", FieldSelector.parse("").toString());
  }

  @Test
  void parsesOperators() {
    assertEquals(
        List.of(new Requirement("metadata.name", Operator.EQUALS, "foo")),
        FieldSelector.parse("metadata.name=foo").requirements());
    assertEquals(
        List.of(new Requirement("metadata.name", Operator.EQUALS, "foo")),
        FieldSelector.parse("metadata.name==foo").requirements());
    assertEquals(
        List.of(new Requirement("spec.nodeName", Operator.NOT_EQUALS, "")),
        FieldSelector.parse("spec.nodeName!=").requirements());
    assertEquals(
        List.of(
            new Requirement("a", Operator.EQUALS, "1"),
            new Requirement("b", Operator.NOT_EQUALS, "2")),
        FieldSelector.parse("b!=2,a=1").requirements());
  }

  @Test
  void noWhitespaceTrimming() {
    assertEquals(
        List.of(new Requirement(" a ", Operator.EQUALS, " b")),
        FieldSelector.parse(" a = b").requirements());
  }

  @Test
  void escaping() {
    assertEquals(
        List.of(new Requirement("a", Operator.EQUALS, "x,y=z\\")),
        FieldSelector.parse("a=x\\,y\\=z\\\\").requirements());
    FieldSelector s = FieldSelector.parse("a=x\\,y,b=c");
    assertEquals(
        List.of(
            new Requirement("a", Operator.EQUALS, "x,y"),
            new Requirement("b", Operator.EQUALS, "c")),
        s.requirements());
    assertEquals("a=x\\,y,b=c", s.toString());
    assertEquals("a\\\\b\\,c\\=d", FieldSelector.escapeValue("a\\b,c=d"));
    assertEquals("a\\b,c=d", FieldSelector.unescapeValue("a\\\\b\\,c\\=d"));
  }

  @Test
  void canonicalString() {
    assertEquals("a=1,b!=2", FieldSelector.parse("b!=2,a==1").toString());
    assertEquals(FieldSelector.parse("b!=2,a==1"), FieldSelector.parse("a=1,b!=2"));
  }

  @Test
  void errors() {
    assertEquals("invalid selector: 'foo'; can't understand 'foo'", badRequest("foo"));
    assertEquals("invalid selector: 'a=1,b'; can't understand 'b'", badRequest("a=1,b"));
    assertEquals("invalid field selector: unescaped character in value: 61", badRequest("a=b=c"));
    assertEquals("invalid field selector: invalid escape sequence: \\x", badRequest("a=\\x"));
    assertEquals("invalid field selector: invalid escape sequence: \\", badRequest("a=b\\"));
  }

  @Test
  void matching() {
    Map<String, String> pod = Map.of("metadata.name", "foo", "spec.nodeName", "node1");
    assertTrue(FieldSelector.parse("metadata.name=foo").matches(pod::get));
    assertFalse(FieldSelector.parse("metadata.name=bar").matches(pod::get));
    assertTrue(FieldSelector.parse("metadata.name!=bar").matches(pod::get));
    assertTrue(FieldSelector.parse("status.phase=").matches(pod::get)); // missing reads as ""
    assertFalse(FieldSelector.parse("status.phase!=").matches(pod::get));
    assertTrue(FieldSelector.parse("metadata.name=foo,spec.nodeName=node1").matches(pod::get));
    assertFalse(FieldSelector.parse("metadata.name=foo,spec.nodeName=node2").matches(pod::get));
  }

  @Test
  void requiresExactMatch() {
    FieldSelector s = FieldSelector.parse("metadata.name=foo,metadata.namespace!=bar");
    assertEquals(Optional.of("foo"), s.requiresExactMatch("metadata.name"));
    assertEquals(Optional.empty(), s.requiresExactMatch("metadata.namespace"));
  }
}
