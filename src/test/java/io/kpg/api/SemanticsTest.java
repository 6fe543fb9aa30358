package io.kpg.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.kpg.json.Json;
import io.kpg.proto.ProtobufBodies;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Write semantics: dry run, field validation, finalizers, generation, namespaces, subresources. */
@QuarkusTest
class SemanticsTest {
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

  static final String DEPLOY =
      "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
          + "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
          + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\"}]}}}}";

  @Test
  void dryRunWritesNothing() {
    String cm = "/api/v1/namespaces/" + ns("dry") + "/configmaps";
    Api.Resp r = api.post(cm + "?dryRun=All", "{\"metadata\":{\"name\":\"d\"}}");
    assertEquals(201, r.code(), r.body());
    assertEquals("d", r.json().at("/metadata/name").asText());
    assertEquals(404, api.get(cm + "/d").code());
    assertEquals(422, api.post(cm + "?dryRun=Some", "{\"metadata\":{\"name\":\"d\"}}").code());
    assertEquals(201, api.post(cm, "{\"metadata\":{\"name\":\"d\"}}").code());
    assertEquals(200, api.delete(cm + "/d", "{\"dryRun\":[\"All\"]}").code());
    assertEquals(200, api.get(cm + "/d").code());
  }

  @Test
  void fieldValidationStrictWarnIgnore() {
    String cm = "/api/v1/namespaces/" + ns("fv") + "/configmaps";
    String body =
        "{\"metadata\":{\"name\":\"s\",\"bogus\":1},\"data\":{},\"data\":{\"a\":\"b\"},\"extra\":true}";
    Api.Resp strict = api.post(cm + "?fieldValidation=Strict", body);
    assertEquals(400, strict.code());
    assertTrue(
        strict
            .json()
            .path("message")
            .asText()
            .contains(
                "strict decoding error: unknown field \"metadata.bogus\", unknown field \"extra\", duplicate field \"data\""),
        strict.body());
    Api.Resp warn = api.post(cm, body);
    assertEquals(201, warn.code(), warn.body());
    List<String> warnings = warn.headers().allValues("warning");
    assertTrue(warnings.contains("299 - \"unknown field \\\"extra\\\"\""), warnings.toString());
    assertTrue(warnings.contains("299 - \"duplicate field \\\"data\\\"\""), warnings.toString());
    assertFalse(warn.json().has("extra"));
    assertEquals("b", warn.json().at("/data/a").asText());
    Api.Resp ignore = api.post(cm + "?fieldValidation=Ignore", body.replace("\"s\"", "\"i\""));
    assertEquals(201, ignore.code());
    assertTrue(ignore.headers().allValues("warning").isEmpty());
  }

