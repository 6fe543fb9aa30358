package io.kpg.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx Status, changes nothing, and the server stays up. */
@QuarkusTest
class HostileInputTest {
  static Api api;
  static final String CM = "/api/v1/namespaces/default/configmaps";

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
  }

  static void status(Api.Resp r, int code, String reason) {
    assertEquals(code, r.code(), r.body());
    assertEquals("Status", r.json().path("kind").asText(), r.body());
    assertEquals(code, r.json().path("code").asInt());
    if (reason != null) {
      assertEquals(reason, r.json().path("reason").asText(), r.body());
    }
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
  }

  @Test
  void malformedBodies() {
    status(api.post(CM, "{\"metadata\":{\"name\":\"x\""), 400, "BadRequest");
    status(api.post(CM, "not json at all"), 400, "BadRequest");
    status(api.post(CM, "[1,2,3]"), 400, "BadRequest");
    status(api.post(CM, ""), 400, "BadRequest");
    status(api.post(CM, "{\"metadata\":{\"name\":\"x\"}} trailing"), 400, "BadRequest");
    status(api.post(CM, "{\"metadata\":{\"name\":5}}"), 400, "BadRequest");
    status(api.post(CM, "{\"metadata\":{\"name\":\"x\"},\"data\":{\"a\":1}}"), 400, "BadRequest");
    status(api.post(CM, "{\"metadata\":{\"name\":\"x\"},\"data\":[\"a\"]}"), 400, "BadRequest");
    String deep =
        "{\"metadata\":{\"name\":\"deep\"},\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    status(api.post(CM, deep), 400, "BadRequest");
    assertEquals(404, api.get(CM + "/x").code());
  }

  @Test
  void tooLarge() {
    String big =
        "{\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\""
            + "x".repeat(3 * 1024 * 1024 + 10)
            + "\"}}";
    status(api.post(CM, big), 413, "RequestEntityTooLarge");
    assertEquals(404, api.get(CM + "/big").code());
  }

  @Test
  void mismatchedKindVersionNamespaceName() {
    status(
        api.post(CM, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"k\"}}"),
        400,
        "BadRequest");
    status(
        api.post(
            CM,
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"k\"}}"),
        400,
        "BadRequest");
    status(
        api.post(CM, "{\"metadata\":{\"name\":\"k\",\"namespace\":\"kube-system\"}}"),
        400,
        "BadRequest");
    assertEquals(201, api.post(CM, "{\"metadata\":{\"name\":\"named\"}}").code());
    status(api.put(CM + "/named", "{\"metadata\":{\"name\":\"other\"}}"), 400, "BadRequest");
    assertEquals(404, api.get(CM + "/k").code());
  }

  @Test
  void invalidNamesAndLabels() {
    Api.Resp r =
        api.post(
            CM, "{\"metadata\":{\"name\":\"ok\",\"labels\":{\"bad key!\":\"v\",\"k\":\"-bad-\"}}}");
    status(r, 422, "Invalid");
    assertTrue(r.json().at("/details/causes").size() >= 2, r.body());
    status(api.post(CM, "{\"metadata\":{\"name\":\"" + "a".repeat(300) + "\"}}"), 422, "Invalid");
    status(api.post(CM, "{\"metadata\":{}}"), 422, "Invalid");
    assertEquals(404, api.get(CM + "/ok").code());
  }

  @Test
  void unknownPathsAndTypes() {
    status(api.get("/api/v1/namespaces/default/widgets"), 404, "NotFound");
    status(api.get("/apis/nosuch.example.com/v1/things"), 404, "NotFound");
    status(api.get("/apis/apps/v9/deployments"), 404, "NotFound");
    status(api.get("/nothing/here"), 404, "NotFound");
    status(api.put(CM, "{}"), 405, "MethodNotAllowed");
    status(api.patch(CM, "application/merge-patch+json", "{}"), 405, "MethodNotAllowed");
    status(api.post(CM + "/x", "{}"), 405, "MethodNotAllowed");
    status(api.get("/api/v1/namespaces/default/configmaps/a/b/c/d"), 404, "NotFound");
    assertEquals(201, api.post(CM, "{\"metadata\":{\"name\":\"patchme\"}}").code());
    status(api.patch(CM + "/patchme", "application/x-yaml", "{}"), 415, "UnsupportedMediaType");
    status(
        api.send("POST", CM, "text/plain", "hello", "application/json"),
        415,
        "UnsupportedMediaType");
    status(
        api.send("GET", CM + "/patchme", null, null, "application/vnd.kubernetes.protobuf"),
        406,
        "NotAcceptable");
    status(
        api.patch(CM + "/patchme", "application/json-patch+json", "{\"op\":\"add\"}"), 400, null);
    status(
        api.patch(
            CM + "/patchme",
            "application/json-patch+json",
            "[{\"op\":\"test\",\"path\":\"/data/x\",\"value\":\"y\"}]"),
        422,
        null);
  }

  @Test
  void staleAndDuplicate() {
    Api.Resp c = api.post(CM, "{\"metadata\":{\"name\":\"stale\"},\"data\":{\"a\":\"1\"}}");
    assertEquals(201, c.code());
    String rv = c.json().at("/metadata/resourceVersion").asText();
    assertEquals(
        200,
        api.patch(CM + "/stale", "application/merge-patch+json", "{\"data\":{\"a\":\"2\"}}")
            .code());
    status(
        api.patch(
            CM + "/stale",
            "application/merge-patch+json",
            "{\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"data\":{\"a\":\"3\"}}"),
        409,
        "Conflict");
    status(api.post(CM, "{\"metadata\":{\"name\":\"stale\"}}"), 409, "AlreadyExists");
    assertEquals("2", api.get(CM + "/stale").json().at("/data/a").asText());
  }

  @Test
  void randomBytesWithAnyContentType() {
    Random rnd = new Random(42);
    for (String ct :
        List.of(
            "application/json",
            "application/vnd.kubernetes.protobuf",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/json-patch+json",
            "application/octet-stream")) {
      for (int i = 0; i < 5; i++) {
        byte[] junk = new byte[rnd.nextInt(2000) + 1];
        rnd.nextBytes(junk);
        Api.Resp post = api.sendBytes("POST", CM, ct, junk);
        assertTrue(
            post.code() >= 400 && post.code() < 500,
            ct + " POST -> " + post.code() + " " + post.body());
        Api.Resp patch = api.sendBytes("PATCH", CM + "/stale", ct, junk);
        assertTrue(
            patch.code() >= 400 && patch.code() < 500,
            ct + " PATCH -> " + patch.code() + " " + patch.body());
      }
    }
    assertEquals(200, api.send("GET", "/readyz", null, null, null).code());
  }

  @Test
  void anonymousAndUnprivilegedUsers() throws Exception {
    Api anon =
        new Api(
            api.base,
            Files.readAllBytes(KpgTestResource.dataDir.resolve("tls/ca.crt")),
            null,
            null);
    status(anon.get(CM), 401, "Unauthorized");
    assertEquals(200, anon.send("GET", "/version", null, null, null).code());
    assertEquals(200, anon.send("GET", "/readyz", null, null, null).code());
    var issued =
        KpgTestResource.pki.issueClientCert(
            "jane", List.of("team-a"), java.time.Duration.ofHours(1));
    Api jane =
        new Api(
            api.base,
            Files.readAllBytes(KpgTestResource.dataDir.resolve("tls/ca.crt")),
            issued.certPem().getBytes(),
            issued.keyPem().getBytes());
    Api.Resp r = jane.get(CM);
    status(r, 403, "Forbidden");
    assertEquals(
        "configmaps is forbidden: User \"jane\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"",
        r.json().path("message").asText());
    status(jane.post(CM, "{\"metadata\":{\"name\":\"jane\"}}"), 403, "Forbidden");
    String ssar = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    String ask =
        "{\"spec\":{\"resourceAttributes\":{\"verb\":\"list\",\"resource\":\"configmaps\",\"namespace\":\"default\"}}}";
    Api.Resp mine = jane.post(ssar, ask);
    assertEquals(201, mine.code(), mine.body());
    assertEquals(false, mine.json().at("/status/allowed").asBoolean());
    assertEquals(true, api.post(ssar, ask).json().at("/status/allowed").asBoolean());
    status(
        api.send(
            "POST", ssar, "application/json", ask, "application/json;as=Table;v=v1;g=meta.k8s.io"),
        406,
        "NotAcceptable");
    status(api.post(ssar, "{\"spec\":{}}"), 422, "Invalid");
    assertEquals(404, api.get(CM + "/jane").code());
  }

  @Test
  void badListOptions() {
    status(api.get(CM + "?labelSelector=a%20in%20(b"), 400, "BadRequest");
    status(api.get(CM + "?fieldSelector=metadata.name"), 400, "BadRequest");
    status(api.get(CM + "?continue=garbage"), 400, "BadRequest");
    status(api.get(CM + "?resourceVersion=abc"), 422, "Invalid");
    status(api.get(CM + "?resourceVersionMatch=Exact"), 422, "Invalid");
    status(api.get(CM + "?watch=1&sendInitialEvents=true"), 422, "Invalid");
    status(api.get(CM + "?limit=1&continue=x&resourceVersion=5"), 400, "BadRequest");
  }
}
