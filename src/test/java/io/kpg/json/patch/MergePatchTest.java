package io.kpg.json.patch;

import static io.kpg.json.patch.JsonPatchTest.j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchTest {

  static void assertMerges(String doc, String patch, String expected) {
    assertEquals(j(expected), MergePatch.apply(j(doc), j(patch)));
  }

  /** The examples of RFC 7386, appendix A (except a null patch, which upstream rejects). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'a':'b'}                 | {'a':'c'}                  | {'a':'c'}",
        "{'a':'b'}                 | {'b':'c'}                  | {'a':'b','b':'c'}",
        "{'a':'b'}                 | {'a':null}                 | {}",
        "{'a':'b','b':'c'}         | {'a':null}                 | {'b':'c'}",
        "{'a':['b']}               | {'a':'c'}                  | {'a':'c'}",
        "{'a':'c'}                 | {'a':['b']}                | {'a':['b']}",
        "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}}   | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}         | {'a':[1]}                  | {'a':[1]}",
        "['a','b']                 | ['c','d']                  | ['c','d']",
        "{'a':'b'}                 | ['c']                      | ['c']",
        "{'e':null}                | {'a':1}                    | {'e':null,'a':1}",
        "[1,2]                     | {'a':'b','c':null}         | {'a':'b'}",
        "{}                        | {'a':{'bb':{'ccc':null}}}  | {'a':{'bb':{}}}",
      })
  void rfc7386Examples(String doc, String patch, String expected) {
    assertMerges(doc, patch, expected);
  }

  @Test
  void nestedObjectsMerge() {
    assertMerges(
        "{'metadata':{'name':'x','labels':{'a':'1','b':'2'}},'spec':{'replicas':1}}",
        "{'metadata':{'labels':{'b':null,'c':'3'}},'spec':{'replicas':2}}",
        "{'metadata':{'name':'x','labels':{'a':'1','c':'3'}},'spec':{'replicas':2}}");
  }

  @Test
  void arraysAreReplacedWhole() {
    assertMerges(
        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b'}]}}",
        "{'spec':{'containers':[{'name':'a','image':'y'}]}}",
        "{'spec':{'containers':[{'name':'a','image':'y'}]}}");
  }

  @Test
  void nullsInsideNewValuesAreDropped() {
    // also inside objects nested in arrays, as evanphx/json-patch prunes them
    assertMerges(
        "{}",
        "{'a':[{'x':null,'y':1},null],'b':{'c':null,'d':{'e':null}}}",
        "{'a':[{'y':1},null],'b':{'d':{}}}");
  }

  @Test
  void nullsKeptWhenAnArrayReplacesAnObject() {
    // upstream only prunes when the current value is missing or not an object
    assertMerges("{'a':{'k':1}}", "{'a':[{'x':null}]}", "{'a':[{'x':null}]}");
  }

  @Test
  void nullDeletingMissingMemberIsANoop() {
    assertMerges("{'a':1}", "{'b':null}", "{'a':1}");
  }

  @Test
  void scalarReplacesObject() {
    assertMerges("{'a':{'b':1}}", "{'a':5}", "{'a':5}");
  }

  @Test
  void objectReplacesScalarWithoutItsNulls() {
    assertMerges("{'a':5}", "{'a':{'b':1,'c':null}}", "{'a':{'b':1}}");
  }

  @Test
  void emptyPatchChangesNothing() {
    assertMerges("{'a':{'b':[1]}}", "{}", "{'a':{'b':[1]}}");
  }

  @Test
  void inputsAreNotModified() {
    JsonNode doc = j("{'a':{'b':1},'c':2}");
    JsonNode patch = j("{'a':{'b':null,'d':{'e':null}},'c':null}");
    JsonNode out = MergePatch.apply(doc, patch);
    assertEquals(j("{'a':{'d':{}}}"), out);
    assertEquals(j("{'a':{'b':1},'c':2}"), doc);
    assertEquals(j("{'a':{'b':null,'d':{'e':null}},'c':null}"), patch);
  }

  @Test
  void nullPatchIsABadRequest() {
    StatusException e =
        assertThrows(StatusException.class, () -> MergePatch.apply(j("{}"), j("null")));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
    assertEquals("Invalid JSON Patch", e.getMessage());
  }

  @Test
  void scalarPatchIsABadRequest() {
    for (String p : new String[] {"'x'", "1", "true"}) {
      StatusException e =
          assertThrows(StatusException.class, () -> MergePatch.apply(j("{}"), j(p)));
      assertEquals(400, e.code());
      assertEquals("Invalid JSON Patch", e.getMessage());
    }
  }
}
