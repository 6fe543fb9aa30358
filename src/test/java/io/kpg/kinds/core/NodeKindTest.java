package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeKindTest {
  final NodeKind k = new NodeKind();

  @Test
  void createKeepsStatusAndDefaultsAllocatable() {
    ObjectNode n =
        T.obj(
            "{'metadata':{'name':'n1'},'spec':{'podCIDR':'10.244.0.0/24'},'status':{'capacity':{'cpu':'4'}}}");
    k.prepareForCreate(n);
    k.applyDefaults(n);
    assertEquals("4", n.at("/status/allocatable/cpu").asText());
    assertEquals("[\"10.244.0.0/24\"]", n.at("/spec/podCIDRs").toString());
    assertEquals(List.of("no"), k.shortNames());
  }

  @Test
  void validation() {
    String m =
        T.messages(
            k.validate(T.obj("{'spec':{'taints':[{'key':'a','effect':'Bad'},{'key':'b'}]}}")));
    assertTrue(
        m.contains(
            "spec.taints[0].effect: Unsupported value: \"Bad\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
        m);
    assertTrue(m.contains("spec.taints[1].effect: Required value"), m);
    ObjectNode old = T.obj("{'spec':{'podCIDRs':['10.0.0.0/24'],'providerID':'p1'}}");
    String u =
        T.messages(
            k.validateUpdate(
                T.obj("{'spec':{'podCIDRs':['10.0.1.0/24'],'providerID':'p2'}}"), old));
    assertTrue(
        u.contains(
            "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid"),
        u);
    assertTrue(
        u.contains(
            "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid"),
        u);
    assertTrue(
        T.messages(k.validate(T.obj("{'spec':{'podCIDRs':['10.0.0.0']}}")))
            .contains("must be a valid CIDR value"));
  }

  @Test
  void row() {
    ObjectNode n =
        T.obj(
            "{'metadata':{'name':'n1','creationTimestamp':'2024-01-01T00:00:00Z','labels':{'node-role.kubernetes.io/control-plane':'','kubernetes.io/role':'worker'}},"
                + "'spec':{'unschedulable':true},"
                + "'status':{'conditions':[{'type':'MemoryPressure','status':'False'},{'type':'Ready','status':'True'}],"
                + "'addresses':[{'type':'InternalIP','address':'172.18.0.2'}],"
                + "'nodeInfo':{'kubeletVersion':'v1.35.0','osImage':'Debian'}}}");
    assertEquals(
        List.of(
            "n1",
            "Ready,SchedulingDisabled",
            "control-plane,worker",
            "60m",
            "v1.35.0",
            "172.18.0.2",
            "<none>",
            "Debian",
            "<unknown>",
            "<unknown>"),
        k.row(n, T.NOW));
    ObjectNode bare = T.obj("{'metadata':{'name':'n2'}}");
    assertEquals("Unknown", k.row(bare, T.NOW).get(1));
    assertEquals("<none>", k.row(bare, T.NOW).get(2));
    assertEquals("true", k.fieldSelectors().get("spec.unschedulable").apply(n));
    assertEquals("false", k.fieldSelectors().get("spec.unschedulable").apply(bare));
  }
}
