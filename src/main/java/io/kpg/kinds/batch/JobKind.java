package io.kpg.kinds.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.kinds.core.PodSpecs;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** batch/v1 Job. */
@Singleton
public class JobKind extends KindDef {

  public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  public static final String JOB_NAME = "batch.kubernetes.io/job-name";
  public static final String LEGACY_CONTROLLER_UID = "controller-uid";
  public static final String LEGACY_JOB_NAME = "job-name";

  /** The Selector column's description, shared with CronJob. */
  static final String SELECTOR_DESCRIPTION =
      "A label query over pods that should match the pod count. Normally, the system sets this"
          + " field for you. More info:"
          + " https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

  public JobKind() {
    super("batch", "v1", "Job", "jobs", true);
    categories("all");
    fieldSelector(
        "status.successful", o -> Long.toString(o.path("status").path("succeeded").asLong(0)));
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  /** SetDefaults_Job plus the pod template defaults. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    applyJobSpecDefaults(spec);
    JsonNode labels = spec.path("template").path("metadata").get("labels");
    ObjectNode md = Json.obj(obj, "metadata");
    if (labels != null && labels.isObject() && md.path("labels").size() == 0) {
      md.set("labels", labels.deepCopy());
    }
  }

  static void applyJobSpecDefaults(ObjectNode spec) {
    if (!PodSpecs.present(spec.get("completions")) && !PodSpecs.present(spec.get("parallelism"))) {
      spec.put("completions", 1);
      spec.put("parallelism", 1);
    }
    if (!PodSpecs.present(spec.get("parallelism"))) {
      spec.put("parallelism", 1);
    }
    if (!PodSpecs.present(spec.get("backoffLimit"))) {
      spec.put(
          "backoffLimit",
          PodSpecs.present(spec.get("backoffLimitPerIndex")) ? Integer.MAX_VALUE : 6);
    }
    if (!PodSpecs.present(spec.get("completionMode"))) {
      spec.put("completionMode", "NonIndexed");
    }
    if (!PodSpecs.present(spec.get("suspend"))) {
      spec.put("suspend", false);
    }
    JsonNode pfp = spec.get("podFailurePolicy");
    if (PodSpecs.present(pfp)) {
      for (JsonNode rule : pfp.path("rules")) {
        for (JsonNode pattern : rule.path("onPodConditions")) {
          if (pattern instanceof ObjectNode p && p.path("status").asText("").isEmpty()) {
            p.put("status", "True");
          }
        }
      }
    }
    if (!PodSpecs.present(spec.get("podReplacementPolicy"))) {
      spec.put("podReplacementPolicy", PodSpecs.present(pfp) ? "Failed" : "TerminatingOrFailed");
    }
    PodSpecs.applyPodTemplateDefaults(Json.obj(spec, "template"));
  }

  /**
   * Upstream's create path: status reset, then (unless {@code spec.manualSelector} is true) the
   * generated selector {@code batch.kubernetes.io/controller-uid=<uid>} and the job-name /
   * controller-uid labels on the template. Needs {@code metadata.uid}; when it is missing one is
   * assigned here (the store must keep it).
   */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    super.prepareForCreate(obj);
    ObjectNode md = Json.obj(obj, "metadata");
    if (md.path("uid").asText("").isEmpty()) {
      md.put("uid", UUID.randomUUID().toString());
    }
    ObjectNode spec = Json.obj(obj, "spec");
    if (!spec.path("manualSelector").asBoolean(false)) {
      generateSelector(obj);
    }
  }

