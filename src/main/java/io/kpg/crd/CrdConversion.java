package io.kpg.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Converts custom resources between the versions of a CRD: strategy {@code None} rewrites
 * apiVersion only; {@code Webhook} sends a {@code ConversionReview} (v1) over HTTPS to the
 * configured URL or service and takes the converted object from the answer.
 */
public final class CrdConversion {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String kind;
  private final URI url;
  private final HttpClient http;

  private CrdConversion(String kind, URI url, HttpClient http) {
    this.kind = kind;
    this.url = url;
    this.http = http;
  }

  /** The conversion a CRD asks for (spec.conversion). */
  public static CrdConversion of(JsonNode crd) {
    String kind = crd.path("spec").path("names").path("kind").asText();
    JsonNode conv = crd.path("spec").path("conversion");
    if (!"Webhook".equals(conv.path("strategy").asText("None"))) {
      return new CrdConversion(kind, null, null);
    }
    JsonNode cc = conv.path("webhook").path("clientConfig");
    URI url;
    if (cc.hasNonNull("url")) {
      url = URI.create(cc.path("url").asText());
    } else {
      JsonNode s = cc.path("service");
      String path = s.path("path").asText("");
      url =
          URI.create(
              "https://"
                  + s.path("name").asText()
                  + "."
                  + s.path("namespace").asText()
                  + ".svc:"
                  + s.path("port").asInt(443)
                  + (path.startsWith("/") ? path : "/" + path));
    }
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    String ca = cc.path("caBundle").asText("");
    if (!ca.isEmpty()) {
      b.sslContext(trusting(ca));
    }
    return new CrdConversion(kind, url, b.build());
  }

  private static SSLContext trusting(String caBundleBase64) {
    try {
      byte[] pem = Base64.getDecoder().decode(caBundleBase64);
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      // an unusable bundle trusts nothing: every call fails with a TLS error
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyStore empty = KeyStore.getInstance(KeyStore.getDefaultType());
        empty.load(null, null);
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(empty);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
      } catch (Exception impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  /** Whether conversion calls a webhook. */
  public boolean webhook() {
    return url != null;
  }

  /** {@code obj} in {@code apiVersion}. */
  public ObjectNode convert(ObjectNode obj, String apiVersion) {
    if (apiVersion.equals(obj.path("apiVersion").asText())) {
      return obj;
    }
    if (url == null) {
      ObjectNode out = obj.deepCopy();
      out.put("apiVersion", apiVersion);
      return out;
    }
    return callWebhook(obj, apiVersion);
  }

  private ObjectNode callWebhook(ObjectNode obj, String apiVersion) {
    String what = "conversion webhook for " + obj.path("apiVersion").asText() + ", Kind=" + kind;
    String uid = UUID.randomUUID().toString();
    ObjectNode review = Json.object();
    review.put("kind", "ConversionReview");
    review.put("apiVersion", "apiextensions.k8s.io/v1");
    ObjectNode req = review.putObject("request");
    req.put("uid", uid);
    req.put("desiredAPIVersion", apiVersion);
    req.putArray("objects").add(obj);
    HttpResponse<byte[]> resp;
    try {
      resp =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(review)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw Errors.internal(
          what + " failed: Post \"" + url + "\": " + String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.internal(what + " failed: interrupted");
    }
    if (resp.statusCode() != 200) {
      throw Errors.internal(
          what + " failed: the server responded with status code " + resp.statusCode());
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(new String(resp.body(), StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw Errors.internal(what + " failed: invalid ConversionReview response");
    }
    JsonNode r = answer.path("response");
    if (!uid.equals(r.path("uid").asText())) {
      throw Errors.internal(
          what
              + " failed: expected response.uid=\""
              + uid
              + "\", got \""
              + r.path("uid").asText()
              + "\"");
    }
    if (!"Success".equals(r.path("result").path("status").asText())) {
      throw Errors.internal(
          what + " failed: " + r.path("result").path("message").asText("conversion failed"));
    }
    JsonNode converted = r.path("convertedObjects").path(0);
    if (!(converted instanceof ObjectNode out)) {
      throw Errors.internal(what + " failed: expected 1 converted object, got 0");
    }
    if (!apiVersion.equals(out.path("apiVersion").asText())) {
      throw Errors.internal(
          what
              + " failed: invalid apiVersion \""
              + out.path("apiVersion").asText()
              + "\", expected \""
              + apiVersion
              + "\"");
    }
    // only labels and annotations may change in metadata; the rest is the request's
    ObjectNode md = obj.get("metadata") instanceof ObjectNode m ? m.deepCopy() : Json.object();
    JsonNode newMd = out.path("metadata");
    for (String f : new String[] {"labels", "annotations"}) {
      if (newMd.has(f)) {
        md.set(f, newMd.get(f));
      } else {
        md.remove(f);
      }
    }
    out.set("metadata", md);
    return out;
  }
}
