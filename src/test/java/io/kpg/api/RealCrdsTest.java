package io.kpg.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.kpg.json.Json;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Real-world CustomResourceDefinitions of popular operators (src/test/resources/crds/real, see its
 * README.md): each CRD is created from its YAML, becomes Established, serves its example custom
 * resources (created, read back unchanged, listed), publishes OpenAPI v3 and is deleted.
 */
@QuarkusTest
class RealCrdsTest {
  static final String DIR = "/crds/real/";
  static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  static final String NS = "real-crds";

  /** the vendored CRDs and how many example custom resources each has under examples/ */
  static final Map<String, Integer> FILES =
      new java.util.LinkedHashMap<>(
          Map.ofEntries(
              Map.entry("argo-cd_applications", 1),
              Map.entry("cert-manager_certificates", 1),
              Map.entry("cert-manager_issuers", 2),
              Map.entry("cluster-api_clusters", 2),
              Map.entry("crossplane_compositeresourcedefinitions", 1),
              Map.entry("external-secrets_externalsecrets", 1),
              Map.entry("external-secrets_secretstores", 2),
              Map.entry("flux_helmreleases", 1),
              Map.entry("flux_kustomizations", 1),
              Map.entry("gateway-api_gatewayclasses", 1),
              Map.entry("gateway-api_gateways", 1),
              Map.entry("gateway-api_grpcroutes-experimental", 1),
              Map.entry("gateway-api_httproutes", 2),
              Map.entry("istio_virtualservices", 1),
              Map.entry("keda_scaledobjects", 1),
              Map.entry("knative_services", 1),
              Map.entry("prometheus-operator_alertmanagers", 1),
              Map.entry("prometheus-operator_prometheuses", 1),
              Map.entry("prometheus-operator_prometheusrules", 1),
              Map.entry("prometheus-operator_servicemonitors", 1),
              Map.entry("velero_backups", 1)));

  static Api api;

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
    Api.Resp r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + NS + "\"}}");
    assertTrue(r.code() == 201 || r.code() == 409, r.body());
  }

  @TestFactory
  Stream<DynamicTest> realCrds() {
    return FILES.keySet().stream()
        .sorted()
        .map(f -> DynamicTest.dynamicTest(f, () -> roundTrip(f, FILES.get(f))));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = RealCrdsTest.class.getResourceAsStream(DIR + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonNode yaml(String text) {
    return Json.MAPPER.valueToTree(new Yaml().load(text));
  }

  static void roundTrip(String file, int examples) throws Exception {
    String text = resource(file + ".yaml");
    JsonNode def = yaml(text);
    String name = def.at("/metadata/name").asText();
    String group = def.at("/spec/group").asText();
    String plural = def.at("/spec/names/plural").asText();
    boolean namespaced = def.at("/spec/scope").asText().equals("Namespaced");

    long start = System.nanoTime();
    Api.Resp created = api.send("POST", CRDS, "application/yaml", text, "application/json");
    long createMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(201, created.code(), file + ": " + created.body());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> condition(api.get(CRDS + "/" + name).json(), "Established"));
    long establishedMs = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "real CRD %s (%d bytes): create %d ms, established %d ms%n",
        file, text.length(), createMs, establishedMs);
    JsonNode crd = api.get(CRDS + "/" + name).json();
    assertTrue(
        condition(crd, "NamesAccepted"), "names not accepted: " + crd.path("status").toString());

    List<String> createdResources = new ArrayList<>();
    for (int i = 1; i <= examples; i++) {
      JsonNode cr = yaml(resource("examples/" + file + "-" + i + ".yaml"));
      String version = cr.path("apiVersion").asText().substring(group.length() + 1);
      String collection =
          "/apis/"
              + group
              + "/"
              + version
              + (namespaced ? "/namespaces/" + NS + "/" : "/")
              + plural;
      String crName = cr.at("/metadata/name").asText();
      Api.Resp c =
          api.send(
              "POST",
              collection,
              "application/yaml",
              resource("examples/" + file + "-" + i + ".yaml"),
              "application/json");
      assertEquals(201, c.code(), file + "-" + i + ": " + c.body());
      createdResources.add(collection + "/" + crName);
      // deprecated versions and unqualified finalizers warn; nothing may be unknown (pruned)
      List<String> warnings = c.headers().allValues("Warning");
      assertTrue(
          warnings.stream().noneMatch(w -> w.contains("unknown field")),
          file + "-" + i + " warnings: " + warnings);
      Api.Resp got = api.get(collection + "/" + crName);
      assertEquals(200, got.code(), got.body());
      List<String> lost = new ArrayList<>();
      contained(cr.path("spec"), got.json().path("spec"), "spec", lost);
      assertTrue(lost.isEmpty(), file + "-" + i + " lost or changed " + lost + ": " + got.body());
      Api.Resp list = api.get(collection);
      assertEquals(200, list.code(), list.body());
      assertTrue(list.body().contains("\"name\":\"" + crName + "\""), list.body());
    }

    // the OpenAPI v3 document of every served version names the kind
    for (JsonNode v : def.at("/spec/versions")) {
      if (!v.path("served").asBoolean()) {
        continue;
      }
      Api.Resp doc = api.get("/openapi/v3/apis/" + group + "/" + v.path("name").asText());
      assertEquals(200, doc.code(), doc.body());
      String kind = def.at("/spec/names/kind").asText();
      assertTrue(
          doc.json().path("components").path("schemas").toString().contains("." + kind + "\""),
          file + " " + v.path("name").asText() + ": no " + kind + " in OpenAPI");
    }

    // nothing here runs the operators' controllers: drop their finalizers, or the CRD's deletion
    // would wait for them forever (as upstream's would)
    for (String cr : createdResources) {
      Api.Resp p =
          api.patch(cr, "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
      assertEquals(200, p.code(), p.body());
    }
    Api.Resp del = api.delete(CRDS + "/" + name, null);
    assertEquals(200, del.code(), del.body());
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get(CRDS + "/" + name).code() == 404);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !api.get("/apis").body().contains("\"" + group + "/"));
  }

  static boolean condition(JsonNode crd, String type) {
    for (JsonNode cond : crd.path("status").path("conditions")) {
      if (cond.path("type").asText().equals(type) && cond.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }

  /** Every value of {@code want} appears unchanged in {@code have} (defaults may add fields). */
  static void contained(JsonNode want, JsonNode have, String path, List<String> lost) {
    if (want.isObject()) {
      if (!have.isObject()) {
        lost.add(path);
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        contained(e.getValue(), have.path(e.getKey()), path + "." + e.getKey(), lost);
      }
    } else if (want.isArray()) {
      if (!have.isArray() || have.size() != want.size()) {
        lost.add(path);
        return;
      }
      for (int i = 0; i < want.size(); i++) {
        contained(want.get(i), have.get(i), path + "[" + i + "]", lost);
      }
    } else if (!want.equals(have)
        && !(want.isNumber() && have.isNumber() && want.asDouble() == have.asDouble())) {
      lost.add(path);
    }
  }
}
