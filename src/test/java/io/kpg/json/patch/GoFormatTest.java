package io.kpg.json.patch;

import static io.kpg.json.patch.JsonPatchTest.j;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoFormatTest {

  @Test
  void valuesPrintLikeGoPercentV() {
    assertEquals(
        "map[a:[1 x true <nil>] b:map[c:1.5] z:]",
        GoFormat.v(j("{'z':'','b':{'c':1.5},'a':[1,'x',true,null]}")));
    assertEquals("<nil>", GoFormat.v(null));
  }

  @Test
  void floatsPrintLikeStrconvG() {
    assertEquals("1.5", GoFormat.floatG(1.5));
    assertEquals("100000.5", GoFormat.floatG(100000.5));
    assertEquals("1.234567e+06", GoFormat.floatG(1234567.0));
    assertEquals("1e+21", GoFormat.floatG(1e21));
    assertEquals("0.0001", GoFormat.floatG(0.0001));
    assertEquals("1e-05", GoFormat.floatG(0.00001));
    assertEquals("-2.5", GoFormat.floatG(-2.5));
  }

  @Test
  void typesAndBadVerbs() {
    assertEquals("map[string]interface {}", GoFormat.type(j("{}")));
    assertEquals("[]interface {}", GoFormat.type(j("[]")));
    assertEquals("int64", GoFormat.type(j("1")));
    assertEquals("float64", GoFormat.type(j("1.0")));
    assertEquals("x", GoFormat.s(j("'x'")));
    assertEquals("%!s(int64=5)", GoFormat.s(j("5")));
  }
}
