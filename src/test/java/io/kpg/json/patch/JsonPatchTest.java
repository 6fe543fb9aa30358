package io.kpg.json.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

  /** JSON with single quotes for readability. */
  static JsonNode j(String json) {
    try {
      return Json.MAPPER.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static JsonNode apply(String doc, String patch) {
    return JsonPatch.apply(j(doc), j(patch));
  }

  static void assertApplies(String doc, String patch, String expected) {
    assertEquals(j(expected), apply(doc, patch));
  }

  /** Asserts the 422 upstream answers for a failing operation, carrying {@code cause}. */
  static StatusException assertUnprocessable(String doc, String patch, String cause) {
    StatusException e = assertThrows(StatusException.class, () -> apply(doc, patch));
    assertEquals(422, e.code());
    assertEquals("Invalid", e.reason());
    assertEquals("the server rejected our request due to an error in our request", e.getMessage());
    JsonNode status = e.toStatus();
    assertEquals(
        "UnexpectedServerResponse", status.at("/details/causes/0/reason").asText(), "cause reason");
    assertEquals(cause, status.at("/details/causes/0/message").asText());
    return e;
  }

  static void assertBadRequest(String doc, String patch, String message) {
    StatusException e = assertThrows(StatusException.class, () -> apply(doc, patch));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
    assertEquals(message, e.getMessage());
  }

  // ------------------------------------------------------------------ add

  @Test
  void addObjectMember() {
    assertApplies(
        "{'a':1}", "[{'op':'add','path':'/b','value':{'c':[1]}}]", "{'a':1,'b':{'c':[1]}}");
  }

  @Test
  void addReplacesExistingMember() {
    assertApplies("{'a':1}", "[{'op':'add','path':'/a','value':'x'}]", "{'a':'x'}");
  }

  @Test
  void addIntoArray() {
    assertApplies("{'a':[1,2]}", "[{'op':'add','path':'/a/0','value':0}]", "{'a':[0,1,2]}");
    assertApplies("{'a':[1,2]}", "[{'op':'add','path':'/a/1','value':9}]", "{'a':[1,9,2]}");
    assertApplies("{'a':[1,2]}", "[{'op':'add','path':'/a/2','value':3}]", "{'a':[1,2,3]}");
  }

  @Test
  void addDashAppends() {
    assertApplies(
        "{'a':[1,2]}",
        "[{'op':'add','path':'/a/-','value':3},{'op':'add','path':'/a/-','value':4}]",
        "{'a':[1,2,3,4]}");
  }

  @Test
  void addNegativeIndexCountsFromTheEnd() {
    // evanphx/json-patch supports negative indices (SupportNegativeIndices defaults to true)
    assertApplies("{'a':[1,2]}", "[{'op':'add','path':'/a/-1','value':3}]", "{'a':[1,2,3]}");
    assertApplies("{'a':[1,2]}", "[{'op':'add','path':'/a/-3','value':0}]", "{'a':[0,1,2]}");
  }

  @Test
  void addWithoutValueAddsNull() {
    assertApplies("{'a':1}", "[{'op':'add','path':'/b'}]", "{'a':1,'b':null}");
  }

  @Test
  void addValueIsCopiedNotShared() {
    JsonNode patch = j("[{'op':'add','path':'/b','value':{'x':1}}]");
    JsonNode out = JsonPatch.apply(j("{}"), patch);
    ((com.fasterxml.jackson.databind.node.ObjectNode) out.get("b")).put("x", 2);
    assertEquals(1, patch.at("/0/value/x").asInt());
  }

  @Test
  void addIndexOutOfRange() {
    assertUnprocessable(
        "{'a':[1,2]}",
        "[{'op':'add','path':'/a/3','value':3}]",
        "error in add for path: '/a/3': Unable to access invalid index: 3: invalid index referenced");
    assertUnprocessable(
        "{'a':[1,2]}",
        "[{'op':'add','path':'/a/-4','value':3}]",
        "error in add for path: '/a/-4': Unable to access invalid index: -4: invalid index"
            + " referenced");
  }

  @Test
  void addNonNumericIndex() {
    assertUnprocessable(
        "{'a':[1,2]}",
        "[{'op':'add','path':'/a/x','value':3}]",
        "error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi:"
            + " parsing \"x\": invalid syntax");
  }

  @Test
  void addMissingParent() {
    assertUnprocessable(
        "{'a':{}}",
        "[{'op':'add','path':'/x/y','value':1}]",
        "add operation does not apply: doc is missing path: \"/x/y\": missing value");
    // through a scalar
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'add','path':'/a/y','value':1}]",
        "add operation does not apply: doc is missing path: \"/a/y\": missing value");
    // through null
    assertUnprocessable(
        "{'a':null}",
        "[{'op':'add','path':'/a/y','value':1}]",
        "add operation does not apply: doc is missing path: \"/a/y\": missing value");
  }

  @Test
  void addToRootPathIsMissingPathAsUpstream() {
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'add','path':'','value':{}}]",
        "add operation does not apply: doc is missing path: \"\": missing value");
  }

  @Test
  void addWithoutPath() {
    assertUnprocessable(
        "{}", "[{'op':'add','value':1}]", "add operation failed to decode path: missing value");
  }

  // ------------------------------------------------------------------ remove

  @Test
  void removeMemberAndElement() {
    assertApplies(
        "{'a':1,'b':[1,2,3]}",
        "[{'op':'remove','path':'/a'},{'op':'remove','path':'/b/1'}]",
        "{'b':[1,3]}");
  }

  @Test
  void removeNegativeIndex() {
    assertApplies("{'b':[1,2,3]}", "[{'op':'remove','path':'/b/-1'}]", "{'b':[1,2]}");
  }

  @Test
  void removeMissingMember() {
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'remove','path':'/b'}]",
        "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value");
  }

  @Test
  void removeMissingElement() {
    assertUnprocessable(
        "{'a':[1]}",
        "[{'op':'remove','path':'/a/1'}]",
        "error in remove for path: '/a/1': Unable to access invalid index: 1: invalid index"
            + " referenced");
    assertUnprocessable(
        "{'a':[1]}",
        "[{'op':'remove','path':'/a/-'}]",
        "error in remove for path: '/a/-': strconv.Atoi: parsing \"-\": invalid syntax");
  }

  @Test
  void removeMissingParent() {
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'remove','path':'/x/y'}]",
        "remove operation does not apply: doc is missing path: \"/x/y\": missing value");
  }

  // ------------------------------------------------------------------ replace

  @Test
  void replaceMemberAndElement() {
    assertApplies(
        "{'a':1,'b':[1,2]}",
        "[{'op':'replace','path':'/a','value':{'x':true}},{'op':'replace','path':'/b/0','value':9}]",
        "{'a':{'x':true},'b':[9,2]}");
  }

  @Test
  void replaceOfMissingMemberAddsItAsUpstream() {
    assertApplies("{'a':1}", "[{'op':'replace','path':'/b','value':2}]", "{'a':1,'b':2}");
  }

  @Test
  void replaceWholeDocument() {
    assertApplies("{'a':1}", "[{'op':'replace','path':'','value':{'b':2}}]", "{'b':2}");
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'replace','path':'','value':3}]",
        "replace operation value must be object or array: %!w(<nil>)");
  }

  @Test
  void replaceMissingElement() {
    assertUnprocessable(
        "{'a':[1]}",
        "[{'op':'replace','path':'/a/3','value':2}]",
        "replace operation does not apply: doc is missing key: /a/3: missing value");
  }

  @Test
  void replaceMissingParent() {
    assertUnprocessable(
        "{'a':{}}",
        "[{'op':'replace','path':'/b/c','value':2}]",
        "replace operation does not apply: doc is missing path: /b/c: missing value");
  }

  @Test
  void replaceWithoutPath() {
    assertUnprocessable(
        "{}",
        "[{'op':'replace','value':1}]",
        "replace operation failed to decode path: operation missing path field: missing value");
  }

  // ------------------------------------------------------------------ move / copy

  @Test
  void move() {
    assertApplies(
        "{'a':{'b':1},'c':[1,2]}",
        "[{'op':'move','from':'/a/b','path':'/d'},{'op':'move','from':'/c/0','path':'/c/-'}]",
        "{'a':{},'c':[2,1],'d':1}");
  }

  @Test
  void moveFromMissing() {
    assertUnprocessable(
        "{'a':{}}",
        "[{'op':'move','from':'/a/b','path':'/d'}]",
        "error in move for path: 'b': Unable to remove nonexistent key: b: missing value");
    assertUnprocessable(
        "{'a':{}}",
        "[{'op':'move','from':'/x/b','path':'/d'}]",
        "move operation does not apply: doc is missing from path: /x/b: missing value");
  }

  @Test
  void moveIntoOwnChildFails() {
    assertUnprocessable(
        "{'a':{'b':{}}}",
        "[{'op':'move','from':'/a','path':'/a/b/c'}]",
        "move operation does not apply: doc is missing destination path: /a/b/c: missing value");
  }

  @Test
  void moveWithoutFrom() {
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'move','path':'/b'}]",
        "move operation failed to decode from: operation, missing from field: missing value");
  }

  @Test
  void copyIsDeep() {
    JsonNode out = apply("{'a':{'b':[1]}}", "[{'op':'copy','from':'/a','path':'/c'}]");
    assertEquals(j("{'a':{'b':[1]},'c':{'b':[1]}}"), out);
    ((ArrayNode) out.at("/c/b")).add(2);
    assertEquals(j("[1]"), out.at("/a/b"));
  }

  @Test
  void copyIntoArray() {
    assertApplies("{'a':[1,2]}", "[{'op':'copy','from':'/a/1','path':'/a/0'}]", "{'a':[2,1,2]}");
  }

  @Test
  void copyFromMissingElement() {
    assertUnprocessable(
        "{'a':[1]}",
        "[{'op':'copy','from':'/a/5','path':'/b'}]",
        "error in copy for from: '/a/5': Unable to access invalid index: 5: invalid index"
            + " referenced");
  }

  @Test
  void copyToMissingDestination() {
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'copy','from':'/a','path':'/x/y'}]",
        "copy operation does not apply: doc is missing destination path: /x/y: missing value");
  }

  // ------------------------------------------------------------------ test

  @Test
  void testOpPasses() {
    assertApplies(
        "{'a':{'b':[1,'x',{'c':null}]},'n':5}",
        "[{'op':'test','path':'/a','value':{'b':[1,'x',{'c':null}]}},"
            + "{'op':'test','path':'/n','value':5},"
            + "{'op':'add','path':'/ok','value':true}]",
        "{'a':{'b':[1,'x',{'c':null}]},'n':5,'ok':true}");
  }

  @Test
  void testOpFails() {
    assertUnprocessable(
        "{'a':'x'}",
        "[{'op':'test','path':'/a','value':'y'}]",
        "testing value /a failed: test failed");
  }

  @Test
  void testOpDistinguishesIntegersFromFloats() {
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'test','path':'/a','value':1.0}]",
        "testing value /a failed: test failed");
  }

  @Test
  void testOpComparesIntegersByValue() {
    assertApplies(
        "{'a':5000000000}", "[{'op':'test','path':'/a','value':5000000000}]", "{'a':5000000000}");
    JsonNode doc = Json.object().put("a", 7L);
    JsonPatch.apply(doc, j("[{'op':'test','path':'/a','value':7}]"));
  }

  @Test
  void testOpNullMatchesMissingMember() {
    assertApplies("{'a':1}", "[{'op':'test','path':'/b','value':null}]", "{'a':1}");
    assertUnprocessable(
        "{'a':1}", "[{'op':'test','path':'/b','value':1}]", "testing value /b failed: test failed");
    assertUnprocessable(
        "{'a':1}", "[{'op':'test','path':'/a'}]", "testing value /a failed: test failed");
  }

  @Test
  void testOpWholeDocument() {
    assertApplies("{'a':1}", "[{'op':'test','path':'','value':{'a':1}}]", "{'a':1}");
    assertUnprocessable(
        "{'a':1}",
        "[{'op':'test','path':'','value':{'a':2}}]",
        "testing value  failed: test failed");
  }

  @Test
  void testOpMissingElement() {
    assertUnprocessable(
        "{'a':[]}",
        "[{'op':'test','path':'/a/0','value':1}]",
        "error in test for path: '/a/0': Unable to access invalid index: 0: invalid index"
            + " referenced");
    assertUnprocessable(
        "{'a':[]}",
        "[{'op':'test','path':'/x/0','value':1}]",
        "test operation does not apply: is missing path: /x/0: missing value");
  }

  @Test
  void testOpPathNotAString() {
    assertUnprocessable(
        "{}",
        "[{'op':'test','path':3,'value':1}]",
        "test operation failed to decode path: json: cannot unmarshal number into Go value of"
            + " type string");
  }

  // ------------------------------------------------------------------ pointers

  @Test
  void pointerEscapes() {
    assertApplies(
        "{'a/b':1,'m~n':2,'~1':3}",
        "[{'op':'replace','path':'/a~1b','value':10},"
            + "{'op':'replace','path':'/m~0n','value':20},"
            + "{'op':'remove','path':'/~01'}]",
        "{'a/b':10,'m~n':20}");
  }

  @Test
  void emptyKeyIsAMemberName() {
    assertApplies("{}", "[{'op':'add','path':'/','value':1}]", "{'':1}");
  }

  @Test
  void arrayRootDocument() {
    assertEquals(j("[0,1]"), JsonPatch.apply(j("[1]"), j("[{'op':'add','path':'/0','value':0}]")));
  }

  // ------------------------------------------------------------------ the patch document

  @Test
  void unknownOperation() {
    assertUnprocessable("{}", "[{'op':'frobnicate','path':'/a'}]", "Unexpected kind: frobnicate");
  }

  @Test
  void missingOperation() {
    assertUnprocessable("{}", "[{'path':'/a','value':1}]", "Unexpected kind: unknown");
    assertUnprocessable("{}", "[null]", "Unexpected kind: unknown");
    assertUnprocessable("{}", "[{'op':1,'path':'/a'}]", "Unexpected kind: unknown");
  }

  @Test
  void patchNotAnArray() {
    assertBadRequest(
        "{}",
        "{'op':'add','path':'/a','value':1}",
        "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    assertBadRequest(
        "{}", "'x'", "json: cannot unmarshal string into Go value of type jsonpatch.Patch");
  }

  @Test
  void operationNotAnObject() {
    assertBadRequest(
        "{}",
        "[{'op':'add','path':'/a','value':1}, 5]",
        "json: cannot unmarshal number into Go value of type jsonpatch.Operation");
    assertBadRequest(
        "{}", "[[]]", "json: cannot unmarshal array into Go value of type jsonpatch.Operation");
  }

  @Test
  void nullOrEmptyPatchChangesNothing() {
    assertApplies("{'a':1}", "null", "{'a':1}");
    assertApplies("{'a':1}", "[]", "{'a':1}");
  }

  @Test
  void tooManyOperations() {
    ArrayNode ops = Json.array();
    for (int i = 0; i <= PatchErrors.MAX_JSON_PATCH_OPERATIONS; i++) {
      ops.addObject().put("op", "test").put("path", "/a").put("value", 1);
    }
    StatusException e =
        assertThrows(StatusException.class, () -> JsonPatch.apply(j("{'a':1}"), ops));
    assertEquals(413, e.code());
    assertEquals("RequestEntityTooLarge", e.reason());
    assertEquals(
        "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got"
            + " 10001",
        e.getMessage());
  }

  @Test
  void failingPatchLeavesDocumentUntouched() {
    JsonNode doc = j("{'a':1}");
    assertThrows(
        StatusException.class,
        () ->
            JsonPatch.apply(
                doc,
                j("[{'op':'add','path':'/b','value':2},{'op':'test','path':'/a','value':2}]")));
    assertEquals(j("{'a':1}"), doc);
  }

  @Test
  void operationsApplyInOrder() {
    assertApplies(
        "{'spec':{'replicas':1,'template':{'labels':{}}}}",
        "[{'op':'test','path':'/spec/replicas','value':1},"
            + "{'op':'replace','path':'/spec/replicas','value':3},"
            + "{'op':'add','path':'/spec/template/labels/app','value':'web'},"
            + "{'op':'copy','from':'/spec/template/labels','path':'/spec/selector'},"
            + "{'op':'test','path':'/spec/selector/app','value':'web'}]",
        "{'spec':{'replicas':3,'template':{'labels':{'app':'web'}},'selector':{'app':'web'}}}");
  }

  @Test
  void hugeIndexIsOutOfRange() {
    assertUnprocessable(
        "{'a':[1]}",
        "[{'op':'add','path':'/a/99999999999999999999','value':3}]",
        "error in add for path: '/a/99999999999999999999': value was not a proper array index:"
            + " '99999999999999999999': strconv.Atoi: parsing \"99999999999999999999\": value out"
            + " of range");
  }
}
