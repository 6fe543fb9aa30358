package io.kpg.kinds.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityClassKindTest {
  final PriorityClassKind k = new PriorityClassKind();

  @Test
  void defaultsValidationRow() {
    var pc =
        T.obj(
            "{'metadata':{'name':'high','creationTimestamp':'2024-01-01T00:00:00Z'},'value':1000}");
    k.applyDefaults(pc);
    assertEquals("PreemptLowerPriority", pc.get("preemptionPolicy").asText());
    assertTrue(k.validate(pc).isEmpty());
    assertEquals(
        "value: Forbidden: maximum allowed value of a user defined priority is 1000000000",
        T.messages(k.validate(T.obj("{'metadata':{'name':'x'},'value':2000000000}"))));
    assertTrue(
        T.messages(k.validate(T.obj("{'metadata':{'name':'system-x'},'value':1}")))
            .startsWith("metadata.name: Forbidden"));
    var changed = pc.deepCopy().put("value", 5);
    assertEquals(
        "value: Forbidden: may not be changed in an update.",
        T.messages(k.validateUpdate(changed, pc)));
    assertEquals(List.of("high", 1000L, false, "60m", "PreemptLowerPriority"), k.row(pc, T.NOW));
    assertEquals(List.of("pc"), k.shortNames());
  }
}
