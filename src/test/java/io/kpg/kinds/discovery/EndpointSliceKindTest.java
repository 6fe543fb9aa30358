package io.kpg.kinds.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSliceKindTest {
  final EndpointSliceKind k = new EndpointSliceKind();

  @Test
  void defaultsAndValidation() {
    var s =
        T.obj(
            "{'addressType':'IPv4','endpoints':[{'addresses':['10.0.0.1']}],'ports':[{'port':80}]}");
    k.applyDefaults(s);
    assertEquals("TCP", s.at("/ports/0/protocol").asText());
    assertEquals("", s.at("/ports/0/name").asText());
    assertTrue(k.validate(s).isEmpty(), T.messages(k.validate(s)));
    assertEquals("addressType: Required value", T.messages(k.validate(T.obj("{}"))));
    assertEquals(
        "addressType: Unsupported value: \"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"",
        T.messages(k.validate(T.obj("{'addressType':'IPv5'}"))));
    String m =
        T.messages(
            k.validate(
                T.obj(
                    "{'addressType':'IPv4','endpoints':[{'addresses':[]},{'addresses':['::1']}]}")));
    assertTrue(
        m.contains("endpoints[0].addresses: Required value: must contain at least 1 address"), m);
    assertTrue(
        m.contains(
            "endpoints[1].addresses[0]: Invalid value: \"::1\": must be a valid IPv4 address"),
        m);
    assertEquals(
        "addressType: Invalid value: \"IPv6\": field is immutable",
        T.messages(
            k.validateUpdate(T.obj("{'addressType':'IPv6'}"), T.obj("{'addressType':'IPv4'}"))));
  }

  @Test
  void row() {
    var s =
        T.obj(
            "{'metadata':{'name':'web-abc','creationTimestamp':'2024-01-01T00:00:00Z'},'addressType':'IPv4','ports':[{'port':80},{'name':'x'},{},{'port':1}],"
                + "'endpoints':[{'addresses':['10.0.0.1','10.0.0.2']},{'addresses':['10.0.0.3']}]}");
    assertEquals(
        List.of("web-abc", "IPv4", "80,x,* + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3", "60m"),
        k.row(s, T.NOW));
    assertEquals("<unset>", k.row(T.obj("{'metadata':{'name':'e'}}"), T.NOW).get(2));
  }
}
