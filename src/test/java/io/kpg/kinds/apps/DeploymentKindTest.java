package io.kpg.kinds.apps;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentKindTest {
  private final DeploymentKind kind = new DeploymentKind();

  static ObjectNode deployment(String selector) {
    return obj(
        "{'metadata':{'name':'d','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{"
            + (selector == null ? "" : "'selector':" + selector + ",")
            + "'template':{'metadata':{'labels':{'app':'nginx'}},"
            + "'spec':{'containers':[{'name':'nginx','image':'nginx:1.25'}]}}}}");
  }

  @Test
  void identity() {
    assertEquals("apps/v1", kind.apiVersion());
    assertEquals(List.of("deploy"), kind.shortNames());
    assertEquals(List.of("all"), kind.categories());
    assertTrue(kind.hasStatus());
  }

  @Test
  void defaults() {
    ObjectNode d = deployment("{'matchLabels':{'app':'nginx'}}");
    kind.applyDefaults(d);
    assertEquals(
        obj(
            "{'replicas':1,'strategy':{'type':'RollingUpdate','rollingUpdate':"
                + "{'maxUnavailable':'25%','maxSurge':'25%'}},'revisionHistoryLimit':10,"
                + "'progressDeadlineSeconds':600}"),
        withoutTemplateAndSelector(d));
    assertEquals("IfNotPresent", d.at("/spec/template/spec/containers/0/imagePullPolicy").asText());
    assertEquals(List.of(), kind.validate(d));
    assertEquals("app=nginx", kind.scale().selector().apply(d));
  }

  @Test
  void recreateGetsNoRollingUpdate() {
    ObjectNode d = deployment("{'matchLabels':{'app':'nginx'}}");
    ((ObjectNode) d.get("spec")).set("strategy", obj("{'type':'Recreate'}"));
    kind.applyDefaults(d);
    assertEquals(obj("{'type':'Recreate'}"), d.at("/spec/strategy"));
  }

  private static ObjectNode withoutTemplateAndSelector(ObjectNode d) {
    ObjectNode spec = d.get("spec").deepCopy();
    spec.remove("template");
    spec.remove("selector");
    return spec;
  }

  @Test
  void missingSelector() {
    ObjectNode d = deployment(null);
    kind.applyDefaults(d);
    assertEquals(
        List.of(
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does"
                + " not match template `labels`"),
        messages(kind.validate(d)));
  }

  @Test
  void mismatchAndEmptySelector() {
    ObjectNode d = deployment("{'matchLabels':{'app':'other'}}");
    kind.applyDefaults(d);
    assertEquals(
        List.of(
            "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does"
                + " not match template `labels`"),
        messages(kind.validate(d)));
    ObjectNode e = deployment("{}");
    kind.applyDefaults(e);
    assertEquals(
        List.of("spec.selector: Invalid value: {}: empty selector is invalid for deployment"),
        messages(kind.validate(e)));
  }

  @Test
  void replicasAndStrategy() {
    ObjectNode d = deployment("{'matchLabels':{'app':'nginx'}}");
    ((ObjectNode) d.get("spec")).put("replicas", -1);
    ((ObjectNode) d.get("spec"))
        .set(
            "strategy",
            obj("{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':0,'maxSurge':0}}"));
    kind.applyDefaults(d);
    assertEquals(
        List.of(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when"
                + " `maxSurge` is 0"),
        messages(kind.validate(d)));
  }

  @Test
  void selectorImmutable() {
    ObjectNode old = deployment("{'matchLabels':{'app':'nginx'}}");
    kind.applyDefaults(old);
    ObjectNode now = old.deepCopy();
    ((ObjectNode) now.get("spec")).set("selector", obj("{'matchLabels':{'app':'nginx','x':'y'}}"));
    ((ObjectNode) now.at("/spec/template/metadata/labels")).put("x", "y");
    assertEquals(
        List.of(
            "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"nginx\",\"x\":\"y\"}}:"
                + " field is immutable"),
        messages(kind.validateUpdate(now, old)));
    assertEquals(List.of(), kind.validateUpdate(old.deepCopy(), old));
  }

  @Test
  void row() {
    ObjectNode d = deployment("{'matchLabels':{'app':'nginx'}}");
    kind.applyDefaults(d);
    d.set("status", obj("{'readyReplicas':1,'updatedReplicas':1,'availableReplicas':1}"));
    assertEquals(
        List.of("d", "1/1", 1L, 1L, "2d", "nginx", "nginx:1.25", "app=nginx"),
        kind.row(d, Instant.parse("2024-01-03T00:00:00Z")));
    assertEquals(8, kind.columns().size());
    assertEquals("Up-to-date", kind.columns().get(2).name());
  }
}
