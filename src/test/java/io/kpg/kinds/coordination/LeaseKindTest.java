package io.kpg.kinds.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseKindTest {
  final LeaseKind k = new LeaseKind();

  @Test
  void validationAndRow() {
    assertTrue(
        k.validate(T.obj("{'spec':{'holderIdentity':'a','leaseDurationSeconds':15}}")).isEmpty());
    String m =
        T.messages(
            k.validate(
                T.obj(
                    "{'spec':{'leaseDurationSeconds':0,'leaseTransitions':-1,'preferredHolder':'x'}}")));
    assertTrue(
        m.contains("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"), m);
    assertTrue(
        m.contains("spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0"),
        m);
    assertTrue(
        m.contains(
            "spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined"),
        m);
    var l =
        T.obj(
            "{'metadata':{'name':'kube-scheduler','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'holderIdentity':'node-1_abc'}}");
    assertEquals(List.of("kube-scheduler", "node-1_abc", "60m"), k.row(l, T.NOW));
    assertEquals(
        List.of("Name", "Holder", "Age"), k.columns().stream().map(c -> c.name()).toList());
    assertEquals("coordination.k8s.io/v1", k.apiVersion());
  }
}
