package io.kpg.kinds.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.kinds.core.PodSpecs;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.ObjectMetaValidation;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** batch/v1 CronJob. */
@Singleton
public class CronJobKind extends KindDef {

  private static final Pattern TZ_CHARS = Pattern.compile("^[A-Za-z\\.\\-_0-9+]{1,14}$");

  public CronJobKind() {
    super("batch", "v1", "CronJob", "cronjobs", true);
    shortNames("cj");
    categories("all");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  /** SetDefaults_CronJob plus the job template's pod template defaults. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    if (spec.path("concurrencyPolicy").asText("").isEmpty()) {
      spec.put("concurrencyPolicy", "Allow");
    }
    if (!PodSpecs.present(spec.get("suspend"))) {
      spec.put("suspend", false);
    }
    if (!PodSpecs.present(spec.get("successfulJobsHistoryLimit"))) {
      spec.put("successfulJobsHistoryLimit", 3);
    }
    if (!PodSpecs.present(spec.get("failedJobsHistoryLimit"))) {
      spec.put("failedJobsHistoryLimit", 1);
    }
    ObjectNode jobSpec = Json.obj(Json.obj(spec, "jobTemplate"), "spec");
    PodSpecs.applyPodTemplateDefaults(Json.obj(jobSpec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String name = obj.path("metadata").path("name").asText("");
    if (name.length() > 52) {
      errs.add(FieldError.invalid("metadata.name", name, "must be no more than 52 characters"));
    }
    errs.addAll(validateSpec(obj.path("spec"), null));
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return validateSpec(obj.path("spec"), old.path("spec"));
  }

  private static List<FieldError> validateSpec(JsonNode spec, JsonNode oldSpec) {
    List<FieldError> errs = new ArrayList<>();
    String schedule = spec.path("schedule").asText("");
    if (schedule.isEmpty()) {
      errs.add(FieldError.required("spec.schedule", ""));
    } else {
      boolean allowTz = oldSpec != null && oldSpec.path("schedule").asText("").contains("TZ");
      String err = CronSchedule.error(schedule);
      if (err != null) {
        errs.add(FieldError.invalid("spec.schedule", schedule, err));
      }
      boolean hasTz = PodSpecs.present(spec.get("timeZone"));
      if (allowTz && schedule.contains("TZ") && hasTz) {
        errs.add(
            FieldError.invalid(
                "spec.schedule",
                schedule,
                "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
      } else if (!allowTz && schedule.contains("TZ")) {
        errs.add(
            FieldError.invalid(
                "spec.schedule",
                schedule,
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
      }
    }
    PodSpecs.nonNegative(spec.get("startingDeadlineSeconds"), "spec.startingDeadlineSeconds", errs);
    JsonNode tz = spec.get("timeZone");
    JsonNode oldTz = oldSpec == null ? null : oldSpec.get("timeZone");
    if (PodSpecs.present(tz) && (oldSpec == null || !tz.equals(oldTz))) {
      validateTimeZone(tz.asText(), errs);
    }
    String cp = spec.path("concurrencyPolicy").asText("");
    List<String> policies = List.of("Allow", "Forbid", "Replace");
    if (cp.isEmpty()) {
      errs.add(FieldError.required("spec.concurrencyPolicy", ""));
    } else if (!policies.contains(cp)) {
      errs.add(FieldError.notSupported("spec.concurrencyPolicy", cp, policies));
    }
    JsonNode jobSpec = spec.path("jobTemplate").path("spec");
    errs.addAll(JobKind.validateJobSpec(jobSpec, "spec.jobTemplate.spec"));
    errs.addAll(
        ObjectMetaValidation.validateLabels(
            spec.path("jobTemplate").path("metadata").get("labels"),
            "spec.jobTemplate.metadata.labels"));
    JsonNode manual = jobSpec.get("manualSelector");
    if (manual != null && manual.asBoolean(false)) {
      errs.add(
          FieldError.notSupported(
              "spec.jobTemplate.spec.manualSelector", true, List.of("nil", "false")));
    }
    PodSpecs.nonNegative(
        spec.get("successfulJobsHistoryLimit"), "spec.successfulJobsHistoryLimit", errs);
    PodSpecs.nonNegative(spec.get("failedJobsHistoryLimit"), "spec.failedJobsHistoryLimit", errs);
    return errs;
  }

  private static void validateTimeZone(String tz, List<FieldError> errs) {
    String path = "spec.timeZone";
    if (tz.isEmpty()) {
      errs.add(FieldError.invalid(path, tz, "timeZone must be nil or non-empty string"));
      return;
    }
    for (String part : tz.split("/", -1)) {
      if (part.equals(".")
          || part.equals("..")
          || part.startsWith("-")
          || !TZ_CHARS.matcher(part).matches()) {
        errs.add(FieldError.invalid(path, tz, "unknown time zone " + tz));
        return;
      }
    }
    if (tz.equalsIgnoreCase("Local")) {
      errs.add(
          FieldError.invalid(
              path,
              tz,
              "timeZone must be an explicit time zone as defined in"
                  + " https://www.iana.org/time-zones"));
    }
    String err = CronSchedule.zoneError(tz);
    if (err != null) {
      errs.add(FieldError.invalid(path, tz, err));
    }
  }

  @Override
  public List<Column> columns() {
    return PodSpecs.workloadColumns(
        JobKind.SELECTOR_DESCRIPTION,
        Column.of(
            "Schedule",
            "string",
            "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        Column.of(
            "Timezone",
            "string",
            "The time zone name for the given schedule, see"
                + " https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not"
                + " specified, this will default to the time zone of the kube-controller-manager"
                + " process. The set of valid time zone names and the time zone offset is loaded"
                + " from the system-wide time zone database by the API server during CronJob"
                + " validation and the controller manager during execution. If no system-wide"
                + " time zone database can be found a bundled version of the database is used"
                + " instead. If the time zone name becomes invalid during the lifetime of a"
                + " CronJob or due to a change in host configuration, the controller will stop"
                + " creating new new Jobs and will create a system event with the reason"
                + " UnknownTimeZone. More information can be found in"
                + " https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones"),
        Column.of(
            "Suspend",
            "boolean",
            "This flag tells the controller to suspend subsequent executions, it does not apply"
                + " to already started executions.  Defaults to false."),
        Column.of("Active", "integer", "A list of pointers to currently running jobs."),
        Column.of(
            "Last Schedule",
            "string",
            "Information when was the last time the job was successfully scheduled."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode status = obj.path("status");
    String last = "<none>";
    Instant lst = JobKind.time(status.path("lastScheduleTime").asText(""));
    if (lst != null) {
      last = Tables.humanDuration(Duration.between(lst, now));
    }
    String tz = PodSpecs.present(spec.get("timeZone")) ? spec.get("timeZone").asText() : "<none>";
    JsonNode suspend = spec.get("suspend");
    String suspendCell =
        PodSpecs.present(suspend) ? (suspend.asBoolean() ? "True" : "False") : "<unset>";
    JsonNode jobSpec = spec.path("jobTemplate").path("spec");
    return PodSpecs.workloadRow(
        obj,
        now,
        jobSpec.path("template").path("spec"),
        PodSpecs.formatLabelSelector(jobSpec.get("selector")),
        spec.path("schedule").asText(""),
        tz,
        suspendCell,
        (long) status.path("active").size(),
        last);
  }
}
