package io.kpg.json.patch;

import static io.kpg.json.patch.JsonPatchTest.j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

  static final Schema POD =
      SchemaRegistry.builtin().forMessage(SchemaRegistry.messageFor("", "v1", "Pod"));
  static final Schema DEPLOYMENT =
      SchemaRegistry.builtin().forMessage(SchemaRegistry.messageFor("apps", "v1", "Deployment"));

  static final String POD_DOC =
      "{'apiVersion':'v1','kind':'Pod',"
          + "'metadata':{'name':'web','namespace':'default','labels':{'app':'web'},"
          + "'annotations':{'a':'1'},'finalizers':['f1','f2']},"
          + "'spec':{'containers':["
          + "{'name':'nginx','image':'nginx:1.25',"
          + "'ports':[{'containerPort':80,'protocol':'TCP'}],"
          + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],"
          + "'resources':{'limits':{'cpu':'1'}}},"
          + "{'name':'sidecar','image':'busybox','args':['sleep','3600']}],"
          + "'volumes':[{'name':'data','emptyDir':{}}],"
          + "'nodeSelector':{'disk':'ssd','zone':'a'},"
          + "'tolerations':[{'key':'k1','operator':'Exists'}],"
          + "'restartPolicy':'Always'}}";

  static ObjectNode obj(String json) {
    return (ObjectNode) j(json);
  }

  static ObjectNode pod(String patch) {
    return StrategicMergePatch.apply(obj(POD_DOC), obj(patch), POD);
  }

  static ObjectNode podWith(String pathToReplace, String value, String patch) {
    ObjectNode doc = obj(POD_DOC);
    ObjectNode parent =
        (ObjectNode) doc.at(pathToReplace.substring(0, pathToReplace.lastIndexOf('/')));
    parent.set(pathToReplace.substring(pathToReplace.lastIndexOf('/') + 1), j(value));
    return StrategicMergePatch.apply(doc, obj(patch), POD);
  }

  static JsonNode names(JsonNode list, String key) {
    var out = Json.array();
    list.forEach(e -> out.add(e.get(key)));
    return out;
  }

  static StatusException fails(int code, ObjectNode doc, String patch, Schema schema) {
    StatusException e =
        assertThrows(
            StatusException.class, () -> StrategicMergePatch.apply(doc, obj(patch), schema));
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  static void assertNoDirectives(JsonNode n) {
    if (n.isObject()) {
      n.fieldNames().forEachRemaining(k -> assertFalse(k.startsWith("$"), "directive left: " + k));
    }
    n.forEach(StrategicMergePatchTest::assertNoDirectives);
  }

  // ------------------------------------------------------------------ kubectl apply

  @Test
  void kubectlApplyBody() {
    String live =
        """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"7",
           "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"old\\":true}\\n"},
           "labels":{"app":"web"}},
         "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","imagePullPolicy":"IfNotPresent",
           "ports":[{"containerPort":80,"protocol":"TCP"}],
           "terminationMessagePath":"/dev/termination-log","resources":{}}],
           "restartPolicy":"Always","dnsPolicy":"ClusterFirst"},
         "status":{"phase":"Pending"}}
        """;
    String patch =
        """
        {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\",\\"metadata\\":{\\"annotations\\":{},\\"labels\\":{\\"app\\":\\"web\\",\\"tier\\":\\"web\\"},\\"name\\":\\"web\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"containers\\":[{\\"image\\":\\"nginx:1.26\\",\\"name\\":\\"nginx\\"}]}}\\n"},"labels":{"tier":"web"}},"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.26","name":"nginx"}]}}
        """;
    ObjectNode liveDoc = (ObjectNode) parse(live);
    ObjectNode out = StrategicMergePatch.apply(liveDoc, (ObjectNode) parse(patch), POD);

    ObjectNode expected = liveDoc.deepCopy();
    ((ObjectNode) expected.at("/metadata/labels")).put("tier", "web");
    ((ObjectNode) expected.at("/metadata/annotations"))
        .set(
            "kubectl.kubernetes.io/last-applied-configuration",
            parse(patch)
                .at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"));
    ((ObjectNode) expected.at("/spec/containers/0")).put("image", "nginx:1.26");
    assertEquals(expected, out);
    assertEquals("nginx:1.25", liveDoc.at("/spec/containers/0/image").asText(), "input untouched");
  }

  static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  // ------------------------------------------------------------------ maps and nulls

  @Test
  void mapsMergeAndNullDeletes() {
    ObjectNode out =
        pod(
            "{'metadata':{'labels':{'app':null,'tier':'web'},'annotations':{'b':'2'}},"
                + "'spec':{'nodeSelector':null,'restartPolicy':'Never'}}");
    assertEquals(j("{'tier':'web'}"), out.at("/metadata/labels"));
    assertEquals(j("{'a':'1','b':'2'}"), out.at("/metadata/annotations"));
    assertFalse(out.get("spec").has("nodeSelector"));
    assertEquals("Never", out.at("/spec/restartPolicy").asText());
    assertEquals(2, out.at("/spec/containers").size(), "untouched fields kept");
  }

  @Test
  void nullsInsideNewValuesAreDropped() {
    ObjectNode out =
        pod(
            "{'spec':{'securityContext':{'runAsUser':1000,'fsGroup':null,"
                + "'seLinuxOptions':{'level':null,'user':'u'}}}}");
    assertEquals(
        j("{'runAsUser':1000,'seLinuxOptions':{'user':'u'}}"), out.at("/spec/securityContext"));
  }

  @Test
  void valueOfAnotherTypeReplaces() {
    ObjectNode deployment =
        obj("{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%'}}}}");
    ObjectNode out =
        StrategicMergePatch.apply(
            deployment, obj("{'spec':{'strategy':{'rollingUpdate':{'maxSurge':1}}}}"), DEPLOYMENT);
    assertEquals(1, out.at("/spec/strategy/rollingUpdate/maxSurge").asInt());
    assertEquals("RollingUpdate", out.at("/spec/strategy/type").asText());
  }

  @Test
  void mapDirectiveReplace() {
    ObjectNode out = pod("{'spec':{'nodeSelector':{'$patch':'replace','gpu':'yes'}}}");
    assertEquals(j("{'gpu':'yes'}"), out.at("/spec/nodeSelector"));
  }

  @Test
  void mapDirectiveDelete() {
    ObjectNode out = pod("{'metadata':{'labels':{'$patch':'delete'}}}");
    assertEquals(j("{}"), out.at("/metadata/labels"));
    assertEquals("web", out.at("/metadata/name").asText());
  }

  @Test
  void mapDirectiveOnAbsentMemberDropsTheValue() {
    // upstream's removeDirectives: a new value that is itself a directive is not added
    ObjectNode out = pod("{'spec':{'securityContext':{'$patch':'replace','runAsUser':1}}}");
    assertFalse(out.get("spec").has("securityContext"));
  }

  @Test
  void unknownMapDirective() {
    StatusException e =
        fails(500, obj(POD_DOC), "{'spec':{'nodeSelector':{'$patch':'bogus','a':'b'}}}", POD);
    assertEquals("unknown patch type: bogus in map: map[$patch:bogus a:b]", e.getMessage());
  }

  @Test
  void topLevelReplace() {
    ObjectNode out = pod("{'$patch':'replace','kind':'Pod','metadata':{'name':'x'}}");
    assertEquals(j("{'kind':'Pod','metadata':{'name':'x'}}"), out);
  }

  // ------------------------------------------------------------------ lists of objects

  @Test
  void mergeListByKey() {
    ObjectNode out = pod("{'spec':{'containers':[{'name':'sidecar','image':'busybox:2'}]}}");
    JsonNode containers = out.at("/spec/containers");
    assertEquals(j("['nginx','sidecar']"), names(containers, "name"));
    assertEquals("busybox:2", containers.at("/1/image").asText());
    assertEquals(j("['sleep','3600']"), containers.at("/1/args"), "other fields kept");
    assertEquals(obj(POD_DOC).at("/spec/containers/0"), containers.get(0), "others untouched");
  }

  @Test
  void newElementsGoBeforeServerOnlyElements() {
    // without $setElementOrder upstream puts patch elements not in the live list first
    ObjectNode out = pod("{'spec':{'containers':[{'name':'new','image':'x'}]}}");
    assertEquals(j("['new','nginx','sidecar']"), names(out.at("/spec/containers"), "name"));
  }

  @Test
  void patchOrderInterleavesWithLiveOrder() {
    ObjectNode out =
        pod("{'spec':{'containers':[{'name':'sidecar','image':'b2'},{'name':'new','image':'x'}]}}");
    assertEquals(j("['nginx','sidecar','new']"), names(out.at("/spec/containers"), "name"));
  }

  @Test
  void nestedMergeLists() {
    ObjectNode out =
        pod(
            "{'spec':{'containers':[{'name':'nginx',"
                + "'env':[{'name':'B','value':'20'},{'name':'C','value':'3'}],"
                + "'ports':[{'containerPort':80,'name':'http'}]}]}}");
    JsonNode nginx = out.at("/spec/containers/0");
    assertEquals(
        j("[{'name':'A','value':'1'},{'name':'B','value':'20'},{'name':'C','value':'3'}]"),
        nginx.get("env"));
    assertEquals(j("[{'containerPort':80,'protocol':'TCP','name':'http'}]"), nginx.get("ports"));
    assertEquals("nginx:1.25", nginx.get("image").asText());
  }

  @Test
  void newElementNullsAreDropped() {
    ObjectNode out = pod("{'spec':{'containers':[{'name':'new','image':'x','command':null}]}}");
    assertEquals(j("{'name':'new','image':'x'}"), out.at("/spec/containers/0"));
  }

  @Test
  void listElementDeleteDirective() {
    ObjectNode out =
        pod(
            "{'spec':{'containers':[{'name':'sidecar','$patch':'delete'}],"
                + "'volumes':[{'name':'missing','$patch':'delete'}]}}");
    assertEquals(j("['nginx']"), names(out.at("/spec/containers"), "name"));
    assertEquals(j("[{'name':'data','emptyDir':{}}]"), out.at("/spec/volumes"));
  }

  @Test
  void listElementDeleteWithoutMergeKey() {
    StatusException e =
        fails(500, obj(POD_DOC), "{'spec':{'containers':[{'$patch':'delete'}]}}", POD);
    assertEquals(
        "map: map[$patch:delete] does not contain declared merge key: name", e.getMessage());
  }

  @Test
  void listReplaceDirective() {
    ObjectNode out =
        pod("{'spec':{'containers':[{'$patch':'replace'},{'name':'only','image':'x'}]}}");
    assertEquals(j("[{'name':'only','image':'x'}]"), out.at("/spec/containers"));
    assertNoDirectives(out);
  }

  @Test
  void listMergeDirectiveIsRejected() {
    StatusException e =
        fails(500, obj(POD_DOC), "{'spec':{'containers':[{'$patch':'merge'}]}}", POD);
    assertEquals("merging lists cannot yet be specified in the patch", e.getMessage());
  }

  @Test
  void listUnknownDirective() {
    StatusException e =
        fails(500, obj(POD_DOC), "{'spec':{'containers':[{'$patch':'x','name':'n'}]}}", POD);
    assertEquals("unknown patch type: x in map: map[$patch:x name:n]", e.getMessage());
  }

  @Test
  void missingMergeKey() {
    StatusException e =
        fails(500, obj(POD_DOC), "{'spec':{'containers':[{'image':'nginx:2'}]}}", POD);
    assertEquals("", e.reason());
    assertEquals(
        "map: map[image:nginx:2] does not contain declared merge key: name", e.getMessage());
  }

  @Test
  void nonMergeListIsReplaced() {
    ObjectNode out =
        pod(
            "{'spec':{'tolerations':[{'key':'k2','operator':'Exists'}],"
                + "'containers':[{'name':'sidecar','args':['sleep','1']}]}}");
    assertEquals(j("[{'key':'k2','operator':'Exists'}]"), out.at("/spec/tolerations"));
    assertEquals(j("['sleep','1']"), out.at("/spec/containers/1/args"));
  }

  @Test
  void integerMergeKeysMatchAcrossNumberTypes() {
    ObjectNode doc = obj(POD_DOC);
    ((ObjectNode) doc.at("/spec/containers/0/ports/0")).put("containerPort", 80L);
    ObjectNode out =
        StrategicMergePatch.apply(
            doc,
            obj(
                "{'spec':{'containers':[{'name':'nginx','ports':[{'containerPort':80,'hostPort':8080}]}]}}"),
            POD);
    assertEquals(1, out.at("/spec/containers/0/ports").size());
    assertEquals(8080, out.at("/spec/containers/0/ports/0/hostPort").asInt());
  }

  // ------------------------------------------------------------------ lists of scalars

  @Test
  void primitiveMergeListIsAUnion() {
    ObjectNode out = pod("{'metadata':{'finalizers':['f2','f3']}}");
    assertEquals(j("['f1','f2','f3']"), out.at("/metadata/finalizers"));
  }

  @Test
  void newPrimitiveGoesBeforeServerOnlyValues() {
    ObjectNode out = pod("{'metadata':{'finalizers':['f0']}}");
    assertEquals(j("['f0','f1','f2']"), out.at("/metadata/finalizers"));
  }

  @Test
  void deleteFromPrimitiveList() {
    ObjectNode out = pod("{'metadata':{'$deleteFromPrimitiveList/finalizers':['f1','nope']}}");
    assertEquals(j("['f2']"), out.at("/metadata/finalizers"));
    assertNoDirectives(out);
  }

  @Test
  void deleteFromPrimitiveListWinsOverAddition() {
    ObjectNode out =
        pod("{'metadata':{'finalizers':['f3'],'$deleteFromPrimitiveList/finalizers':['f1','f3']}}");
    assertEquals(j("['f2']"), out.at("/metadata/finalizers"));
  }

  @Test
  void deleteFromAbsentPrimitiveListAddsNothing() {
    ObjectNode doc = obj(POD_DOC);
    ((ObjectNode) doc.get("metadata")).remove("finalizers");
    ObjectNode out =
        StrategicMergePatch.apply(
            doc, obj("{'metadata':{'$deleteFromPrimitiveList/finalizers':['f1']}}"), POD);
    assertFalse(out.get("metadata").has("finalizers"));
    assertNoDirectives(out);
  }

  @Test
  void deleteFromPrimitiveListBadKey() {
    StatusException e =
        fails(400, obj(POD_DOC), "{'metadata':{'$deleteFromPrimitiveListfinalizers':['f1']}}", POD);
    assertEquals("BadRequest", e.reason());
    assertEquals("invalid patch format of primitive list", e.getMessage());
  }

  @Test
  void listOfListsIsUnprocessable() {
    StatusException e =
        fails(
            422, obj("{'metadata':{'finalizers':[]}}"), "{'metadata':{'finalizers':[['x']]}}", POD);
    assertEquals("Invalid", e.reason());
    assertEquals(
        "lists of lists are not supported", e.toStatus().at("/details/causes/0/message").asText());
  }

  @Test
  void mixedElementTypes() {
    StatusException e = fails(500, obj(POD_DOC), "{'metadata':{'finalizers':[1]}}", POD);
    assertEquals("list element types are not identical: [[f1 f2] [1]]", e.getMessage());
  }

  // ------------------------------------------------------------------ $retainKeys

  static final String DEPLOY_DOC =
      "{'metadata':{'name':'d'},'spec':{'replicas':2,"
          + "'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1,'maxUnavailable':0}},"
          + "'template':{'spec':{'containers':[{'name':'c','image':'i'}],"
          + "'volumes':[{'name':'data','emptyDir':{}},{'name':'cfg','configMap':{'name':'x'}}]}}}}";

  static ObjectNode deploy(String patch) {
    return StrategicMergePatch.apply(obj(DEPLOY_DOC), obj(patch), DEPLOYMENT);
  }

  @Test
  void retainKeysClearsOtherMembers() {
    ObjectNode out = deploy("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}");
    assertEquals(j("{'type':'Recreate'}"), out.at("/spec/strategy"));
    assertEquals(2, out.at("/spec/replicas").asInt());
  }

  @Test
  void retainKeysKeepsListedMembersAndMerges() {
    ObjectNode out =
        deploy(
            "{'spec':{'strategy':{'$retainKeys':['type','rollingUpdate'],"
                + "'rollingUpdate':{'maxSurge':2}}}}");
    assertEquals(
        j("{'type':'RollingUpdate','rollingUpdate':{'maxSurge':2,'maxUnavailable':0}}"),
        out.at("/spec/strategy"));
  }

  @Test
  void retainKeysInMergeListElement() {
    ObjectNode out =
        deploy(
            "{'spec':{'template':{'spec':{'volumes':[{'name':'data',"
                + "'$retainKeys':['name','hostPath'],'hostPath':{'path':'/x'}}]}}}}");
    assertEquals(
        j("[{'name':'data','hostPath':{'path':'/x'}},{'name':'cfg','configMap':{'name':'x'}}]"),
        out.at("/spec/template/spec/volumes"));
  }

  @Test
  void retainKeysOnNewValueIsNotKept() {
    ObjectNode doc = obj(DEPLOY_DOC);
    ((ObjectNode) doc.get("spec")).remove("strategy");
    ObjectNode out =
        StrategicMergePatch.apply(
            doc,
            obj("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}"),
            DEPLOYMENT);
    assertEquals(j("{'type':'Recreate'}"), out.at("/spec/strategy"));
  }

  @Test
  void retainKeysMustListPatchedMembers() {
    StatusException e =
        fails(
            400,
            obj(DEPLOY_DOC),
            "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{'maxSurge':3}}}}",
            DEPLOYMENT);
    assertEquals("invalid patch format of retainKeys", e.getMessage());
  }

  @Test
  void retainKeysIgnoresNullMembers() {
    ObjectNode out =
        deploy(
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':null}}}");
    assertEquals(j("{'type':'Recreate'}"), out.at("/spec/strategy"));
  }

  @Test
  void retainKeysMustBeAList() {
    StatusException e =
        fails(400, obj(DEPLOY_DOC), "{'spec':{'strategy':{'$retainKeys':'type'}}}", DEPLOYMENT);
    assertEquals("BadRequest", e.reason());
    assertEquals("invalid patch format of retainKeys", e.getMessage());
  }

  // ------------------------------------------------------------------ $setElementOrder

  static ObjectNode containers(String... names) {
    ObjectNode doc = obj("{'spec':{'containers':[]}}");
    for (String n : names) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/spec/containers"))
          .addObject()
          .put("name", n)
          .put("image", "img-" + n);
    }
    return doc;
  }

  static JsonNode order(ObjectNode doc, String patch) {
    return names(StrategicMergePatch.apply(doc, obj(patch), POD).at("/spec/containers"), "name");
  }

  @Test
  void setElementOrderReordersWithoutChanges() {
    assertEquals(
        j("['b','a']"),
        order(
            containers("a", "b"),
            "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]}}"));
  }

  @Test
  void setElementOrderPlacesNewElements() {
    ObjectNode out =
        StrategicMergePatch.apply(
            containers("a", "b"),
            obj(
                "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'n'},{'name':'b'}],"
                    + "'containers':[{'name':'n','image':'x'}]}}"),
            POD);
    assertEquals(j("['a','n','b']"), names(out.at("/spec/containers"), "name"));
    assertEquals("img-b", out.at("/spec/containers/2/image").asText());
    assertNoDirectives(out);
  }

  @Test
  void setElementOrderKeepsServerOnlyElementsInPlace() {
    // server-only elements keep their relative order and sit by their live position
    assertEquals(
        j("['b','a','x','d','c']"),
        order(
            containers("a", "b", "x", "c", "d"),
            "{'spec':{'$setElementOrder/containers':"
                + "[{'name':'b'},{'name':'a'},{'name':'d'},{'name':'c'}]}}"));
    assertEquals(
        j("['d','b','c','a','x']"),
        order(
            containers("a", "c", "d", "b", "x"),
            "{'spec':{'$setElementOrder/containers':"
                + "[{'name':'d'},{'name':'b'},{'name':'c'},{'name':'a'}]}}"));
  }

  @Test
  void setElementOrderAddsBetweenMentionedAndServerOnlyElements() {
    // live [a, c], the client adds b after a: server-only c stays last
    assertEquals(
        j("['a','b','c']"),
        order(
            containers("a", "c"),
            "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],"
                + "'containers':[{'name':'b','image':'x'}]}}"));
  }

  @Test
  void setElementOrderWithDeletion() {
    assertEquals(
        j("['c','a']"),
        order(
            containers("a", "b", "c"),
            "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'}],"
                + "'containers':[{'name':'b','$patch':'delete'}]}}"));
  }

  @Test
  void setElementOrderForPrimitiveList() {
    ObjectNode out =
        pod("{'metadata':{'$setElementOrder/finalizers':['f3','f2','f1'],'finalizers':['f3']}}");
    assertEquals(j("['f3','f2','f1']"), out.at("/metadata/finalizers"));
  }

  @Test
  void setElementOrderWithDeleteFromPrimitiveList() {
    ObjectNode out =
        pod(
            "{'metadata':{'$setElementOrder/finalizers':['f2'],"
                + "'$deleteFromPrimitiveList/finalizers':['f1']}}");
    assertEquals(j("['f2']"), out.at("/metadata/finalizers"));
  }

  @Test
  void setElementOrderForAbsentList() {
    ObjectNode doc = obj(POD_DOC);
    ((ObjectNode) doc.get("spec")).remove("volumes");
    ObjectNode out =
        StrategicMergePatch.apply(
            doc,
            obj(
                "{'spec':{'$setElementOrder/volumes':[{'name':'v2'},{'name':'v1'}],"
                    + "'volumes':[{'name':'v2'},{'name':'v1'}]}}"),
            POD);
    assertEquals(j("[{'name':'v2'},{'name':'v1'}]"), out.at("/spec/volumes"));
  }

  @Test
  void setElementOrderNotMatchingPatchList() {
    StatusException e =
        fails(
            500,
            containers("a", "b"),
            "{'spec':{'$setElementOrder/containers':[{'name':'a'}],"
                + "'containers':[{'name':'b','image':'x'}]}}",
            POD);
    assertEquals(
        "The order in patch list:\n[map[image:x name:b]]\n doesn't match $setElementOrder list:\n"
            + "[map[name:a]]\n",
        e.getMessage());
  }

  @Test
  void setElementOrderNotAList() {
    StatusException e =
        fails(500, containers("a"), "{'spec':{'$setElementOrder/containers':'a'}}", POD);
    assertEquals("expected a []interface {}, but received a string", e.getMessage());
  }

  @Test
  void setElementOrderBadKey() {
    StatusException e =
        fails(400, containers("a"), "{'spec':{'$setElementOrdercontainers':[]}}", POD);
    assertEquals("invalid patch format of setElementOrder list", e.getMessage());
  }

  @Test
  void setElementOrderOnNonListField() {
    StatusException e =
        fails(500, containers("a"), "{'spec':{'$setElementOrder/securityContext':[]}}", POD);
    assertEquals("expected slice or array type, but got: struct", e.getMessage());
  }

  // ------------------------------------------------------------------ fields without metadata

  @Test
  void unknownFieldsMergeLikeAMergePatch() {
    ObjectNode doc = obj("{'spec':{'extra':{'list':[1,2],'m':{'a':1,'b':2}}}}");
    ObjectNode out =
        StrategicMergePatch.apply(
            doc, obj("{'spec':{'extra':{'list':[3],'m':{'a':null,'c':3}}}}"), POD);
    assertEquals(j("{'list':[3],'m':{'b':2,'c':3}}"), out.at("/spec/extra"));
  }

  @Test
  void noSchemaAtAll() {
    ObjectNode out =
        StrategicMergePatch.apply(
            obj("{'a':{'b':1},'l':[{'name':'x'}]}"), obj("{'a':{'c':2},'l':[{'name':'y'}]}"), null);
    assertEquals(j("{'a':{'b':1,'c':2},'l':[{'name':'y'}]}"), out);
  }

  // ------------------------------------------------------------------ general

  @Test
  void inputsAreNotModified() {
    ObjectNode doc = obj(POD_DOC);
    String patchText =
        "{'metadata':{'labels':{'app':null},'$deleteFromPrimitiveList/finalizers':['f1']},"
            + "'spec':{'$setElementOrder/containers':[{'name':'sidecar'},{'name':'nginx'}],"
            + "'containers':[{'name':'nginx','image':'x'}]}}";
    ObjectNode patch = obj(patchText);
    ObjectNode out = StrategicMergePatch.apply(doc, patch, POD);
    assertEquals(obj(POD_DOC), doc);
    assertEquals(obj(patchText), patch);
    assertEquals(j("['sidecar','nginx']"), names(out.at("/spec/containers"), "name"));
    assertEquals("x", out.at("/spec/containers/1/image").asText());
    assertNoDirectives(out);
  }

  @Test
  void emptyPatchChangesNothing() {
    assertEquals(obj(POD_DOC), pod("{}"));
    assertEquals(obj(POD_DOC), StrategicMergePatch.apply(obj(POD_DOC), j("null"), POD));
  }

  @Test
  void patchThatIsNotAnObject() {
    StatusException e =
        assertThrows(
            StatusException.class, () -> StrategicMergePatch.apply(obj(POD_DOC), j("[1]"), POD));
    assertEquals(400, e.code());
    assertEquals(
        "json: cannot unmarshal array into Go value of type map[string]interface {}",
        e.getMessage());
  }

  @Test
  void largeListsMergeInReasonableTime() {
    int n = 20000;
    ObjectNode doc = obj("{'spec':{'containers':[]}}");
    ObjectNode patch = obj("{'spec':{'containers':[],'$setElementOrder/containers':[]}}");
    for (int i = 0; i < n; i++) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/spec/containers"))
          .addObject()
          .put("name", "c" + i);
      ((com.fasterxml.jackson.databind.node.ArrayNode) patch.at("/spec/containers"))
          .addObject()
          .put("name", "n" + i)
          .put("image", "x");
      ((com.fasterxml.jackson.databind.node.ArrayNode)
              patch.at("/spec/$setElementOrder~1containers"))
          .addObject()
          .put("name", "n" + i);
    }
    ObjectNode out =
        assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10), () -> StrategicMergePatch.apply(doc, patch, POD));
    assertEquals(2 * n, out.at("/spec/containers").size());
    assertEquals("n0", out.at("/spec/containers/0/name").asText());
  }
}
