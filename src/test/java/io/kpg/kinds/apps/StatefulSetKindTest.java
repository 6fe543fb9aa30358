package io.kpg.kinds.apps;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulSetKindTest {
  private final StatefulSetKind kind = new StatefulSetKind();

  private static ObjectNode sts() {
    return obj(
        "{'metadata':{'name':'web'},'spec':{'serviceName':'web','selector':{'matchLabels':{'app':'w'}},"
            + "'template':{'metadata':{'labels':{'app':'w'}},'spec':{'containers':[{'name':'c','image':'x:1',"
            + "'volumeMounts':[{'name':'data','mountPath':'/d'}]}]}},"
            + "'volumeClaimTemplates':[{'metadata':{'name':'data'},'spec':{'accessModes':['ReadWriteOnce'],"
            + "'resources':{'requests':{'storage':'1Gi'}}}}]}}");
  }

  @Test
  void defaults() {
    ObjectNode s = sts();
    kind.applyDefaults(s);
    ObjectNode spec = (ObjectNode) s.get("spec");
    assertEquals(1, spec.path("replicas").asInt());
    assertEquals("OrderedReady", spec.path("podManagementPolicy").asText());
    assertEquals(
        obj("{'type':'RollingUpdate','rollingUpdate':{'partition':0}}"),
        spec.get("updateStrategy"));
    assertEquals(10, spec.path("revisionHistoryLimit").asInt());
    assertEquals(
        obj("{'whenDeleted':'Retain','whenScaled':'Retain'}"),
        spec.get("persistentVolumeClaimRetentionPolicy"));
    ObjectNode pvc = (ObjectNode) spec.at("/volumeClaimTemplates/0");
    assertEquals("v1", pvc.path("apiVersion").asText());
    assertEquals("PersistentVolumeClaim", pvc.path("kind").asText());
    assertEquals("Filesystem", pvc.at("/spec/volumeMode").asText());
    assertEquals("Pending", pvc.at("/status/phase").asText());
    assertEquals(List.of(), kind.validate(s));
  }

  @Test
  void onDeleteKeepsNoPartition() {
    ObjectNode s = sts();
    ((ObjectNode) s.get("spec")).set("updateStrategy", obj("{'type':'OnDelete'}"));
    kind.applyDefaults(s);
    assertEquals(obj("{'type':'OnDelete'}"), s.at("/spec/updateStrategy"));
  }

  @Test
  void validation() {
    ObjectNode s = sts();
    ((ObjectNode) s.get("spec")).put("podManagementPolicy", "Random");
    ((ObjectNode) s.get("spec")).set("selector", obj("{'matchLabels':{'app':'z'}}"));
    kind.applyDefaults(s);
    assertEquals(
        List.of(
            "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or"
                + " 'Parallel'",
            "spec.template.metadata.labels: Invalid value: {\"app\":\"w\"}: `selector` does not"
                + " match template `labels`"),
        messages(kind.validate(s)));
  }

  @Test
  void updateRules() {
    ObjectNode old = sts();
    kind.applyDefaults(old);
    ObjectNode scaled = old.deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 3);
    assertEquals(List.of(), kind.validateUpdate(scaled, old));
    ObjectNode renamed = old.deepCopy();
    ((ObjectNode) renamed.get("spec")).put("serviceName", "other");
    assertEquals(
        List.of("spec: Forbidden: " + StatefulSetKind.UPDATE_FORBIDDEN),
        messages(kind.validateUpdate(renamed, old)));
  }

  @Test
  void namesMustBeDnsLabels() {
    assertFalse(kind.validateName("a.b").isEmpty());
    assertEquals(List.of(), kind.validateName("web-0"));
  }

  @Test
  void row() {
    ObjectNode s = sts();
    kind.applyDefaults(s);
    s.set("status", obj("{'readyReplicas':1}"));
    assertEquals(List.of("web", "1/1", "<unknown>", "c", "x:1"), kind.row(s, Instant.now()));
    assertEquals("app=w", kind.scale().selector().apply(s));
  }
}
