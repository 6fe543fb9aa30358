package io.kpg.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-side apply (PATCH application/apply-patch+yaml) and managedFields on every write. */
@QuarkusTest
class ServerSideApplyTest {
  static final String APPLY = "application/apply-patch+yaml";
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

  static String deployYaml(int replicas, String image, boolean sidecar) {
    return "apiVersion: apps/v1\n"
        + "kind: Deployment\n"
        + "metadata:\n"
        + "  name: web\n"
        + "spec:\n"
        + "  replicas: "
        + replicas
        + "\n"
        + "  selector:\n"
        + "    matchLabels: {app: web}\n"
        + "  template:\n"
        + "    metadata:\n"
        + "      labels: {app: web}\n"
        + "    spec:\n"
        + "      containers:\n"
        + "      - name: web\n"
        + "        image: "
        + image
        + "\n"
        + (sidecar ? "      - name: side\n        image: busybox\n" : "");
  }

  static JsonNode entry(JsonNode obj, String manager, String operation) {
    for (JsonNode e : obj.at("/metadata/managedFields")) {
      if (e.path("manager").asText().equals(manager)
          && e.path("operation").asText().equals(operation)) {
        return e;
      }
    }
    return null;
  }

  @Test
  void applyCreatesUpdatesConflictsAndPrunes() {
    String d = "/apis/apps/v1/namespaces/" + ns("ssa1") + "/deployments/web";
    Api.Resp created =
        api.patch(
            d + "?fieldManager=kubectl&fieldValidation=Strict",
            APPLY,
            deployYaml(2, "nginx:1.25", true));
    assertEquals(201, created.code(), created.body());
    JsonNode e = entry(created.json(), "kubectl", "Apply");
    assertTrue(e != null, created.body());
    assertEquals("apps/v1", e.path("apiVersion").asText());
    assertEquals("FieldsV1", e.path("fieldsType").asText());
    assertTrue(e.path("time").asText().endsWith("Z"), e.toString());
    assertTrue(
        e.at("/fieldsV1/f:spec/f:template/f:spec/f:containers").has("k:{\"name\":\"side\"}"),
        e.toString());
    // defaults are applied to the created object
    assertEquals(
        "IfNotPresent",
        created.json().at("/spec/template/spec/containers/0/imagePullPolicy").asText());

    // re-apply with a change, the sidecar dropped from the config
    Api.Resp updated =
        api.patch(d + "?fieldManager=kubectl", APPLY, deployYaml(3, "nginx:2", false));
    assertEquals(200, updated.code(), updated.body());
    JsonNode u = updated.json();
    assertEquals(3, u.at("/spec/replicas").asInt());
    assertEquals("nginx:2", u.at("/spec/template/spec/containers/0/image").asText());
    assertEquals(1, u.at("/spec/template/spec/containers").size(), updated.body());
    assertEquals(2, u.at("/metadata/generation").asInt());

    // another manager changing an owned field: 409 with the cause
    String other =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
            + "\"spec\":{\"replicas\":5}}";
    Api.Resp conflict = api.patch(d + "?fieldManager=other", APPLY, other);
    assertEquals(409, conflict.code(), conflict.body());
    JsonNode st = conflict.json();
    assertEquals("Conflict", st.path("reason").asText());
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas",
        st.path("message").asText());
    assertEquals("FieldManagerConflict", st.at("/details/causes/0/reason").asText());
    assertEquals("conflict with \"kubectl\"", st.at("/details/causes/0/message").asText());
    assertEquals(".spec.replicas", st.at("/details/causes/0/field").asText());
    assertEquals(3, api.get(d).json().at("/spec/replicas").asInt());

    // force takes ownership
    Api.Resp forced = api.patch(d + "?fieldManager=other&force=true", APPLY, other);
    assertEquals(200, forced.code(), forced.body());
    assertEquals(5, forced.json().at("/spec/replicas").asInt());
    JsonNode o = entry(forced.json(), "other", "Apply");
    assertTrue(o.at("/fieldsV1/f:spec").has("f:replicas"), o.toString());
    assertFalse(entry(forced.json(), "kubectl", "Apply").at("/fieldsV1/f:spec").has("f:replicas"));

    // a merge patch adds an Update entry for its manager and takes the field
    Api.Resp merged =
        api.patch(
            d + "?fieldManager=patcher",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":7}}");
    assertEquals(200, merged.code(), merged.body());
    JsonNode up = entry(merged.json(), "patcher", "Update");
    assertTrue(up != null, merged.body());
    assertTrue(up.at("/fieldsV1/f:spec").has("f:replicas"), up.toString());
    assertTrue(entry(merged.json(), "other", "Apply") == null, merged.body());