  @Test
  void finalizersHoldDeletionUntilRemoved() {
    String cm = "/api/v1/namespaces/" + ns("fin") + "/configmaps";
    assertEquals(
        201,
        api.post(cm, "{\"metadata\":{\"name\":\"f\",\"finalizers\":[\"example.com/hold\"]}}")
            .code());
    Api.Resp d = api.delete(cm + "/f", null);
    assertEquals(200, d.code());
    assertFalse(d.json().at("/metadata/deletionTimestamp").asText().isEmpty());
    assertEquals(200, api.get(cm + "/f").code());
    Api.Resp p =
        api.patch(
            cm + "/f", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
    assertEquals(200, p.code(), p.body());
    assertEquals(404, api.get(cm + "/f").code());
  }

  @Test
  void generationFollowsSpecAndStatusIsSeparate() {
    String d = "/apis/apps/v1/namespaces/" + ns("gen") + "/deployments";
    Api.Resp c = api.post(d, DEPLOY);
    assertEquals(201, c.code(), c.body());
    JsonNode o = c.json();
    assertEquals(1, o.at("/metadata/generation").asInt());
    assertEquals(1, o.at("/spec/replicas").asInt());
    assertEquals("RollingUpdate", o.at("/spec/strategy/type").asText());
    assertEquals("25%", o.at("/spec/strategy/rollingUpdate/maxSurge").asText());
    assertEquals(10, o.at("/spec/revisionHistoryLimit").asInt());
    assertEquals(600, o.at("/spec/progressDeadlineSeconds").asInt());
    assertEquals("IfNotPresent", o.at("/spec/template/spec/containers/0/imagePullPolicy").asText());
    // metadata-only change: generation stays
    assertEquals(
        1,
        api.patch(
                d + "/web",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}")
            .json()
            .at("/metadata/generation")
            .asInt());
    // status through the main resource is ignored; through /status it is written
    assertFalse(
        api.patch(d + "/web", "application/merge-patch+json", "{\"status\":{\"replicas\":5}}")
            .json()
            .at("/status/replicas")
            .isInt());
    Api.Resp st =
        api.patch(
            d + "/web/status", "application/merge-patch+json", "{\"status\":{\"replicas\":5}}");
    assertEquals(200, st.code(), st.body());
    assertEquals(5, st.json().at("/status/replicas").asInt());
    // spec change bumps generation; scale subresource
    Api.Resp sc =
        api.patch(d + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");
    assertEquals(200, sc.code(), sc.body());
    assertEquals("Scale", sc.json().path("kind").asText());
    assertEquals("app=web", sc.json().at("/status/selector").asText());
    JsonNode after = api.get(d + "/web").json();
    assertEquals(3, after.at("/spec/replicas").asInt());
    assertEquals(2, after.at("/metadata/generation").asInt());
    assertEquals(
        422,
        api.patch(d + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}")
            .code());
    // selector is immutable
    Api.Resp imm =
        api.patch(
            d + "/web",
            "application/merge-patch+json",
            "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"other\"}}}}}");
    assertEquals(422, imm.code(), imm.body());
  }

  @Test
  void strategicMergeKeepsOtherContainers() {
    String d = "/apis/apps/v1/namespaces/" + ns("smp") + "/deployments";
    assertEquals(
        201,
        api.post(
                d,
                DEPLOY.replace(
                    "[{\"name\":\"web\",\"image\":\"nginx:1.25\"}]",
                    "[{\"name\":\"web\",\"image\":\"nginx:1.25\"},{\"name\":\"side\",\"image\":\"busybox\"}]"))
            .code());
    Api.Resp p =
        api.patch(
            d + "/web",
            "application/strategic-merge-patch+json",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.26\"}]}}}}");
    assertEquals(200, p.code(), p.body());
    JsonNode cs = p.json().at("/spec/template/spec/containers");
    assertEquals(2, cs.size());
    assertEquals("nginx:1.26", cs.get(0).path("image").asText());
    assertEquals("busybox", cs.get(1).path("image").asText());
  }

  @Test
  void namespaceDeletionRemovesContentAndRefusesNewContent() {
    String n = ns("doomed");
    String cm = "/api/v1/namespaces/" + n + "/configmaps";
    assertEquals(
        201,
        api.post(cm, "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]}}")
            .code());
    assertEquals(201, api.post(cm, "{\"metadata\":{\"name\":\"plain\"}}").code());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/api/v1/namespaces/" + n + "/serviceaccounts/default").code() == 200
                    && api.get(cm + "/kube-root-ca.crt").code() == 200);
    Api.Resp d = api.delete("/api/v1/namespaces/" + n, null);
    assertEquals(200, d.code(), d.body());
    assertEquals("Terminating", d.json().at("/status/phase").asText());
    Api.Resp refused = api.post(cm, "{\"metadata\":{\"name\":\"late\"}}");
    assertEquals(403, refused.code(), refused.body());
    assertTrue(refused.json().path("message").asText().contains("because it is being terminated"));
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get(cm + "/plain").code() == 404);
    assertEquals(200, api.get("/api/v1/namespaces/" + n).code(), "held back by the finalizer");
    assertEquals(
        200,
        api.patch(
                cm + "/held",
                "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}")
            .code());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get("/api/v1/namespaces/" + n).code() == 404);
    assertEquals(403, api.delete("/api/v1/namespaces/default", null).code());
  }

  @Test
  void protobufCreate() {
    String cm = "/api/v1/namespaces/" + ns("proto") + "/configmaps";
    ObjectNode obj =
        (ObjectNode)
            Json.parseTrusted(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"pb\"},\"data\":{\"k\":\"v\"}}");
    Api.Resp r =
        api.sendBytes(
            "POST", cm, "application/vnd.kubernetes.protobuf", ProtobufBodies.encode(obj));
    assertEquals(201, r.code(), r.body());
    assertEquals("v", api.get(cm + "/pb").json().at("/data/k").asText());
  }

  @Test
  void tablesAndPartialMetadata() {
    String n = ns("tables");
    assertEquals(201, api.post("/apis/apps/v1/namespaces/" + n + "/deployments", DEPLOY).code());
    Api.Resp t =
        api.send(
            "GET",
            "/apis/apps/v1/namespaces/" + n + "/deployments",
            null,
            null,
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    assertEquals(200, t.code(), t.body());
    JsonNode table = t.json();
    assertEquals("Table", table.path("kind").asText());
    List<String> cols = new java.util.ArrayList<>();
    table.path("columnDefinitions").forEach(c -> cols.add(c.path("name").asText()));
    assertEquals(
        List.of(
            "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"),
        cols);
    assertEquals("web", table.at("/rows/0/cells/0").asText());
    assertEquals("0/1", table.at("/rows/0/cells/1").asText());
    assertEquals("PartialObjectMetadata", table.at("/rows/0/object/kind").asText());
    Api.Resp pm =
        api.send(
            "GET",
            "/apis/apps/v1/namespaces/" + n + "/deployments",
            null,
            null,
            "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
    assertEquals("PartialObjectMetadataList", pm.json().path("kind").asText());
    assertFalse(pm.json().at("/items/0").has("spec"));
  }

  @Test
  void discoveryNegotiation() {
    Api.Resp v2 =
        api.send(
            "GET",
            "/apis",
            null,
            null,
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
    assertEquals(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
        v2.headers().firstValue("content-type").orElse(""));
    assertEquals("APIGroupDiscoveryList", v2.json().path("kind").asText());
    Api.Resp beta =
        api.send(
            "GET",
            "/api",
            null,
            null,
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
    assertEquals("apidiscovery.k8s.io/v2beta1", beta.json().path("apiVersion").asText());
    Api.Resp legacy = api.get("/apis");
    assertEquals("APIGroupList", legacy.json().path("kind").asText());
    JsonNode core = api.get("/api/v1").json();
    assertTrue(core.path("resources").toString().contains("\"name\":\"pods/status\""));
    assertEquals(200, api.get("/openapi/v3/apis/apps/v1").code());
    String idx = api.get("/openapi/v3").body();
    assertTrue(idx.contains("/openapi/v3/apis/apps/v1?hash="));
    Api.Resp v2proto =
        api.send(
            "GET",
            "/openapi/v2",
            null,
            null,
            "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    assertEquals(
        "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
        v2proto.headers().firstValue("content-type").orElse(""));
    assertEquals("v1.33.0", api.get("/version").json().path("gitVersion").asText());
  }

  @Test
  void yamlBodies() {
    String cm = "/api/v1/namespaces/" + ns("yaml") + "/configmaps";
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n  labels: &l\n    app: web\n"
            + "  annotations: *l\ndata:\n  when: 2024-01-02T03:04:05Z\n  flag: \"yes\"\n";
    Api.Resp r = api.send("POST", cm, "application/yaml", yaml, "application/json");
    assertEquals(201, r.code(), r.body());
    assertEquals("web", r.json().at("/metadata/annotations/app").asText());
    assertEquals("2024-01-02T03:04:05Z", r.json().at("/data/when").asText());
    Api.Resp asYaml = api.send("GET", cm + "/y", null, null, "application/yaml");
    assertEquals(200, asYaml.code());
    assertEquals("application/yaml", asYaml.headers().firstValue("content-type").orElse(""));
    assertTrue(
        asYaml.body().startsWith("kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: y\n"),
        asYaml.body());
    assertTrue(
        api.send("GET", cm, null, null, "application/yaml").body().contains("kind: ConfigMapList"));
    Api.Resp bad =
        api.send("POST", cm, "application/yaml", "metadata: [unclosed", "application/json");
    assertEquals(400, bad.code(), bad.body());
    Api.Resp two =
        api.send(
            "POST",
            cm,
            "application/yaml",
            "metadata: {name: a}\n---\nmetadata: {name: b}\n",
            "application/json");
    assertEquals(400, two.code(), two.body());
    String bomb =
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            + "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
    Api.Resp lol = api.send("POST", cm, "application/yaml", bomb, "application/json");
    assertEquals(400, lol.code(), lol.body());
  }

  static String owned(String name, String ownerName, String ownerUid, String extra) {
    return "{\"metadata\":{\"name\":\""
        + name
        + "\""
        + extra
        + ",\"ownerReferences\":[{\"apiVersion\":\"v1\","
        + "\"kind\":\"ConfigMap\",\"name\":\""
        + ownerName
        + "\",\"uid\":\""
        + ownerUid
        + "\"}]}}";
  }

  @Test
  void garbageCollectionFollowsPropagationPolicy() {
    String cm = "/api/v1/namespaces/" + ns("gc") + "/configmaps";
    // background: dependents follow their owner
    String u1 =
        api.post(cm, "{\"metadata\":{\"name\":\"o1\"}}").json().at("/metadata/uid").asText();
    assertEquals(201, api.post(cm, owned("d1", "o1", u1, "")).code());
    assertEquals(200, api.delete(cm + "/o1", "{\"propagationPolicy\":\"Background\"}").code());
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get(cm + "/d1").code() == 404);
    // orphan: the owner goes, dependents stay without the reference
    String u2 =
        api.post(cm, "{\"metadata\":{\"name\":\"o2\"}}").json().at("/metadata/uid").asText();
    assertEquals(201, api.post(cm, owned("d2", "o2", u2, "")).code());
    Api.Resp orphan = api.delete(cm + "/o2", "{\"propagationPolicy\":\"Orphan\"}");
    assertEquals(200, orphan.code(), orphan.body());
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get(cm + "/o2").code() == 404);
    JsonNode d2 = api.get(cm + "/d2").json();
    assertFalse(d2.at("/metadata/ownerReferences").isArray(), d2.toString());
    // foreground: the owner waits for its dependents
    String u3 =
        api.post(cm, "{\"metadata\":{\"name\":\"o3\"}}").json().at("/metadata/uid").asText();
    assertEquals(
        201, api.post(cm, owned("d3", "o3", u3, ",\"finalizers\":[\"example.com/hold\"]")).code());
    Api.Resp fg = api.delete(cm + "/o3", "{\"propagationPolicy\":\"Foreground\"}");
    assertEquals(200, fg.code(), fg.body());
    assertTrue(
        fg.json().at("/metadata/finalizers").toString().contains("foregroundDeletion"), fg.body());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get(cm + "/d3").json().at("/metadata/deletionTimestamp").isTextual());
    assertEquals(200, api.get(cm + "/o3").code());
    assertEquals(
        200,
        api.patch(
                cm + "/d3", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}")
            .code());
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get(cm + "/o3").code() == 404);
  }

  @Test
  void serviceIpsAndNodePortsStayUnique() {
    String n = ns("svc-alloc");
    String svc = "/api/v1/namespaces/" + n + "/services";
    String taken = io.kpg.kinds.core.ServiceKind.allocateClusterIP(n, "victim");
    Api.Resp a =
        api.post(
            svc,
            "{\"metadata\":{\"name\":\"taker\"},\"spec\":{\"clusterIP\":\""
                + taken
                + "\",\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30080}]}}");
    assertEquals(201, a.code(), a.body());
    Api.Resp v =
        api.post(svc, "{\"metadata\":{\"name\":\"victim\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
    assertEquals(201, v.code(), v.body());
    assertFalse(
        taken.equals(v.json().at("/spec/clusterIP").asText()), "the hashed address was taken");
    Api.Resp dupIp =
        api.post(
            svc,
            "{\"metadata\":{\"name\":\"dup\"},\"spec\":{\"clusterIP\":\""
                + taken
                + "\",\"ports\":[{\"port\":80}]}}");
    assertEquals(422, dupIp.code(), dupIp.body());
    assertTrue(dupIp.body().contains("provided IP is already allocated"), dupIp.body());
    Api.Resp dupPort =
        api.post(
            svc,
            "{\"metadata\":{\"name\":\"dup2\"},\"spec\":{\"type\":\"NodePort\","
                + "\"ports\":[{\"port\":80,\"nodePort\":30080}]}}");
    assertEquals(422, dupPort.code(), dupPort.body());
  }
}
