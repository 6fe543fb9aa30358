package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistentVolumeClaimKindTest {
  final PersistentVolumeClaimKind k = new PersistentVolumeClaimKind();

  static final String SPEC =
      "'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'%s'}},'volumeMode':'Filesystem'%s}";

  ObjectNode pvc(String size, String extra, String status) {
    return T.obj("{'metadata':{'name':'c'}," + String.format(SPEC, size, extra) + status + "}");
  }

  @Test
  void defaults() {
    ObjectNode c =
        T.obj(
            "{'metadata':{'name':'c'},'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}");
    k.prepareForCreate(c);
    k.applyDefaults(c);
    assertEquals("Pending", c.at("/status/phase").asText());
    assertEquals("Filesystem", c.at("/spec/volumeMode").asText());
    assertTrue(k.validate(c).isEmpty());
    assertEquals(List.of("pvc"), k.shortNames());
  }

  @Test
  void validation() {
    String m = T.messages(k.validate(T.obj("{'spec':{}}")));
    assertTrue(
        m.contains("spec.accessModes: Required value: at least 1 access mode is required"), m);
    assertTrue(m.contains("spec.resources[storage]: Required value"), m);
    assertTrue(
        T.messages(k.validate(pvc("0", "", "")))
            .contains("spec.resources[storage]: Invalid value: \"0\": must be greater than zero"));
  }

  @Test
  void specImmutableExceptVolumeNameOnceAndBoundResize() {
    ObjectNode old = pvc("1Gi", "", ",'status':{'phase':'Pending'}");
    assertTrue(
        k.validateUpdate(pvc("1Gi", ",'volumeName':'pv1'", ",'status':{'phase':'Pending'}"), old)
            .isEmpty());
    assertEquals(
        "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
        T.messages(k.validateUpdate(pvc("2Gi", "", ",'status':{'phase':'Pending'}"), old)));

    ObjectNode bound =
        pvc(
            "1Gi",
            ",'volumeName':'pv1'",
            ",'status':{'phase':'Bound','capacity':{'storage':'1Gi'}}");
    assertTrue(
        k.validateUpdate(pvc("2Gi", ",'volumeName':'pv1'", ",'status':{'phase':'Bound'}"), bound)
            .isEmpty());
    assertEquals(
        "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
        T.messages(
            k.validateUpdate(
                pvc("1Gi", ",'volumeName':'pv2'", ",'status':{'phase':'Bound'}"), bound)));
    ObjectNode big =
        pvc(
            "2Gi",
            ",'volumeName':'pv1'",
            ",'status':{'phase':'Bound','capacity':{'storage':'1Gi'}}");
    assertEquals(
        "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity",
        T.messages(
            k.validateUpdate(
                pvc("512Mi", ",'volumeName':'pv1'", ",'status':{'phase':'Bound'}"), big)));
  }

  @Test
  void row() {
    ObjectNode c =
        T.obj(
            "{'metadata':{'name':'c','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'volumeName':'pv1','storageClassName':'std','volumeMode':'Filesystem'},'status':{'phase':'Bound','capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce']}}");
    assertEquals(
        List.of("c", "Bound", "pv1", "1Gi", "RWO", "std", "<unset>", "60m", "Filesystem"),
        k.row(c, T.NOW));
    ObjectNode pending = T.obj("{'metadata':{'name':'p'},'spec':{},'status':{'phase':'Pending'}}");
    assertEquals(
        List.of("p", "Pending", "", "", "", "", "<unset>", "<unknown>", "<unset>"),
        k.row(pending, T.NOW));
  }
}
