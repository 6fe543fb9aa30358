package io.kpg.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.kpg.registry.KindDef;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What CRDs and custom resources look like on the wire, field by field against upstream: the CRD
 * status right after create, managedFields of the status writer, discovery entries (verb order,
 * subresource order, storage version hash) and PartialObjectMetadata of custom resources.
 */
@QuarkusTest
class CrdWireTest {
  static Api api;

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
    CrdTest.api = api;
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void crdStatusAfterCreateAndEstablish() {
    Api.Resp r = api.post(CrdTest.CRDS, CrdTest.widgetCrd("wire1.example.com", "gizmos", "Gizmo"));
    assertEquals(201, r.code(), r.body());
    // upstream resets status to its zero value: conditions is a list without omitempty
    String body = r.body();
    String status = body.substring(body.indexOf("\"status\":{\"conditions\""));
    assertTrue(
        status.startsWith(
            "\"status\":{\"conditions\":null,\"acceptedNames\":{\"plural\":\"\",\"kind\":\"\"},"
                + "\"storedVersions\":[\"v1\"]}"),
        body);

    CrdTest.createAndAwait(
        CrdTest.widgetCrd("wire2.example.com", "gizmos", "Gizmo"), "gizmos.wire2.example.com");
    JsonNode crd = api.get(CrdTest.CRDS + "/gizmos.wire2.example.com").json();
    JsonNode statusFields = null;
    for (JsonNode mf : crd.at("/metadata/managedFields")) {
      if (mf.path("subresource").asText().equals("status")) {
        // the CRD controllers run inside kube-apiserver upstream
        assertEquals("kube-apiserver", mf.path("manager").asText());
        statusFields = mf.at("/fieldsV1/f:status/f:conditions");
      }
    }
    assertNotNull(statusFields, crd.toString());
    // conditions is a list map keyed by type, tracked per condition
    assertTrue(statusFields.has("k:{\"type\":\"Established\"}"), statusFields.toString());
    assertTrue(statusFields.has("k:{\"type\":\"NamesAccepted\"}"), statusFields.toString());
  }

  @Test
  void discoveryEntriesOfCustomResources() {
    CrdTest.createAndAwait(
        CrdTest.widgetCrd("wire3.example.com", "gizmos", "Gizmo"), "gizmos.wire3.example.com");
    String storageHash = KindDef.storageVersionHash("wire3.example.com", "v1", "Gizmo");
    List<String> verbs =
        List.of("delete", "deletecollection", "get", "list", "patch", "create", "update", "watch");
    for (String v : List.of("v1", "v1beta1")) {
      JsonNode rl = api.get("/apis/wire3.example.com/" + v).json();
      JsonNode res = rl.path("resources");
      List<String> names = new ArrayList<>();
      res.forEach(n -> names.add(n.path("name").asText()));
      assertEquals(List.of("gizmos", "gizmos/status", "gizmos/scale"), names, rl.toString());
      assertEquals(verbs, texts(res.at("/0/verbs")));
      // every served version reports the hash of the storage version
      assertEquals(storageHash, res.at("/0/storageVersionHash").asText(), v);
    }

    Api.Resp agg =
        api.send(
            "GET",
            "/apis",
            null,
            null,
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    JsonNode group = null;
    for (JsonNode g : agg.json().path("items")) {
      if (g.at("/metadata/name").asText().equals("wire3.example.com")) {
        group = g;
      }
    }
    assertNotNull(group, agg.body());
    JsonNode gizmos = group.at("/versions/0/resources/0");
    assertEquals(verbs, texts(gizmos.path("verbs")));
    assertEquals("status", gizmos.at("/subresources/0/subresource").asText());
    assertEquals("scale", gizmos.at("/subresources/1/subresource").asText());
    assertEquals("autoscaling", gizmos.at("/subresources/1/responseKind/group").asText());
  }

  @Test
  void partialObjectMetadataOfCustomResourcesInStructOrder() {
    CrdTest.createAndAwait(
        CrdTest.widgetCrd("wire4.example.com", "gizmos", "Gizmo"), "gizmos.wire4.example.com");
    String base = "/apis/wire4.example.com/v1/namespaces/default/gizmos";
    Api.Resp c =
        api.post(
            base,
            "{\"apiVersion\":\"wire4.example.com/v1\",\"kind\":\"Gizmo\","
                + "\"metadata\":{\"name\":\"g1\",\"labels\":{\"a\":\"b\"}},\"spec\":{\"color\":\"red\"}}");
    assertEquals(201, c.code(), c.body());
    // the custom resource itself is unstructured: keys sorted
    assertTrue(
        c.body()
            .startsWith(
                "{\"apiVersion\":\"wire4.example.com/v1\",\"kind\":\"Gizmo\","
                    + "\"metadata\":{\"creationTimestamp\":"),
        c.body());
    String meta = "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io";
    Api.Resp p = api.send("GET", base + "/g1", null, null, meta);
    assertEquals(200, p.code(), p.body());
    assertTrue(
        p.body()
            .startsWith(
                "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\","
                    + "\"metadata\":{\"name\":\"g1\",\"namespace\":\"default\",\"uid\":"),
        p.body());
    List<String> keys = new ArrayList<>();
    p.json().path("metadata").fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of(
            "name",
            "namespace",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "labels",
            "managedFields"),
        keys);
    Api.Resp t = api.send("GET", base, null, null, "application/json;as=Table;v=v1;g=meta.k8s.io");
    assertTrue(
        t.body()
            .contains(
                "\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":"
                    + "\"meta.k8s.io/v1\",\"metadata\":{\"name\":\"g1\",\"namespace\":\"default\""),
        t.body());
  }

