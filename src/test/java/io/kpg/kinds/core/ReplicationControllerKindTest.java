package io.kpg.kinds.core;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationControllerKindTest {
  private final ReplicationControllerKind kind = new ReplicationControllerKind();

  private ObjectNode rc() {
    return obj(
        "{'metadata':{'name':'r'},'spec':{'template':{'metadata':{'labels':{'app':'x'}},"
            + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}}}");
  }

  @Test
  void defaultsSelectorLabelsAndReplicas() {
    ObjectNode rc = rc();
    kind.applyDefaults(rc);
    assertEquals(obj("{'app':'x'}"), rc.at("/spec/selector"));
    assertEquals(obj("{'app':'x'}"), rc.at("/metadata/labels"));
    assertEquals(1, rc.at("/spec/replicas").asInt());
    assertEquals(List.of(), kind.validate(rc));
    assertEquals("app=x", kind.scale().selector().apply(rc));
    assertEquals(List.of("rc"), kind.shortNames());
  }

  @Test
  void selectorMustMatchTemplate() {
    ObjectNode rc = rc();
    ((ObjectNode) rc.get("spec")).set("selector", obj("{'app':'y'}"));
    kind.applyDefaults(rc);
    assertEquals(
        List.of(
            "spec.template.metadata.labels: Invalid value: {\"app\":\"x\"}: `selector` does not"
                + " match template `labels`"),
        messages(kind.validate(rc)));
  }

  @Test
  void restartPolicyAndReplicas() {
    ObjectNode rc = rc();
    ((ObjectNode) rc.get("spec")).put("replicas", -1);
    ((ObjectNode) rc.at("/spec/template/spec")).put("restartPolicy", "Never");
    kind.applyDefaults(rc);
    List<String> errs = messages(kind.validate(rc));
    assertTrue(
        errs.contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        errs.toString());
    assertTrue(
        errs.contains(
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values:"
                + " \"Always\""),
        errs.toString());
  }

  @Test
  void row() {
    ObjectNode rc = rc();
    kind.applyDefaults(rc);
    rc.set("status", obj("{'replicas':1,'readyReplicas':0}"));
    List<Object> row = kind.row(rc, Instant.now());
    assertEquals(List.of("r", 1L, 1L, 0L), row.subList(0, 4));
    assertEquals(List.of("c", "nginx", "app=x"), row.subList(5, 8));
    assertEquals("1", kind.fieldSelectors().get("status.replicas").apply(rc));
  }
}
