package io.kpg.kinds.apps;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetKindTest {
  private final ReplicaSetKind kind = new ReplicaSetKind();

  @Test
  void defaultsValidationRow() {
    ObjectNode rs = DeploymentKindTest.deployment("{'matchLabels':{'app':'nginx'}}");
    kind.applyDefaults(rs);
    assertEquals(1, rs.at("/spec/replicas").asInt());
    assertEquals(false, rs.at("/spec").has("strategy"));
    assertEquals(List.of(), kind.validate(rs));
    rs.set("status", obj("{'replicas':1,'readyReplicas':1}"));
    List<Object> row = kind.row(rs, Instant.parse("2024-01-01T00:00:30Z"));
    assertEquals(List.of("d", 1L, 1L, 1L, "30s", "nginx", "nginx:1.25", "app=nginx"), row);
    assertEquals("1", kind.fieldSelectors().get("status.replicas").apply(rs));
    assertEquals(List.of("rs"), kind.shortNames());
  }

  @Test
  void emptySelectorUsesUpstreamWording() {
    ObjectNode rs = DeploymentKindTest.deployment("{}");
    kind.applyDefaults(rs);
    assertEquals(
        List.of("spec.selector: Invalid value: {}: empty selector is invalid for deployment"),
        messages(kind.validate(rs)));
  }

  @Test
  void activeDeadlineForbiddenAndSelectorImmutable() {
    ObjectNode rs = DeploymentKindTest.deployment("{'matchLabels':{'app':'nginx'}}");
    ((ObjectNode) rs.at("/spec/template/spec")).put("activeDeadlineSeconds", 5);
    kind.applyDefaults(rs);
    assertEquals(
        List.of(
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in"
                + " ReplicaSet is not Supported"),
        messages(kind.validate(rs)));
    ObjectNode ok = DeploymentKindTest.deployment("{'matchLabels':{'app':'nginx'}}");
    kind.applyDefaults(ok);
    ObjectNode changed = ok.deepCopy();
    ((ObjectNode) changed.get("spec"))
        .set("selector", obj("{'matchExpressions':[{'key':'app','operator':'Exists'}]}"));
    assertEquals(1, kind.validateUpdate(changed, ok).size());
  }
}
