package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistentVolumeKindTest {
  final PersistentVolumeKind k = new PersistentVolumeKind();

  @Test
  void defaultsAndStatus() {
    ObjectNode pv =
        T.obj(
            "{'metadata':{'name':'pv1'},'spec':{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/tmp'}},'status':{'phase':'Bound'}}");
    k.prepareForCreate(pv);
    k.applyDefaults(pv);
    assertEquals("Pending", pv.at("/status/phase").asText());
    assertTrue(pv.at("/status/lastPhaseTransitionTime").isTextual());
    assertEquals("Retain", pv.at("/spec/persistentVolumeReclaimPolicy").asText());
    assertEquals("Filesystem", pv.at("/spec/volumeMode").asText());
    assertTrue(k.validate(pv).isEmpty(), T.messages(k.validate(pv)));
    assertEquals(List.of("pv"), k.shortNames());
  }

  @Test
  void validation() {
    String m = T.messages(k.validate(T.obj("{'spec':{}}")));
    assertTrue(m.contains("spec.accessModes: Required value"), m);
    assertTrue(m.contains("spec.capacity: Required value"), m);
    assertTrue(m.contains("spec: Required value: must specify a volume type"), m);
    String two =
        T.messages(
            k.validate(
                T.obj(
                    "{'spec':{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/a'},'nfs':{'server':'s','path':'/b'}}}")));
    assertEquals("spec.nfs: Forbidden: may not specify more than 1 volume type", two);
    ObjectNode old =
        T.obj(
            "{'spec':{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/a'},'volumeMode':'Filesystem'}}");
    ObjectNode upd =
        T.obj(
            "{'spec':{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/b'},'volumeMode':'Filesystem'}}");
    assertEquals(
        "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation",
        T.messages(k.validateUpdate(upd, old)));
  }

  @Test
  void row() {
    ObjectNode pv =
        T.obj(
            "{'metadata':{'name':'pv1','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'capacity':{'storage':'5Gi'},'accessModes':['ReadWriteMany','ReadWriteOnce'],'persistentVolumeReclaimPolicy':'Delete','claimRef':{'namespace':'d','name':'c'},'storageClassName':'std','volumeMode':'Filesystem'},'status':{'phase':'Bound'}}");
    assertEquals(
        List.of(
            "pv1",
            "5Gi",
            "RWO,RWX",
            "Delete",
            "Bound",
            "d/c",
            "std",
            "<unset>",
            "",
            "60m",
            "Filesystem"),
        k.row(pv, T.NOW));
  }
}
