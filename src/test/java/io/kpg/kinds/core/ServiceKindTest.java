package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceKindTest {
  final ServiceKind k = new ServiceKind();

  ObjectNode create(String json) {
    ObjectNode o = T.obj(json);
    k.applyDefaults(o);
    k.prepareForCreate(o);
    return o;
  }

  @Test
  void defaultsAndAllocation() {
    ObjectNode s =
        create(
            "{'metadata':{'name':'web','namespace':'default'},'spec':{'selector':{'app':'web'},'ports':[{'port':80}]}}");
    assertEquals("ClusterIP", s.at("/spec/type").asText());
    assertEquals("None", s.at("/spec/sessionAffinity").asText());
    assertEquals("TCP", s.at("/spec/ports/0/protocol").asText());
    assertEquals(80, s.at("/spec/ports/0/targetPort").asInt());
    assertEquals("SingleStack", s.at("/spec/ipFamilyPolicy").asText());
    assertEquals("[\"IPv4\"]", s.at("/spec/ipFamilies").toString());
    assertEquals("Cluster", s.at("/spec/internalTrafficPolicy").asText());
    assertTrue(s.at("/spec/externalTrafficPolicy").isMissingNode());
    String ip = s.at("/spec/clusterIP").asText();
    assertTrue(ip.matches("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+"), ip);
    assertEquals("[\"" + ip + "\"]", s.at("/spec/clusterIPs").toString());
    assertEquals("{\"loadBalancer\":{}}", s.get("status").toString());
    assertTrue(k.validate(s).isEmpty(), T.messages(k.validate(s)));
    // deterministic per identity
    assertEquals(ip, ServiceKind.allocateClusterIP("default", "web"));
    assertEquals("10.96.0.1", ServiceKind.allocateClusterIP("default", "kubernetes"));
  }

  @Test
  void nodePortAndLoadBalancer() {
    ObjectNode s =
        create(
            "{'metadata':{'name':'lb','namespace':'x'},'spec':{'type':'LoadBalancer','ports':[{'name':'a','port':80},{'name':'b','port':443}]}}");
    assertEquals("Cluster", s.at("/spec/externalTrafficPolicy").asText());
    assertTrue(s.at("/spec/allocateLoadBalancerNodePorts").asBoolean());
    int np0 = s.at("/spec/ports/0/nodePort").asInt();
    int np1 = s.at("/spec/ports/1/nodePort").asInt();
    assertTrue(np0 >= 30000 && np0 <= 32767 && np1 >= 30000 && np1 <= 32767);
    assertNotEquals(np0, np1);
    assertTrue(k.validate(s).isEmpty(), T.messages(k.validate(s)));
    List<Object> row = k.row(s, T.NOW);
    assertEquals("<pending>", row.get(3));
    assertEquals("80:" + np0 + "/TCP,443:" + np1 + "/TCP", row.get(4));
  }

  @Test
  void headlessWithoutSelector() {
    ObjectNode s = create("{'metadata':{'name':'h','namespace':'x'},'spec':{'clusterIP':'None'}}");
    assertEquals("[\"None\"]", s.at("/spec/clusterIPs").toString());
    assertEquals("RequireDualStack", s.at("/spec/ipFamilyPolicy").asText());
    assertTrue(k.validate(s).isEmpty(), T.messages(k.validate(s)));
  }

  @Test
  void validation() {
    ObjectNode noPorts = create("{'metadata':{'name':'a','namespace':'x'},'spec':{}}");
    assertEquals("spec.ports: Required value", T.messages(k.validate(noPorts)));

    ObjectNode unnamed =
        create(
            "{'metadata':{'name':'a','namespace':'x'},'spec':{'ports':[{'port':80},{'port':81}]}}");
    String m = T.messages(k.validate(unnamed));
    assertTrue(m.contains("spec.ports[0].name: Required value"), m);

    ObjectNode dup =
        create(
            "{'metadata':{'name':'a','namespace':'x'},'spec':{'ports':[{'name':'p','port':80},{'name':'p','port':81}]}}");
    assertTrue(T.messages(k.validate(dup)).contains("spec.ports[1].name: Duplicate value: \"p\""));

    ObjectNode badPort =
        create("{'metadata':{'name':'a','namespace':'x'},'spec':{'ports':[{'port':70000}]}}");
    assertTrue(
        T.messages(k.validate(badPort))
            .contains(
                "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"));

    ObjectNode ext =
        create("{'metadata':{'name':'a','namespace':'x'},'spec':{'type':'ExternalName'}}");
    assertEquals("spec.externalName: Required value", T.messages(k.validate(ext)));
    assertFalse(ext.at("/spec").has("clusterIP"));

    ObjectNode outOfRange =
        create(
            "{'metadata':{'name':'a','namespace':'x'},'spec':{'clusterIP':'1.2.3.4','ports':[{'port':80}]}}");
    assertTrue(T.messages(k.validate(outOfRange)).contains("is not in the valid range"));

    assertTrue(String.join("; ", k.validateName("1abc")).startsWith("a DNS-1035 label"));
    assertTrue(k.validateName("abc-1").isEmpty());
  }

  @Test
  void clusterIPKeptOnReplaceAndImmutable() {
    ObjectNode old =
        create("{'metadata':{'name':'web','namespace':'d'},'spec':{'ports':[{'port':80}]}}");
    String ip = old.at("/spec/clusterIP").asText();

    ObjectNode replace =
        T.obj("{'metadata':{'name':'web','namespace':'d'},'spec':{'ports':[{'port':80}]}}");
    k.applyDefaults(replace);
    k.prepareForUpdate(replace, old);
    assertEquals(ip, replace.at("/spec/clusterIP").asText());
    assertTrue(
        k.validateUpdate(replace, old).isEmpty(), T.messages(k.validateUpdate(replace, old)));

    ObjectNode change =
        T.obj(
            "{'metadata':{'name':'web','namespace':'d'},'spec':{'clusterIP':'10.96.0.99','ports':[{'port':80}]}}");
    k.applyDefaults(change);
    k.prepareForUpdate(change, old);
    String m = T.messages(k.validateUpdate(change, old));
    assertTrue(
        m.contains("spec.clusterIPs[0]: Invalid value: [\"10.96.0.99\"]: may not change once set"),
        m);
  }

  @Test
  void nodePortsDroppedWhenSwitchingToClusterIP() {
    ObjectNode old =
        create(
            "{'metadata':{'name':'np','namespace':'d'},'spec':{'type':'NodePort','ports':[{'port':80}]}}");
    ObjectNode upd = old.deepCopy();
    upd.with("spec").put("type", "ClusterIP");
    k.prepareForUpdate(upd, old);
    k.applyDefaults(upd);
    assertFalse(upd.at("/spec/ports/0").has("nodePort"));
    assertFalse(upd.at("/spec").has("externalTrafficPolicy"));
    assertTrue(k.validateUpdate(upd, old).isEmpty(), T.messages(k.validateUpdate(upd, old)));
  }

  @Test
  void rowAndColumns() {
    ObjectNode s =
        T.obj(
            "{'metadata':{'name':'web','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'type':'ClusterIP','clusterIPs':['10.96.0.10'],'ports':[{'port':53,'protocol':'UDP'}],'selector':{'b':'2','a':'1'}}}");
    assertEquals(
        List.of("web", "ClusterIP", "10.96.0.10", "<none>", "53/UDP", "60m", "a=1,b=2"),
        k.row(s, T.NOW));
    assertEquals(
        List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"),
        k.columns().stream().map(c -> c.name()).toList());
    assertEquals(1, k.columns().get(6).priority());
    ObjectNode en =
        T.obj(
            "{'metadata':{'name':'e'},'spec':{'type':'ExternalName','externalName':'example.com'}}");
    assertEquals("example.com", k.row(en, T.NOW).get(3));
    assertEquals("<none>", k.row(en, T.NOW).get(2));
  }

  @Test
  void fieldSelectors() {
    ObjectNode s = T.obj("{'spec':{'type':'NodePort','clusterIP':'10.96.0.5'}}");
    assertEquals("NodePort", k.fieldSelectors().get("spec.type").apply(s));
    assertEquals("10.96.0.5", k.fieldSelectors().get("spec.clusterIP").apply(s));
  }
}
