package io.kpg.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {

  static KindDef pod() {
    return new KindDef("", "v1", "Pod", "pods", true) {
      @Override
      public boolean hasStatus() {
        return true;
      }
    };
  }

  static KindDef namespace() {
    return new KindDef("", "v1", "Namespace", "namespaces", false) {
      {
        verbs("create", "delete", "get", "list", "patch", "update", "watch");
      }

      @Override
      public boolean hasStatus() {
        return true;
      }
    };
  }

  static KindDef configMap() {
    return new KindDef("", "v1", "ConfigMap", "configmaps", true) {};
  }

  static KindDef deployment() {
    return new KindDef("apps", "v1", "Deployment", "deployments", true) {
      @Override
      public boolean hasStatus() {
        return true;
      }

      @Override
      public ScaleSpec scale() {
        return new ScaleSpec("spec.replicas", "status.replicas", o -> "");
      }
    };
  }

  static final OpenApiDocuments DOCS =
      OpenApiDocuments.build(List.of(pod(), namespace(), deployment()));

  static JsonNode parse(byte[] b) throws Exception {
    return Json.MAPPER.readTree(b);
  }

  static JsonNode v3(OpenApiDocuments docs, String gv) throws Exception {
    OpenApiDocuments.Document d = docs.groupVersion(gv);
    assertNotNull(d, gv);
    return parse(d.bytes());
  }

  // ------------------------------------------------------------------ v3 index and hashes

  @Test
  void indexListsOneEntryPerGroupVersionWithTheDocumentHash() throws Exception {
    JsonNode index = parse(DOCS.index().bytes());
    JsonNode paths = index.get("paths");
    assertEquals(Set.of("api/v1", "apis/apps/v1"), fieldNames(paths));
    for (String gv : List.of("api/v1", "apis/apps/v1")) {
      OpenApiDocuments.Document d = DOCS.groupVersion(gv);
      assertEquals(
          "/openapi/v3/" + gv + "?hash=" + d.hash(),
          paths.get(gv).get("serverRelativeURL").asText());
      assertEquals(OpenApiDocuments.hash(d.bytes()), d.hash());
      assertEquals(128, d.hash().length()); // hex SHA-512
    }
    assertNotNull(DOCS.groupVersion("/openapi/v3/apis/apps/v1"));
    assertNull(DOCS.groupVersion("apis/batch/v1"));
  }

  @Test
  void hashIsStableAndFollowsTheContent() {
    OpenApiDocuments same = OpenApiDocuments.build(List.of(pod(), namespace(), deployment()));
    assertEquals(DOCS.groupVersion("api/v1").hash(), same.groupVersion("api/v1").hash());
    assertEquals(DOCS.index().hash(), same.index().hash());

    OpenApiDocuments more =
        OpenApiDocuments.build(List.of(pod(), namespace(), configMap(), deployment()));
    assertNotEquals(DOCS.groupVersion("api/v1").hash(), more.groupVersion("api/v1").hash());
    // the apps/v1 document did not change
    assertEquals(
        DOCS.groupVersion("apis/apps/v1").hash(), more.groupVersion("apis/apps/v1").hash());
    assertNotEquals(DOCS.index().hash(), more.index().hash());
  }

  // ------------------------------------------------------------------ v3 operations

  @Test
  void deploymentPatchListsFieldValidationAndAllPatchTypes() throws Exception {
    JsonNode doc = v3(DOCS, "apis/apps/v1");
    assertEquals("3.0.0", doc.get("openapi").asText());
    JsonNode patch =
        doc.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");
    assertFalse(patch.isMissingNode());
    assertEquals("patch", patch.get("x-kubernetes-action").asText());
    JsonNode gvk = patch.get("x-kubernetes-group-version-kind");
    assertEquals("apps", gvk.get("group").asText());
    assertEquals("v1", gvk.get("version").asText());
    assertEquals("Deployment", gvk.get("kind").asText());
    assertTrue(paramNames(patch).contains("fieldValidation"));
    assertTrue(paramNames(patch).containsAll(List.of("dryRun", "fieldManager", "force")));
    assertEquals(
        Set.of(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/apply-patch+yaml"),
        fieldNames(patch.at("/requestBody/content")));
    assertEquals(
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
        patch
            .at("/requestBody/content/application~1strategic-merge-patch+json/schema/$ref")
            .asText());
    assertEquals(
        "#/components/schemas/io.k8s.api.apps.v1.Deployment",
        patch.at("/responses/200/content/application~1json/schema/$ref").asText());
  }

  @Test
  void everyOperationHasActionAndGvkAndWritesListTheirParameters() throws Exception {
    for (String gv : DOCS.groupVersionPaths()) {
      JsonNode doc = v3(DOCS, gv);
      int ops = 0;
      for (Map.Entry<String, JsonNode> p : entries(doc.get("paths"))) {
        if (p.getKey().endsWith("/")) {
          continue; // discovery
        }
        for (Map.Entry<String, JsonNode> op : entries(p.getValue())) {
          if (op.getKey().equals("parameters")) {
            continue;
          }
          ops++;
          JsonNode o = op.getValue();
          String where = p.getKey() + " " + op.getKey();
          assertTrue(o.has("x-kubernetes-action"), where);
          assertTrue(o.has("x-kubernetes-group-version-kind"), where);
          if (op.getKey().equals("post") || op.getKey().equals("put")) {
            assertTrue(
                paramNames(o).containsAll(List.of("fieldValidation", "dryRun", "fieldManager")),
                where);
          }
          if (op.getKey().equals("patch")) {
            assertTrue(paramNames(o).contains("fieldValidation"), where);
          }
        }
      }
      assertTrue(ops > 10, gv);
    }
  }

  @Test
  void pathsFollowScopeVerbsAndSubresources() throws Exception {
    JsonNode core = v3(DOCS, "api/v1").get("paths");
    // namespaced pods: collection, item, all-namespaces list, status, no scale
    assertTrue(core.has("/api/v1/namespaces/{namespace}/pods"));
    assertTrue(core.get("/api/v1/namespaces/{namespace}/pods").has("delete")); // deletecollection
    assertTrue(core.has("/api/v1/namespaces/{namespace}/pods/{name}"));
    assertTrue(core.has("/api/v1/pods"));
    assertEquals(
        "listCoreV1PodForAllNamespaces", core.at("/~1api~1v1~1pods/get/operationId").asText());
    assertTrue(core.has("/api/v1/namespaces/{namespace}/pods/{name}/status"));
    assertFalse(core.has("/api/v1/namespaces/{namespace}/pods/{name}/scale"));
    // cluster-scoped namespaces without deletecollection
    assertTrue(core.has("/api/v1/namespaces"));
    assertFalse(core.get("/api/v1/namespaces").has("delete"));
    assertTrue(core.get("/api/v1/namespaces").has("post"));
    assertTrue(core.has("/api/v1/namespaces/{name}"));
    JsonNode nsParams = core.get("/api/v1/namespaces/{name}").get("parameters");
    assertFalse(nsParams.toString().contains("\"namespace\""));

    JsonNode apps = v3(DOCS, "apis/apps/v1").get("paths");
    JsonNode scale = apps.get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
    assertNotNull(scale);
    assertEquals("autoscaling", scale.at("/patch/x-kubernetes-group-version-kind/group").asText());
    assertEquals("Scale", scale.at("/patch/x-kubernetes-group-version-kind/kind").asText());
    assertEquals(
        "#/components/schemas/io.k8s.api.autoscaling.v1.Scale",
        scale.at("/get/responses/200/content/application~1json/schema/$ref").asText());
    assertEquals(
        "list",
        apps.at("/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments/get/x-kubernetes-action")
            .asText());
  }

  @Test
  void customKindsGetNoStrategicMergePatchNorProtobuf() throws Exception {
    KindDef crd =
        new KindDef("stable.example.com", "v1", "CronTab", "crontabs", true) {
          @Override
          public io.kpg.schema.Schema schema() {
            return io.kpg.schema.Schema.object(null);
          }
        };
    OpenApiDocuments docs = OpenApiDocuments.build(List.of(crd, pod()));
    assertEquals(
        Set.of("api/v1", "apis/stable.example.com/v1"),
        fieldNames(parse(docs.index().bytes()).get("paths")));
    JsonNode doc = v3(docs, "apis/stable.example.com/v1");
    JsonNode item =
        doc.at("/paths/~1apis~1stable.example.com~1v1~1namespaces~1{namespace}~1crontabs~1{name}");
    assertEquals(
        Set.of(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/apply-patch+yaml"),
        fieldNames(item.at("/patch/requestBody/content")));
    assertTrue(paramNames(item.get("patch")).contains("fieldValidation"));
    assertFalse(
        fieldNames(item.at("/get/responses/200/content"))
            .contains("application/vnd.kubernetes.protobuf"));
    assertEquals("readStableExampleComV1NamespacedCronTab", item.at("/get/operationId").asText());
    JsonNode schema = doc.at("/components/schemas/com.example.stable.v1.CronTab");
    assertEquals("CronTab", schema.at("/x-kubernetes-group-version-kind/0/kind").asText());
    assertEquals(
        "stable.example.com", schema.at("/x-kubernetes-group-version-kind/0/group").asText());
    assertTrue(doc.at("/components/schemas").has("com.example.stable.v1.CronTabList"));
    // the built-in kind keeps strategic merge patch
    assertTrue(
        v3(docs, "api/v1")
            .at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/patch/requestBody/content")
            .has("application/strategic-merge-patch+json"));
  }

  // ------------------------------------------------------------------ v3 schemas

  @Test
  void kindSchemasCarryTheirGroupVersionKind() throws Exception {
    JsonNode schemas = v3(DOCS, "api/v1").at("/components/schemas");
    JsonNode pod = schemas.get("io.k8s.api.core.v1.Pod");
    assertNotNull(pod);
    JsonNode gvk = pod.get("x-kubernetes-group-version-kind");
    assertEquals(1, gvk.size());
    assertEquals("", gvk.get(0).get("group").asText());
    assertEquals("v1", gvk.get(0).get("version").asText());
    assertEquals("Pod", gvk.get(0).get("kind").asText());
    // TypeMeta is published even though the protobuf message has no such fields
    assertEquals("string", pod.at("/properties/apiVersion/type").asText());
    assertEquals("string", pod.at("/properties/kind/type").asText());
    assertEquals(
        "#/components/schemas/io.k8s.api.core.v1.PodSpec",
        pod.at("/properties/spec/allOf/0/$ref").asText());
    JsonNode list = schemas.get("io.k8s.api.core.v1.PodList");
    assertEquals("PodList", list.at("/x-kubernetes-group-version-kind/0/kind").asText());
    assertEquals(
        "#/components/schemas/io.k8s.api.core.v1.Pod",
        list.at("/properties/items/items/allOf/0/$ref").asText());
    assertEquals(
        "Deployment",
        v3(DOCS, "apis/apps/v1")
            .at(
                "/components/schemas/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0/kind")
            .asText());
  }

  @Test
  void podSpecContainersHavePatchMetadata() throws Exception {
    JsonNode containers =
        v3(DOCS, "api/v1")
            .at("/components/schemas/io.k8s.api.core.v1.PodSpec/properties/containers");
    assertEquals("array", containers.get("type").asText());
    assertEquals("merge", containers.get("x-kubernetes-patch-strategy").asText());
    assertEquals("name", containers.get("x-kubernetes-patch-merge-key").asText());
    assertEquals(
        "#/components/schemas/io.k8s.api.core.v1.Container",
        containers.at("/items/allOf/0/$ref").asText());
    JsonNode volumes =
        v3(DOCS, "api/v1").at("/components/schemas/io.k8s.api.core.v1.PodSpec/properties/volumes");
    assertEquals("merge,retainKeys", volumes.get("x-kubernetes-patch-strategy").asText());
    JsonNode required =
        v3(DOCS, "api/v1").at("/components/schemas/io.k8s.api.core.v1.PodSpec/required");
    assertEquals("containers", required.get(0).asText());
    JsonNode ports =
        v3(DOCS, "api/v1").at("/components/schemas/io.k8s.api.core.v1.Container/properties/ports");
    assertEquals("containerPort", ports.get("x-kubernetes-patch-merge-key").asText());
    assertEquals("map", ports.get("x-kubernetes-list-type").asText());
    assertEquals(
        "[\"containerPort\",\"protocol\"]", ports.get("x-kubernetes-list-map-keys").toString());
  }

  @Test
  void specialTypesArePublishedAsTheirOwnSchemas() throws Exception {
    JsonNode schemas = v3(DOCS, "apis/apps/v1").at("/components/schemas");
    JsonNode limits = schemas.at("/io.k8s.api.core.v1.ResourceRequirements/properties/limits");
    assertEquals("object", limits.get("type").asText());
    assertEquals(
        "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity",
        limits.at("/additionalProperties/allOf/0/$ref").asText());
    assertTrue(schemas.get("io.k8s.apimachinery.pkg.api.resource.Quantity").has("oneOf"));
    JsonNode intOrString = schemas.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertTrue(intOrString.get("x-kubernetes-int-or-string").asBoolean());
    assertEquals("int-or-string", intOrString.get("format").asText());
    assertEquals(
        "#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString",
        schemas
            .at("/io.k8s.api.apps.v1.RollingUpdateDeployment/properties/maxSurge/allOf/0/$ref")
            .asText());
    JsonNode created =
        schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/creationTimestamp");
    assertEquals(
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time",
        created.at("/allOf/0/$ref").asText());
    assertEquals(
        "date-time", schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format").asText());
    assertEquals(
        "object", schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1/type").asText());
    assertEquals(
        "retainKeys",
        schemas
            .at(
                "/io.k8s.api.apps.v1.DeploymentSpec/properties/strategy/x-kubernetes-patch-strategy")
            .asText());
    assertEquals(
        "integer",
        schemas.at("/io.k8s.api.apps.v1.DeploymentSpec/properties/replicas/type").asText());
    assertEquals(
        "int32",
        schemas.at("/io.k8s.api.apps.v1.DeploymentSpec/properties/replicas/format").asText());
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.Status"));
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"));
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"));
  }

  @Test
  void embeddedStructsAreSpreadIntoTheEmbeddingObject() throws Exception {
    JsonNode schemas = v3(DOCS, "api/v1").at("/components/schemas");
    JsonNode volume = schemas.at("/io.k8s.api.core.v1.Volume/properties");
    assertTrue(volume.has("name"));
    assertTrue(volume.has("configMap"));
    assertTrue(volume.has("emptyDir"));
    assertFalse(volume.has("volumeSource"));
    JsonNode probe = schemas.at("/io.k8s.api.core.v1.Probe/properties");
    assertTrue(probe.has("httpGet"));
    assertTrue(probe.has("initialDelaySeconds"));
    assertFalse(probe.has("handler"));
    JsonNode selector = schemas.get("io.k8s.api.core.v1.ConfigMapKeySelector");
    assertTrue(selector.get("properties").has("name"));
    assertFalse(selector.get("properties").has("localObjectReference"));
    // upstream's 'affinity' field is a real field, although named after its type
    assertTrue(schemas.at("/io.k8s.api.core.v1.PodSpec/properties").has("affinity"));
    assertFalse(schemas.has("io.k8s.api.core.v1.VolumeSource"));
    // protobuf's wrapper of a []string is a plain string array in JSON
    JsonNode verbs =
        schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.APIResource/properties/verbs");
    assertEquals("array", verbs.get("type").asText());
    assertEquals("string", verbs.at("/items/type").asText());
  }

  @Test
  void explainCanWalkDeploymentDownToContainerFields() throws Exception {
    JsonNode doc = v3(DOCS, "apis/apps/v1");
    JsonNode schemas = doc.at("/components/schemas");
    JsonNode s = schemas.get("io.k8s.api.apps.v1.Deployment");
    for (String field : List.of("spec", "template", "spec", "containers")) {
      s = resolve(schemas, s.get("properties").get(field));
    }
    // containers is an array of Container
    assertEquals("array", s.get("type").asText());
    JsonNode container = resolve(schemas, s.get("items"));
    assertTrue(container.get("properties").has("image"));
    JsonNode cpu = resolve(schemas, container.at("/properties/resources"));
    assertTrue(cpu.get("properties").has("limits"));
  }

  @Test
  void everyRefResolvesInBothVersions() throws Exception {
    for (String gv : DOCS.groupVersionPaths()) {
      JsonNode doc = v3(DOCS, gv);
      Set<String> names = fieldNames(doc.at("/components/schemas"));
      List<String> refs = new ArrayList<>();
      collectRefs(doc, refs);
      assertTrue(refs.size() > 50);
      for (String r : refs) {
        assertTrue(r.startsWith("#/components/schemas/"), r);
        assertTrue(names.contains(r.substring("#/components/schemas/".length())), gv + " " + r);
      }
    }
    JsonNode v2 = parse(DOCS.v2Json().bytes());
    Set<String> names = fieldNames(v2.get("definitions"));
    List<String> refs = new ArrayList<>();
    collectRefs(v2, refs);
    for (String r : refs) {
      assertTrue(r.startsWith("#/definitions/"), r);
      assertTrue(names.contains(r.substring("#/definitions/".length())), r);
    }
  }

  @Test
  void atomicStructsAndMapsPublishMapType() throws Exception {
    JsonNode apps = v3(DOCS, "apis/apps/v1").at("/components/schemas");
    JsonNode v2 = parse(DOCS.v2Json().bytes()).get("definitions");
    for (JsonNode defs : List.of(apps, v2)) {
      String sel = "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector";
      assertEquals("atomic", defs.at("/" + sel + "/x-kubernetes-map-type").asText(), sel);
      assertEquals(
          "atomic",
          defs.at("/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference/x-kubernetes-map-type")
              .asText());
      // granular structs and maps carry no marker
      assertFalse(defs.at("/io.k8s.api.apps.v1.DeploymentSpec").has("x-kubernetes-map-type"));
      JsonNode podSpec = defs.at("/io.k8s.api.core.v1.PodSpec/properties");
      assertEquals("atomic", podSpec.at("/nodeSelector/x-kubernetes-map-type").asText());
      assertEquals("object", podSpec.at("/nodeSelector/type").asText());
      JsonNode md = defs.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties");
      assertFalse(md.get("labels").has("x-kubernetes-map-type"));
    }
  }

  // ------------------------------------------------------------------ v2

  @Test
  void v2JsonIsSwaggerWithEtag() throws Exception {
    JsonNode v2 = parse(DOCS.v2Json().bytes());
    assertEquals("2.0", v2.get("swagger").asText());
    assertEquals("\"" + DOCS.v2Json().hash() + "\"", DOCS.v2ETag());
    JsonNode patch =
        v2.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");
    assertTrue(paramNames(patch).contains("fieldValidation"));
    assertTrue(patch.get("consumes").toString().contains("application/strategic-merge-patch+json"));
    assertEquals(
        "#/definitions/io.k8s.api.core.v1.PodSpec",
        v2.at("/definitions/io.k8s.api.core.v1.Pod/properties/spec/$ref").asText());
    assertEquals(
        "name",
        v2.at(
                "/definitions/io.k8s.api.core.v1.PodSpec/properties/containers/x-kubernetes-patch-merge-key")
            .asText());
    assertEquals(
        "string",
        v2.at("/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString/type").asText());
  }

  @Test
  void v2ProtobufDecodesAsGnosticDocument() throws Exception {
    byte[] pb = DOCS.v2Protobuf();
    UnknownFieldSet doc = UnknownFieldSet.parseFrom(pb);
    assertEquals("2.0", str(doc, 1)); // swagger
    UnknownFieldSet info = msg(doc, 2);
    assertEquals("Kubernetes", str(info, 1));
    assertEquals("unversioned", str(info, 2));

    // definitions (9): repeated NamedSchema{name=1, value=2}
    Map<String, UnknownFieldSet> defs = named(msg(doc, 9), 1);
    assertTrue(defs.size() > 100);
    UnknownFieldSet pod = defs.get("io.k8s.api.core.v1.Pod");
    assertNotNull(pod);
    // Schema.type (22) = TypeItem{value=1}
    assertEquals("object", str(msg(pod, 22), 1));
    // Schema.properties (25) = Properties{additional_properties=1 NamedSchema}
    Map<String, UnknownFieldSet> props = named(msg(pod, 25), 1);
    assertTrue(
        props.keySet().containsAll(List.of("apiVersion", "kind", "metadata", "spec", "status")));
    assertEquals("#/definitions/io.k8s.api.core.v1.PodSpec", str(props.get("spec"), 1)); // _ref
    // vendor extension (31) = NamedAny{name, Any{yaml=2}}
    Map<String, UnknownFieldSet> ext = named(pod, 31);
    String gvkYaml = str(ext.get("x-kubernetes-group-version-kind"), 2);
    JsonNode gvk = Json.MAPPER.readTree(gvkYaml); // JSON is YAML
    assertEquals("Pod", gvk.get(0).get("kind").asText());
    assertEquals("v1", gvk.get(0).get("version").asText());

    Map<String, UnknownFieldSet> podSpecProps =
        named(msg(defs.get("io.k8s.api.core.v1.PodSpec"), 25), 1);
    UnknownFieldSet containers = podSpecProps.get("containers");
    Map<String, UnknownFieldSet> cext = named(containers, 31);
    assertEquals(
        "name", Json.MAPPER.readTree(str(cext.get("x-kubernetes-patch-merge-key"), 2)).asText());
    // items (23) = ItemsItem{schema=1}
    assertEquals("#/definitions/io.k8s.api.core.v1.Container", str(msg(msg(containers, 23), 1), 1));

    // paths (8): Paths{path=2 NamedPathItem}
    Map<String, UnknownFieldSet> paths = named(msg(doc, 8), 2);
    UnknownFieldSet item = paths.get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
    assertNotNull(item);
    UnknownFieldSet patch = msg(item, 8); // PathItem.patch
    assertEquals("patchAppsV1NamespacedDeployment", str(patch, 5));
    assertTrue(strs(patch, 7).contains("application/strategic-merge-patch+json")); // consumes
    Map<String, UnknownFieldSet> opExt = named(patch, 13);
    JsonNode opGvk = Json.MAPPER.readTree(str(opExt.get("x-kubernetes-group-version-kind"), 2));
    assertEquals("Deployment", opGvk.get("kind").asText());
    // parameters (8): ParametersItem{parameter=1 Parameter{non_body_parameter=2
    //   NonBodyParameter{query_parameter_sub_schema=3 {name=4}}}}
    Set<String> queryParams = new HashSet<>();
    for (ByteString p : patch.getField(8).getLengthDelimitedList()) {
      UnknownFieldSet parameter = msg(UnknownFieldSet.parseFrom(p), 1);
      if (parameter.hasField(2)) {
        UnknownFieldSet nonBody = msg(parameter, 2);
        if (nonBody.hasField(3)) {
          queryParams.add(str(msg(nonBody, 3), 4));
        }
      } else {
        assertEquals("body", str(msg(parameter, 1), 2));
      }
    }
    assertTrue(queryParams.contains("fieldValidation"), queryParams.toString());
    // responses (9): Responses{response_code=1 NamedResponseValue{ResponseValue{response=1}}}
    Map<String, UnknownFieldSet> responses = named(msg(patch, 9), 1);
    UnknownFieldSet ok = msg(responses.get("200"), 1);
    assertEquals("OK", str(ok, 1));
    assertEquals("#/definitions/io.k8s.api.apps.v1.Deployment", str(msg(msg(ok, 2), 1), 1));
  }

  // ------------------------------------------------------------------ helpers

  static Set<String> fieldNames(JsonNode n) {
    Set<String> s = new HashSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }

  static List<Map.Entry<String, JsonNode>> entries(JsonNode n) {
    List<Map.Entry<String, JsonNode>> l = new ArrayList<>();
    n.fields().forEachRemaining(l::add);
    return l;
  }

  static List<String> paramNames(JsonNode op) {
    List<String> l = new ArrayList<>();
    for (JsonNode p : op.path("parameters")) {
      l.add(p.get("name").asText());
    }
    return l;
  }

  static JsonNode resolve(JsonNode schemas, JsonNode s) {
    JsonNode ref = s.has("allOf") ? s.get("allOf").get(0).get("$ref") : s.get("$ref");
    if (ref == null) {
      return s;
    }
    JsonNode target = schemas.get(ref.asText().substring("#/components/schemas/".length()));
    assertNotNull(target, ref.asText());
    return target;
  }

  static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      n.forEach(x -> collectRefs(x, out));
    }
  }

  static String str(UnknownFieldSet m, int field) {
    List<ByteString> l = m.getField(field).getLengthDelimitedList();
    assertEquals(1, l.size(), "field " + field);
    return l.get(0).toString(StandardCharsets.UTF_8);
  }

  static List<String> strs(UnknownFieldSet m, int field) {
    List<String> out = new ArrayList<>();
    for (ByteString b : m.getField(field).getLengthDelimitedList()) {
      out.add(b.toString(StandardCharsets.UTF_8));
    }
    return out;
  }

  static UnknownFieldSet msg(UnknownFieldSet m, int field) throws InvalidProtocolBufferException {
    List<ByteString> l = m.getField(field).getLengthDelimitedList();
    assertEquals(1, l.size(), "field " + field);
    return UnknownFieldSet.parseFrom(l.get(0));
  }

  /** Decodes repeated Named*{name=1, value=2} entries of {@code field} into name → value. */
  static Map<String, UnknownFieldSet> named(UnknownFieldSet m, int field)
      throws InvalidProtocolBufferException {
    Map<String, UnknownFieldSet> out = new HashMap<>();
    for (ByteString b : m.getField(field).getLengthDelimitedList()) {
      UnknownFieldSet entry = UnknownFieldSet.parseFrom(b);
      out.put(str(entry, 1), msg(entry, 2));
    }
    return out;
  }
}
