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

/** apps/v1 DaemonSet. */
@Singleton
public class DaemonSetKind extends KindDef {

  /** apps/v1 keeps the internal templateGeneration in this annotation. */
  public static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

  public DaemonSetKind() {
    super("apps", "v1", "DaemonSet", "daemonsets", true);
    shortNames("ds");
    categories("all");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  /** Upstream sets templateGeneration 1 on create (seen as the deprecated annotation). */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    super.prepareForCreate(obj);
    Json.obj(Json.obj(obj, "metadata"), "annotations").put(TEMPLATE_GENERATION, "1");
  }

  /** A template change bumps templateGeneration. */
  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    super.prepareForUpdate(obj, old);
    long gen = 0;
    try {
      gen =
          Long.parseLong(
              old.path("metadata").path("annotations").path(TEMPLATE_GENERATION).asText("0"));
    } catch (NumberFormatException e) {
      gen = 0;
    }
    JsonNode a = obj.path("spec").path("template");
    JsonNode b = old.path("spec").path("template");
    if (!a.equals(b)) {
      gen++;
    }
    if (gen > 0) {
      Json.obj(Json.obj(obj, "metadata"), "annotations")
          .put(TEMPLATE_GENERATION, Long.toString(gen));
    }
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    ObjectNode us = Json.obj(spec, "updateStrategy");
    if (us.path("type").asText("").isEmpty()) {
      us.put("type", "RollingUpdate");
    }
    if ("RollingUpdate".equals(us.path("type").asText())) {
      ObjectNode ru = Json.obj(us, "rollingUpdate");
      if (!PodSpecs.present(ru.get("maxUnavailable"))) {
        ru.put("maxUnavailable", 1);
      }
      if (!PodSpecs.present(ru.get("maxSurge"))) {
        ru.put("maxSurge", 0);
      }
    }
    if (!PodSpecs.present(spec.get("revisionHistoryLimit"))) {
      spec.put("revisionHistoryLimit", 10);
    }
    PodSpecs.applyPodTemplateDefaults(Json.obj(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    JsonNode sel = spec.get("selector");
    if (!PodSpecs.present(sel)) {
      errs.add(FieldError.required("spec.selector", ""));
    } else {
      errs.addAll(PodSpecs.validateLabelSelector(sel, "spec.selector"));
    }
    JsonNode template = spec.get("template");
    JsonNode labels = template == null ? null : template.path("metadata").get("labels");
    boolean selectorValid = !PodSpecs.present(sel) || PodSpecs.selectorString(sel) != null;
    if (selectorValid && !PodSpecs.selectorMatches(sel, labels)) {
      errs.add(
          FieldError.invalid(
              "spec.template.metadata.labels",
              PodSpecs.sortedMap(labels),
              "`selector` does not match template `labels`"));
    }
    if (PodSpecs.present(sel) && PodSpecs.selectorEmpty(sel)) {
      errs.add(
          FieldError.invalid(
              "spec.selector",
              PodSpecs.sortedSelector(sel),
              "empty selector is invalid for daemonset"));
    }
    errs.addAll(
        PodSpecs.validatePodTemplate(
            PodSpecs.present(template) ? template : Json.object(), "spec.template"));
    String rp = spec.path("template").path("spec").path("restartPolicy").asText("");
    if (!rp.equals("Always")) {
      errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", rp, List.of("Always")));
    }
    JsonNode ads = spec.path("template").path("spec").get("activeDeadlineSeconds");
    if (PodSpecs.present(ads)) {
      errs.add(
          FieldError.invalid(
              "spec.template.spec.activeDeadlineSeconds",
              ads.asLong(),
              "activeDeadlineSeconds in DaemonSet is not Supported"));
    }
    PodSpecs.nonNegative(spec.get("minReadySeconds"), "spec.minReadySeconds", errs);
    validateUpdateStrategy(spec.path("updateStrategy"), errs);
    PodSpecs.nonNegative(spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit", errs);
    return errs;
  }

  private static void validateUpdateStrategy(JsonNode us, List<FieldError> errs) {
    String type = us.path("type").asText("");
    switch (type) {
      case "OnDelete" -> {}
      case "RollingUpdate" -> {
        JsonNode ru = us.get("rollingUpdate");
        String p = "spec.updateStrategy.rollingUpdate";
        if (!PodSpecs.present(ru)) {
          errs.add(FieldError.required(p, ""));
          return;
        }
        AppsSupport.positiveIntOrPercent(ru.get("maxUnavailable"), p + ".maxUnavailable", errs);
        AppsSupport.positiveIntOrPercent(ru.get("maxSurge"), p + ".maxSurge", errs);
        AppsSupport.notMoreThan100Percent(ru.get("maxUnavailable"), p + ".maxUnavailable", errs);
        AppsSupport.notMoreThan100Percent(ru.get("maxSurge"), p + ".maxSurge", errs);
        boolean hasUnavailable = AppsSupport.intOrPercentValue(ru.get("maxUnavailable")) != 0;
        boolean hasSurge = AppsSupport.intOrPercentValue(ru.get("maxSurge")) != 0;
        if (hasUnavailable && hasSurge) {
          errs.add(
              FieldError.invalid(
                  p + ".maxSurge",
                  ru.get("maxSurge"),
                  "may not be set when maxUnavailable is non-zero"));
        } else if (!hasUnavailable && !hasSurge) {
          errs.add(FieldError.required(p + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
        }
      }
      default ->
          errs.add(
              FieldError.notSupported(
                  "spec.updateStrategy", us, List.of("RollingUpdate", "OnDelete")));
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
        "A label query over pods that are managed by the daemon set. Must match in order to be"
            + " controlled. It must match the pod template's labels. More info:"
            + " https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
        Column.of(
            "Desired",
            "integer",
            "The total number of nodes that should be running the daemon pod (including nodes"
                + " correctly running the daemon pod). More info:"
                + " https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        Column.of(
            "Current",
            "integer",
            "The number of nodes that are running at least 1 daemon pod and are supposed to run"
                + " the daemon pod. More info:"
                + " https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        Column.of(
            "Ready",
            "integer",
            "The number of nodes that should be running the daemon pod and have one or more of"
                + " the daemon pod running and ready."),
        Column.of(
            "Up-to-date",
            "integer",
            "The total number of nodes that are running updated daemon pod"),
        Column.of(
            "Available",
            "integer",
            "The number of nodes that should be running the daemon pod and have one or more of"
                + " the daemon pod running and available (ready for at least"
                + " spec.minReadySeconds)"),
        Column.of(
            "Node Selector",
            "string",
            "NodeSelector is a selector which must be true for the pod to fit on a node. Selector"
                + " which must match a node's labels for the pod to be scheduled on that node."
                + " More info:"
                + " https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode status = obj.path("status");
    JsonNode podSpec = spec.path("template").path("spec");
    return PodSpecs.workloadRow(
        obj,
        now,
        podSpec,
        PodSpecs.formatLabelSelector(spec.get("selector")),
        status.path("desiredNumberScheduled").asLong(0),
        status.path("currentNumberScheduled").asLong(0),
        status.path("numberReady").asLong(0),
        status.path("updatedNumberScheduled").asLong(0),
        status.path("numberAvailable").asLong(0),
        PodSpecs.formatLabels(podSpec.get("nodeSelector")));
  }
}
