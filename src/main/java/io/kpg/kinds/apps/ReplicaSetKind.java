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

/** apps/v1 ReplicaSet. */
@Singleton
public class ReplicaSetKind extends KindDef {

  public ReplicaSetKind() {
    super("apps", "v1", "ReplicaSet", "replicasets", true);
    shortNames("rs");
    categories("all");
    fieldSelector(
        "status.replicas", o -> Long.toString(o.path("status").path("replicas").asLong(0)));
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public ScaleSpec scale() {
    return AppsSupport.scaleSpec();
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    if (!PodSpecs.present(spec.get("replicas"))) {
      spec.put("replicas", 1);
    }
    PodSpecs.applyPodTemplateDefaults(Json.obj(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    PodSpecs.nonNegative(spec.get("replicas"), "spec.replicas", errs);
    PodSpecs.nonNegative(spec.get("minReadySeconds"), "spec.minReadySeconds", errs);
    // upstream's ReplicaSet message really says "deployment"
    AppsSupport.selectorAndTemplate(
        spec, "empty selector is invalid for deployment", "ReplicaSet", errs);
    return errs;
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
        PodSpecs.SELECTOR_DESCRIPTION,
        Column.of(
            "Desired",
            "integer",
            "Replicas is the number of desired replicas. This is a pointer to distinguish between"
                + " explicit zero and unspecified. Defaults to 1. More info:"
                + " https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"),
        Column.of(
            "Current",
            "integer",
            "Replicas is the most recently observed number of replicas. More info:"
                + " https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"),
        Column.of(
            "Ready",
            "integer",
            "The number of ready replicas for this replica set. A pod is ready when it has a"
                + " Ready condition."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode status = obj.path("status");
    return PodSpecs.workloadRow(
        obj,
        now,
        spec.path("template").path("spec"),
        PodSpecs.formatLabelSelector(spec.get("selector")),
        spec.path("replicas").asLong(0),
        status.path("replicas").asLong(0),
        status.path("readyReplicas").asLong(0));
  }
}
