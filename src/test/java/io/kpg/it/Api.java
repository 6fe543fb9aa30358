package io.kpg.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.json.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS client for tests, authenticated with the admin kubeconfig's client certificate and
 * trusting the cluster CA; HTTP/2 like kubectl.
 */
public final class Api {
  public final HttpClient http;
  public final String base;

  public Api(Path kubeconfig) {
    try {
      JsonNode kc = Json.MAPPER.readTree(Files.readString(kubeconfig));
      JsonNode cluster = kc.path("clusters").get(0).path("cluster");
      JsonNode user = kc.path("users").get(0).path("user");
      base = cluster.path("server").asText();
      byte[] ca = Base64.getDecoder().decode(cluster.path("certificate-authority-data").asText());
      byte[] cert = Base64.getDecoder().decode(user.path("client-certificate-data").asText());
      byte[] key = Base64.getDecoder().decode(user.path("client-key-data").asText());
      http = client(ca, cert, key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client with another identity (e.g. a non-admin certificate). */
  public Api(String base, byte[] caPem, byte[] certPem, byte[] keyPem) {
    this.base = base;
    try {
      http = client(caPem, certPem, keyPem);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient client(byte[] caPem, byte[] certPem, byte[] keyPem) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca", cf.generateCertificate(new java.io.ByteArrayInputStream(caPem)));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (certPem != null) {
      Certificate c = cf.generateCertificate(new java.io.ByteArrayInputStream(certPem));
      String pem = new String(keyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      byte[] der = Base64.getDecoder().decode(pem);
      PrivateKey pk;
      try {
        pk = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (Exception e) {
        pk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("me", pk, "x".toCharArray(), new Certificate[] {c});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "x".toCharArray());
    }
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  public record Resp(int code, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + code + "): " + body, e);
      }
    }
  }

  public Resp send(String method, String path, String contentType, String body, String accept) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }

  public Resp sendBytes(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    b.header("Content-Type", contentType);
    b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }

  public Resp get(String path) {
    return send("GET", path, null, null, "application/json");
  }

  public Resp post(String path, String json) {
    return send("POST", path, "application/json", json, "application/json");
  }

  public Resp put(String path, String json) {
    return send("PUT", path, "application/json", json, "application/json");
  }

  public Resp patch(String path, String type, String json) {
    return send("PATCH", path, type, json, "application/json");
  }

  public Resp delete(String path, String json) {
    return send("DELETE", path, json == null ? null : "application/json", json, "application/json");
  }

  /** Opens a watch and returns its line stream. */
  public InputStream stream(String path) {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "application/json")
            .build();
    try {
      HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        throw new AssertionError(
            "watch answered " + resp.statusCode() + ": " + new String(resp.body().readAllBytes()));
      }
      return resp.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
