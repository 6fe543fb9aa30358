package io.kpg.kinds.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** storage.k8s.io/v1 VolumeAttachment: cluster-scoped, status subresource, spec immutable. */
@Singleton
public class VolumeAttachmentKind extends KindDef {
  public VolumeAttachmentKind() {
    super("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", false);
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public boolean tracksGeneration() {
    return false;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    String attacher = RestKinds.str(spec, "attacher");
    if (attacher.isEmpty()) {
      errs.add(FieldError.required("spec.attacher", ""));
    } else {
      for (String m :
          NameValidation.isDns1123Subdomain(attacher.toLowerCase(java.util.Locale.ROOT))) {
        errs.add(FieldError.invalid("spec.attacher", attacher, m));
      }
    }
    String node = RestKinds.str(spec, "nodeName");
    if (node.isEmpty()) {
      errs.add(FieldError.required("spec.nodeName", ""));
    } else {
      for (String m : NameValidation.isDns1123Subdomain(node)) {
        errs.add(FieldError.invalid("spec.nodeName", node, m));
      }
    }
    boolean pv = RestKinds.node(spec, "source", "persistentVolumeName") != null;
    boolean inline = RestKinds.node(spec, "source", "inlineVolumeSpec") != null;
    if (pv == inline) {
      errs.add(
          FieldError.required(
              "spec.source",
              "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
    } else if (pv) {
      String name = RestKinds.str(spec, "source", "persistentVolumeName");
      if (name.isEmpty()) {
        errs.add(
            FieldError.required(
                "spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
      }
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    if (!RestKinds.same(obj.get("spec"), old.get("spec"))) {
      errs.add(FieldError.invalid("spec", obj.get("spec"), RestKinds.IMMUTABLE));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        new Column(
            "Attacher",
            "string",
            "name",
            "attacher indicates the name of the volume driver that MUST handle this request.",
            0),
        RestKinds.col(
            "PV",
            "string",
            "persistentVolumeName represents the name of the persistent volume to attach."),
        RestKinds.col(
            "Node",
            "string",
            "nodeName represents the node that the volume should be attached to."),
        RestKinds.col(
            "Attached", "boolean", "attached indicates the volume is successfully attached."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    return List.of(
        RestKinds.name(obj),
        RestKinds.str(spec, "attacher"),
        RestKinds.str(spec, "source", "persistentVolumeName"),
        RestKinds.str(spec, "nodeName"),
        obj.path("status").path("attached").asBoolean(false),
        Tables.age(obj, now));
  }
}
