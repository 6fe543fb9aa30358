package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAccountKindTest {
  final ServiceAccountKind k = new ServiceAccountKind();

  @Test
  void identityAndRow() {
    assertEquals(List.of("sa"), k.shortNames());
    assertEquals("serviceaccounts", k.plural());
    assertTrue(k.namespaced());
    var sa =
        T.obj(
            "{'metadata':{'name':'default','creationTimestamp':'2024-01-01T00:00:00Z'},'secrets':[{'name':'t'}]}");
    assertEquals(List.of("default", 1L, "60m"), k.row(sa, T.NOW));
    assertEquals(
        List.of("Name", "Secrets", "Age"), k.columns().stream().map(c -> c.name()).toList());
    assertTrue(k.validate(sa).isEmpty());
  }
}
