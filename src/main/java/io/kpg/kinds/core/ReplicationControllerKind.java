package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** core/v1 ReplicationController. */
@Singleton
public class ReplicationControllerKind extends KindDef {

  public ReplicationControllerKind() {
    super("", "v1", "ReplicationController", "replicationcontrollers", true);
    shortNames("rc");
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
    return new ScaleSpec(
        "spec.replicas",
        "status.replicas",
        o -> PodSpecs.mapSelectorString(o.path("spec").get("selector")));
  }

  /** SetDefaults_ReplicationController: selector and labels from the template labels. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    JsonNode template = spec.get("template");
    JsonNode labels = template == null ? null : template.path("metadata").get("labels");
    if (labels != null && labels.isObject()) {
      if (spec.path("selector").size() == 0) {
        spec.set("selector", labels.deepCopy());
      }
      ObjectNode md = Json.obj(obj, "metadata");
      if (md.path("labels").size() == 0) {
        md.set("labels", labels.deepCopy());
      }
    }
    JsonNode r = spec.get("replicas");
    if (r == null || r.isNull()) {
      spec.put("replicas", 1);
    }
    if (template instanceof ObjectNode t) {
      PodSpecs.applyPodTemplateDefaults(t);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    PodSpecs.nonNegative(spec.get("minReadySeconds"), "spec.minReadySeconds", errs);
    JsonNode selector = spec.get("selector");
    boolean empty = selector == null || !selector.isObject() || selector.isEmpty();
    if (empty) {
      errs.add(FieldError.required("spec.selector", ""));
    }
    PodSpecs.nonNegative(spec.get("replicas"), "spec.replicas", errs);
    JsonNode template = spec.get("template");
    boolean matches =
        template != null
            && PodSpecs.mapSelectorMatches(selector, template.path("metadata").get("labels"));
    errs.addAll(
        PodSpecs.validateReplicaSetTemplate(
            template, matches, empty, "spec.template", "ReplicationController"));
    return errs;
  }

  @Override
  public List<Column> columns() {
    return PodSpecs.workloadColumns(
        "Selector is a label query over pods that should match the Replicas count. If Selector"
            + " is empty, it is defaulted to the labels present on the Pod template. Label keys"
            + " and values that must match in order to be controlled by this replication"
            + " controller, if empty defaulted to labels on Pod template. More info:"
            + " https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
        Column.of(
            "Desired",
            "integer",
            "Replicas is the number of desired replicas. This is a pointer to distinguish between"
                + " explicit zero and unspecified. Defaults to 1. More info:"
                + " https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        Column.of(
            "Current",
            "integer",
            "Replicas is the most recently observed number of replicas. More info:"
                + " https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        Column.of(
            "Ready", "integer", "The number of ready replicas for this replication controller."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode status = obj.path("status");
    return PodSpecs.workloadRow(
        obj,
        now,
        spec.path("template").path("spec"),
        PodSpecs.formatLabels(spec.get("selector")),
        spec.path("replicas").asLong(0),
        status.path("replicas").asLong(0),
        status.path("readyReplicas").asLong(0));
  }
}
