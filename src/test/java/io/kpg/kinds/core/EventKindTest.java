package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventKindTest {
  final EventKind k = new EventKind();

  @Test
  void legacyNamespaceMatch() {
    assertTrue(
        k.validate(
                T.obj(
                    "{'metadata':{'name':'e','namespace':'ns1'},'involvedObject':{'namespace':'ns1'}}"))
            .isEmpty());
    assertEquals(
        "involvedObject.namespace: Invalid value: \"other\": does not match event.namespace",
        T.messages(
            k.validate(
                T.obj(
                    "{'metadata':{'name':'e','namespace':'ns1'},'involvedObject':{'namespace':'other'}}"))));
  }

  @Test
  void newStyleEventsNeedReportingFields() {
    String m =
        T.messages(
            k.validate(
                T.obj(
                    "{'metadata':{'name':'e','namespace':'ns1'},'eventTime':'2024-01-01T00:00:00.000000Z','involvedObject':{'namespace':'ns1'}}")));
    assertTrue(m.contains("reportingComponent: Required value"), m);
    assertTrue(m.contains("reportingInstance: Required value"), m);
    assertTrue(m.contains("action: Required value"), m);
    assertTrue(m.contains("reason: Required value"), m);
  }

  @Test
  void fieldSelectors() {
    ObjectNode e =
        T.obj(
            "{'involvedObject':{'kind':'Pod','name':'p'},'reason':'Started','reportingComponent':'kubelet','type':'Normal'}");
    assertEquals("Pod", k.fieldSelectors().get("involvedObject.kind").apply(e));
    assertEquals("kubelet", k.fieldSelectors().get("source").apply(e));
    assertEquals("kubelet", k.fieldSelectors().get("reportingComponent").apply(e));
    assertEquals(List.of("ev"), k.shortNames());
  }

  @Test
  void row() {
    ObjectNode e =
        T.obj(
            "{'metadata':{'name':'p.1'},'involvedObject':{'kind':'Pod','name':'p','fieldPath':'spec.containers{c}'},'reason':'Pulled','message':' done ',"
                + "'source':{'component':'kubelet','host':'n1'},'firstTimestamp':'2024-01-01T00:00:00Z','lastTimestamp':'2024-01-01T00:59:00Z','count':3,'type':'Normal'}");
    assertEquals(
        List.of(
            "60s",
            "Normal",
            "Pulled",
            "pod/p",
            "spec.containers{c}",
            "kubelet, n1",
            "done",
            "60m",
            3L,
            "p.1"),
        k.row(e, T.NOW));
    ObjectNode single =
        T.obj(
            "{'metadata':{'name':'x'},'eventTime':'2024-01-01T00:00:00.000000Z','involvedObject':{'kind':'Node'},'reportingComponent':'ctl'}");
    assertEquals(
        List.of("60m", "", "", "node", "", "ctl", "", "60m", 1L, "x"), k.row(single, T.NOW));
    assertEquals(10, k.columns().size());
    assertEquals("Last Seen", k.columns().get(0).name());
  }
}
