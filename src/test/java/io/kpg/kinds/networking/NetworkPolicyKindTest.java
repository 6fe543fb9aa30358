package io.kpg.kinds.networking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyKindTest {
  final NetworkPolicyKind k = new NetworkPolicyKind();

  @Test
  void defaultsAndRow() {
    var np =
        T.obj(
            "{'metadata':{'name':'n'},'spec':{'podSelector':{'matchLabels':{'app':'web'}},'egress':[{'ports':[{'port':53}]}]}}");
    k.applyDefaults(np);
    assertEquals("[\"Ingress\",\"Egress\"]", np.at("/spec/policyTypes").toString());
    assertEquals("TCP", np.at("/spec/egress/0/ports/0/protocol").asText());
    assertEquals("app=web", k.row(np, T.NOW).get(1));
    assertEquals("<none>", k.row(T.obj("{'spec':{'podSelector':{}}}"), T.NOW).get(1));
    assertEquals(List.of("netpol"), k.shortNames());
  }
}
