package io.kpg.kinds.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class HorizontalPodAutoscalerKindTest {
  final HorizontalPodAutoscalerKind k = new HorizontalPodAutoscalerKind();

  @Test
  void defaults() {
    var h =
        T.obj(
            "{'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'maxReplicas':5,'behavior':{'scaleDown':{'stabilizationWindowSeconds':60}}}}");
    k.applyDefaults(h);
    assertEquals(1, h.at("/spec/minReplicas").asInt());
    assertEquals("cpu", h.at("/spec/metrics/0/resource/name").asText());
    assertEquals(80, h.at("/spec/metrics/0/resource/target/averageUtilization").asInt());
    assertEquals(60, h.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt());
    assertEquals(2, h.at("/spec/behavior/scaleUp/policies").size());
    assertTrue(k.validate(h).isEmpty(), T.messages(k.validate(h)));
    assertEquals(List.of("hpa"), k.shortNames());
    assertEquals(List.of("all"), k.categories());
  }

  @Test
  void validation() {
    String m =
        T.messages(
            k.validate(T.obj("{'spec':{'minReplicas':3,'maxReplicas':2,'scaleTargetRef':{}}}")));
    assertTrue(
        m.contains(
            "spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"),
        m);
    assertTrue(m.contains("spec.scaleTargetRef.kind: Required value"), m);
  }

  @Test
  void row() {
    var h =
        T.obj(
            "{'metadata':{'name':'web','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'minReplicas':1,'maxReplicas':10,"
                + "'metrics':[{'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':80}}},"
                + "{'type':'Resource','resource':{'name':'memory','target':{'type':'AverageValue','averageValue':'100Mi'}}},"
                + "{'type':'Pods','pods':{'target':{'averageValue':'1'}}}]},"
                + "'status':{'currentReplicas':2,'currentMetrics':[{'type':'Resource','resource':{'name':'cpu','current':{'averageUtilization':12}}}]}}");
    assertEquals(
        List.of(
            "web",
            "Deployment/web",
            "cpu: 12%/80%, memory: <unknown>/100Mi + 1 more...",
            "1",
            10L,
            2L,
            "60m"),
        k.row(h, T.NOW));
    assertEquals("<none>", k.row(T.obj("{'spec':{}}"), T.NOW).get(2));
  }
}