    // validation of the request
    Api.Resp noManager = api.patch(d, APPLY, other);
    assertEquals(422, noManager.code(), noManager.body());
    assertTrue(
        noManager
            .json()
            .path("message")
            .asText()
            .contains("fieldManager: Required value: is required for apply patch"),
        noManager.body());
    Api.Resp withManaged =
        api.patch(
            d + "?fieldManager=x",
            APPLY,
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"managedFields\":[]}}");
    assertEquals(400, withManaged.code(), withManaged.body());
    assertEquals("metadata.managedFields must be nil", withManaged.json().path("message").asText());
    Api.Resp strict =
        api.patch(
            d + "?fieldManager=x&fieldValidation=Strict",
            APPLY,
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"bogus\":1}}");
    assertEquals(400, strict.code(), strict.body());
    assertTrue(strict.body().contains("unknown field \\\"spec.bogus\\\""), strict.body());
  }

  @Test
  void managedFieldsOnOrdinaryWrites() {
    String cms = "/api/v1/namespaces/" + ns("ssa2") + "/configmaps";
    Api.Resp c =
        api.post(
            cms + "?fieldManager=creator",
            "{\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}");
    assertEquals(201, c.code(), c.body());
    JsonNode e = entry(c.json(), "creator", "Update");
    assertTrue(e != null, c.body());
    assertTrue(e.at("/fieldsV1/f:data").has("f:a"), e.toString());
    String rv = c.json().at("/metadata/resourceVersion").asText();

    // a no-op write keeps the resourceVersion
    Api.Resp same =
        api.patch(
            cms + "/c?fieldManager=someone",
            "application/merge-patch+json",
            "{\"data\":{\"a\":\"1\"}}");
    assertEquals(200, same.code(), same.body());
    assertEquals(rv, same.json().at("/metadata/resourceVersion").asText());
    assertEquals(1, same.json().at("/metadata/managedFields").size());

    // [] keeps them, [{}] clears them
    Api.Resp keep =
        api.patch(
            cms + "/c?fieldManager=m2",
            "application/merge-patch+json",
            "{\"metadata\":{\"managedFields\":[]},\"data\":{\"b\":\"2\"}}");
    assertEquals(200, keep.code(), keep.body());
    assertEquals(2, keep.json().at("/metadata/managedFields").size(), keep.body());
    Api.Resp clear =
        api.patch(
            cms + "/c?fieldManager=m3",
            "application/merge-patch+json",
            "{\"metadata\":{\"managedFields\":[{}]}}");
    assertEquals(200, clear.code(), clear.body());
    assertTrue(clear.json().at("/metadata/managedFields").isMissingNode(), clear.body());

    // dry-run apply writes nothing
    Api.Resp dry =
        api.patch(
            cms + "/d?fieldManager=kubectl&dryRun=All",
            APPLY,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"d\"},\"data\":{\"x\":\"y\"}}");
    assertEquals(201, dry.code(), dry.body());
    assertEquals(404, api.get(cms + "/d").code());

    // a resourceVersion in the configuration is a precondition
    Api.Resp stale =
        api.patch(
            cms + "/c?fieldManager=kubectl",
            APPLY,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"resourceVersion\":\"1\"},\"data\":{\"x\":\"y\"}}");
    assertEquals(409, stale.code(), stale.body());
    assertTrue(stale.json().path("message").asText().contains("the object has been modified"));
  }

  /** client-side apply, then server-side apply of a change: the last-applied fields migrate. */
  @Test
  void clientSideThenServerSideApplyMigrates() {
    String cm = "/api/v1/namespaces/" + ns("ssa-migrate") + "/configmaps";
    String lastApplied =
        "{\\\"apiVersion\\\":\\\"v1\\\",\\\"data\\\":{\\\"a\\\":\\\"1\\\"},"
            + "\\\"kind\\\":\\\"ConfigMap\\\",\\\"metadata\\\":{\\\"name\\\":\\\"m\\\"}}";
    Api.Resp c =
        api.post(
            cm + "?fieldManager=kubectl-client-side-apply",
            "{\"metadata\":{\"name\":\"m\",\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\""
                + lastApplied
                + "\"}},\"data\":{\"a\":\"1\"}}");
    assertEquals(201, c.code(), c.body());
    // a field another writer set outside the last-applied configuration still conflicts
    assertEquals(
        200,
        api.patch(
                cm + "/m?fieldManager=other",
                "application/merge-patch+json",
                "{\"data\":{\"b\":\"x\"}}")
            .code());
    Api.Resp conflict =
        api.send(
            "PATCH",
            cm + "/m?fieldManager=kubectl",
            APPLY,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"m\"},\"data\":{\"a\":\"2\",\"b\":\"y\"}}",
            "application/json");
    assertEquals(409, conflict.code(), conflict.body());
    Api.Resp migrated =
        api.send(
            "PATCH",
            cm + "/m?fieldManager=kubectl",
            APPLY,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"m\"},\"data\":{\"a\":\"2\"}}",
            "application/json");
    assertEquals(200, migrated.code(), migrated.body());
    assertEquals("2", migrated.json().at("/data/a").asText());
    // kubectl's server-side apply keeps the client-side annotation in step
    assertEquals(
        "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"2\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"m\"}}\n",
        migrated.json().at("/metadata/annotations/" + LAST_APPLIED_PTR).asText());
  }

  static String scaleYaml(int replicas) {
    return "apiVersion: autoscaling/v1\nkind: Scale\nmetadata: {name: web}\nspec: {replicas: "
        + replicas
        + "}\n";
  }

  /** apply on /scale: ownership of spec.replicas recorded on the Deployment, subresource scale */
  @Test
  void applyOnScaleSubresource() {
    String d = "/apis/apps/v1/namespaces/" + ns("ssa-scale") + "/deployments/web";
    assertEquals(404, api.patch(d + "/scale?fieldManager=hpa", APPLY, scaleYaml(3)).code());
    Api.Resp created =
        api.patch(d + "?fieldManager=kubectl", APPLY, deployYaml(2, "nginx:1.25", false));
    assertEquals(201, created.code(), created.body());

    Api.Resp conflict = api.patch(d + "/scale?fieldManager=hpa", APPLY, scaleYaml(3));
    assertEquals(409, conflict.code(), conflict.body());
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas",
        conflict.json().path("message").asText());
    assertEquals(".spec.replicas", conflict.json().at("/details/causes/0/field").asText());
    assertEquals(2, api.get(d).json().at("/spec/replicas").asInt());

    Api.Resp forced = api.patch(d + "/scale?fieldManager=hpa&force=true", APPLY, scaleYaml(3));
    assertEquals(200, forced.code(), forced.body());
    assertEquals("Scale", forced.json().path("kind").asText());
    assertEquals(3, forced.json().at("/spec/replicas").asInt());
    JsonNode dep = api.get(d).json();
    assertEquals(3, dep.at("/spec/replicas").asInt());
    JsonNode hpa = entry(dep, "hpa", "Apply");
    assertTrue(hpa != null, dep.toString());
    assertEquals("apps/v1", hpa.path("apiVersion").asText());
    assertEquals("scale", hpa.path("subresource").asText());
    assertEquals("{\"f:spec\":{\"f:replicas\":{}}}", hpa.path("fieldsV1").toString());
    assertFalse(hpa.has("time"), hpa.toString()); // upstream's ToParent has no time for it
    JsonNode kubectl = entry(dep, "kubectl", "Apply");
    assertFalse(kubectl.at("/fieldsV1/f:spec").has("f:replicas"), kubectl.toString());
    assertTrue(kubectl.at("/fieldsV1/f:spec").has("f:template"), kubectl.toString());

    // the owner re-applies without force; the entry is kept as it is
    Api.Resp again = api.patch(d + "/scale?fieldManager=hpa", APPLY, scaleYaml(5));
    assertEquals(200, again.code(), again.body());
    JsonNode dep2 = api.get(d).json();
    assertEquals(5, dep2.at("/spec/replicas").asInt());
    assertEquals(dep.at("/metadata/managedFields"), dep2.at("/metadata/managedFields"));

    // applying the Deployment with replicas now conflicts with the scale applier
    Api.Resp back =
        api.patch(d + "?fieldManager=kubectl", APPLY, deployYaml(2, "nginx:1.25", false));
    assertEquals(409, back.code(), back.body());
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"hpa\" with subresource \"scale\": .spec.replicas",
        back.json().path("message").asText());

    Api.Resp wrongKind =
        api.patch(
            d + "/scale?fieldManager=hpa",
            APPLY,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
    assertEquals(400, wrongKind.code(), wrongKind.body());
  }

  static final String LAST_APPLIED_PTR = "kubectl.kubernetes.io~1last-applied-configuration";

  /** upstream's lastAppliedUpdater: only kubectl's manager, only when the annotation exists */
  @Test
  void serverSideApplyByKubectlRewritesLastApplied() {
    String cm = "/api/v1/namespaces/" + ns("ssa-lastapplied") + "/configmaps";
    // no annotation: none is added
    Api.Resp plain =
        api.patch(
            cm + "/p?fieldManager=kubectl",
            APPLY,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\ndata: {a: '1'}\n");
    assertEquals(201, plain.code(), plain.body());
    assertTrue(plain.json().at("/metadata/annotations").isMissingNode(), plain.body());

    Api.Resp c =
        api.post(
            cm + "?fieldManager=kubectl-client-side-apply",
            "{\"metadata\":{\"name\":\"m\",\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\"}},\"data\":{\"a\":\"1\"}}");
    assertEquals(201, c.code(), c.body());
    // another manager: the annotation stays as it is
    Api.Resp helm =
        api.patch(
            cm + "/m?fieldManager=helm",
            APPLY,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata: {h: '1'}\n");
    assertEquals(200, helm.code(), helm.body());
    assertEquals("{}", helm.json().at("/metadata/annotations/" + LAST_APPLIED_PTR).asText());
    // kubectl: the body as sent (keys sorted, HTML escaped as Go does)
    Api.Resp k =
        api.patch(
            cm + "/m?fieldManager=kubectl",
            APPLY,
            "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: m\n  annotations:\n"
                + "    note: x\n"
                + "data: {z: '<&>', a: '1'}\n");
    assertEquals(200, k.code(), k.body());
    assertEquals("x", k.json().at("/metadata/annotations/note").asText());
    assertEquals(
        "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\",\"z\":\"\\u003c\\u0026\\u003e\"},"
            + "\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{\"note\":\"x\"},\"name\":\"m\"}}\n",
        k.json().at("/metadata/annotations/" + LAST_APPLIED_PTR).asText());
    assertEquals("1", k.json().at("/data/h").asText());
  }

  @Test
  void duplicateListMapKeysAreRefusedAndNothingIsWritten() {
    String base = "/apis/apps/v1/namespaces/" + ns("ssa-dups") + "/deployments";
    String yaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n"
            + "  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n"
            + "      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n"
            + "        image: nginx\n        env:\n        - {name: FOO, value: x}\n"
            + "        - {name: FOO, value: y}\n        ports:\n        - containerPort: 80\n"
            + "        - containerPort: 80\n";
    Api.Resp r = api.patch(base + "/d?fieldManager=test", APPLY, yaml);
    assertEquals(400, r.code(), r.body());
    String body = r.body();
    assertTrue(
        body.contains(
            "failed to create typed patch object (ssa-dups/d; apps/v1, Kind=Deployment): errors:"),
        body);
    assertTrue(
        body.contains(
            ".spec.template.spec.containers[name=\\\"c\\\"].env: duplicate entries for key"
                + " [name=\\\"FOO\\\"]"),
        body);
    assertTrue(
        body.contains("duplicate entries for key [containerPort=80,protocol=\\\"TCP\\\"]"), body);
    assertEquals(404, api.get(base + "/d").code());
  }

  /** Update entries mark maps, pointer structs and list items that appeared, as upstream does. */
  @Test
  void updateEntriesMarkAddedMapsAndPointerStructs() {
    String base = "/apis/apps/v1/namespaces/" + ns("ssa-dots") + "/deployments";
    Api.Resp r =
        api.post(
            base + "?fieldManager=creator",
            "{\"metadata\":{\"name\":\"d\",\"labels\":{\"app\":\"d\"}},\"spec\":{\"selector\":"
                + "{\"matchLabels\":{\"app\":\"d\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"d\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}");
    assertEquals(201, r.code(), r.body());
    String f = entry(r.json(), "creator", "Update").path("fieldsV1").toString();
    assertTrue(f.contains("\"f:labels\":{\".\":{},\"f:app\":{}}"), f);
    assertTrue(f.contains("\"f:rollingUpdate\":{\".\":{},\"f:maxSurge\":{}"), f);
    assertTrue(f.contains("\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{}"), f);
    assertTrue(f.contains("\"f:spec\":{\"f:progressDeadlineSeconds\""), f);
    assertTrue(f.contains("\"f:containers\":{\"k:"), f);
  }
}
