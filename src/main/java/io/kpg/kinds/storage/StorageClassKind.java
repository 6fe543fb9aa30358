package io.kpg.kinds.storage;

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
import java.util.Locale;

/** storage.k8s.io/v1 StorageClass: cluster-scoped; provisioner, parameters, reclaimPolicy fixed. */
@Singleton
public class StorageClassKind extends KindDef {
  static final List<String> RECLAIM_POLICIES = List.of("Delete", "Retain");
  static final List<String> BINDING_MODES = List.of("Immediate", "WaitForFirstConsumer");
  public static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
  public static final String BETA_DEFAULT_ANNOTATION =
      "storageclass.beta.kubernetes.io/is-default-class";

  public StorageClassKind() {
    super("storage.k8s.io", "v1", "StorageClass", "storageclasses", false);
    shortNames("sc");
  }

  /** SetDefaults_StorageClass: reclaimPolicy Delete, volumeBindingMode Immediate. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    if (!obj.hasNonNull("reclaimPolicy")) {
      obj.put("reclaimPolicy", "Delete");
    }
    if (!obj.hasNonNull("volumeBindingMode")) {
      obj.put("volumeBindingMode", "Immediate");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String prov = RestKinds.str(obj, "provisioner");
    if (prov.isEmpty()) {
      errs.add(FieldError.required("provisioner", ""));
    } else {
      for (String m : NameValidation.isQualifiedName(prov.toLowerCase(Locale.ROOT))) {
        errs.add(FieldError.invalid("provisioner", prov, m));
      }
    }
    int total = 0;
    for (var e : RestKinds.fields(obj.get("parameters")).entrySet()) {
      if (e.getKey().isEmpty()) {
        errs.add(FieldError.invalid("parameters", e.getKey(), "field can not be empty."));
      }
      total += e.getKey().length() + e.getValue().asText().length();
    }
    if (total > 256 * 1024) {
      errs.add(FieldError.tooLong("parameters", "", 256 * 1024));
    }
    String policy = RestKinds.str(obj, "reclaimPolicy");
    if (obj.hasNonNull("reclaimPolicy") && !RECLAIM_POLICIES.contains(policy)) {
      errs.add(FieldError.notSupported("reclaimPolicy", policy, RECLAIM_POLICIES));
    }
    String mode = RestKinds.str(obj, "volumeBindingMode");
    if (!obj.hasNonNull("volumeBindingMode")) {
      errs.add(FieldError.required("volumeBindingMode", ""));
    } else if (!BINDING_MODES.contains(mode)) {
      errs.add(FieldError.notSupported("volumeBindingMode", mode, BINDING_MODES));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    if (!RestKinds.same(obj.get("parameters"), old.get("parameters"))) {
      errs.add(FieldError.forbidden("parameters", "updates to parameters are forbidden."));
    }
    if (!RestKinds.str(obj, "provisioner").equals(RestKinds.str(old, "provisioner"))) {
      errs.add(FieldError.forbidden("provisioner", "updates to provisioner are forbidden."));
    }
    if (!RestKinds.str(obj, "reclaimPolicy").equals(RestKinds.str(old, "reclaimPolicy"))) {
      errs.add(FieldError.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    }
    if (!RestKinds.str(obj, "volumeBindingMode").equals(RestKinds.str(old, "volumeBindingMode"))) {
      errs.add(
          FieldError.invalid(
              "volumeBindingMode", RestKinds.str(obj, "volumeBindingMode"), RestKinds.IMMUTABLE));
    }
    errs.addAll(validate(obj));
    return errs;
  }

  static boolean isDefault(ObjectNode obj) {
    return "true".equals(RestKinds.str(obj, "metadata", "annotations", DEFAULT_ANNOTATION))
        || "true".equals(RestKinds.str(obj, "metadata", "annotations", BETA_DEFAULT_ANNOTATION));
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Provisioner", "string", "provisioner indicates the type of the provisioner."),
        RestKinds.col(
            "ReclaimPolicy",
            "string",
            "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes"
                + " of this storage class. Defaults to Delete."),
        RestKinds.col(
            "VolumeBindingMode",
            "string",
            "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound."
                + "  When unset, VolumeBindingImmediate is used."),
        RestKinds.col(
            "AllowVolumeExpansion",
            "string",
            "allowVolumeExpansion shows whether the storage class allow volume expand."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    String name = RestKinds.name(obj) + (isDefault(obj) ? " (default)" : "");
    String policy =
        obj.hasNonNull("reclaimPolicy") ? RestKinds.str(obj, "reclaimPolicy") : "Delete";
    String mode =
        obj.hasNonNull("volumeBindingMode") ? RestKinds.str(obj, "volumeBindingMode") : "Immediate";
    return List.of(
        name,
        RestKinds.str(obj, "provisioner"),
        policy,
        mode,
        obj.path("allowVolumeExpansion").asBoolean(false),
        Tables.age(obj, now));
  }
}
