package io.kpg.kinds.scheduling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** scheduling.k8s.io/v1 PriorityClass: cluster-scoped; value and preemptionPolicy immutable. */
@Singleton
public class PriorityClassKind extends KindDef {
  public static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
  static final Map<String, Long> SYSTEM_CLASSES =
      Map.of("system-cluster-critical", 2_000_000_000L, "system-node-critical", 2_000_001_000L);
  static final List<String> PREEMPTION_POLICIES = List.of("Never", "PreemptLowerPriority");

  public PriorityClassKind() {
    super("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false);
    shortNames("pc");
  }

  /** SetDefaults_PriorityClass: preemptionPolicy PreemptLowerPriority. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    if (!obj.hasNonNull("preemptionPolicy")) {
      obj.put("preemptionPolicy", "PreemptLowerPriority");
    }
  }

  /**
   * ValidatePriorityClass. Note: upstream does not reject a missing {@code value} (Go reads it as
   * 0); neither does this.
   */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String name = RestKinds.name(obj);
    long value = obj.path("value").asLong(0);
    boolean global = obj.path("globalDefault").asBoolean(false);
    if (name.startsWith("system-")) {
      Long known = SYSTEM_CLASSES.get(name);
      String err = null;
      if (known == null) {
        err = name + " is not a known system priority class";
      } else if (known != value) {
        err = "value of " + name + " PriorityClass must be " + known;
      } else if (global) {
        err = "globalDefault of " + name + " PriorityClass must be false";
      }
      if (err != null) {
        errs.add(
            FieldError.forbidden(
                "metadata.name",
                "priority class names with 'system-' prefix are reserved for system use only."
                    + " error: "
                    + err));
      }
    } else if (value > HIGHEST_USER_DEFINABLE) {
      errs.add(
          FieldError.forbidden(
              "value",
              "maximum allowed value of a user defined priority is " + HIGHEST_USER_DEFINABLE));
    }
    if (obj.hasNonNull("preemptionPolicy")) {
      String p = RestKinds.str(obj, "preemptionPolicy");
      if (!PREEMPTION_POLICIES.contains(p)) {
        errs.add(FieldError.notSupported("preemptionPolicy", p, PREEMPTION_POLICIES));
      }
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    if (obj.path("value").asLong(0) != old.path("value").asLong(0)) {
      errs.add(FieldError.forbidden("value", "may not be changed in an update."));
    }
    if (!RestKinds.same(obj.get("preemptionPolicy"), old.get("preemptionPolicy"))) {
      errs.add(
          FieldError.invalid(
              "preemptionPolicy", RestKinds.str(obj, "preemptionPolicy"), RestKinds.IMMUTABLE));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Value",
            "integer",
            "value represents the integer value of this priority class. This is the actual priority"
                + " that pods receive when they have the name of this class in their pod spec."),
        RestKinds.col(
            "Global-Default",
            "boolean",
            "globalDefault specifies whether this PriorityClass should be considered as the default"
                + " priority for pods that do not have any priority class."),
        RestKinds.ageColumn(),
        RestKinds.col(
            "PreemptionPolicy",
            "string",
            "preemptionPolicy is the Policy for preempting pods with lower priority."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(
        RestKinds.name(obj),
        obj.path("value").asLong(0),
        obj.path("globalDefault").asBoolean(false),
        Tables.age(obj, now),
        RestKinds.str(obj, "preemptionPolicy"));
  }
}
