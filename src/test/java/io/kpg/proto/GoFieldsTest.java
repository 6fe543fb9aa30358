package io.kpg.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kpg.schema.SchemaRegistry;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoFieldsTest {

  @Test
  void knowsTheServedMessages() {
    List<String> unknown = new ArrayList<>();
    for (FileDescriptor fd : SchemaRegistry.files()) {
      for (Descriptor d : fd.getMessageTypes()) {
        if (!GoFields.known(d) && !GoFields.namedSlice(d)) {
          unknown.add(d.getFullName());
        }
      }
    }
    System.out.println("messages without Go field data: " + unknown);
    // only a handful of messages that are special-cased or were dropped upstream may be missing
    assertTrue(unknown.size() < 10, unknown.toString());
  }

  @Test
  void flags() {
    assertTrue(field(V1Apps.DeploymentSpec.getDescriptor(), "replicas").pointer());
    GoFields.Field paused = field(V1Apps.DeploymentSpec.getDescriptor(), "paused");
    assertFalse(paused.pointer());
    assertFalse(paused.always());
    assertTrue(field(V1.Container.getDescriptor(), "name").always());
    assertTrue(field(V1.Volume.getDescriptor(), "volumeSource").inline());
    assertTrue(field(V1.ConfigMapKeySelector.getDescriptor(), "localObjectReference").inline());
    assertEquals(
        "x-kubernetes-preserve-unknown-fields",
        field(
                io.kubernetes.client.proto.V1Apiextensions.JSONSchemaProps.getDescriptor(),
                "xKubernetesPreserveUnknownFields")
            .json());
    assertEquals(
        "$ref",
        field(io.kubernetes.client.proto.V1Apiextensions.JSONSchemaProps.getDescriptor(), "ref")
            .json());
    assertTrue(GoFields.namedSlice(io.kubernetes.client.proto.Meta.Verbs.getDescriptor()));
  }

  static GoFields.Field field(Descriptor d, String name) {
    FieldDescriptor f = d.findFieldByName(name);
    return GoFields.field(f);
  }
}