  /** generateSelector from pkg/registry/batch/job/strategy.go. */
  static void generateSelector(ObjectNode obj) {
    ObjectNode md = Json.obj(obj, "metadata");
    String uid = md.path("uid").asText("");
    String name = md.path("name").asText("");
    ObjectNode spec = Json.obj(obj, "spec");
    ObjectNode tmd = Json.obj(Json.obj(spec, "template"), "metadata");
    JsonNode before = tmd.get("labels");
    // upstream shares the template label map with the job labels when it copied it in defaults
    boolean shared =
        before != null && before.isObject() && before.size() > 0 && before.equals(md.get("labels"));
    ObjectNode labels = Json.obj(tmd, "labels");
    for (String k : new String[] {LEGACY_JOB_NAME, JOB_NAME}) {
      if (!labels.has(k)) {
        labels.put(k, name);
      }
    }
    for (String k : new String[] {LEGACY_CONTROLLER_UID, CONTROLLER_UID}) {
      if (!labels.has(k)) {
        labels.put(k, uid);
      }
    }
    ObjectNode sel = Json.obj(spec, "selector");
    ObjectNode ml = Json.obj(sel, "matchLabels");
    if (!ml.has(CONTROLLER_UID)) {
      ml.put(CONTROLLER_UID, uid);
    }
    if (shared || md.path("labels").size() == 0) {
      md.set("labels", labels.deepCopy());
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(validateGeneratedSelector(obj));
    JsonNode spec = obj.path("spec");
    errs.addAll(validateJobSpec(spec, "spec"));
    JsonNode sel = spec.get("selector");
    if (!PodSpecs.present(sel)) {
      errs.add(FieldError.required("spec.selector", ""));
    } else {
      errs.addAll(PodSpecs.validateLabelSelector(sel, "spec.selector"));
    }
    if (!PodSpecs.present(sel) || PodSpecs.selectorString(sel) != null) {
      JsonNode labels = spec.path("template").path("metadata").get("labels");
      if (!PodSpecs.selectorMatches(sel, labels)) {
        errs.add(
            FieldError.invalid(
                "spec.template.metadata.labels",
                PodSpecs.sortedMap(labels),
                "`selector` does not match template `labels`"));
      }
    }
    if ("Indexed".equals(spec.path("completionMode").asText())
        && spec.path("completions").asLong(0) > 0) {
      String name = obj.path("metadata").path("name").asText("");
      String host = name + "-" + (spec.path("completions").asLong() - 1);
      if (!NameValidation.isDns1123Label(host).isEmpty()) {
        errs.add(
            FieldError.invalid(
                "metadata.name",
                name,
                "will not able to create pod with invalid DNS label: " + host));
      }
    }
    return errs;
  }

  private static List<FieldError> validateGeneratedSelector(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    if (spec.path("manualSelector").asBoolean(false)) {
      return errs;
    }
    String uid = obj.path("metadata").path("uid").asText("");
    String name = obj.path("metadata").path("name").asText("");
    JsonNode labels = spec.path("template").path("metadata").get("labels");
    if (labels == null || !labels.isObject()) {
      labels = Json.object();
    }
    hasLabel(labels, LEGACY_CONTROLLER_UID, uid, errs);
    hasLabel(labels, LEGACY_JOB_NAME, name, errs);
    hasLabel(labels, CONTROLLER_UID, uid, errs);
    hasLabel(labels, JOB_NAME, name, errs);
    JsonNode sel = spec.get("selector");
    if (!PodSpecs.present(sel) || PodSpecs.selectorString(sel) != null) {
      ObjectNode expected = Json.object().put(CONTROLLER_UID, uid);
      if (!PodSpecs.selectorMatches(sel, expected)) {
        errs.add(
            FieldError.invalid(
                "spec.selector",
                PodSpecs.present(sel) ? PodSpecs.sortedSelector(sel) : Json.MAPPER.nullNode(),
                "`selector` not auto-generated"));
      }
    }
    return errs;
  }

  private static void hasLabel(JsonNode labels, String key, String want, List<FieldError> errs) {
    String path = "spec.template.metadata.labels[" + key + "]";
    JsonNode v = labels.get(key);
    if (v == null || v.isNull()) {
      errs.add(FieldError.required(path, "must be '" + want + "'"));
    } else if (!v.asText().equals(want)) {
      errs.add(FieldError.invalid(path, v.asText(), "must be '" + want + "'"));
    }
  }

  /** validateJobSpec (also used for CronJob job templates), at {@code path}. */
  static List<FieldError> validateJobSpec(JsonNode spec, String path) {
    List<FieldError> errs = new ArrayList<>();
    for (String f :
        new String[] {
          "parallelism",
          "completions",
          "activeDeadlineSeconds",
          "backoffLimit",
          "ttlSecondsAfterFinished"
        }) {
      PodSpecs.nonNegative(spec.get(f), path + "." + f, errs);
    }
    JsonNode bpi = spec.get("backoffLimitPerIndex");
    PodSpecs.nonNegative(bpi, path + ".backoffLimitPerIndex", errs);
    JsonNode mfi = spec.get("maxFailedIndexes");
    PodSpecs.nonNegative(mfi, path + ".maxFailedIndexes", errs);
    String mode = spec.path("completionMode").asText("");
    if (PodSpecs.present(spec.get("completionMode"))) {
      if (!mode.equals("NonIndexed") && !mode.equals("Indexed")) {
        errs.add(
            FieldError.notSupported(
                path + ".completionMode", mode, List.of("NonIndexed", "Indexed")));
      }
      if (mode.equals("Indexed")) {
        if (!PodSpecs.present(spec.get("completions"))) {
          errs.add(FieldError.required(path + ".completions", "when completion mode is Indexed"));
        }
        long par = spec.path("parallelism").asLong(0);
        if (par > 100000) {
          errs.add(
              FieldError.invalid(
                  path + ".parallelism",
                  par,
                  "must be less than or equal to 100000 when completion mode is Indexed"));
        }
      }
    }
    if (!mode.equals("Indexed")) {
      if (PodSpecs.present(bpi)) {
        errs.add(
            FieldError.invalid(
                path + ".backoffLimitPerIndex", bpi.asLong(), "requires indexed completion mode"));
      }
      if (PodSpecs.present(mfi)) {
        errs.add(
            FieldError.invalid(
                path + ".maxFailedIndexes", mfi.asLong(), "requires indexed completion mode"));
      }
    }
    String prp = spec.path("podReplacementPolicy").asText("");
    if (PodSpecs.present(spec.get("podReplacementPolicy"))) {
      List<String> allowed =
          PodSpecs.present(spec.get("podFailurePolicy"))
              ? List.of("Failed")
              : List.of("Failed", "TerminatingOrFailed");
      if (!allowed.contains(prp)) {
        errs.add(FieldError.notSupported(path + ".podReplacementPolicy", prp, allowed));
      }
    }
    JsonNode template = spec.get("template");
    errs.addAll(
        PodSpecs.validatePodTemplate(
            PodSpecs.present(template) ? template : Json.object(), path + ".template"));
    String rp = spec.path("template").path("spec").path("restartPolicy").asText("");
    String rpPath = path + ".template.spec.restartPolicy";
    if (rp.isEmpty() || rp.equals("Always")) {
      errs.add(FieldError.required(rpPath, "valid values: \"OnFailure\", \"Never\""));
    } else if (!rp.equals("OnFailure") && !rp.equals("Never")) {
      errs.add(FieldError.notSupported(rpPath, rp, List.of("OnFailure", "Never")));
    } else if (PodSpecs.present(spec.get("podFailurePolicy")) && !rp.equals("Never")) {
      errs.add(
          FieldError.invalid(
              rpPath, rp, "only \"Never\" is supported when podFailurePolicy is specified"));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    JsonNode oldSpec = old.path("spec");
    errs.addAll(validateJobSpec(spec, "spec"));
    JsonNode sel = spec.get("selector");
    if (!PodSpecs.present(sel)) {
      errs.add(FieldError.required("spec.selector", ""));
    } else if (PodSpecs.selectorString(sel) != null
        && !PodSpecs.selectorMatches(sel, spec.path("template").path("metadata").get("labels"))) {
      errs.add(
          FieldError.invalid(
              "spec.template.metadata.labels",
              PodSpecs.sortedMap(spec.path("template").path("metadata").get("labels")),
              "`selector` does not match template `labels`"));
    }
    // completions: mutable only for Indexed jobs, in tandem with parallelism
    boolean indexed = "Indexed".equals(spec.path("completionMode").asText());
    JsonNode comp = spec.get("completions");
    JsonNode oldComp = oldSpec.get("completions");
    if (!indexed) {
      PodSpecs.immutable(comp, oldComp, "spec.completions", errs);
    } else if (PodSpecs.present(comp)
        && !comp.equals(oldComp)
        && comp.asLong() != spec.path("parallelism").asLong()) {
      errs.add(
          FieldError.invalid(
              "spec.completions",
              comp.asLong(),
              "can only be modified in tandem with spec.parallelism"));
    }
    PodSpecs.immutable(
        sel == null ? null : PodSpecs.sortedSelector(sel),
        oldSpec.get("selector") == null ? null : PodSpecs.sortedSelector(oldSpec.get("selector")),
        "spec.selector",
        errs);
    // the template is immutable, except scheduling directives while suspended and never started
    JsonNode template = spec.path("template");
    ObjectNode oldTemplate =
        oldSpec.get("template") instanceof ObjectNode t ? t.deepCopy() : Json.object();
    boolean mutableScheduling =
        spec.path("suspend").asBoolean(false)
            && !PodSpecs.present(old.path("status").get("startTime"));
    if (mutableScheduling) {
      ObjectNode ospec = Json.obj(oldTemplate, "spec");
      ObjectNode omd = Json.obj(oldTemplate, "metadata");
      copyOrRemove(template.path("spec"), ospec, "nodeSelector");
      copyOrRemove(template.path("spec"), ospec, "tolerations");
      copyOrRemove(template.path("spec"), ospec, "schedulingGates");
      copyOrRemove(template.path("metadata"), omd, "labels");
      copyOrRemove(template.path("metadata"), omd, "annotations");
      JsonNode aff = template.path("spec").get("affinity");
      if (PodSpecs.present(aff)) {
        ObjectNode oaff = Json.obj(ospec, "affinity");
        copyOrRemove(aff, oaff, "nodeAffinity");
      } else if (ospec.get("affinity") instanceof ObjectNode oaff) {
        oaff.remove("nodeAffinity");
        if (oaff.isEmpty()) {
          ospec.remove("affinity");
        }
      }
      if (omd.isEmpty() && !template.has("metadata")) {
        oldTemplate.remove("metadata");
      }
    }
    if (!template.equals(oldTemplate)) {
      errs.add(FieldError.invalid("spec.template", template, "field is immutable"));
    }
    for (String f :
        new String[] {
          "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"
        }) {
      PodSpecs.immutable(spec.get(f), oldSpec.get(f), "spec." + f, errs);
    }
    return errs;
  }

  private static void copyOrRemove(JsonNode from, ObjectNode to, String key) {
    JsonNode v = from == null ? null : from.get(key);
    if (v == null) {
      to.remove(key);
    } else {
      to.set(key, v.deepCopy());
    }
  }

  @Override
  public List<Column> columns() {
    return PodSpecs.workloadColumns(
        SELECTOR_DESCRIPTION,
        Column.of("Status", "string", "Status of the job."),
        Column.of(
            "Completions",
            "string",
            "The number of pods which reached phase Succeeded. The value increases monotonically"
                + " for a given spec. However, it may decrease in reaction to scale down of"
                + " elastic indexed jobs."),
        Column.of("Duration", "string", "Time required to complete the job."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode status = obj.path("status");
    long succeeded = status.path("succeeded").asLong(0);
    String completions;
    if (PodSpecs.present(spec.get("completions"))) {
      completions = succeeded + "/" + spec.get("completions").asLong();
    } else {
      long par = spec.path("parallelism").asLong(0);
      completions = par > 1 ? succeeded + "/1 of " + par : succeeded + "/1";
    }
    String duration = "";
    Instant start = time(status.path("startTime").asText(""));
    if (start != null) {
      Instant end = time(status.path("completionTime").asText(""));
      duration = Tables.humanDuration(Duration.between(start, end == null ? now : end));
    }
    String st;
    if (condition(status, "Complete")) {
      st = "Complete";
    } else if (condition(status, "Failed")) {
      st = "Failed";
    } else if (PodSpecs.present(obj.path("metadata").get("deletionTimestamp"))) {
      st = "Terminating";
    } else if (condition(status, "Suspended")) {
      st = "Suspended";
    } else if (condition(status, "FailureTarget")) {
      st = "FailureTarget";
    } else {
      st = "Running";
    }
    return PodSpecs.workloadRow(
        obj,
        now,
        spec.path("template").path("spec"),
        PodSpecs.formatLabelSelector(spec.get("selector")),
        st,
        completions,
        duration);
  }

  /** hasJobCondition: the first condition of the type decides. */
  private static boolean condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  static Instant time(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
