package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceQuotaKindTest {
  final ResourceQuotaKind k = new ResourceQuotaKind();

  @Test
  void validationAndRow() {
    assertEquals(
        "spec.hard[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
        T.messages(k.validate(T.obj("{'spec':{'hard':{'cpu':'-1'}}}"))));
    var q =
        T.obj(
            "{'metadata':{'name':'q','creationTimestamp':'2024-01-01T00:00:00Z'},'status':{'hard':{'pods':'10','limits.cpu':'4','cpu':'2'},'used':{'pods':'1'}}}");
    assertEquals(List.of("q", "cpu: 0/2, pods: 1/10", "limits.cpu: 0/4", "60m"), k.row(q, T.NOW));
    assertEquals(List.of("quota"), k.shortNames());
  }
}
