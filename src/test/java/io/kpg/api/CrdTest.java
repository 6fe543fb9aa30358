package io.kpg.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CustomResourceDefinitions through the API: establishment, discovery, OpenAPI, schema validation,
 * defaulting, pruning, CEL rules, status and scale subresources, printer columns, selectable
 * fields, versions and deletion (upstream's node-free CRD conformance behaviours).
 */
@QuarkusTest
class CrdTest {
  static Api api;

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
  }

  static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  /** A namespaced CRD {@code <plural>.<group>} with two versions, subresources and columns. */
  static String widgetCrd(String group, String plural, String kind) {
    String schema =
        "{\"type\":\"object\",\"properties\":{"
            + "\"spec\":{\"type\":\"object\",\"required\":[\"color\"],"
            + "\"x-kubernetes-validations\":[{\"rule\":\"self.replicas <= 5 || self.color =="
            + " 'red'\",\"message\":\"only red widgets scale past 5\"}],"
            + "\"properties\":{"
            + "\"color\":{\"type\":\"string\",\"enum\":[\"red\",\"blue\"]},"
            + "\"replicas\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":10,\"default\":1},"
            + "\"size\":{\"type\":\"string\",\"default\":\"M\"}}},"
            + "\"status\":{\"type\":\"object\",\"properties\":{"
            + "\"replicas\":{\"type\":\"integer\"},\"selector\":{\"type\":\"string\"},"
            + "\"phase\":{\"type\":\"string\"}}}}}";
    String version =
        "\"schema\":{\"openAPIV3Schema\":"
            + schema
            + "},"
            + "\"subresources\":{\"status\":{},\"scale\":{\"specReplicasPath\":\".spec.replicas\","
            + "\"statusReplicasPath\":\".status.replicas\",\"labelSelectorPath\":\".status.selector\"}},"
            + "\"additionalPrinterColumns\":[{\"name\":\"Color\",\"type\":\"string\",\"jsonPath\":\".spec.color\"},"
            + "{\"name\":\"Replicas\",\"type\":\"integer\",\"jsonPath\":\".spec.replicas\"},"
            + "{\"name\":\"Age\",\"type\":\"date\",\"jsonPath\":\".metadata.creationTimestamp\"}],"
            + "\"selectableFields\":[{\"jsonPath\":\".spec.color\"}]";
    return "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
        + "\"metadata\":{\"name\":\""
        + plural
        + "."
        + group
        + "\"},\"spec\":{\"group\":\""
        + group
        + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\""
        + plural
        + "\",\"kind\":\""
        + kind
        + "\",\"shortNames\":[\""
        + plural.substring(0, 2)
        + "x\"],\"categories\":[\"all\"]},"
        + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
        + version
        + "},{\"name\":\"v1beta1\",\"served\":true,\"storage\":false,\"deprecated\":true,"
        + version
        + "}]}}";
  }

  static void createAndAwait(String crd, String name) {
    Api.Resp r = api.post(CRDS, crd);
    assertEquals(201, r.code(), r.body());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode c = api.get(CRDS + "/" + name).json();
              for (JsonNode cond : c.path("status").path("conditions")) {
                if (cond.path("type").asText().equals("Established")
                    && cond.path("status").asText().equals("True")) {
                  return true;
                }
              }
              return false;
            });
  }

  static String ns(String name) {
    Api.Resp r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
    assertEquals(201, r.code(), r.body());
    return name;
  }

  @Test
  void crdLifecycleAndCustomResources() throws Exception {
    createAndAwait(widgetCrd("crd.example.com", "widgets", "Widget"), "widgets.crd.example.com");
    JsonNode crd = api.get(CRDS + "/widgets.crd.example.com").json();
    assertEquals("widgets", crd.at("/status/acceptedNames/plural").asText());
    assertEquals("v1", crd.at("/status/storedVersions/0").asText());
    assertEquals("widget", crd.at("/spec/names/singular").asText());
    assertEquals("WidgetList", crd.at("/spec/names/listKind").asText());
    assertEquals("None", crd.at("/spec/conversion/strategy").asText());
    assertEquals(1, crd.at("/metadata/generation").asInt());

    // discovery, legacy and aggregated
    JsonNode rl = api.get("/apis/crd.example.com/v1").json();
    JsonNode widgets = null;
    for (JsonNode r : rl.path("resources")) {
      if (r.path("name").asText().equals("widgets")) {
        widgets = r;
      }
    }
    assertNotNull(widgets, rl.toString());
    assertEquals("Widget", widgets.path("kind").asText());
    assertEquals("wix", widgets.at("/shortNames/0").asText());
    assertEquals("all", widgets.at("/categories/0").asText());
    assertTrue(rl.toString().contains("widgets/status"));
    assertTrue(rl.toString().contains("widgets/scale"));
    JsonNode group = api.get("/apis/crd.example.com").json();
    assertEquals("v1", group.at("/preferredVersion/version").asText());
    assertTrue(api.get("/apis").body().contains("crd.example.com"));
    Api.Resp agg =
        api.send(
            "GET",
            "/apis",
            null,
            null,
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    assertTrue(agg.body().contains("\"widgets\""), agg.body());

    // OpenAPI v3 publishes the schema; PATCH offers no strategic merge patch
    JsonNode index = api.get("/openapi/v3").json();
    String url = index.at("/paths/apis~1crd.example.com~1v1/serverRelativeURL").asText();
    assertFalse(url.isEmpty(), index.toString());
    String doc = api.get(url).body();
    assertTrue(doc.contains("com.example.crd.v1.Widget"), doc);
    assertTrue(doc.contains("\"enum\":[\"red\",\"blue\"]"), doc);
    assertFalse(doc.contains("strategic-merge-patch"), doc);

    String base = "/apis/crd.example.com/v1/namespaces/" + ns("crd1") + "/widgets";
    // create: defaults applied, unknown fields pruned with a warning
    Api.Resp c =
        api.post(
            base,
            "{\"apiVersion\":\"crd.example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w1\",\"labels\":{\"tier\":\"a\"}},"
                + "\"spec\":{\"color\":\"blue\",\"extra\":1},\"status\":{\"phase\":\"ignored\"}}");
    assertEquals(201, c.code(), c.body());
    JsonNode w1 = c.json();
    assertEquals(1, w1.at("/spec/replicas").asInt());
    assertEquals("M", w1.at("/spec/size").asText());
    assertTrue(w1.at("/spec/extra").isMissingNode());
    assertTrue(w1.path("status").isMissingNode(), "status is written through /status only");
    assertEquals(1, w1.at("/metadata/generation").asInt());
    assertTrue(
        c.headers().allValues("Warning").toString().contains("unknown field \\\"spec.extra\\\""),
        c.headers().toString());

    // strict field validation
    Api.Resp strict =
        api.post(
            base + "?fieldValidation=Strict",
            "{\"apiVersion\":\"crd.example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w9\"},"
                + "\"spec\":{\"color\":\"blue\",\"extra\":1}}");
    assertEquals(400, strict.code(), strict.body());
    assertTrue(strict.body().contains("unknown field \\\"spec.extra\\\""), strict.body());

    // schema validation: enum, type, maximum, required
    Api.Resp bad =
        api.post(
            base,
            "{\"apiVersion\":\"crd.example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w2\"},"
                + "\"spec\":{\"color\":\"green\",\"replicas\":20}}");
    assertEquals(422, bad.code(), bad.body());
    assertTrue(
        bad.body()
            .contains(
                "spec.color: Unsupported value: \\\"green\\\": supported values: \\\"red\\\","
                    + " \\\"blue\\\""),
        bad.body());
    assertTrue(bad.body().contains("spec.replicas"), bad.body());
    Api.Resp missing =
        api.post(
            base,
            "{\"apiVersion\":\"crd.example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w2\"},\"spec\":{}}");
    assertEquals(422, missing.code(), missing.body());
    assertTrue(missing.body().contains("spec.color: Required value"), missing.body());
    assertEquals(404, api.get(base + "/w2").code());

    // CEL rule
    Api.Resp cel =
        api.post(
            base,
            "{\"apiVersion\":\"crd.example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w3\"},"
                + "\"spec\":{\"color\":\"blue\",\"replicas\":7}}");
    assertEquals(422, cel.code(), cel.body());
    assertTrue(cel.body().contains("only red widgets scale past 5"), cel.body());

    // strategic merge patch and protobuf are refused with 415
    Api.Resp smp =
        api.patch(
            base + "/w1", "application/strategic-merge-patch+json", "{\"spec\":{\"size\":\"L\"}}");
    assertEquals(415, smp.code(), smp.body());
    Api.Resp proto =
        api.sendBytes("POST", base, "application/vnd.kubernetes.protobuf", new byte[] {1, 2, 3});
    assertEquals(415, proto.code(), proto.body());

    // merge patch bumps generation; status only through /status
    Api.Resp mp =
        api.patch(
            base + "/w1",
            "application/merge-patch+json",
            "{\"spec\":{\"size\":\"L\"},\"status\":{\"phase\":\"nope\"}}");
    assertEquals(200, mp.code(), mp.body());
    assertEquals(2, mp.json().at("/metadata/generation").asInt());
    assertTrue(mp.json().path("status").isMissingNode());
    Api.Resp st =
        api.patch(
            base + "/w1/status",
            "application/merge-patch+json",
            "{\"status\":{\"phase\":\"Ready\",\"replicas\":1,\"selector\":\"app=w\"}}");
    assertEquals(200, st.code(), st.body());
    assertEquals("Ready", st.json().at("/status/phase").asText());
    assertEquals(2, st.json().at("/metadata/generation").asInt());

    // scale subresource
    JsonNode scale = api.get(base + "/w1/scale").json();
    assertEquals("Scale", scale.path("kind").asText());
    assertEquals(1, scale.at("/spec/replicas").asInt());
    assertEquals("app=w", scale.at("/status/selector").asText());
    Api.Resp sp =
        api.patch(
            base + "/w1/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");
    assertEquals(200, sp.code(), sp.body());
    assertEquals(3, api.get(base + "/w1").json().at("/spec/replicas").asInt());

    // server-side apply
    Api.Resp ssa =
        api.patch(
            base + "/w4?fieldManager=test",
            "application/apply-patch+yaml",
            "apiVersion: crd.example.com/v1\nkind: Widget\nmetadata:\n  name: w4\nspec:\n  color: red\n");
    assertEquals(201, ssa.code(), ssa.body());
    assertTrue(ssa.body().contains("\"manager\":\"test\""), ssa.body());

    // tables use the printer columns
    Api.Resp table =
        api.send("GET", base, null, null, "application/json;as=Table;v=v1;g=meta.k8s.io");
    JsonNode t = table.json();
    List<String> cols = new ArrayList<>();
    t.path("columnDefinitions").forEach(cd -> cols.add(cd.path("name").asText()));
    assertEquals(List.of("Name", "Color", "Replicas", "Age"), cols, t.toString());
    assertEquals("w1", t.at("/rows/0/cells/0").asText());
    assertEquals("blue", t.at("/rows/0/cells/1").asText());
    assertEquals(3, t.at("/rows/0/cells/2").asInt());

    // selectable fields and label selectors
    JsonNode red = api.get(base + "?fieldSelector=spec.color%3Dred").json();
    assertEquals(1, red.path("items").size(), red.toString());
    assertEquals("w4", red.at("/items/0/metadata/name").asText());
    assertEquals(1, api.get(base + "?labelSelector=tier%3Da").json().path("items").size());
    assertEquals(400, api.get(base + "?fieldSelector=spec.size%3DL").code());

    // the other served version: apiVersion converted, deprecation warning
    String beta = base.replace("/v1/", "/v1beta1/");
    Api.Resp b = api.get(beta + "/w1");
    assertEquals(200, b.code(), b.body());
    assertEquals("crd.example.com/v1beta1", b.json().path("apiVersion").asText());
    assertTrue(
        b.headers()
            .allValues("Warning")
            .toString()
            .contains(
                "crd.example.com/v1beta1 Widget is deprecated; use crd.example.com/v1 Widget"),
        b.headers().toString());
    Api.Resp bc =
        api.post(
            beta,
            "{\"apiVersion\":\"crd.example.com/v1beta1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w5\"},"
                + "\"spec\":{\"color\":\"red\"}}");
    assertEquals(201, bc.code(), bc.body());
    assertEquals("crd.example.com/v1beta1", bc.json().path("apiVersion").asText());
    assertEquals("crd.example.com/v1", api.get(base + "/w5").json().path("apiVersion").asText());

    // watch sees changes
    try (InputStream in = api.stream(base + "?watch=true&fieldSelector=metadata.name%3Dw1")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      assertTrue(r.readLine().contains("\"ADDED\""));
      api.patch(base + "/w1", "application/merge-patch+json", "{\"spec\":{\"size\":\"S\"}}");
      String ev = r.readLine();
      assertTrue(ev.contains("\"MODIFIED\"") && ev.contains("\"S\""), ev);
    }

    // deleting the CRD deletes its resources and the API, and ends watches
    InputStream open = api.stream(base + "?watch=true");
    BufferedReader watching =
        new BufferedReader(new InputStreamReader(open, StandardCharsets.UTF_8));
    assertTrue(watching.readLine().contains("\"ADDED\""));
    Api.Resp del = api.delete(CRDS + "/widgets.crd.example.com", null);
    assertEquals(200, del.code(), del.body());
    java.util.concurrent.CompletableFuture<Boolean> ended =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                while (watching.readLine() != null) {
                  // DELETED events of the custom resources
                }
                return true;
              } catch (java.io.IOException e) {
                return true;
              }
            });
    assertTrue(ended.get(15, java.util.concurrent.TimeUnit.SECONDS));
    open.close();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> api.get(CRDS + "/widgets.crd.example.com").code() == 404);
    await().atMost(Duration.ofSeconds(5)).until(() -> api.get(base).code() == 404);
    assertEquals(404, api.get("/apis/crd.example.com/v1").code());
  }

  @Test
  void invalidCrdsAreRefused() {
    Api.Resp r =
        api.post(
            CRDS,
            "{\"metadata\":{\"name\":\"things.bad.example.com\"},\"spec\":{\"group\":\"other.example.com\","
                + "\"scope\":\"Sideways\",\"names\":{\"plural\":\"things\",\"kind\":\"Thing\"},"
                + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":false}]}}");
    assertEquals(422, r.code(), r.body());
    String b = r.body();
    assertTrue(b.contains("must be spec.names.plural+\\\".\\\"+spec.group"), b);
    assertTrue(b.contains("spec.scope: Unsupported value: \\\"Sideways\\\""), b);
    assertTrue(b.contains("must have exactly one version marked as storage version"), b);
    assertTrue(b.contains("spec.versions[0].schema.openAPIV3Schema: Required value"), b);

    Api.Resp noType =
        api.post(
            CRDS,
            "{\"metadata\":{\"name\":\"things.bad.example.com\"},\"spec\":{\"group\":\"bad.example.com\","
                + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"things\",\"kind\":\"Thing\"},"
                + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":"
                + "{\"type\":\"object\",\"properties\":{\"spec\":{\"properties\":{\"a\":{\"type\":\"string\"}}}}}}}]}}");
    assertEquals(422, noType.code(), noType.body());
    assertTrue(noType.body().contains("properties[spec].type: Required value"), noType.body());

    Api.Resp badRule =
        api.post(
            CRDS,
            "{\"metadata\":{\"name\":\"things.bad.example.com\"},\"spec\":{\"group\":\"bad.example.com\","
                + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"things\",\"kind\":\"Thing\"},"
                + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":"
                + "{\"type\":\"object\",\"x-kubernetes-validations\":[{\"rule\":\"self.nope ==\"}]}}}]}}");
    assertEquals(422, badRule.code(), badRule.body());
    assertTrue(badRule.body().contains("x-kubernetes-validations[0].rule"), badRule.body());
    assertEquals(404, api.get(CRDS + "/things.bad.example.com").code());
  }

  @Test
  void conflictingNamesAreNotAccepted() {
    createAndAwait(
        widgetCrd("names.example.com", "gadgets", "Gadget"), "gadgets.names.example.com");
    String clash =
        widgetCrd("names.example.com", "gizmos", "Gadget")
            .replace("\"storage\":false,\"deprecated\":true", "\"storage\":false");
    assertEquals(201, api.post(CRDS, clash).code());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get(CRDS + "/gizmos.names.example.com")
                    .body()
                    .contains("\"reason\":\"ListKindConflict\""));
    JsonNode g = api.get(CRDS + "/gizmos.names.example.com").json();
    assertTrue(g.toString().contains("\\\"GadgetList\\\" is already in use"), g.toString());
    assertEquals(404, api.get("/apis/names.example.com/v1/gizmos").code());
  }

  /**
   * A CRD in a built-in group (approved) that names a built-in resource is not accepted: it would
   * otherwise share the built-in resource's storage. The built-in resource keeps working.
   */
  @Test
  void builtInResourcesCannotBeTakenOver() {
    String crd =
        "{\"metadata\":{\"name\":\"storageclasses.storage.k8s.io\",\"annotations\":"
            + "{\"api-approved.kubernetes.io\":\"https://github.com/kubernetes/enhancements/pull/1111\"}},"
            + "\"spec\":{\"group\":\"storage.k8s.io\",\"scope\":\"Cluster\","
            + "\"names\":{\"plural\":\"storageclasses\",\"kind\":\"StorageClass\"},"
            + "\"versions\":[{\"name\":\"v2\",\"served\":true,\"storage\":true,\"schema\":"
            + "{\"openAPIV3Schema\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}]}}";
    Api.Resp r = api.post(CRDS, crd);
    assertEquals(201, r.code(), r.body());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get(CRDS + "/storageclasses.storage.k8s.io")
                    .body()
                    .contains("\"reason\":\"ListKindConflict\""));
    assertEquals(404, api.get("/apis/storage.k8s.io/v2/storageclasses").code());
    Api.Resp sc =
        api.post(
            "/apis/storage.k8s.io/v1/storageclasses",
            "{\"metadata\":{\"name\":\"fast\"},\"provisioner\":\"example.com/p\"}");
    assertEquals(201, sc.code(), sc.body());
    assertEquals(200, api.get("/apis/storage.k8s.io/v1/storageclasses/fast").code());
    assertEquals(200, api.delete(CRDS + "/storageclasses.storage.k8s.io", null).code());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get(CRDS + "/storageclasses.storage.k8s.io").code() == 404);
    assertEquals(200, api.get("/apis/storage.k8s.io/v1/storageclasses/fast").code());
  }
}
