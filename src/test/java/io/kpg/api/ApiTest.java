package io.kpg.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRUD, errors and metadata semantics through the real HTTPS front door. */
@QuarkusTest
@QuarkusTestResource(value = KpgTestResource.class, restrictToAnnotatedClass = false)
class ApiTest {
  static Api api;

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/namespaces/default").code() == 200);
  }

  static final String CM = "/api/v1/namespaces/default/configmaps";

  @Test
  void createGetUpdateDeleteConfigMap() {
    Api.Resp c =
        api.post(
            CM,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"crud\",\"labels\":{\"a\":\"b\"}},\"data\":{\"k\":\"v\"}}");
    assertEquals(201, c.code(), c.body());
    JsonNode obj = c.json();
    assertEquals("crud", obj.at("/metadata/name").asText());
    assertEquals("default", obj.at("/metadata/namespace").asText());
    assertFalse(obj.at("/metadata/uid").asText().isEmpty());
    assertFalse(obj.at("/metadata/resourceVersion").asText().isEmpty());
    assertTrue(obj.at("/metadata/creationTimestamp").asText().endsWith("Z"));

    Api.Resp g = api.get(CM + "/crud");
    assertEquals(200, g.code());
    assertEquals(obj, g.json());

    Api.Resp dup = api.post(CM, "{\"metadata\":{\"name\":\"crud\"}}");
    assertEquals(409, dup.code());
    assertEquals("AlreadyExists", dup.json().path("reason").asText());
    assertEquals("configmaps \"crud\" already exists", dup.json().path("message").asText());

    String rv = obj.at("/metadata/resourceVersion").asText();
    Api.Resp u =
        api.put(
            CM + "/crud",
            "{\"metadata\":{\"name\":\"crud\",\"resourceVersion\":\""
                + rv
                + "\"},\"data\":{\"k\":\"v2\"}}");
    assertEquals(200, u.code(), u.body());
    assertTrue(
        Long.parseLong(u.json().at("/metadata/resourceVersion").asText()) > Long.parseLong(rv));

    Api.Resp stale =
        api.put(
            CM + "/crud",
            "{\"metadata\":{\"name\":\"crud\",\"resourceVersion\":\"" + rv + "\"},\"data\":{}}");
    assertEquals(409, stale.code());
    assertEquals("Conflict", stale.json().path("reason").asText());

    Api.Resp d = api.delete(CM + "/crud", "{\"propagationPolicy\":\"Background\"}");
    assertEquals(200, d.code(), d.body());
    assertEquals("Success", d.json().path("status").asText());
    assertEquals("configmaps", d.json().at("/details/kind").asText());

    Api.Resp nf = api.get(CM + "/crud");
    assertEquals(404, nf.code());
    assertEquals("configmaps \"crud\" not found", nf.json().path("message").asText());
  }

  @Test
  void invalidNameIs422WithCauses() {
    Api.Resp r = api.post(CM, "{\"metadata\":{\"name\":\"Bad_Name\"}}");
    assertEquals(422, r.code(), r.body());
    assertEquals("Invalid", r.json().path("reason").asText());
    assertEquals("ConfigMap", r.json().at("/details/kind").asText());
    assertEquals("metadata.name", r.json().at("/details/causes/0/field").asText());
  }

  @Test
  void listWithPaginationAndSelectors() {
    for (int i = 0; i < 5; i++) {
      assertEquals(
          201,
          api.post(
                  CM,
                  "{\"metadata\":{\"name\":\"page-"
                      + i
                      + "\",\"labels\":{\"page\":\"yes\",\"i\":\""
                      + i
                      + "\"}}}")
              .code());
    }
    Api.Resp p1 = api.get(CM + "?labelSelector=page%3Dyes&limit=2");
    assertEquals(200, p1.code(), p1.body());
    JsonNode l1 = p1.json();
    assertEquals("ConfigMapList", l1.path("kind").asText());
    assertEquals(2, l1.path("items").size());
    assertEquals(3, l1.at("/metadata/remainingItemCount").asInt());
    String cont = l1.at("/metadata/continue").asText();
    // a write between pages does not show up: the list is a snapshot
    assertEquals(
        201,
        api.post(CM, "{\"metadata\":{\"name\":\"page-9\",\"labels\":{\"page\":\"yes\"}}}").code());
    JsonNode l2 = api.get(CM + "?labelSelector=page%3Dyes&limit=10&continue=" + cont).json();
    assertEquals(3, l2.path("items").size());
    assertEquals(l1.at("/metadata/resourceVersion"), l2.at("/metadata/resourceVersion"));
    assertEquals("page-2", l2.at("/items/0/metadata/name").asText());
    assertTrue(l2.at("/metadata/continue").isMissingNode());

    JsonNode sel = api.get(CM + "?labelSelector=i+in+(1,3),page").json();
    assertEquals(2, sel.path("items").size());
    JsonNode byName = api.get(CM + "?fieldSelector=metadata.name%3Dpage-4").json();
    assertEquals(1, byName.path("items").size());
    Api.Resp bad = api.get(CM + "?fieldSelector=spec.nothing%3Dx");
    assertEquals(400, bad.code());
    assertTrue(bad.json().path("message").asText().contains("field label not supported"));
  }

  @Test
  void generateNameDeleteCollectionAndPreconditions() {
    String cm = "/api/v1/namespaces/default/configmaps";
    Api.Resp g =
        api.post(cm, "{\"metadata\":{\"generateName\":\"gen-\",\"labels\":{\"batch\":\"b1\"}}}");
    assertEquals(201, g.code(), g.body());
    String name = g.json().at("/metadata/name").asText();
    assertTrue(name.startsWith("gen-") && name.length() == 9, name);
    assertEquals(
        201,
        api.post(cm, "{\"metadata\":{\"name\":\"coll-2\",\"labels\":{\"batch\":\"b1\"}}}").code());
    Api.Resp pre = api.delete(cm + "/coll-2", "{\"preconditions\":{\"uid\":\"nope\"}}");
    assertEquals(409, pre.code(), pre.body());
    assertTrue(
        pre.json()
            .path("message")
            .asText()
            .contains("Precondition failed: UID in precondition: nope"));
    Api.Resp dc = api.delete(cm + "?labelSelector=batch%3Db1", null);
    assertEquals(200, dc.code(), dc.body());
    assertEquals("ConfigMapList", dc.json().path("kind").asText());
    assertEquals(2, dc.json().path("items").size());
    assertEquals(0, api.get(cm + "?labelSelector=batch%3Db1").json().path("items").size());
  }

  @Test
  void metricsHealthAndOpenApiCaching() {
    Api.Resp h = api.send("GET", "/readyz?verbose", null, null, null);
    assertEquals(200, h.code());
    assertTrue(
        h.body().contains("[+]ping ok") && h.body().contains("readyz check passed"), h.body());
    assertTrue(h.body().contains("[+]poststarthook/crd-informer-synced ok"), h.body());
    api.get("/api/v1/namespaces/default/configmaps");
    String m = api.send("GET", "/metrics", null, null, null).body();
    assertTrue(m.contains("apiserver_request_total{"), m);
    assertTrue(m.contains("verb=\"LIST\""), m);
    assertTrue(m.contains("apiserver_request_duration_seconds_bucket{"), m);
    assertTrue(m.contains("apiserver_storage_objects{resource=\"namespaces\"}"), m);
    Api.Resp v2 = api.get("/openapi/v2");
    String etag = v2.headers().firstValue("etag").orElseThrow();
    Api.Resp again = api.send("GET", "/openapi/v2", null, null, "application/json");
    assertEquals(etag, again.headers().firstValue("etag").orElseThrow());
    var req =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/openapi/v2"))
            .header("If-None-Match", etag)
            .build();
    try {
      assertEquals(
          304,
          api.http.send(req, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
