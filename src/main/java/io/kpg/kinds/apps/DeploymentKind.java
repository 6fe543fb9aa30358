package io.kpg.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.kinds.core.PodSpecs;
import io.kpg.registry.KindDef;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 Deployment. */
@Singleton
public class DeploymentKind extends KindDef {

  public DeploymentKind() {
    super("apps", "v1", "Deployment", "deployments", true);
    shortNames("deploy");
    categories("all");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public ScaleSpec scale() {
    return AppsSupport.scaleSpec();
  }

  static String selector(JsonNode sel) {
    String s = PodSpecs.selectorString(sel);
    return s == null ? "" : s;
  }

  /** SetDefaults_Deployment plus the pod template defaults. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    if (!PodSpecs.present(spec.get("replicas"))) {
      spec.put("replicas", 1);
    }
    ObjectNode strategy = Json.obj(spec, "strategy");
    if (strategy.path("type").asText("").isEmpty()) {
      strategy.put("type", "RollingUpdate");
    }
    if ("RollingUpdate".equals(strategy.path("type").asText())) {
      ObjectNode ru = Json.obj(strategy, "rollingUpdate");
      if (!PodSpecs.present(ru.get("maxUnavailable"))) {
        ru.put("maxUnavailable", "25%");
      }
      if (!PodSpecs.present(ru.get("maxSurge"))) {
        ru.put("maxSurge", "25%");
      }
    }
    if (!PodSpecs.present(spec.get("revisionHistoryLimit"))) {
      spec.put("revisionHistoryLimit", 10);
    }
    if (!PodSpecs.present(spec.get("progressDeadlineSeconds"))) {
      spec.put("progressDeadlineSeconds", 600);
    }
    PodSpecs.applyPodTemplateDefaults(Json.obj(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    PodSpecs.nonNegative(spec.get("replicas"), "spec.replicas", errs);
    AppsSupport.selectorAndTemplate(
        spec, "empty selector is invalid for deployment", "ReplicaSet", errs);
    validateStrategy(spec.path("strategy"), errs);
    PodSpecs.nonNegative(spec.get("minReadySeconds"), "spec.minReadySeconds", errs);
    PodSpecs.nonNegative(spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit", errs);
    JsonNode pds = spec.get("progressDeadlineSeconds");
    if (PodSpecs.present(pds)) {
      if (pds.asLong() <= 0) {
        errs.add(
            FieldError.invalid(
                "spec.progressDeadlineSeconds", pds.asLong(), "must be greater than 0"));
      }
      if (pds.asLong() <= spec.path("minReadySeconds").asLong(0)) {
        errs.add(
            FieldError.invalid(
                "spec.progressDeadlineSeconds",
                pds.asLong(),
                "must be greater than minReadySeconds"));
      }
    }
    return errs;
  }

  private static void validateStrategy(JsonNode strategy, List<FieldError> errs) {
    String type = strategy.path("type").asText("");
    switch (type) {
      case "Recreate" -> {
        if (PodSpecs.present(strategy.get("rollingUpdate"))) {
          errs.add(
              FieldError.forbidden(
                  "spec.strategy.rollingUpdate",
                  "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        JsonNode ru = strategy.get("rollingUpdate");
        if (!PodSpecs.present(ru)) {
          errs.add(
              FieldError.required(
                  "spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
        } else {
          String p = "spec.strategy.rollingUpdate";
          AppsSupport.positiveIntOrPercent(ru.get("maxUnavailable"), p + ".maxUnavailable", errs);
          AppsSupport.positiveIntOrPercent(ru.get("maxSurge"), p + ".maxSurge", errs);
          if (AppsSupport.intOrPercentValue(ru.get("maxUnavailable")) == 0
              && AppsSupport.intOrPercentValue(ru.get("maxSurge")) == 0) {
            errs.add(
                FieldError.invalid(
                    p + ".maxUnavailable",
                    ru.has("maxUnavailable") ? ru.get("maxUnavailable") : Json.MAPPER.nullNode(),
                    "may not be 0 when `maxSurge` is 0"));
          }
          AppsSupport.notMoreThan100Percent(ru.get("maxUnavailable"), p + ".maxUnavailable", errs);
        }
      }
      default ->
          errs.add(
              FieldError.notSupported(
                  "spec.strategy", strategy, List.of("Recreate", "RollingUpdate")));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    AppsSupport.selectorImmutable(obj, old, errs);
    return errs;
  }

  @Override
  public List<Column> columns() {
    return PodSpecs.workloadColumns(
        "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be"
            + " the ones affected by this deployment.",
        Column.of("Ready", "string", "Number of the pod with ready state"),
        Column.of(
            "Up-to-date",
            "string",
            "Total number of non-terminated pods targeted by this deployment that have the"
                + " desired template spec."),
        Column.of(
            "Available",
            "string",
            "Total number of available pods (ready for at least minReadySeconds) targeted by this"
                + " deployment."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode status = obj.path("status");
    String sel = PodSpecs.selectorString(spec.get("selector"));
    return PodSpecs.workloadRow(
        obj,
        now,
        spec.path("template").path("spec"),
        sel == null ? "<invalid>" : sel,
        status.path("readyReplicas").asLong(0) + "/" + spec.path("replicas").asLong(0),
        status.path("updatedReplicas").asLong(0),
        status.path("availableReplicas").asLong(0));
  }
}
