package io.kpg.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node-free conformance behaviours of CRDs (upstream test/e2e/apimachinery
 * custom_resource_definition.go and friends), as kpg tests: the CRD status subresource, listing and
 * deleting CRDs by label, finalizers on custom resources, and a version that stops being served.
 */
@QuarkusTest
class CrdConformanceTest {
  static Api api;

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
    CrdTest.api = api;
  }

  static String crd(String group, String plural, String kind, String labels) {
    return "{\"metadata\":{\"name\":\""
        + plural
        + "."
        + group
        + "\",\"labels\":"
        + labels
        + "},\"spec\":{\"group\":\""
        + group
        + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\""
        + plural
        + "\",\"kind\":\""
        + kind
        + "\"},\"versions\":["
        + "{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":"
        + "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}},"
        + "{\"name\":\"v2\",\"served\":true,\"storage\":false,\"schema\":{\"openAPIV3Schema\":"
        + "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}]}}";
  }

  @Test
  void crdStatusSubresource() {
    String name = "notes.status.example.com";
    CrdTest.createAndAwait(crd("status.example.com", "notes", "Note", "{}"), name);
    String status = CrdTest.CRDS + "/" + name + "/status";
    JsonNode got = api.get(status).json();
    assertEquals("CustomResourceDefinition", got.path("kind").asText());
    assertEquals("notes", got.at("/status/acceptedNames/plural").asText());
    Api.Resp patched =
        api.patch(
            status,
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"patched\":\"yes\"}},\"status\":{\"conditions\":"
                + "[{\"type\":\"StatusUpdated\",\"status\":\"True\",\"reason\":\"E2E\",\"message\":\"set\","
                + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}");
    assertEquals(200, patched.code(), patched.body());
    assertTrue(patched.body().contains("StatusUpdated"), patched.body());
    // the merge patch replaced the conditions: the CRD controller puts its own back, so the
    // update retries on conflicts like a client would
    Api.Resp[] put = new Api.Resp[1];
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              ObjectNode cur = (ObjectNode) api.get(CrdTest.CRDS + "/" + name).json();
              ((ObjectNode) cur.get("spec")).put("scope", "Cluster");
              put[0] = api.put(status, cur.toString());
              return put[0].code() != 409;
            });
    assertEquals(200, put[0].code(), put[0].body());
    assertEquals(
        "Namespaced",
        put[0].json().at("/spec/scope").asText(),
        "spec changes through /status are ignored");
  }

  @Test
  void listAndDeleteCollectionByLabel() {
    CrdTest.createAndAwait(
        crd("lists.example.com", "firsts", "First", "{\"e2e-list-test\":\"a\"}"),
        "firsts.lists.example.com");
    CrdTest.createAndAwait(
        crd("lists.example.com", "seconds", "Second", "{\"e2e-list-test\":\"a\"}"),
        "seconds.lists.example.com");
    CrdTest.createAndAwait(
        crd("lists.example.com", "thirds", "Third", "{\"e2e-list-test\":\"b\"}"),
        "thirds.lists.example.com");
    JsonNode list = api.get(CrdTest.CRDS + "?labelSelector=e2e-list-test%3Da").json();
    assertEquals(2, list.path("items").size(), list.toString());
    Api.Resp dc = api.delete(CrdTest.CRDS + "?labelSelector=e2e-list-test%3Da", null);
    assertEquals(200, dc.code(), dc.body());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                api.get(CrdTest.CRDS + "?labelSelector=e2e-list-test").json().path("items").size()
                    == 1);
    assertEquals(200, api.get(CrdTest.CRDS + "/thirds.lists.example.com").code());
    assertEquals(200, api.get("/apis/lists.example.com/v1/thirds").code());
    assertEquals(404, api.get("/apis/lists.example.com/v1/firsts").code());
  }

  @Test
  void finalizersHoldCustomResourcesAndVersionsStopBeingServed() {
    String name = "locks.fin.example.com";
    CrdTest.createAndAwait(crd("fin.example.com", "locks", "Lock", "{}"), name);
    String base = "/apis/fin.example.com/v1/namespaces/default/locks";
    assertEquals(
        201,
        api.post(
                base,
                "{\"apiVersion\":\"fin.example.com/v1\",\"kind\":\"Lock\",\"metadata\":{\"name\":\"l\","
                    + "\"finalizers\":[\"example.com/hold\"]},\"spec\":{\"x\":1}}")
            .code());
    Api.Resp del = api.delete(base + "/l", null);
    assertEquals(200, del.code(), del.body());
    JsonNode held = api.get(base + "/l").json();
    assertTrue(held.at("/metadata/deletionTimestamp").isTextual(), held.toString());
    Api.Resp rel =
        api.patch(
            base + "/l",
            "application/json-patch+json",
            "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
    assertEquals(200, rel.code(), rel.body());
    assertEquals(404, api.get(base + "/l").code());

    // v2 stops being served when the CRD says so
    assertEquals(200, api.get("/apis/fin.example.com/v2/locks").code());
    ObjectNode cur = (ObjectNode) api.get(CrdTest.CRDS + "/" + name).json();
    ((ObjectNode) cur.at("/spec/versions/1")).put("served", false);
    Api.Resp upd = api.put(CrdTest.CRDS + "/" + name, cur.toString());
    assertEquals(200, upd.code(), upd.body());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> api.get("/apis/fin.example.com/v2/locks").code() == 404);
    assertEquals(200, api.get("/apis/fin.example.com/v1/locks").code());
    assertTrue(!api.get("/apis/fin.example.com").body().contains("\"v2\""));
  }
}
