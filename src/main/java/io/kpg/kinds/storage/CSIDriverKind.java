package io.kpg.kinds.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** storage.k8s.io/v1 CSIDriver: cluster-scoped. */
@Singleton
public class CSIDriverKind extends KindDef {
  static final List<String> FS_GROUP_POLICIES = List.of("File", "None", "ReadWriteOnceWithFSType");
  static final List<String> LIFECYCLE_MODES = List.of("Ephemeral", "Persistent");

  public CSIDriverKind() {
    super("storage.k8s.io", "v1", "CSIDriver", "csidrivers", false);
  }

  /** SetDefaults_CSIDriver. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = RestKinds.obj(obj, "spec");
    if (!spec.hasNonNull("attachRequired")) {
      spec.put("attachRequired", true);
    }
    if (!spec.hasNonNull("podInfoOnMount")) {
      spec.put("podInfoOnMount", false);
    }
    if (!spec.hasNonNull("storageCapacity")) {
      spec.put("storageCapacity", false);
    }
    if (!spec.hasNonNull("fsGroupPolicy")) {
      spec.put("fsGroupPolicy", "ReadWriteOnceWithFSType");
    }
    if (RestKinds.size(spec.get("volumeLifecycleModes")) == 0) {
      spec.putArray("volumeLifecycleModes").add("Persistent");
    }
    if (!spec.hasNonNull("requiresRepublish")) {
      spec.put("requiresRepublish", false);
    }
    if (!spec.hasNonNull("seLinuxMount")) {
      spec.put("seLinuxMount", false);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String name = RestKinds.name(obj);
    if (name.length() > 63) {
      errs.add(FieldError.tooLong("metadata.name", name, 63));
    }
    JsonNode spec = obj.path("spec");
    if (spec.hasNonNull("attachRequired") == false) {
      errs.add(FieldError.required("spec.attachRequired", ""));
    }
    if (!spec.hasNonNull("podInfoOnMount")) {
      errs.add(FieldError.required("spec.podInfoOnMount", ""));
    }
    String fs = RestKinds.str(spec, "fsGroupPolicy");
    if (spec.hasNonNull("fsGroupPolicy") && !FS_GROUP_POLICIES.contains(fs)) {
      errs.add(FieldError.notSupported("spec.fsGroupPolicy", fs, FS_GROUP_POLICIES));
    }
    int i = 0;
    for (JsonNode m : RestKinds.items(spec.get("volumeLifecycleModes"))) {
      if (!LIFECYCLE_MODES.contains(m.asText())) {
        errs.add(
            FieldError.notSupported(
                "spec.volumeLifecycleModes[" + i + "]", m.asText(), LIFECYCLE_MODES));
      }
      i++;
    }
    i = 0;
    for (JsonNode t : RestKinds.items(spec.get("tokenRequests"))) {
      JsonNode exp = RestKinds.node(t, "expirationSeconds");
      if (exp != null && exp.asLong() < 600) {
        errs.add(
            FieldError.invalid(
                "spec.tokenRequests[" + i + "].expirationSeconds",
                exp.asLong(),
                "may not specify a duration less than 10 minutes"));
      }
      i++;
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    for (String f : List.of("attachRequired", "fsGroupPolicy", "volumeLifecycleModes")) {
      JsonNode n = RestKinds.node(obj, "spec", f);
      if (!RestKinds.same(n, RestKinds.node(old, "spec", f))) {
        errs.add(FieldError.invalid("spec." + f, n, RestKinds.IMMUTABLE));
      }
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "AttachRequired",
            "boolean",
            "attachRequired indicates this CSI volume driver requires an attach operation."),
        RestKinds.col(
            "PodInfoOnMount",
            "boolean",
            "podInfoOnMount indicates this CSI volume driver requires additional pod information during mount operations."),
        RestKinds.col(
            "StorageCapacity",
            "boolean",
            "storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity."),
        RestKinds.col(
            "TokenRequests",
            "string",
            "tokenRequests indicates the CSI driver needs pods' service account tokens it is mounting volume for to do necessary authentication."),
        RestKinds.col(
            "RequiresRepublish",
            "boolean",
            "requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume."),
        RestKinds.col(
            "Modes",
            "string",
            "volumeLifecycleModes defines what kind of volumes this CSI volume driver supports."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    List<String> modes = new ArrayList<>();
    RestKinds.items(spec.get("volumeLifecycleModes")).forEach(m -> modes.add(m.asText()));
    String tokens = "<unset>";
    JsonNode tr = RestKinds.node(spec, "tokenRequests");
    if (tr != null) {
      List<String> aud = new ArrayList<>();
      RestKinds.items(tr).forEach(t -> aud.add(RestKinds.str(t, "audience")));
      tokens = String.join(",", aud);
    }
    return List.of(
        RestKinds.name(obj),
        spec.path("attachRequired").asBoolean(true),
        spec.path("podInfoOnMount").asBoolean(false),
        spec.path("storageCapacity").asBoolean(false),
        tokens,
        spec.path("requiresRepublish").asBoolean(false),
        modes.isEmpty() ? "<none>" : String.join(",", modes),
        Tables.age(obj, now));
  }
}
