package io.kpg.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** managedFields after PUT and non-apply PATCH of the scale subresource. */
@QuarkusTest
class ScaleManagedFieldsTest {
  static final String APPLY = "application/apply-patch+yaml";
  static final String MERGE = "application/merge-patch+json";
  static final String REPLICAS = "{\"f:spec\":{\"f:replicas\":{}}}";
  static Api api;

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
  }

  static String ns(String name) {
    Api.Resp r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
    assertEquals(201, r.code(), r.body());
    return name;
  }

  static String scaleJson(int replicas) {
    return "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"web\"},"
        + "\"spec\":{\"replicas\":"
        + replicas
        + "}}";
  }

  /** the managers whose entries own the given field path under f:spec */
  static List<String> owners(JsonNode obj, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : obj.at("/metadata/managedFields")) {
      if (e.at("/fieldsV1/f:spec").has(field)) {
        out.add(e.path("manager").asText());
      }
    }
    return out;
  }

  static JsonNode entry(JsonNode obj, String manager, String operation, String subresource) {
    for (JsonNode e : obj.at("/metadata/managedFields")) {
      if (e.path("manager").asText().equals(manager)
          && e.path("operation").asText().equals(operation)
          && e.path("subresource").asText("").equals(subresource)) {
        return e;
      }
    }
    return null;
  }

  /** upstream's TestScaleAllResources sequence, with Update writes to /scale */
  @Test
  void deploymentScaleWritesOwnReplicasThroughTheSubresource() {
    String d = "/apis/apps/v1/namespaces/" + ns("scale-mf") + "/deployments/web";
    Api.Resp created =
        api.patch(
            d + "?fieldManager=apply_test",
            APPLY,
            ServerSideApplyTest.deployYaml(1, "nginx:1.25", false));
    assertEquals(201, created.code(), created.body());

    Api.Resp scaled =
        api.patch(d + "/scale?fieldManager=scale_test", MERGE, "{\"spec\":{\"replicas\":5}}");
    assertEquals(200, scaled.code(), scaled.body());
    assertEquals("Scale", scaled.json().path("kind").asText());
    assertEquals(5, scaled.json().at("/spec/replicas").asInt());
    assertTrue(scaled.json().at("/metadata/managedFields").isMissingNode(), scaled.body());
    JsonNode dep = api.get(d).json();
    assertEquals(5, dep.at("/spec/replicas").asInt());
    assertEquals(2, dep.at("/metadata/generation").asInt());
    assertEquals(List.of("scale_test"), owners(dep, "f:replicas"));
    JsonNode e = entry(dep, "scale_test", "Update", "scale");
    assertNotNull(e, dep.toString());
    assertEquals("apps/v1", e.path("apiVersion").asText());
    assertEquals(REPLICAS, e.path("fieldsV1").toString());
    assertFalse(e.has("time"), e.toString()); // upstream's ToParent has no time for it
    assertNull(entry(dep, "scale_test", "Update", ""), dep.toString());
    assertTrue(
        entry(dep, "apply_test", "Apply", "").at("/fieldsV1/f:spec").has("f:template"),
        dep.toString());

    // the applier now conflicts with the scaler, as upstream names an Update on a subresource
    Api.Resp conflict =
        api.patch(
            d + "?fieldManager=apply_test",
            APPLY,
            ServerSideApplyTest.deployYaml(1, "nginx:1.25", false));
    assertEquals(409, conflict.code(), conflict.body());
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"scale_test\" with subresource \"scale\""
            + " using apps/v1: .spec.replicas",
        conflict.json().path("message").asText());

    // PUT of a Scale: the replacer takes the field from the scaler
    Api.Resp put = api.put(d + "/scale?fieldManager=replace_test", scaleJson(7));
    assertEquals(200, put.code(), put.body());
    assertTrue(put.json().at("/metadata/managedFields").isMissingNode(), put.body());
    dep = api.get(d).json();
    assertEquals(7, dep.at("/spec/replicas").asInt());
    assertEquals(List.of("replace_test"), owners(dep, "f:replicas"));
    assertEquals(
        "apps/v1", entry(dep, "replace_test", "Update", "scale").path("apiVersion").asText());

    // writing the same count, or only the Scale's status, takes nothing
    assertEquals(200, api.put(d + "/scale?fieldManager=same_test", scaleJson(7)).code());
    Api.Resp status =
        api.patch(d + "/scale?fieldManager=status_test", MERGE, "{\"status\":{\"replicas\":42}}");
    assertEquals(200, status.code(), status.body());
    dep = api.get(d).json();
    assertEquals(7, dep.at("/spec/replicas").asInt());
    assertEquals(List.of("replace_test"), owners(dep, "f:replicas"));
    assertNull(entry(dep, "same_test", "Update", "scale"), dep.toString());
    assertNull(entry(dep, "status_test", "Update", "scale"), dep.toString());

    // a JSON patch of the Scale, with no fieldManager: the manager comes from the User-Agent
    Api.Resp jp =
        api.send(
            "PATCH",
            d + "/scale",
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]",
            "application/json");
    assertEquals(200, jp.code(), jp.body());
    dep = api.get(d).json();
    assertEquals(4, dep.at("/spec/replicas").asInt());
    List<String> jpOwners = owners(dep, "f:replicas");
    assertEquals(1, jpOwners.size(), dep.toString());
    assertEquals("Java-http-client", jpOwners.get(0));

    // upstream's Scale drops a replica count of 0: scaling to 0 removes the field for everyone
    Api.Resp zero =
        api.patch(d + "/scale?fieldManager=zero_test", MERGE, "{\"spec\":{\"replicas\":0}}");
    assertEquals(200, zero.code(), zero.body());
    assertEquals("{}", zero.json().path("spec").toString(), "replicas 0 is omitted from a Scale");
    dep = api.get(d).json();
    assertEquals(0, dep.at("/spec/replicas").asInt());
    assertEquals(List.of(), owners(dep, "f:replicas"));
    assertNull(entry(dep, "zero_test", "Update", "scale"), dep.toString());

    // dry run: nothing stored
    assertEquals(
        200,
        api.patch(d + "/scale?fieldManager=dry&dryRun=All", MERGE, "{\"spec\":{\"replicas\":2}}")
            .code());
    assertEquals(
        dep.at("/metadata/managedFields"), api.get(d).json().at("/metadata/managedFields"));
  }

  /** an Update owner of the main resource loses only the replicas field, keeping its time */
  @Test
  void updateOwnerOfTheParentLosesReplicasToTheScaler() {
    String d = "/apis/apps/v1/namespaces/" + ns("scale-mf-update") + "/deployments";
    String body =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
            + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}}}";
    Api.Resp created = api.post(d + "?fieldManager=creator", body);
    assertEquals(201, created.code(), created.body());
    JsonNode before = entry(created.json(), "creator", "Update", "");
    assertTrue(before.at("/fieldsV1/f:spec").has("f:replicas"), before.toString());

    Api.Resp scaled =
        api.patch(d + "/web/scale?fieldManager=kubectl", MERGE, "{\"spec\":{\"replicas\":3}}");
    assertEquals(200, scaled.code(), scaled.body());
    JsonNode dep = api.get(d + "/web").json();
    assertEquals(List.of("kubectl"), owners(dep, "f:replicas"));
    JsonNode creator = entry(dep, "creator", "Update", "");
    assertEquals(before.path("time"), creator.path("time"));
    assertEquals("apps/v1", creator.path("apiVersion").asText());
    assertTrue(creator.at("/fieldsV1/f:spec").has("f:template"), creator.toString());
    assertEquals(REPLICAS, entry(dep, "kubectl", "Update", "scale").path("fieldsV1").toString());
    assertEquals(2, dep.at("/metadata/managedFields").size(), dep.toString());
  }

  /** a custom resource's scale subresource maps spec.replicas to its specReplicasPath */
  @Test
  void customResourceScaleWritesOwnTheSpecReplicasPath() {
    String crd =
        "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
            + "\"metadata\":{\"name\":\"pools.scalemf.example.com\"},\"spec\":{\"group\":"
            + "\"scalemf.example.com\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\"pools\","
            + "\"kind\":\"Pool\"},\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
            + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{"
            + "\"spec\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
            + "\"workers\":{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}}}}},"
            + "\"status\":{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}}}}}},"
            + "\"subresources\":{\"status\":{},\"scale\":{\"specReplicasPath\":"
            + "\".spec.workers.count\",\"statusReplicasPath\":\".status.count\"}}}]}}";
    String crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    Api.Resp r = api.post(crds, crd);
    assertEquals(201, r.code(), r.body());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              for (JsonNode c :
                  api.get(crds + "/pools.scalemf.example.com").json().at("/status/conditions")) {
                if (c.path("type").asText().equals("Established")
                    && c.path("status").asText().equals("True")) {
                  return true;
                }
              }
              return false;
            });
    String base = "/apis/scalemf.example.com/v1/namespaces/" + ns("scale-mf-cr") + "/pools";
    Api.Resp created =
        api.post(
            base + "?fieldManager=creator",
            "{\"apiVersion\":\"scalemf.example.com/v1\",\"kind\":\"Pool\",\"metadata\":{\"name\":"
                + "\"p\"},\"spec\":{\"name\":\"a\",\"workers\":{\"count\":1}}}");
    assertEquals(201, created.code(), created.body());

    Api.Resp put = api.put(base + "/p/scale?fieldManager=scaler", scaleJson(6).replace("web", "p"));
    assertEquals(200, put.code(), put.body());
    assertEquals(6, put.json().at("/spec/replicas").asInt());
    JsonNode pool = api.get(base + "/p").json();
    assertEquals(6, pool.at("/spec/workers/count").asInt());
    JsonNode e = entry(pool, "scaler", "Update", "scale");
    assertNotNull(e, pool.toString());
    assertEquals("scalemf.example.com/v1", e.path("apiVersion").asText());
    assertEquals("{\"f:spec\":{\"f:workers\":{\"f:count\":{}}}}", e.path("fieldsV1").toString());
    JsonNode creator = entry(pool, "creator", "Update", "");
    assertTrue(creator.at("/fieldsV1/f:spec").has("f:name"), creator.toString());
    assertFalse(creator.at("/fieldsV1/f:spec/f:workers").has("f:count"), creator.toString());
  }
}
