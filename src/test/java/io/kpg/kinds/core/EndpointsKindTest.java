package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsKindTest {
  final EndpointsKind k = new EndpointsKind();

  @Test
  void defaultsValidationRow() {
    ObjectNode ep =
        T.obj(
            "{'metadata':{'name':'e'},'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}],'ports':[{'port':80},{'name':'b','port':81}]}]}");
    k.applyDefaults(ep);
    assertEquals("TCP", ep.at("/subsets/0/ports/0/protocol").asText());
    assertEquals("subsets[0].ports[0].name: Required value", T.messages(k.validate(ep)));
    assertEquals("10.0.0.1:80,10.0.0.2:80,10.0.0.1:81 + 1 more...", k.row(ep, T.NOW).get(1));
    assertEquals("<none>", k.row(T.obj("{'metadata':{'name':'e'}}"), T.NOW).get(1));
    assertTrue(k.warnings(ep).get(0).startsWith("v1 Endpoints is deprecated"));
    assertEquals(List.of("ep"), k.shortNames());
  }
}