  @Test
  void openApiV3OfCustomResourcesAsTheCrdBuilderPublishesIt() {
    CrdTest.createAndAwait(
        CrdTest.widgetCrd("wire5.example.com", "gizmos", "Gizmo"), "gizmos.wire5.example.com");
    JsonNode index = api.get("/openapi/v3").json();
    String url = index.at("/paths/apis~1wire5.example.com~1v1/serverRelativeURL").asText();
    JsonNode doc = api.get(url).json();
    assertEquals("Kubernetes CRD Swagger", doc.at("/info/title").asText());
    assertEquals("v0.1.0", doc.at("/info/version").asText());
    JsonNode paths = doc.path("paths");
    List<String> names = new ArrayList<>();
    paths.fieldNames().forEachRemaining(names::add);
    String p = "/apis/wire5.example.com/v1";
    assertEquals(
        List.of(
            p + "/gizmos",
            p + "/namespaces/{namespace}/gizmos",
            p + "/namespaces/{namespace}/gizmos/{name}",
            p + "/namespaces/{namespace}/gizmos/{name}/scale",
            p + "/namespaces/{namespace}/gizmos/{name}/status"),
        names.stream().sorted().toList());
    JsonNode item = paths.path(p + "/namespaces/{namespace}/gizmos/{name}");
    assertEquals("resourceVersion", item.at("/get/parameters/0/name").asText());
    JsonNode collection = paths.path(p + "/namespaces/{namespace}/gizmos");
    List<String> dcParams = new ArrayList<>();
    collection.at("/delete/parameters").forEach(n -> dcParams.add(n.path("name").asText()));
    assertEquals(
        List.of(
            "allowWatchBookmarks",
            "continue",
            "fieldSelector",
            "labelSelector",
            "limit",
            "resourceVersion",
            "resourceVersionMatch",
            "sendInitialEvents",
            "timeoutSeconds",
            "watch"),
        dcParams);
    assertTrue(collection.at("/delete/requestBody").isMissingNode(), collection.toString());
    JsonNode scale = paths.path(p + "/namespaces/{namespace}/gizmos/{name}/scale");
    assertEquals("Gizmo", scale.at("/get/x-kubernetes-group-version-kind/kind").asText());
    assertEquals("name of the Gizmo", scale.at("/parameters/0/description").asText());
    assertEquals(
        "#/components/schemas/io.k8s.api.autoscaling.v1.Scale",
        scale.at("/get/responses/200/content/application~1json/schema/$ref").asText());
  }
}
