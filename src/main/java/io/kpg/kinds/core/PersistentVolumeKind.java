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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** core/v1 PersistentVolume: cluster-scoped, status subresource. */
@Singleton
public class PersistentVolumeKind extends KindDef {
  static final List<String> ACCESS_MODES =
      List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
  static final List<String> RECLAIM_POLICIES = List.of("Delete", "Recycle", "Retain");
  static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");
  static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  /** The volume sources of a PersistentVolumeSpec (exactly one must be set). */
  static final List<String> SOURCES =
      List.of(
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "hostPath",
          "glusterfs",
          "nfs",
          "rbd",
          "quobyte",
          "cephfs",
          "iscsi",
          "cinder",
          "fc",
          "flocker",
          "flexVolume",
          "azureFile",
          "vsphereVolume",
          "azureDisk",
          "photonPersistentDisk",
          "portworxVolume",
          "scaleIO",
          "local",
          "storageos",
          "csi");

  public PersistentVolumeKind() {
    super("", "v1", "PersistentVolume", "persistentvolumes", false);
    shortNames("pv");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public boolean tracksGeneration() {
    return false;
  }

  /**
   * Status starts Pending with the phase transition time (PersistentVolumeLastPhaseTransitionTime).
   */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
    ObjectNode st = obj.putObject("status");
    st.put("phase", "Pending");
    st.put("lastPhaseTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** SetDefaults_PersistentVolume. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = RestKinds.obj(obj, "spec");
    if (RestKinds.str(spec, "persistentVolumeReclaimPolicy").isEmpty()) {
      spec.put("persistentVolumeReclaimPolicy", "Retain");
    }
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
    errs.addAll(validateAccessModes(spec.get("accessModes"), "spec.accessModes", ""));
    JsonNode cap = spec.get("capacity");
    if (RestKinds.size(cap) == 0) {
      errs.add(FieldError.required("spec.capacity", ""));
    } else {
      if (!cap.has("storage") || cap.size() > 1) {
        errs.add(FieldError.notSupported("spec.capacity", cap, List.of("storage")));
      }
      for (var e : RestKinds.fields(cap).entrySet()) {
        errs.addAll(nonNegative(e.getValue(), "spec.capacity[" + e.getKey() + "]"));
      }
    }
    int n = 0;
    for (String src : SOURCES) {
      if (spec.hasNonNull(src)) {
        if (n > 0) {
          errs.add(FieldError.forbidden("spec." + src, "may not specify more than 1 volume type"));
        }
        n++;
      }
    }
    if (n == 0) {
      errs.add(FieldError.required("spec", "must specify a volume type"));
    }
    if (spec.hasNonNull("hostPath") && RestKinds.str(spec, "hostPath", "path").isEmpty()) {
      errs.add(FieldError.required("spec.hostPath.path", ""));
    }
    if (spec.hasNonNull("local")) {
      if (RestKinds.str(spec, "local", "path").isEmpty()) {
        errs.add(FieldError.required("spec.local.path", ""));
      }
      if (!spec.hasNonNull("nodeAffinity")) {
        errs.add(FieldError.required("spec.nodeAffinity", "Local volume requires node affinity"));
      }
    }
    if (spec.hasNonNull("nfs")) {
      if (RestKinds.str(spec, "nfs", "server").isEmpty()) {
        errs.add(FieldError.required("spec.nfs.server", ""));
      }
      String path = RestKinds.str(spec, "nfs", "path");
      if (path.isEmpty()) {
        errs.add(FieldError.required("spec.nfs.path", ""));
      } else if (!path.startsWith("/")) {
        errs.add(FieldError.invalid("spec.nfs.path", path, "must be an absolute path"));
      }
    }
    if (spec.hasNonNull("csi")) {
      if (RestKinds.str(spec, "csi", "driver").isEmpty()) {
        errs.add(FieldError.required("spec.csi.driver", ""));
      }
      if (RestKinds.str(spec, "csi", "volumeHandle").isEmpty()) {
        errs.add(FieldError.required("spec.csi.volumeHandle", ""));
      }
    }
    String policy = RestKinds.str(spec, "persistentVolumeReclaimPolicy");
    if (!policy.isEmpty() && !RECLAIM_POLICIES.contains(policy)) {
      errs.add(
          FieldError.notSupported("spec.persistentVolumeReclaimPolicy", policy, RECLAIM_POLICIES));
    }
    String cls = RestKinds.str(spec, "storageClassName");
    if (!cls.isEmpty()) {
      for (String m : NameValidation.isDns1123Subdomain(cls)) {
        errs.add(FieldError.invalid("spec.storageClassName", cls, m));
      }
    }
    String mode = RestKinds.str(spec, "volumeMode");
    if (!mode.isEmpty() && !VOLUME_MODES.contains(mode)) {
      errs.add(FieldError.notSupported("spec.volumeMode", mode, VOLUME_MODES));
    }
    return errs;
  }

  static List<FieldError> validateAccessModes(JsonNode modes, String path, String requiredDetail) {
    List<FieldError> errs = new ArrayList<>();
    if (RestKinds.size(modes) == 0) {
      errs.add(FieldError.required(path, requiredDetail));
      return errs;
    }
    boolean rwop = false;
    for (JsonNode m : RestKinds.items(modes)) {
      String v = m.asText();
      if (!ACCESS_MODES.contains(v)) {
        errs.add(FieldError.notSupported(path, v, ACCESS_MODES));
      }
      rwop |= v.equals("ReadWriteOncePod");
    }
    if (rwop && modes.size() > 1) {
      errs.add(FieldError.forbidden(path, "may not use ReadWriteOncePod with other access modes"));
    }
    return errs;
  }

  static List<FieldError> nonNegative(JsonNode q, String path) {
    BigDecimal v = RestKinds.quantity(q);
    if (v == null) {
      return List.of(FieldError.invalid(path, q, RestKinds.QUANTITY_ERROR));
    }
    if (v.signum() < 0) {
      return List.of(FieldError.invalid(path, q.asText(), "must be greater than or equal to 0"));
    }
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    JsonNode spec = obj.path("spec");
    JsonNode oldSpec = old.path("spec");
    for (String src : SOURCES) {
      if (!RestKinds.same(spec.get(src), oldSpec.get(src))) {
        errs.add(
            FieldError.forbidden(
                "spec.persistentvolumesource",
                "spec.persistentvolumesource is immutable after creation"));
        break;
      }
    }
    if (!RestKinds.same(spec.get("volumeMode"), oldSpec.get("volumeMode"))) {
      errs.add(
          FieldError.invalid("volumeMode", RestKinds.str(spec, "volumeMode"), RestKinds.IMMUTABLE));
    }
    if (oldSpec.hasNonNull("nodeAffinity")
        && !RestKinds.same(spec.get("nodeAffinity"), oldSpec.get("nodeAffinity"))) {
      errs.add(FieldError.invalid("nodeAffinity", spec.get("nodeAffinity"), RestKinds.IMMUTABLE));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Capacity",
            "string",
            "capacity is the description of the persistent volume's resources and capacity."),
        RestKinds.col(
            "Access Modes", "string", "accessModes contains all ways the volume can be mounted."),
        RestKinds.col(
            "Reclaim Policy",
            "string",
            "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released"
                + " from its claim."),
        RestKinds.col(
            "Status",
            "string",
            "phase indicates if a volume is available, bound to a claim, or released by a claim."),
        RestKinds.col(
            "Claim",
            "string",
            "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
        RestKinds.col("StorageClass", "string", "StorageClass of the pv"),
        RestKinds.col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
        RestKinds.col(
            "Reason",
            "string",
            "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        RestKinds.ageColumn(),
        RestKinds.wide(
            "VolumeMode",
            "string",
            "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    String claim = "";
    if (spec.hasNonNull("claimRef")) {
      claim =
          RestKinds.str(spec, "claimRef", "namespace")
              + "/"
              + RestKinds.str(spec, "claimRef", "name");
    }
    String size = RestKinds.str(spec, "capacity", "storage");
    String phase = RestKinds.str(obj, "status", "phase");
    if (!RestKinds.str(obj, "metadata", "deletionTimestamp").isEmpty()) {
      phase = "Terminating";
    }
    String cls = RestKinds.str(obj, "metadata", "annotations", BETA_CLASS_ANNOTATION);
    if (RestKinds.node(obj, "metadata", "annotations", BETA_CLASS_ANNOTATION) == null) {
      cls = RestKinds.str(spec, "storageClassName");
    }
    String vac =
        spec.hasNonNull("volumeAttributesClassName")
            ? RestKinds.str(spec, "volumeAttributesClassName")
            : "<unset>";
    String mode = spec.hasNonNull("volumeMode") ? RestKinds.str(spec, "volumeMode") : "<unset>";
    return List.of(
        RestKinds.name(obj),
        size.isEmpty() ? "0" : size,
        RestKinds.accessModes(spec.get("accessModes")),
        RestKinds.str(spec, "persistentVolumeReclaimPolicy"),
        phase,
        claim,
        cls,
        vac,
        RestKinds.str(obj, "status", "reason"),
        Tables.age(obj, now),
        mode);
  }
}
