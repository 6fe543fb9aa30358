package io.kpg.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) started as the README says, in
 * its own data directory and port, on its embedded PostgreSQL unless a database URL is given.
 */
public final class KpgProcess implements AutoCloseable {
  public final Path dataDir;
  public final int port;
  private final Process process;
  public final Path log;

  public KpgProcess(Path dataDir, int port, Map<String, String> env) throws IOException {
    this.dataDir = dataDir;
    this.port = port;
    Files.createDirectories(dataDir);
    this.log = dataDir.resolve("kpg.log");
    String jar = System.getProperty("kpg.jar", "target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(Path.of(jar))) {
      throw new IllegalStateException(jar + " is missing: run `./mvnw package` first");
    }
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx1g", "-jar", jar));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("KPG_DATA_DIR", dataDir.toString());
    pb.environment().put("KPG_PORT", Integer.toString(port));
    pb.environment().putAll(env);
    String opts = System.getenv("KPG_E2E_JAVA_OPTS"); // e.g. a flight recording while benchmarking
    if (opts != null && !opts.isBlank()) {
      pb.environment().put("JAVA_TOOL_OPTIONS", opts);
    }
    process = pb.start();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public Path kubeconfig() {
    return dataDir.resolve("admin.kubeconfig");
  }

  /** Waits until /readyz answers 200 (anonymous, as a load balancer would ask). */
  public void awaitReady(Duration timeout) throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            public void checkServerTrusted(X509Certificate[] c, String a) {}

            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    HttpClient c =
        HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kpg exited early:\n" + tail());
      }
      try {
        HttpResponse<String> r =
            c.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && Files.exists(kubeconfig())) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("kpg not ready after " + timeout + ":\n" + tail());
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops it like Ctrl-C / SIGTERM does, then waits. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
