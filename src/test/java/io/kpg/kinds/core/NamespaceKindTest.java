package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceKindTest {
  final NamespaceKind k = new NamespaceKind();

  @Test
  void identity() {
    assertEquals("namespaces", k.plural());
    assertEquals(List.of("ns"), k.shortNames());
    assertTrue(!k.namespaced() && k.hasStatus());
    assertTrue(k.fieldSelectors().containsKey("status.phase"));
  }

  @Test
  void createSetsActiveAndKubernetesFinalizer() {
    ObjectNode ns = T.obj("{'metadata':{'name':'dev'},'status':{'phase':'Terminating'}}");
    k.prepareForCreate(ns);
    k.applyDefaults(ns);
    assertEquals("Active", ns.at("/status/phase").asText());
    assertEquals("[\"kubernetes\"]", ns.at("/spec/finalizers").toString());
    assertEquals("dev", ns.at("/metadata/labels/kubernetes.io~1metadata.name").asText());

    ObjectNode other = T.obj("{'metadata':{'name':'dev'},'spec':{'finalizers':['example.com/x']}}");
    k.prepareForCreate(other);
    assertEquals("[\"example.com/x\",\"kubernetes\"]", other.at("/spec/finalizers").toString());
  }

  @Test
  void updateKeepsFinalizers() {
    ObjectNode old =
        T.obj(
            "{'metadata':{'name':'dev'},'spec':{'finalizers':['kubernetes']},'status':{'phase':'Active'}}");
    ObjectNode upd = T.obj("{'metadata':{'name':'dev'},'spec':{'finalizers':[]}}");
    k.prepareForUpdate(upd, old);
    assertEquals("[\"kubernetes\"]", upd.at("/spec/finalizers").toString());
    assertEquals("Active", upd.at("/status/phase").asText());
  }

  @Test
  void nameMustBeDnsLabel() {
    String msgs = String.join("; ", k.validateName("a.b"));
    assertEquals("must not contain dots", msgs);
    assertTrue(k.validateName("ok-name").isEmpty());
  }

  @Test
  void finalizerNames() {
    String msgs =
        T.messages(k.validate(T.obj("{'metadata':{'name':'a'},'spec':{'finalizers':['foo']}}")));
    assertEquals(
        "spec.finalizers[0]: Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified",
        msgs);
  }

  @Test
  void row() {
    ObjectNode ns =
        T.obj(
            "{'metadata':{'name':'dev','creationTimestamp':'2024-01-01T00:00:00Z'},'status':{'phase':'Active'}}");
    assertEquals(List.of("dev", "Active", "60m"), k.row(ns, T.NOW));
    assertEquals(
        List.of("Name", "Status", "Age"), k.columns().stream().map(c -> c.name()).toList());
  }
}
