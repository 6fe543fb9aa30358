package io.kpg.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.kinds.core.PodSpecs;
import io.kpg.registry.KindDef.ScaleSpec;
import java.util.List;
import java.util.regex.Pattern;

/** Validation pieces shared by the apps/v1 workload kinds (pkg/apis/apps/validation). */
final class AppsSupport {
  private AppsSupport() {}

  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

  /** The scale subresource: spec.replicas, status.replicas and the label selector's string. */
  static ScaleSpec scaleSpec() {
    return new ScaleSpec(
        "spec.replicas",
        "status.replicas",
        o -> DeploymentKind.selector(o.path("spec").get("selector")));
  }

  /**
   * Selector checks shared by Deployment and ReplicaSet: required, structurally valid, not empty,
   * then the template checks of ValidatePodTemplateSpecForReplicaSet.
   */
  static void selectorAndTemplate(
      JsonNode spec, String emptyMessage, String owner, List<FieldError> errs) {
    JsonNode sel = spec.get("selector");
    if (!PodSpecs.present(sel)) {
      errs.add(FieldError.required("spec.selector", ""));
    } else {
      errs.addAll(PodSpecs.validateLabelSelector(sel, "spec.selector"));
      if (PodSpecs.selectorEmpty(sel)) {
        errs.add(FieldError.invalid("spec.selector", PodSpecs.sortedSelector(sel), emptyMessage));
      }
    }
    if (PodSpecs.present(sel) && PodSpecs.selectorString(sel) == null) {
      errs.add(
          FieldError.invalid(
              "spec.selector", PodSpecs.sortedSelector(sel), "invalid label selector"));
      return;
    }
    JsonNode template = spec.get("template");
    JsonNode labels = template == null ? null : template.path("metadata").get("labels");
    errs.addAll(
        PodSpecs.validateReplicaSetTemplate(
            template,
            PodSpecs.selectorMatches(sel, labels),
            PodSpecs.selectorEmpty(sel),
            "spec.template",
            owner));
  }

  /** apps/v1 forbids changing the selector. */
  static void selectorImmutable(ObjectNode obj, ObjectNode old, List<FieldError> errs) {
    JsonNode a = obj.path("spec").get("selector");
    JsonNode b = old.path("spec").get("selector");
    boolean same = PodSpecs.present(a) ? a.equals(b) : !PodSpecs.present(b);
    if (!same) {
      errs.add(
          FieldError.invalid(
              "spec.selector",
              PodSpecs.present(a) ? PodSpecs.sortedSelector(a) : Json.MAPPER.nullNode(),
              "field is immutable"));
    }
  }

  /** Upstream's ValidatePositiveIntOrPercent. */
  static void positiveIntOrPercent(JsonNode v, String path, List<FieldError> errs) {
    if (!PodSpecs.present(v)) {
      return;
    }
    if (v.isTextual()) {
      if (!PERCENT.matcher(v.asText()).matches()) {
        errs.add(
            FieldError.invalid(
                path,
                v,
                "a valid percent string must be a numeric string followed by an ending '%' (e.g."
                    + " '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      }
    } else if (v.asLong() < 0) {
      errs.add(FieldError.invalid(path, v, "must be greater than or equal to 0"));
    }
  }

  /** Upstream's IsNotMoreThan100Percent. */
  static void notMoreThan100Percent(JsonNode v, String path, List<FieldError> errs) {
    if (PodSpecs.present(v) && v.isTextual() && PERCENT.matcher(v.asText()).matches()) {
      String s = v.asText();
      try {
        if (Long.parseLong(s.substring(0, s.length() - 1)) > 100) {
          errs.add(FieldError.invalid(path, v, "must not be greater than 100%"));
        }
      } catch (NumberFormatException e) {
        errs.add(FieldError.invalid(path, v, "must not be greater than 100%"));
      }
    }
  }

  /** getIntOrPercentValue: the number, or the percent's number, 0 when absent or invalid. */
  static long intOrPercentValue(JsonNode v) {
    if (!PodSpecs.present(v)) {
      return 0;
    }
    if (v.isTextual()) {
      String s = v.asText();
      if (PERCENT.matcher(s).matches()) {
        try {
          return Long.parseLong(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
      return 0;
    }
    return v.asLong();
  }
}
