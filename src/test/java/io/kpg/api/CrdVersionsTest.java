package io.kpg.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.kpg.json.Json;
import io.kpg.server.bootstrap.Pki;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CRD versions: a conversion webhook over HTTPS (ConversionReview v1) between two served versions
 * with different field names, and defaults applied on read after a schema change.
 */
@QuarkusTest
class CrdVersionsTest {
  static Api api;
  static HttpsServer webhook;
  static final AtomicInteger reviews = new AtomicInteger();
  static String caBundle;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
    CrdTest.api = api;
    Pki pki = Pki.generate(List.of());
    Pki.Issued server = new Pki.Issued(pki.serverCertPem(), pki.serverKeyPem());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "server", server.privateKey(), new char[0], new Certificate[] {server.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    webhook = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.setHttpsConfigurator(new HttpsConfigurator(ctx));
    webhook.createContext(
        "/convert",
        ex -> {
          reviews.incrementAndGet();
          JsonNode review = Json.MAPPER.readTree(ex.getRequestBody());
          JsonNode req = review.path("request");
          String to = req.path("desiredAPIVersion").asText();
          ObjectNode out = Json.object();
          out.put("apiVersion", "apiextensions.k8s.io/v1");
          out.put("kind", "ConversionReview");
          ObjectNode resp = out.putObject("response");
          resp.put("uid", req.path("uid").asText());
          var converted = resp.putArray("convertedObjects");
          for (JsonNode o : req.path("objects")) {
            ObjectNode c = o.deepCopy();
            ObjectNode spec = (ObjectNode) c.get("spec");
            if (to.endsWith("/v2") && spec != null && spec.has("color")) {
              spec.set("colour", spec.remove("color"));
            } else if (to.endsWith("/v1") && spec != null && spec.has("colour")) {
              spec.set("color", spec.remove("colour"));
            }
            c.put("apiVersion", to);
            converted.add(c);
          }
          resp.putObject("result").put("status", "Success");
          byte[] body = Json.writeBytes(out);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    webhook.start();
    caBundle = Base64.getEncoder().encodeToString(pki.caCertPem().getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  static String version(String name, boolean storage, String field, String extra) {
    return "{\"name\":\""
        + name
        + "\",\"served\":true,\"storage\":"
        + storage
        + ",\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{\"spec\":"
        + "{\"type\":\"object\",\"properties\":{\""
        + field
        + "\":{\"type\":\"string\"}"
        + extra
        + "}}}}}}";
  }

  @Test
  void conversionWebhookBetweenVersions() {
    String crd =
        "{\"metadata\":{\"name\":\"paints.conv.example.com\"},\"spec\":{\"group\":\"conv.example.com\","
            + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"paints\",\"kind\":\"Paint\"},"
            + "\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{\"conversionReviewVersions\":[\"v1\"],"
            + "\"clientConfig\":{\"url\":\"https://127.0.0.1:"
            + webhook.getAddress().getPort()
            + "/convert\",\"caBundle\":\""
            + caBundle
            + "\"}}},\"versions\":["
            + version("v1", true, "color", "")
            + ","
            + version("v2", false, "colour", "")
            + "]}}";
    CrdTest.createAndAwait(crd, "paints.conv.example.com");
    String v1 = "/apis/conv.example.com/v1/namespaces/default/paints";
    String v2 = "/apis/conv.example.com/v2/namespaces/default/paints";
    Api.Resp c =
        api.post(
            v2,
            "{\"apiVersion\":\"conv.example.com/v2\",\"kind\":\"Paint\",\"metadata\":{\"name\":\"p1\"},"
                + "\"spec\":{\"colour\":\"teal\"}}");
    assertEquals(201, c.code(), c.body());
    assertEquals("teal", c.json().at("/spec/colour").asText(), c.body());
    JsonNode stored = api.get(v1 + "/p1").json();
    assertEquals("conv.example.com/v1", stored.path("apiVersion").asText());
    assertEquals("teal", stored.at("/spec/color").asText(), stored.toString());
    JsonNode list = api.get(v2).json();
    assertEquals("teal", list.at("/items/0/spec/colour").asText(), list.toString());
    assertEquals("conv.example.com/v2", list.at("/items/0/apiVersion").asText());
    assertTrue(reviews.get() >= 3, "the webhook converted " + reviews.get() + " times");
    assertEquals(
        200,
        api.patch(v2 + "/p1", "application/merge-patch+json", "{\"spec\":{\"colour\":\"navy\"}}")
            .code());
    assertEquals("navy", api.get(v1 + "/p1").json().at("/spec/color").asText());

    // watches in the other version convert each event through the webhook, off the event loop
    try (java.io.InputStream in = api.stream(v2 + "?watch=true&resourceVersion=0")) {
      java.io.BufferedReader r =
          new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      assertTrue(r.readLine().contains("\"colour\":\"navy\""));
      api.patch(v1 + "/p1", "application/merge-patch+json", "{\"spec\":{\"color\":\"plum\"}}");
      String ev = r.readLine();
      assertTrue(ev.contains("\"MODIFIED\"") && ev.contains("\"colour\":\"plum\""), ev);
      assertTrue(ev.contains("\"apiVersion\":\"conv.example.com/v2\""), ev);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void defaultsAreAppliedOnReadAfterTheSchemaChanges() {
    String name = "pots.defaults.example.com";
    String crd =
        "{\"metadata\":{\"name\":\""
            + name
            + "\"},\"spec\":{\"group\":\"defaults.example.com\","
            + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"pots\",\"kind\":\"Pot\"},\"versions\":["
            + version("v1", true, "a", "")
            + "]}}";
    CrdTest.createAndAwait(crd, name);
    String base = "/apis/defaults.example.com/v1/namespaces/default/pots";
    assertEquals(
        201,
        api.post(
                base,
                "{\"apiVersion\":\"defaults.example.com/v1\",\"kind\":\"Pot\",\"metadata\":{\"name\":\"p\"},"
                    + "\"spec\":{\"a\":\"x\"}}")
            .code());
    JsonNode cur = api.get(CrdTest.CRDS + "/" + name).json();
    ObjectNode next = (ObjectNode) cur.deepCopy();
    ((ObjectNode) next.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties"))
        .putObject("b")
        .put("type", "string")
        .put("default", "B");
    assertEquals(200, api.put(CrdTest.CRDS + "/" + name, next.toString()).code());
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> "B".equals(api.get(base + "/p").json().at("/spec/b").asText()));
    assertEquals("B", api.get(base).json().at("/items/0/spec/b").asText());
  }
}
