package io.kpg.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kpg.kinds.autoscaling.HorizontalPodAutoscalerKind;
import io.kpg.kinds.coordination.LeaseKind;
import io.kpg.kinds.core.ConfigMapKind;
import io.kpg.kinds.core.EndpointsKind;
import io.kpg.kinds.core.EventKind;
import io.kpg.kinds.core.LimitRangeKind;
import io.kpg.kinds.core.NamespaceKind;
import io.kpg.kinds.core.NodeKind;
import io.kpg.kinds.core.PersistentVolumeClaimKind;
import io.kpg.kinds.core.PersistentVolumeKind;
import io.kpg.kinds.core.ResourceQuotaKind;
import io.kpg.kinds.core.SecretKind;
import io.kpg.kinds.core.ServiceAccountKind;
import io.kpg.kinds.core.ServiceKind;
import io.kpg.kinds.discovery.EndpointSliceKind;
import io.kpg.kinds.events.EventsEventKind;
import io.kpg.kinds.networking.IngressClassKind;
import io.kpg.kinds.networking.IngressKind;
import io.kpg.kinds.networking.NetworkPolicyKind;
import io.kpg.kinds.node.RuntimeClassKind;
import io.kpg.kinds.policy.PodDisruptionBudgetKind;
import io.kpg.kinds.scheduling.PriorityClassKind;
import io.kpg.kinds.storage.CSIDriverKind;
import io.kpg.kinds.storage.CSINodeKind;
import io.kpg.kinds.storage.StorageClassKind;
import io.kpg.kinds.storage.VolumeAttachmentKind;
import io.kpg.registry.KindDef;
import io.kpg.schema.Schema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of this part resolves its protobuf message and schema, and its rows fit its columns.
 */
class AllKindsResolveTest {

  static List<KindDef> all() {
    return List.of(
        new NamespaceKind(),
        new ServiceKind(),
        new EndpointsKind(),
        new ConfigMapKind(),
        new SecretKind(),
        new ServiceAccountKind(),
        new EventKind(),
        new NodeKind(),
        new PersistentVolumeKind(),
        new PersistentVolumeClaimKind(),
        new LimitRangeKind(),
        new ResourceQuotaKind(),
        new EventsEventKind(),
        new LeaseKind(),
        new EndpointSliceKind(),
        new PodDisruptionBudgetKind(),
        new IngressKind(),
        new IngressClassKind(),
        new NetworkPolicyKind(),
        new PriorityClassKind(),
        new RuntimeClassKind(),
        new StorageClassKind(),
        new CSIDriverKind(),
        new CSINodeKind(),
        new VolumeAttachmentKind(),
        new HorizontalPodAutoscalerKind());
  }

  @Test
  void protoAndSchemaResolve() {
    for (KindDef k : all()) {
      assertNotNull(k.proto(), k.toString());
      assertEquals(k.kind(), k.proto().getName(), k.toString());
      Schema s = k.schema();
      assertNotNull(s, k.toString());
    }
  }

  @Test
  void emptyObjectsProduceRowsMatchingColumns() {
    for (KindDef k : all()) {
      var obj =
          io.kpg.kinds.core.T.obj(
              "{'metadata':{'name':'x','creationTimestamp':'2024-01-01T00:00:00Z'}}");
      List<Object> row = k.row(obj, Instant.parse("2024-01-01T01:00:00Z"));
      assertEquals(k.columns().size(), row.size(), k.toString());
      k.validate(obj.deepCopy());
    }
  }
}
