package io.kpg.kinds.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodDisruptionBudgetKindTest {
  final PodDisruptionBudgetKind k = new PodDisruptionBudgetKind();

  @Test
  void validationStatusRow() {
    String m = T.messages(k.validate(T.obj("{'spec':{'minAvailable':1,'maxUnavailable':'150%'}}")));
    assertTrue(m.contains("minAvailable and maxUnavailable cannot be both set"), m);
    assertTrue(
        m.contains("spec.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"),
        m);
    var p =
        T.obj(
            "{'metadata':{'name':'p','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'minAvailable':'50%'}}");
    k.prepareForCreate(p);
    assertEquals(0, p.at("/status/expectedPods").asInt(-1));
    assertEquals(List.of("p", "50%", "N/A", 0L, "60m"), k.row(p, T.NOW));
    assertEquals(List.of("pdb"), k.shortNames());
  }
}
