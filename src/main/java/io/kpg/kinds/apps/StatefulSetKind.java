package io.kpg.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.kinds.core.PodSpecs;
import io.kpg.registry.KindDef;
import io.kpg.registry.validation.NameValidation;
import io.kpg.registry.validation.ObjectMetaValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 StatefulSet. */
@Singleton
public class StatefulSetKind extends KindDef {

  static final String UPDATE_FORBIDDEN =
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template',"
          + " 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'"
          + " and 'minReadySeconds' are forbidden";

  public StatefulSetKind() {
    super("apps", "v1", "StatefulSet", "statefulsets", true);
    shortNames("sts");
    categories("all");
  }

  /** Stateful set names become pod hostnames: upstream requires a DNS label. */
  @Override
  public List<String> validateName(String name) {
    return NameValidation.nameIsDnsLabel(name, false);
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public ScaleSpec scale() {
    return AppsSupport.scaleSpec();
  }

  /** SetDefaults_StatefulSet, pod template and volume claim template defaults. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    if (spec.path("podManagementPolicy").asText("").isEmpty()) {
      spec.put("podManagementPolicy", "OrderedReady");
    }
    ObjectNode us = Json.obj(spec, "updateStrategy");
    if (us.path("type").asText("").isEmpty()) {
      us.put("type", "RollingUpdate");
      if (!PodSpecs.present(us.get("rollingUpdate"))) {
        us.putObject("rollingUpdate");
      }
    }
    if ("RollingUpdate".equals(us.path("type").asText())
        && us.get("rollingUpdate") instanceof ObjectNode ru
        && !PodSpecs.present(ru.get("partition"))) {
      ru.put("partition", 0);
    }
    ObjectNode retention = Json.obj(spec, "persistentVolumeClaimRetentionPolicy");
    if (retention.path("whenDeleted").asText("").isEmpty()) {
      retention.put("whenDeleted", "Retain");
    }
    if (retention.path("whenScaled").asText("").isEmpty()) {
      retention.put("whenScaled", "Retain");
    }
    if (!PodSpecs.present(spec.get("replicas"))) {
      spec.put("replicas", 1);
    }
    if (!PodSpecs.present(spec.get("revisionHistoryLimit"))) {
      spec.put("revisionHistoryLimit", 10);
    }
    PodSpecs.applyPodTemplateDefaults(Json.obj(spec, "template"));
    JsonNode vcts = spec.get("volumeClaimTemplates");
    if (vcts != null && vcts.isArray()) {
      for (JsonNode n : vcts) {
        if (n instanceof ObjectNode pvc) {
          // the v1 conversion writes the type meta of each claim template
          if (!pvc.has("apiVersion")) {
            pvc.put("apiVersion", "v1");
          }
          if (!pvc.has("kind")) {
            pvc.put("kind", "PersistentVolumeClaim");
          }
          ObjectNode pspec = Json.obj(pvc, "spec");
          if (!PodSpecs.present(pspec.get("volumeMode"))) {
            pspec.put("volumeMode", "Filesystem");
          }
          ObjectNode st = Json.obj(pvc, "status");
          if (st.path("phase").asText("").isEmpty()) {
            st.put("phase", "Pending");
          }
        }
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    String pmp = spec.path("podManagementPolicy").asText("");
    if (pmp.isEmpty()) {
      errs.add(FieldError.required("spec.podManagementPolicy", ""));
    } else if (!pmp.equals("OrderedReady") && !pmp.equals("Parallel")) {
      errs.add(
          FieldError.invalid(
              "spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));
    }
    JsonNode us = spec.path("updateStrategy");
    String type = us.path("type").asText("");
    switch (type) {
      case "" -> errs.add(FieldError.required("spec.updateStrategy", ""));
      case "OnDelete" -> {
        if (PodSpecs.present(us.get("rollingUpdate"))) {
          errs.add(
              FieldError.invalid(
                  "spec.updateStrategy.rollingUpdate",
                  us.get("rollingUpdate"),
                  "only allowed for updateStrategy 'RollingUpdate'"));
        }
      }
      case "RollingUpdate" -> {
        JsonNode ru = us.get("rollingUpdate");
        if (PodSpecs.present(ru)) {
          String p = "spec.updateStrategy.rollingUpdate";
          PodSpecs.nonNegative(ru.get("partition"), p + ".partition", errs);
          JsonNode mu = ru.get("maxUnavailable");
          if (PodSpecs.present(mu)) {
            AppsSupport.positiveIntOrPercent(mu, p + ".maxUnavailable", errs);
            if (AppsSupport.intOrPercentValue(mu) == 0) {
              errs.add(FieldError.invalid(p + ".maxUnavailable", mu, "cannot be 0"));
            }
            AppsSupport.notMoreThan100Percent(mu, p + ".maxUnavailable", errs);
          }
        }
      }
      default ->
          errs.add(
              FieldError.invalid(
                  "spec.updateStrategy", us, "must be 'RollingUpdate' or 'OnDelete'"));
    }
    JsonNode retention = spec.get("persistentVolumeClaimRetentionPolicy");
    if (PodSpecs.present(retention)) {
      for (String f : new String[] {"whenDeleted", "whenScaled"}) {
        String v = retention.path(f).asText("");
        if (!v.equals("Retain") && !v.equals("Delete")) {
          errs.add(
              FieldError.notSupported(
                  "spec.persistentVolumeClaimRetentionPolicy." + f,
                  v,
                  List.of("Retain", "Delete")));
        }
      }
    }
    PodSpecs.nonNegative(spec.get("replicas"), "spec.replicas", errs);
    PodSpecs.nonNegative(spec.get("minReadySeconds"), "spec.minReadySeconds", errs);
    if (PodSpecs.present(spec.get("ordinals"))) {
      PodSpecs.nonNegative(spec.get("ordinals").get("start"), "spec.ordinals.start", errs);
    }
    JsonNode sel = spec.get("selector");
    if (!PodSpecs.present(sel)) {
      errs.add(FieldError.required("spec.selector", ""));
    } else {
      errs.addAll(PodSpecs.validateLabelSelector(sel, "spec.selector"));
      if (PodSpecs.selectorEmpty(sel)) {
        errs.add(
            FieldError.invalid(
                "spec.selector",
                PodSpecs.sortedSelector(sel),
                "empty selector is invalid for statefulset"));
      }
    }
    JsonNode template = spec.get("template");
    if (PodSpecs.present(sel) && PodSpecs.selectorString(sel) == null) {
      errs.add(FieldError.invalid("spec.selector", PodSpecs.sortedSelector(sel), ""));
    } else if (!PodSpecs.present(template)) {
      errs.add(FieldError.required("spec.template", ""));
    } else {
      JsonNode labels = template.path("metadata").get("labels");
      if (!PodSpecs.selectorEmpty(sel) && !PodSpecs.selectorMatches(sel, labels)) {
        errs.add(
            FieldError.invalid(
                "spec.template.metadata.labels",
                PodSpecs.sortedMap(labels),
                "`selector` does not match template `labels`"));
      }
      // upstream validates only labels and annotations of a stateful set's pod template
      errs.addAll(ObjectMetaValidation.validateLabels(labels, "spec.template.labels"));
    }
    String rp = spec.path("template").path("spec").path("restartPolicy").asText("");
    if (!rp.equals("Always")) {
      errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", rp, List.of("Always")));
    }
    if (PodSpecs.present(spec.path("template").path("spec").get("activeDeadlineSeconds"))) {
      errs.add(
          FieldError.forbidden(
              "spec.template.spec.activeDeadlineSeconds",
              "activeDeadlineSeconds in StatefulSet is not Supported"));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    ObjectNode a = obj.get("spec") instanceof ObjectNode s ? s.deepCopy() : Json.object();
    ObjectNode b = old.get("spec") instanceof ObjectNode s ? s.deepCopy() : Json.object();
    for (String k :
        new String[] {
          "replicas",
          "template",
          "updateStrategy",
          "minReadySeconds",
          "ordinals",
          "revisionHistoryLimit",
          "persistentVolumeClaimRetentionPolicy"
        }) {
      a.remove(k);
      b.remove(k);
    }
    if (!a.equals(b)) {
      errs.add(FieldError.forbidden("spec", UPDATE_FORBIDDEN));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return PodSpecs.workloadColumns(
        null, Column.of("Ready", "string", "Number of the pod with ready state"));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    return PodSpecs.workloadRow(
        obj,
        now,
        spec.path("template").path("spec"),
        null,
        obj.path("status").path("readyReplicas").asLong(0) + "/" + spec.path("replicas").asLong(0));
  }
}
