package io.kpg.kinds.core;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.registry.KindDef.Column;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodKindTest {
  private final PodKind kind = new PodKind();
  private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");

  @Test
  void identity() {
    assertEquals("v1", kind.apiVersion());
    assertEquals("pods", kind.plural());
    assertEquals(List.of("po"), kind.shortNames());
    assertEquals(List.of("all"), kind.categories());
    assertTrue(kind.hasStatus());
    assertEquals(List.of("binding", "eviction"), kind.extraSubresources());
    assertTrue(kind.returnDeletedObject());
  }

  @Test
  void defaultsIncludePodOnlyFields() {
    ObjectNode pod =
        obj("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'nginx'}]}}");
    kind.applyDefaults(pod);
    assertTrue(pod.at("/spec/enableServiceLinks").asBoolean());
    assertEquals("Always", pod.at("/spec/containers/0/imagePullPolicy").asText());
    assertEquals("Always", pod.at("/spec/restartPolicy").asText());
    assertEquals(List.of(), kind.validate(pod));
  }

  @Test
  void createSetsPendingAndQos() {
    ObjectNode pod =
        obj(
            "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'x',"
                + "'resources':{'limits':{'cpu':'1','memory':'1Gi'}}}]},'status':{'phase':'Running'}}");
    kind.prepareForCreate(pod);
    assertEquals(obj("{'phase':'Pending','qosClass':'Guaranteed'}"), pod.get("status"));
    // requests were not written into the object by prepareForCreate
    assertTrue(pod.at("/spec/containers/0/resources/requests").isMissingNode());

    ObjectNode gated =
        obj(
            "{'metadata':{'name':'p'},'spec':{'schedulingGates':[{'name':'g'}],"
                + "'containers':[{'name':'c','image':'x'}]}}");
    kind.prepareForCreate(gated);
    assertEquals("BestEffort", gated.at("/status/qosClass").asText());
    assertEquals("SchedulingGated", gated.at("/status/conditions/0/reason").asText());
  }

  @Test
  void fieldSelectors() {
    ObjectNode pod =
        obj(
            "{'spec':{'nodeName':'n1','restartPolicy':'Always','hostNetwork':true},"
                + "'status':{'phase':'Running','podIPs':[{'ip':'10.0.0.1'}]}}");
    assertEquals("n1", kind.fieldSelectors().get("spec.nodeName").apply(pod));
    assertEquals("n1", kind.fieldSelectors().get("spec.host").apply(pod));
    assertEquals("true", kind.fieldSelectors().get("spec.hostNetwork").apply(pod));
    assertEquals("Running", kind.fieldSelectors().get("status.phase").apply(pod));
    assertEquals("10.0.0.1", kind.fieldSelectors().get("status.podIP").apply(pod));
    assertEquals("", kind.fieldSelectors().get("status.nominatedNodeName").apply(pod));
    assertEquals("", kind.fieldSelectors().get("spec.serviceAccountName").apply(pod));
    assertEquals("false", kind.fieldSelectors().get("spec.hostNetwork").apply(obj("{}")));
  }

  @Test
  void updateMayOnlyChangeImagesAndFriends() {
    ObjectNode old = obj("{'spec':{'containers':[{'name':'c','image':'a'}]}}");
    kind.applyDefaults(old);
    ObjectNode img = old.deepCopy();
    ((ObjectNode) img.at("/spec/containers/0")).put("image", "b");
    assertEquals(List.of(), kind.validateUpdate(img, old));

    ObjectNode bad = old.deepCopy();
    ((ObjectNode) bad.get("spec")).put("restartPolicy", "Never");
    List<String> errs = messages(kind.validateUpdate(bad, old));
    assertEquals(List.of("spec: Forbidden: " + PodKind.UPDATE_FORBIDDEN), errs);

    ObjectNode ads = old.deepCopy();
    ((ObjectNode) ads.get("spec")).put("activeDeadlineSeconds", 30);
    ObjectNode longer = ads.deepCopy();
    ((ObjectNode) longer.get("spec")).put("activeDeadlineSeconds", 60);
    assertEquals(
        List.of(
            "spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous"
                + " value"),
        messages(kind.validateUpdate(longer, ads)));
  }

  @Test
  void columns() {
    List<Column> cols = kind.columns();
    assertEquals(
        List.of(
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates"),
        cols.stream().map(Column::name).toList());
    assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1), cols.stream().map(Column::priority).toList());
    assertEquals("name", cols.get(0).format());
  }

  @Test
  void pendingRow() {
    ObjectNode pod =
        obj(
            "{'metadata':{'name':'web','creationTimestamp':'2024-01-01T00:59:00Z'},"
                + "'spec':{'containers':[{'name':'c'}]},'status':{'phase':'Pending'}}");
    assertEquals(
        List.of("web", "0/1", "Pending", "0", "60s", "<none>", "<none>", "<none>", "<none>"),
        kind.row(pod, NOW));
  }

  @Test
  void runningRowWithRestarts() {
    ObjectNode pod =
        obj(
            "{'metadata':{'name':'web','creationTimestamp':'2024-01-01T00:00:00Z'},"
                + "'spec':{'nodeName':'n1','containers':[{'name':'a'},{'name':'b'}],"
                + "'readinessGates':[{'conditionType':'x'}]},"
                + "'status':{'phase':'Running','podIPs':[{'ip':'10.1.1.1'}],"
                + "'conditions':[{'type':'x','status':'True'}],"
                + "'containerStatuses':["
                + "{'name':'a','ready':true,'restartCount':2,'state':{'running':{}},"
                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2024-01-01T00:55:00Z'}}},"
                + "{'name':'b','ready':false,'restartCount':0,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}");
    assertEquals(
        List.of(
            "web",
            "1/2",
            "CrashLoopBackOff",
            "2 (5m ago)",
            "60m",
            "10.1.1.1",
            "n1",
            "<none>",
            "1/1"),
        kind.row(pod, NOW));
  }

  @Test
  void initAndTerminatingRows() {
    ObjectNode init =
        obj(
            "{'metadata':{'name':'p'},'spec':{'initContainers':[{'name':'i'}],'containers':[{'name':'c'}]},"
                + "'status':{'phase':'Pending','initContainerStatuses':[{'name':'i','state':{'running':{}}}]}}");
    assertEquals("Init:0/1", kind.row(init, NOW).get(2));
    ObjectNode term =
        obj(
            "{'metadata':{'name':'p','deletionTimestamp':'2024-01-01T00:00:00Z'},"
                + "'spec':{'containers':[{'name':'c'}]},'status':{'phase':'Running'}}");
    assertEquals("Terminating", kind.row(term, NOW).get(2));
    ObjectNode done =
        obj(
            "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c'}]},'status':{'phase':'Succeeded',"
                + "'containerStatuses':[{'name':'c','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}");
    assertEquals("Completed", kind.row(done, NOW).get(2));
  }
}
