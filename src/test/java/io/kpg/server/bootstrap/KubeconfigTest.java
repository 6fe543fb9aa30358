package io.kpg.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.kpg.json.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  @Test
  void adminKubeconfigContents(@TempDir Path dir) throws Exception {
    Pki pki = Pki.generate(List.of());
    Path file = dir.resolve("sub/admin.kubeconfig");
    Kubeconfig.write(file, "https://127.0.0.1:6443", pki);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    JsonNode kc = Json.MAPPER.readTree(Files.readString(file));
    assertEquals("Config", kc.path("kind").asText());
    assertEquals("v1", kc.path("apiVersion").asText());
    assertEquals("kpg", kc.path("current-context").asText());
    JsonNode cluster = kc.path("clusters").get(0);
    assertEquals("kpg", cluster.path("name").asText());
    assertEquals("https://127.0.0.1:6443", cluster.path("cluster").path("server").asText());
    assertEquals(
        pki.caCertPem(), decode(cluster.path("cluster").path("certificate-authority-data")));
    JsonNode user = kc.path("users").get(0);
    assertEquals("kpg-admin", user.path("name").asText());
    assertEquals(pki.adminCertPem(), decode(user.path("user").path("client-certificate-data")));
    assertEquals(pki.adminKeyPem(), decode(user.path("user").path("client-key-data")));
    JsonNode ctx = kc.path("contexts").get(0);
    assertEquals("kpg", ctx.path("name").asText());
    assertEquals("kpg", ctx.path("context").path("cluster").asText());
    assertEquals("kpg-admin", ctx.path("context").path("user").asText());
  }

  /**
   * The real consumer: kubectl (Go TLS) verifies the serving certificate against the CA in the
   * kubeconfig, by IP and by DNS name, and presents the admin client certificate.
   */
  @Test
  void kubectlTalksToAServerUsingThePki(@TempDir Path dir) throws Exception {
    Pki pki = Pki.generate(List.of());
    List<String> clients = new CopyOnWriteArrayList<>();
    HttpsServer server = tlsServer(pki, clients);
    try {
      int port = server.getAddress().getPort();
      for (String host : List.of("127.0.0.1", "localhost")) {
        Path kc = dir.resolve(host + ".kubeconfig");
        Kubeconfig.write(kc, "https://" + host + ":" + port, pki);
        String out = kubectl(kc, "get", "--raw", "/version");
        assertTrue(out.contains("\"gitVersion\":\"v1.32.0-kpg-test\""), out);
      }
      assertTrue(clients.size() >= 2, clients.toString()); // kubectl may send a request twice
      for (String c : clients) {
        assertTrue(c.contains("CN=kpg-admin") && c.contains("O=system:masters"), c);
      }

      // a kubeconfig trusting another CA is refused by kubectl
      Pki other = Pki.generate(List.of());
      Path bad = dir.resolve("other.kubeconfig");
      Kubeconfig.write(
          bad,
          "https://127.0.0.1:" + port,
          other.caCertPem(),
          "x",
          pki.adminCertPem(),
          pki.adminKeyPem());
      ProcessResult r = run(bad, "get", "--raw", "/version");
      assertNotEquals(0, r.exit);
      assertTrue(r.output.contains("certificate"), r.output);

      // a non-admin user from issueClientCert is presented with its own name and groups
      Pki.Issued bob = pki.issueClientCert("bob", List.of("team-b"), java.time.Duration.ofHours(1));
      Path bobKc = dir.resolve("bob.kubeconfig");
      Kubeconfig.write(
          bobKc, "https://127.0.0.1:" + port, pki.caCertPem(), "bob", bob.certPem(), bob.keyPem());
      kubectl(bobKc, "get", "--raw", "/version");
      String last = clients.get(clients.size() - 1);
      assertTrue(last.contains("CN=bob") && last.contains("O=team-b"), last);
    } finally {
      server.stop(0);
    }
  }

  private static HttpsServer tlsServer(Pki pki, List<String> clients) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "x".toCharArray();
    ks.setKeyEntry(
        "server",
        Pki.parsePrivateKey(pki.serverKeyPem()),
        pw,
        new Certificate[] {pki.serverCertificate(), pki.caCertificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", pki.caCertificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(ctx) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = ctx.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    server.createContext(
        "/",
        ex -> {
          try {
            X509Certificate peer =
                (X509Certificate) ((HttpsExchange) ex).getSSLSession().getPeerCertificates()[0];
            clients.add(peer.getSubjectX500Principal().getName());
          } catch (Exception e) {
            clients.add("no client certificate: " + e);
          }
          byte[] body =
              "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-kpg-test\"}"
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    return server;
  }

  record ProcessResult(int exit, String output) {}

  private static String kubectl(Path kubeconfig, String... args) throws Exception {
    ProcessResult r = run(kubeconfig, args);
    assertEquals(0, r.exit, r.output);
    return r.output;
  }

  private static ProcessResult run(Path kubeconfig, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("kubectl");
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.add("--request-timeout=20s");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HOME", kubeconfig.getParent().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new ProcessResult(p.exitValue(), out);
  }

  private static String decode(JsonNode n) {
    return new String(Base64.getDecoder().decode(n.asText()), StandardCharsets.UTF_8);
  }
}
