package io.kpg.kinds.networking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressKindTest {
  final IngressKind k = new IngressKind();

  @Test
  void validation() {
    assertEquals(
        "spec: Invalid value: null: either `defaultBackend` or `rules` must be specified",
        T.messages(k.validate(T.obj("{'spec':{}}"))));
    var ing =
        T.obj(
            "{'spec':{'rules':[{'host':'a.example.com','http':{'paths':[{'path':'/','pathType':'Prefix','backend':{'service':{'name':'web','port':{'number':80}}}}]}}]}}");
    assertTrue(k.validate(ing).isEmpty(), T.messages(k.validate(ing)));
    var noType =
        T.obj(
            "{'spec':{'rules':[{'http':{'paths':[{'path':'/','backend':{'service':{'name':'web'}}}]}}]}}");
    String m = T.messages(k.validate(noType));
    assertTrue(
        m.contains(
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"),
        m);
    assertTrue(
        m.contains(
            "spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required"),
        m);
  }

  @Test
  void row() {
    var ing =
        T.obj(
            "{'metadata':{'name':'i','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'ingressClassName':'nginx','tls':[{}],'rules':[{'host':'a'},{'host':'b'}]},"
                + "'status':{'loadBalancer':{'ingress':[{'ip':'1.2.3.4'},{'hostname':'lb'}]}}}");
    assertEquals(List.of("i", "nginx", "a,b", "1.2.3.4,lb", "80, 443", "60m"), k.row(ing, T.NOW));
    assertEquals("*", k.row(T.obj("{'metadata':{'name':'x'}}"), T.NOW).get(2));
    assertEquals(List.of("ing"), k.shortNames());
  }
}
