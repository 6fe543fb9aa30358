package io.kpg.kinds.networking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressClassKindTest {
  final IngressClassKind k = new IngressClassKind();

  @Test
  void controller() {
    assertFalse(k.namespaced());
    assertEquals("spec.controller: Required value", T.messages(k.validate(T.obj("{'spec':{}}"))));
    assertEquals(
        "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")",
        T.messages(k.validate(T.obj("{'spec':{'controller':'nginx'}}"))));
    assertEquals(
        "spec.controller: Invalid value: \"b.io/x\": field is immutable",
        T.messages(
            k.validateUpdate(
                T.obj("{'spec':{'controller':'b.io/x'}}"),
                T.obj("{'spec':{'controller':'a.io/x'}}"))));
    var ic =
        T.obj(
            "{'metadata':{'name':'nginx'},'spec':{'controller':'k8s.io/ingress-nginx','parameters':{'apiGroup':'k8s.example.com','kind':'P','name':'p'}}}");
    assertEquals(
        List.of("nginx", "k8s.io/ingress-nginx", "P.k8s.example.com/p", "<unknown>"),
        k.row(ic, T.NOW));
  }
}
