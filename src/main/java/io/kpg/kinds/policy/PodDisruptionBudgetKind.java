package io.kpg.kinds.policy;

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

/** policy/v1 PodDisruptionBudget: status subresource. */
@Singleton
public class PodDisruptionBudgetKind extends KindDef {
  static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

  public PodDisruptionBudgetKind() {
    super("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true);
    shortNames("pdb");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  /** The v1 status has four non-omitempty counters: a new PDB shows them as 0. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
    ObjectNode st = obj.putObject("status");
    st.put("disruptionsAllowed", 0);
    st.put("currentHealthy", 0);
    st.put("desiredHealthy", 0);
    st.put("expectedPods", 0);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    JsonNode min = RestKinds.node(spec, "minAvailable");
    JsonNode max = RestKinds.node(spec, "maxUnavailable");
    if (min != null && max != null) {
      errs.add(
          FieldError.invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set"));
    }
    errs.addAll(intOrPercent(min, "spec.minAvailable"));
    errs.addAll(intOrPercent(max, "spec.maxUnavailable"));
    String policy = RestKinds.str(spec, "unhealthyPodEvictionPolicy");
    if (spec.hasNonNull("unhealthyPodEvictionPolicy") && !EVICTION_POLICIES.contains(policy)) {
      errs.add(
          FieldError.notSupported("spec.unhealthyPodEvictionPolicy", policy, EVICTION_POLICIES));
    }
    return errs;
  }

  /** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
  static List<FieldError> intOrPercent(JsonNode v, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (v == null) {
      return errs;
    }
    if (v.isTextual()) {
      String s = v.asText();
      if (!s.matches("[0-9]+%")) {
        errs.add(
            FieldError.invalid(
                path,
                s,
                "a valid percent string must be a numeric string followed by an ending '%' (e.g."
                    + " '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      } else if (Long.parseLong(s.substring(0, s.length() - 1)) > 100) {
        errs.add(FieldError.invalid(path, s, "must not be greater than 100%"));
      }
    } else if (v.isIntegralNumber()) {
      if (v.asLong() < 0) {
        errs.add(FieldError.invalid(path, v.asLong(), "must be greater than or equal to 0"));
      }
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Min Available", "string", "The minimum number of pods that must be available."),
        RestKinds.col(
            "Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        RestKinds.col(
            "Allowed Disruptions",
            "integer",
            "Calculated number of pods that may be disrupted at this time."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode min = RestKinds.node(spec, "minAvailable");
    JsonNode max = RestKinds.node(spec, "maxUnavailable");
    return List.of(
        RestKinds.name(obj),
        min == null ? "N/A" : min.asText(),
        max == null ? "N/A" : max.asText(),
        obj.path("status").path("disruptionsAllowed").asLong(0),
        Tables.age(obj, now));
  }
}
