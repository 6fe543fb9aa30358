package io.kpg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foundation user story, driven with the real kubectl binaries against the packaged server
 * started the README way (embedded PostgreSQL, generated PKI, admin kubeconfig).
 */
class KubectlUserStoryIT {
  static KpgProcess kpg;

  static Stream<String> versions() {
    return Stream.of(
        System.getProperty("kpg.kubectl.versions", "1.27,1.28,1.29,1.30,1.31,1.32,1.33")
            .split(","));
  }

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of("target", "e2e-user-story").toAbsolutePath();
    deleteTree(dir);
    kpg = new KpgProcess(dir, KpgTestResource.freePort(), Map.of());
    kpg.awaitReady(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() throws Exception {
    if (kpg != null) {
      kpg.close();
    }
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Kubectl.Result ok(Kubectl k, String... args) {
    Kubectl.Result r = k.run(args);
    assertEquals(
        0,
        r.exit(),
        () ->
            "kubectl "
                + k.version
                + " "
                + String.join(" ", args)
                + " failed:\n"
                + r.all()
                + "\n--- server log ---\n"
                + kpg.tail());
    return r;
  }

  private static void contains(Kubectl.Result r, String... parts) {
    for (String p : parts) {
      assertTrue(r.all().contains(p), () -> "expected \"" + p + "\" in:\n" + r.all());
    }
  }

  private static void awaitTrue(Duration d, java.util.function.BooleanSupplier cond, String what)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + d.toMillis();
    while (System.currentTimeMillis() < deadline) {
      if (cond.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("versions")
  void userStory(String version) throws Exception {
    Kubectl k = new Kubectl(version, kpg.kubeconfig());
    String ns = "story-" + version.replace('.', '-');

    contains(ok(k, "version"), "Server Version");
    contains(ok(k, "get", "--raw", "/api/v1"), "\"name\":\"pods/status\"");
    assertEquals("yes", ok(k, "auth", "can-i", "create", "deployments").out().trim());
    contains(ok(k, "api-resources"), "deployments", "deploy", "apps/v1", "configmaps", "cm");

    Path app = Files.createTempFile("app", ".yaml");
    Files.writeString(
        app, Files.readString(Path.of("src/test/resources/e2e/app.yaml")).replace("NS", ns));
    contains(
        ok(k, "apply", "-f", app.toString()),
        "namespace/" + ns + " created",
        "configmap/web-config created",
        "secret/web-secret created",
        "service/web created",
        "deployment.apps/web created");
    // applying the same file again changes nothing
    contains(ok(k, "apply", "-f", app.toString()), "deployment.apps/web unchanged");

    Kubectl.Result wide = ok(k, "get", "deploy,svc,cm", "-n", ns, "-o", "wide");
    contains(
        wide,
        "deployment.apps/web",
        "service/web",
        "configmap/web-config",
        "READY",
        "UP-TO-DATE",
        "CLUSTER-IP",
        "PORT(S)",
        "80/TCP",
        "DATA",
        "IMAGES",
        "nginx:1.25");

    Kubectl.Result yaml = ok(k, "get", "deploy", "web", "-n", ns, "-o", "yaml");
    contains(
        yaml,
        "progressDeadlineSeconds: 600",
        "revisionHistoryLimit: 10",
        "maxSurge: 25%",
        "imagePullPolicy: IfNotPresent",
        "terminationMessagePath: /dev/termination-log",
        "restartPolicy: Always",
        "dnsPolicy: ClusterFirst",
        "generation: 1");
    contains(ok(k, "describe", "deploy", "web", "-n", ns), "Name:", "web", "Replicas:");

    contains(ok(k, "label", "cm", "web-config", "-n", ns, "tier=frontend"), "labeled");
    contains(
        ok(k, "annotate", "cm", "web-config", "-n", ns, "note=hi"),
        "configmap/web-config annotate");
    ok(k, "patch", "cm", "web-config", "-n", ns, "--type=merge", "-p", "{\"data\":{\"a\":\"1\"}}");
    ok(
        k,
        "patch",
        "cm",
        "web-config",
        "-n",
        ns,
        "--type=json",
        "-p",
        "[{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"2\"}]");
    contains(
        ok(
            k,
            "get",
            "cm",
            "web-config",
            "-n",
            ns,
            "-o",
            "jsonpath={.data.a}{.data.b}{.metadata.labels.tier}"),
        "12frontend");
    ok(
        k,
        "patch",
        "deploy",
        "web",
        "-n",
        ns,
        "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.26\"}]}}}}");
    contains(
        ok(
            k,
            "get",
            "deploy",
            "web",
            "-n",
            ns,
            "-o",
            "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].envFrom[0].configMapRef.name} {.metadata.generation}"),
        "nginx:1.26 web-config 2");

    contains(ok(k, "scale", "deploy", "web", "-n", ns, "--replicas=3"), "scaled");
    contains(ok(k, "get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}"), "3");

    String cmYaml = ok(k, "get", "cm", "web-config", "-n", ns, "-o", "yaml").out();
    Kubectl.Result rep =
        k.runWithInput(
            cmYaml.replace("greeting: hello", "greeting: replaced"), "replace", "-f", "-");
    assertEquals(0, rep.exit(), rep.all());
    contains(
        ok(k, "get", "cm", "web-config", "-n", ns, "-o", "jsonpath={.data.greeting}"), "replaced");

    // diff: 1 with a diff when something would change, 0 when not; nothing written
    String cmNow = ok(k, "get", "cm", "web-config", "-n", ns, "-o", "yaml").out();
    Path changed = Files.createTempFile("cm", ".yaml");
    Files.writeString(changed, cmNow.replace("greeting: replaced", "greeting: diffed"));
    Kubectl.Result diff = k.run("diff", "-f", changed.toString());
    assertEquals(1, diff.exit(), diff.all());
    contains(diff, "+  greeting: diffed");
    contains(
        ok(k, "get", "cm", "web-config", "-n", ns, "-o", "jsonpath={.data.greeting}"), "replaced");
    Path same = Files.createTempFile("cm", ".yaml");
    Files.writeString(same, cmNow);
    Kubectl.Result noDiff = k.run("diff", "-f", same.toString());
    assertEquals(0, noDiff.exit(), noDiff.all());
    // edit through an editor, replace --force
    Kubectl.Result edit =
        k.runWithEnv(
            java.util.Map.of("KUBE_EDITOR", "sed -i s/greeting:.*/greeting:\\ edited/"),
            "edit",
            "cm",
            "web-config",
            "-n",
            ns);
    assertEquals(0, edit.exit(), edit.all());
    contains(
        ok(k, "get", "cm", "web-config", "-n", ns, "-o", "jsonpath={.data.greeting}"), "edited");
    contains(ok(k, "replace", "--force", "-f", same.toString()), "configmap/web-config replaced");

    contains(
        ok(k, "create", "configmap", "cm2", "-n", ns, "--from-literal=k=v"),
        "configmap/cm2 created");
    contains(
        ok(k, "create", "secret", "generic", "s2", "-n", ns, "--from-literal=k=v"),
        "secret/s2 created");
    contains(
        ok(k, "create", "deployment", "d2", "-n", ns, "--image=busybox"),
        "deployment.apps/d2 created");
    contains(ok(k, "create", "namespace", ns + "-extra"), "namespace/" + ns + "-extra created");
    contains(ok(k, "get", "secret", "s2", "-n", ns, "-o", "jsonpath={.data.k}"), "dg==");

    Kubectl.Result chunked = ok(k, "get", "cm", "-n", ns, "--chunk-size=1");
    contains(chunked, "web-config", "cm2", "kube-root-ca.crt");
    Kubectl.Result byLabel = ok(k, "get", "cm", "-n", ns, "-l", "app=web", "-o", "name");
    assertEquals("configmap/web-config", byLabel.out().trim());
    Kubectl.Result byField =
        ok(k, "get", "cm", "-n", ns, "--field-selector", "metadata.name=cm2", "-o", "name");
    assertEquals("configmap/cm2", byField.out().trim());

    contains(
        ok(k, "create", "configmap", "dry", "-n", ns, "--from-literal=a=b", "--dry-run=server"),
        "configmap/dry created (server dry run)");
    Kubectl.Result dry = k.run("get", "cm", "dry", "-n", ns);
    assertNotEquals(0, dry.exit());
    contains(dry, "NotFound");

    contains(ok(k, "explain", "deployment.spec"), "replicas", "selector", "template");

    // client-side apply, then server-side apply of a change: ownership migrates, no conflict
    Path mig = Files.createTempFile("mig", ".yaml");
    Files.writeString(
        mig,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mig\n  namespace: "
            + ns
            + "\ndata:\n  a: \"1\"\n");
    contains(ok(k, "apply", "-f", mig.toString()), "configmap/mig created");
    Files.writeString(mig, Files.readString(mig).replace("a: \"1\"", "a: \"2\""));
    contains(
        ok(k, "apply", "--server-side", "-f", mig.toString()), "configmap/mig serverside-applied");
    contains(ok(k, "get", "cm", "mig", "-n", ns, "-o", "jsonpath={.data.a}"), "2");
    // ... and back: server-side apply keeps the last-applied annotation in step, so a later
    // client-side apply removes what only the server-side apply had added
    Files.writeString(mig, Files.readString(mig) + "  b: \"3\"\n");
    contains(
        ok(k, "apply", "--server-side", "-f", mig.toString()), "configmap/mig serverside-applied");
    contains(
        ok(
            k,
            "get",
            "cm",
            "mig",
            "-n",
            ns,
            "-o",
            "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}"),
        "\"b\":\"3\"");
    Files.writeString(mig, Files.readString(mig).replace("  b: \"3\"\n", "  c: \"4\"\n"));
    contains(ok(k, "apply", "-f", mig.toString()), "configmap/mig configured");
    assertEquals(
        "2--4",
        ok(k, "get", "cm", "mig", "-n", ns, "-o", "jsonpath={.data.a}-{.data.b}-{.data.c}")
            .out()
            .trim());

    // server-side apply: created, then updated; managedFields name the manager
    Path ssa = Files.createTempFile("ssa", ".yaml");
    String ssaYaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa\n  namespace: NS\n"
            + "spec:\n  replicas: 1\n  selector:\n    matchLabels: {app: ssa}\n  template:\n"
            + "    metadata:\n      labels: {app: ssa}\n    spec:\n      containers:\n"
            + "      - name: c\n        image: IMAGE\n        ports:\n        - containerPort: 80\n";
    Files.writeString(ssa, ssaYaml.replace("NS", ns).replace("IMAGE", "nginx:1.25"));
    contains(
        ok(k, "apply", "--server-side", "-f", ssa.toString()),
        "deployment.apps/ssa serverside-applied");
    Files.writeString(ssa, ssaYaml.replace("NS", ns).replace("IMAGE", "nginx:1.26"));
    contains(
        ok(k, "apply", "--server-side", "-f", ssa.toString()),
        "deployment.apps/ssa serverside-applied");
    contains(
        ok(
            k,
            "get",
            "deploy",
            "ssa",
            "-n",
            ns,
            "-o",
            "jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}"),
        "nginx:1.26 2");
    contains(
        ok(k, "get", "deploy", "ssa", "-n", ns, "-o", "yaml", "--show-managed-fields"),
        "manager: kubectl",
        "operation: Apply",
        "fieldsType: FieldsV1",
        "k:{\"name\":\"c\"}");

    contains(ok(k, "run", "pod1", "-n", ns, "--image=nginx:1.25"), "pod/pod1 created");
    Kubectl.Result pods = ok(k, "get", "pods", "-n", ns, "-o", "wide");
    contains(pods, "pod1", "Pending", "NOMINATED NODE");
    contains(
        ok(
            k,
            "get",
            "pod",
            "pod1",
            "-n",
            ns,
            "-o",
            "jsonpath={.spec.serviceAccountName} {.status.phase} {.status.qosClass}"),
        "default Pending BestEffort");
    contains(ok(k, "describe", "pod", "pod1", "-n", ns), "Status:", "Pending", "QoS Class:");
    contains(ok(k, "get", "all", "-n", ns), "pod/pod1", "service/web", "deployment.apps/web");
    // status written through the subresource; kubectl wait on a condition and on a jsonpath
    ok(
        k,
        "patch",
        "pod",
        "pod1",
        "-n",
        ns,
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    contains(
        ok(k, "wait", "--for=condition=Ready", "pod/pod1", "-n", ns, "--timeout=30s"),
        "condition met");
    contains(
        ok(
            k,
            "wait",
            "--for=jsonpath={.spec.serviceAccountName}=default",
            "pod/pod1",
            "-n",
            ns,
            "--timeout=30s"),
        "condition met");
    // apply --prune: objects with the label that the files no longer contain are deleted
    Path pruneDir = Files.createTempDirectory("prune");
    String keep =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\n  namespace: "
            + ns
            + "\n  labels:\n    set: prune\n";
    Files.writeString(
        pruneDir.resolve("a.yaml"), keep + "---\n" + keep.replace("name: keep", "name: gone"));
    ok(k, "apply", "-f", pruneDir.toString());
    Files.writeString(pruneDir.resolve("a.yaml"), keep);
    contains(
        ok(k, "apply", "--prune", "-l", "set=prune", "-f", pruneDir.toString()),
        "configmap/gone pruned");
    contains(k.run("get", "cm", "gone", "-n", ns), "NotFound");

    // get -w shows changes live
    Path watchOut = Files.createTempFile("watch", ".out");
    Process w = k.start(watchOut, "get", "cm", "-n", ns, "-w");
    try {
      awaitTrue(
          Duration.ofSeconds(20),
          () -> read(watchOut).contains("web-config"),
          "initial watch output");
      ok(k, "create", "configmap", "live", "-n", ns, "--from-literal=x=y");
      awaitTrue(Duration.ofSeconds(20), () -> read(watchOut).contains("live"), "live watch event");
    } finally {
      w.destroy();
    }

    // diff --server-side: the server computes the result, nothing is written
    Path sd1 = Files.createTempFile("sdiff", ".yaml");
    String sdiffCm =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sdiff\n  namespace: "
            + ns
            + "\ndata:\n";
    Files.writeString(sd1, sdiffCm + "  a: \"1\"\n");
    ok(k, "apply", "--server-side", "-f", sd1.toString());
    Files.writeString(sd1, sdiffCm + "  a: \"2\"\n");
    Kubectl.Result sdiff = k.run("diff", "--server-side", "-f", sd1.toString());
    assertEquals(1, sdiff.exit(), sdiff.all());
    contains(sdiff, "-  a: \"1\"", "+  a: \"2\"");
    contains(ok(k, "get", "cm", "sdiff", "-n", ns, "-o", "jsonpath={.data.a}"), "1");

    // a finalizer holds a deleted object until it is removed; wait --for=delete sees it go
    ok(
        k,
        "patch",
        "cm",
        "sdiff",
        "-n",
        ns,
        "--type=merge",
        "-p",
        "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");
    contains(ok(k, "delete", "cm", "sdiff", "-n", ns, "--wait=false"), "deleted");
    contains(
        ok(k, "get", "cm", "sdiff", "-n", ns, "-o", "jsonpath={.metadata.deletionTimestamp}"), "T");
    Path waitOut = Files.createTempFile("wait", ".out");
    Process waiter =
        k.start(waitOut, "wait", "--for=delete", "cm/sdiff", "-n", ns, "--timeout=30s");
    Thread.sleep(500);
    assertTrue(waiter.isAlive(), () -> "wait ended early: " + read(waitOut));
    ok(
        k,
        "patch",
        "cm",
        "sdiff",
        "-n",
        ns,
        "--type=json",
        "-p",
        "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
    assertTrue(waiter.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "wait --for=delete");
    assertEquals(0, waiter.exitValue(), () -> read(waitOut));
    contains(k.run("get", "cm", "sdiff", "-n", ns), "NotFound");

    // delete --cascade: orphan keeps the dependent, background and foreground delete it
    for (String cascade : List.of("orphan", "background", "foreground")) {
      ok(k, "create", "configmap", "owner", "-n", ns);
      String uid = ok(k, "get", "cm", "owner", "-n", ns, "-o", "jsonpath={.metadata.uid}").out();
      k.runWithInput(
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dependent\n  namespace: "
              + ns
              + "\n  ownerReferences:\n  - apiVersion: v1\n    kind: ConfigMap\n    name: owner\n"
              + "    uid: "
              + uid.trim()
              + "\n",
          "create",
          "-f",
          "-");
      contains(
          ok(k, "delete", "cm", "owner", "-n", ns, "--cascade=" + cascade, "--timeout=30s"),
          "configmap \"owner\" deleted");
      if (cascade.equals("orphan")) {
        assertEquals(
            "",
            ok(k, "get", "cm", "dependent", "-n", ns, "-o", "jsonpath={.metadata.ownerReferences}")
                .out()
                .trim());
        ok(k, "delete", "cm", "dependent", "-n", ns);
      } else {
        awaitTrue(
            Duration.ofSeconds(20),
            () -> k.run("get", "cm", "dependent", "-n", ns).all().contains("NotFound"),
            "dependent deleted with --cascade=" + cascade);
      }
    }

    contains(ok(k, "delete", "cm", "cm2", "-n", ns, "--wait"), "configmap \"cm2\" deleted");
    contains(k.run("get", "cm", "cm2", "-n", ns), "NotFound");

    // kubectl delete ns: everything in it goes too
    contains(
        ok(k, "delete", "ns", ns, "--wait", "--timeout=60s"), "namespace \"" + ns + "\" deleted");
    Kubectl.Result gone = k.run("get", "ns", ns);
    assertNotEquals(0, gone.exit());
    for (String kind : List.of("cm", "deploy", "svc", "secret")) {
      Kubectl.Result left = ok(k, "get", kind, "-n", ns, "-o", "name");
      assertEquals("", left.out().trim(), kind + " left in deleted namespace");
    }
    ok(k, "delete", "ns", ns + "-extra");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
