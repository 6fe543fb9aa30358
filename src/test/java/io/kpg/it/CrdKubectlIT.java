package io.kpg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CustomResourceDefinition user story with each kubectl minor against the packaged server:
 * apply a CRD, wait for Established, discover and explain it, create, list (printer columns, short
 * name, category all), patch, scale, server-side apply and delete custom resources, then delete the
 * CRD and see the API go.
 */
class CrdKubectlIT {
  static KpgProcess kpg;

  static Stream<String> versions() {
    return Stream.of(
        System.getProperty("kpg.kubectl.versions", "1.27,1.28,1.29,1.30,1.31,1.32,1.33")
            .split(","));
  }

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of("target", "e2e-crd").toAbsolutePath();
    KubectlUserStoryIT.deleteTree(dir);
    kpg = new KpgProcess(dir, KpgTestResource.freePort(), Map.of());
    kpg.awaitReady(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() throws Exception {
    if (kpg != null) {
      kpg.close();
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

  private static Path file(String resource, String group, String ns, String shortName)
      throws Exception {
    Path p = Files.createTempFile("crd", ".yaml");
    Files.writeString(
        p,
        Files.readString(Path.of("src/test/resources/e2e/" + resource))
            .replace("GROUP", group)
            .replace("NS", ns)
            .replace("SHORT", shortName));
    return p;
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("versions")
  void crdStory(String version) throws Exception {
    Kubectl k = new Kubectl(version, kpg.kubeconfig());
    String v = version.replace('.', '-');
    String group = "v" + v + ".e2e.example.com";
    String crdName = "widgets." + group;
    String ns = "crd-" + v;
    // each minor gets its own group and short name: the CRDs live side by side
    String shortName = "wg" + version.replace(".", "");
    ok(k, "create", "namespace", ns);

    contains(
        ok(k, "apply", "-f", file("crd.yaml", group, ns, shortName).toString()),
        "customresourcedefinition.apiextensions.k8s.io/" + crdName + " created");
    contains(
        ok(k, "wait", "--for=condition=Established", "crd/" + crdName, "--timeout=30s"),
        "condition met");
    contains(ok(k, "api-resources", "--api-group=" + group), "widgets", shortName, "Widget");
    contains(
        ok(k, "explain", "widgets.spec", "--api-version=" + group + "/v1"),
        "color",
        "The colour of the widget.");

    Path widget = file("widget.yaml", group, ns, shortName);
    contains(ok(k, "apply", "-f", widget.toString()), "widget." + group + "/w1 created");
    contains(ok(k, "apply", "-f", widget.toString()), "widget." + group + "/w1 unchanged");
    Kubectl.Result get = ok(k, "get", shortName, "-n", ns);
    contains(get, "NAME", "COLOR", "REPLICAS", "AGE", "w1", "blue");
    contains(ok(k, "get", "all", "-n", ns), "widget." + group + "/w1");
    contains(ok(k, "get", "widgets", "-n", ns, "-o", "jsonpath={.items[0].spec.replicas}"), "1");

    contains(
        ok(
            k,
            "patch",
            "widget",
            "w1",
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"spec\":{\"replicas\":2}}"),
        "patched");
    contains(ok(k, "scale", "widget", "w1", "-n", ns, "--replicas=3"), "scaled");
    contains(ok(k, "get", "widget", "w1", "-n", ns, "-o", "jsonpath={.spec.replicas}"), "3");
    contains(
        ok(
            k,
            "patch",
            "widget",
            "w1",
            "-n",
            ns,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\":{\"replicas\":3,\"selector\":\"app=w\"}}"),
        "patched");

    // validation errors come back as upstream's messages
    Kubectl.Result bad =
        k.runWithInput(
            "apiVersion: "
                + group
                + "/v1\nkind: Widget\nmetadata:\n  name: w2\n  namespace: "
                + ns
                + "\nspec:\n  color: green\n",
            "create",
            "-f",
            "-");
    assertNotEquals(0, bad.exit(), bad.all());
    contains(bad, "Unsupported value: \"green\"", "supported values: \"red\", \"blue\"");
    Kubectl.Result rule =
        k.runWithInput(
            "apiVersion: "
                + group
                + "/v1\nkind: Widget\nmetadata:\n  name: w3\n  namespace: "
                + ns
                + "\nspec:\n  color: blue\n  replicas: 9\n",
            "create",
            "-f",
            "-");
    assertNotEquals(0, rule.exit(), rule.all());
    contains(rule, "only red widgets scale past 5");
    Kubectl.Result unknown =
        k.runWithInput(
            "apiVersion: "
                + group
                + "/v1\nkind: Widget\nmetadata:\n  name: w4\n  namespace: "
                + ns
                + "\nspec:\n  color: blue\n  shape: round\n",
            "create",
            "--validate=strict",
            "-f",
            "-");
    assertNotEquals(0, unknown.exit(), unknown.all());
    contains(unknown, "unknown field \"spec.shape\"");

    // server-side apply takes the object over field by field
    Path ssa = Files.createTempFile("ssa", ".yaml");
    Files.writeString(
        ssa,
        "apiVersion: "
            + group
            + "/v1\nkind: Widget\nmetadata:\n  name: w5\n  namespace: "
            + ns
            + "\nspec:\n  color: red\n  replicas: 8\n");
    contains(ok(k, "apply", "--server-side", "-f", ssa.toString()), "serverside-applied");
    contains(
        ok(k, "get", "widget", "w5", "-n", ns, "-o", "yaml", "--show-managed-fields"),
        "manager: kubectl",
        "operation: Apply");

    contains(ok(k, "delete", "-f", widget.toString()), "widget." + group + " \"w1\" deleted");
    contains(ok(k, "delete", "crd", crdName), "deleted");
    Kubectl.Result gone = k.run("get", "widgets." + group, "-n", ns);
    assertNotEquals(0, gone.exit(), gone.all());
    assertEquals(
        "", ok(k, "get", "crd", "-o", "name", "--field-selector=metadata.name=" + crdName).out());
  }
}
