package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * core/v1 PersistentVolumeClaim: status subresource; the spec is immutable after creation except
 * {@code volumeName} (settable once), {@code resources.requests} of bound claims (no shrinking
 * below the recorded capacity) and {@code volumeAttributesClassName}.
 */
@Singleton
public class PersistentVolumeClaimKind extends KindDef {

  public PersistentVolumeClaimKind() {
    super("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true);
    shortNames("pvc");
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
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
    obj.putObject("status").put("phase", "Pending");
  }

  /** SetDefaults_PersistentVolumeClaim(Spec): volumeMode Filesystem, status.phase Pending. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = RestKinds.obj(obj, "spec");
    if (!spec.hasNonNull("volumeMode")) {
      spec.put("volumeMode", "Filesystem");
    }
    JsonNode st = obj.get("status");
    if (st instanceof ObjectNode s && RestKinds.str(s, "phase").isEmpty()) {
      s.put("phase", "Pending");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    errs.addAll(
        PersistentVolumeKind.validateAccessModes(
            spec.get("accessModes"), "spec.accessModes", "at least 1 access mode is required"));
    JsonNode storage = RestKinds.node(spec, "resources", "requests", "storage");
    if (storage == null) {
      errs.add(FieldError.required("spec.resources[storage]", ""));
    } else {
      BigDecimal v = RestKinds.quantity(storage);
      if (v == null) {
        errs.add(FieldError.invalid("spec.resources[storage]", storage, RestKinds.QUANTITY_ERROR));
      } else if (v.signum() <= 0) {
        errs.add(
            FieldError.invalid(
                "spec.resources[storage]", storage.asText(), "must be greater than zero"));
      }
    }
    String cls = RestKinds.str(spec, "storageClassName");
    if (!cls.isEmpty()) {
      for (String m : NameValidation.isDns1123Subdomain(cls)) {
        errs.add(FieldError.invalid("spec.storageClassName", cls, m));
      }
    }
    String mode = RestKinds.str(spec, "volumeMode");
    if (!mode.isEmpty() && !PersistentVolumeKind.VOLUME_MODES.contains(mode)) {
      errs.add(FieldError.notSupported("spec.volumeMode", mode, PersistentVolumeKind.VOLUME_MODES));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    ObjectNode newSpec =
        obj.path("spec").isObject()
            ? ((ObjectNode) obj.get("spec")).deepCopy()
            : RestKinds.obj(obj.deepCopy(), "spec");
    ObjectNode oldSpec =
        old.path("spec").isObject()
            ? ((ObjectNode) old.get("spec")).deepCopy()
            : RestKinds.obj(old.deepCopy(), "spec");
    if (RestKinds.str(oldSpec, "volumeName").isEmpty()) {
      copy(newSpec, oldSpec, "volumeName");
    }
    copy(newSpec, oldSpec, "volumeAttributesClassName");
    boolean bound = "Bound".equals(RestKinds.str(obj, "status", "phase"));
    if (bound) {
      JsonNode newStorage = RestKinds.node(newSpec, "resources", "requests", "storage");
      if (newStorage != null) {
        JsonNode oldStorage = RestKinds.node(oldSpec, "resources", "requests", "storage");
        ObjectNode requests = (ObjectNode) newSpec.get("resources").get("requests");
        if (oldStorage == null) {
          requests.remove("storage");
        } else {
          requests.set("storage", oldStorage.deepCopy());
        }
      }
    }
    if (!RestKinds.same(newSpec, oldSpec) && !equalSpec(newSpec, oldSpec)) {
      errs.add(
          FieldError.forbidden(
              "spec",
              "spec is immutable after creation except resources.requests and"
                  + " volumeAttributesClassName for bound claims"));
    }
    BigDecimal newSize =
        RestKinds.quantity(RestKinds.node(obj, "spec", "resources", "requests", "storage"));
    BigDecimal oldSize =
        RestKinds.quantity(RestKinds.node(old, "spec", "resources", "requests", "storage"));
    BigDecimal statusSize =
        RestKinds.quantity(RestKinds.node(old, "status", "capacity", "storage"));
    if (newSize != null && oldSize != null && newSize.compareTo(oldSize) < 0) {
      if (newSize.compareTo(statusSize == null ? BigDecimal.ZERO : statusSize) <= 0) {
        errs.add(
            FieldError.forbidden(
                "spec.resources.requests.storage", "field can not be less than status.capacity"));
      }
    }
    if (!RestKinds.same(
        RestKinds.node(obj, "spec", "volumeMode"), RestKinds.node(old, "spec", "volumeMode"))) {
      errs.add(
          FieldError.invalid(
              "volumeMode", RestKinds.str(obj, "spec", "volumeMode"), RestKinds.IMMUTABLE));
    }
    errs.addAll(validate(obj));
    return errs;
  }

  private static void copy(ObjectNode to, ObjectNode from, String field) {
    JsonNode v = to.get(field);
    if (v == null) {
      from.remove(field);
    } else {
      from.set(field, v.deepCopy());
    }
  }

  /** Semantic equality on specs: empty objects and absent fields are the same. */
  private static boolean equalSpec(JsonNode a, JsonNode b) {
    var fa = RestKinds.fields(a);
    var fb = RestKinds.fields(b);
    java.util.Set<String> keys = new java.util.TreeSet<>(fa.keySet());
    keys.addAll(fb.keySet());
    for (String k : keys) {
      JsonNode x = fa.get(k);
      JsonNode y = fb.get(k);
      if (x != null && y != null && x.isObject() && y.isObject()) {
        if (!equalSpec(x, y)) {
          return false;
        }
      } else if (!RestKinds.same(x, y)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Status", "string", "phase represents the current phase of PersistentVolumeClaim."),
        RestKinds.col(
            "Volume",
            "string",
            "volumeName is the binding reference to the PersistentVolume backing this claim."),
        RestKinds.col(
            "Capacity",
            "string",
            "capacity represents the actual resources of the underlying volume."),
        RestKinds.col(
            "Access Modes",
            "string",
            "accessModes contains the actual access modes the volume backing the PVC has."),
        RestKinds.col("StorageClass", "string", "StorageClass of the pvc"),
        RestKinds.col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
        RestKinds.ageColumn(),
        RestKinds.wide(
            "VolumeMode",
            "string",
            "volumeMode defines what type of volume is required by the claim."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    String phase = RestKinds.str(obj, "status", "phase");
    if (!RestKinds.str(obj, "metadata", "deletionTimestamp").isEmpty()) {
      phase = "Terminating";
    }
    String volumeName = RestKinds.str(spec, "volumeName");
    String capacity = "";
    String modes = "";
    if (!volumeName.isEmpty()) {
      modes = RestKinds.accessModes(RestKinds.node(obj, "status", "accessModes"));
      String c = RestKinds.str(obj, "status", "capacity", "storage");
      capacity = c.isEmpty() ? "0" : c;
    }
    String cls;
    if (RestKinds.node(obj, "metadata", "annotations", PersistentVolumeKind.BETA_CLASS_ANNOTATION)
        != null) {
      cls =
          RestKinds.str(obj, "metadata", "annotations", PersistentVolumeKind.BETA_CLASS_ANNOTATION);
    } else {
      cls = RestKinds.str(spec, "storageClassName");
    }
    String vac =
        spec.hasNonNull("volumeAttributesClassName")
            ? RestKinds.str(spec, "volumeAttributesClassName")
            : "<unset>";
    String mode = spec.hasNonNull("volumeMode") ? RestKinds.str(spec, "volumeMode") : "<unset>";
    return List.of(
        RestKinds.name(obj),
        phase,
        volumeName,
        capacity,
        modes,
        cls,
        vac,
        Tables.age(obj, now),
        mode);
  }
}
