package io.kpg.kinds.apps;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonSetKindTest {
  private final DaemonSetKind kind = new DaemonSetKind();

  private static ObjectNode ds() {
    return obj(
        "{'metadata':{'name':'agent'},'spec':{'selector':{'matchLabels':{'app':'a'}},"
            + "'template':{'metadata':{'labels':{'app':'a'}},'spec':{'nodeSelector':{'os':'linux'},"
            + "'containers':[{'name':'c','image':'agent:2'}]}}}}");
  }

  @Test
  void defaultsAndValidation() {
    ObjectNode d = ds();
    kind.applyDefaults(d);
    assertEquals(
        obj("{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':1,'maxSurge':0}}"),
        d.at("/spec/updateStrategy"));
    assertEquals(10, d.at("/spec/revisionHistoryLimit").asInt());
    assertEquals(List.of(), kind.validate(d));
    assertNull(kind.scale());
    assertEquals(List.of("ds"), kind.shortNames());
  }

  @Test
  void rollingUpdateNeedsOneNonZero() {
    ObjectNode d = ds();
    ((ObjectNode) d.get("spec"))
        .set(
            "updateStrategy",
            obj("{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':0,'maxSurge':0}}"));
    kind.applyDefaults(d);
    assertEquals(
        List.of(
            "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when"
                + " maxSurge is 0"),
        messages(kind.validate(d)));
  }

  @Test
  void templateGenerationAnnotation() {
    ObjectNode d = ds();
    kind.prepareForCreate(d);
    assertEquals(
        "1", d.at("/metadata/annotations/deprecated.daemonset.template.generation").asText());
    ObjectNode same = d.deepCopy();
    kind.prepareForUpdate(same, d);
    assertEquals(
        "1", same.at("/metadata/annotations/deprecated.daemonset.template.generation").asText());
    ObjectNode changed = d.deepCopy();
    ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "agent:3");
    kind.prepareForUpdate(changed, d);
    assertEquals(
        "2", changed.at("/metadata/annotations/deprecated.daemonset.template.generation").asText());
  }

  @Test
  void row() {
    ObjectNode d = ds();
    kind.applyDefaults(d);
    d.set(
        "status",
        obj(
            "{'desiredNumberScheduled':3,'currentNumberScheduled':3,'numberReady':2,"
                + "'updatedNumberScheduled':3,'numberAvailable':2}"));
    assertEquals(
        List.of("agent", 3L, 3L, 2L, 3L, 2L, "os=linux", "<unknown>", "c", "agent:2", "app=a"),
        kind.row(d, Instant.now()));
  }
}
