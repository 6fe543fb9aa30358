package io.kpg.kinds.batch;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronJobKindTest {
  private final CronJobKind kind = new CronJobKind();

  private static ObjectNode cron(String schedule) {
    return obj(
        "{'metadata':{'name':'hello'},'spec':{"
            + (schedule == null ? "" : "'schedule':'" + schedule + "',")
            + "'jobTemplate':{'spec':{'template':{'spec':{'restartPolicy':'OnFailure',"
            + "'containers':[{'name':'hello','image':'busybox:1.28'}]}}}}}}");
  }

  @Test
  void defaults() {
    ObjectNode c = cron("*/5 * * * *");
    kind.applyDefaults(c);
    ObjectNode spec = (ObjectNode) c.get("spec");
    assertEquals("Allow", spec.path("concurrencyPolicy").asText());
    assertEquals(false, spec.path("suspend").asBoolean(true));
    assertEquals(3, spec.path("successfulJobsHistoryLimit").asInt());
    assertEquals(1, spec.path("failedJobsHistoryLimit").asInt());
    // job defaults are not applied to the job template
    assertEquals(false, spec.at("/jobTemplate/spec").has("backoffLimit"));
    assertEquals("ClusterFirst", spec.at("/jobTemplate/spec/template/spec/dnsPolicy").asText());
    assertEquals(List.of(), kind.validate(c));
    assertEquals(List.of("cj"), kind.shortNames());
  }

  @Test
  void scheduleValidation() {
    ObjectNode missing = cron(null);
    kind.applyDefaults(missing);
    assertEquals(List.of("spec.schedule: Required value"), messages(kind.validate(missing)));

    ObjectNode four = cron("* * * *");
    kind.applyDefaults(four);
    assertEquals(
        List.of(
            "spec.schedule: Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * *"
                + " *]"),
        messages(kind.validate(four)));

    ObjectNode range = cron("61 * * * *");
    kind.applyDefaults(range);
    assertEquals(
        List.of(
            "spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59):"
                + " 61"),
        messages(kind.validate(range)));

    ObjectNode tz = cron("CRON_TZ=UTC 0 * * * *");
    kind.applyDefaults(tz);
    assertEquals(
        List.of(
            "spec.schedule: Invalid value: \"CRON_TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in"
                + " schedule, use timeZone field instead"),
        messages(kind.validate(tz)));
  }

  @Test
  void cronParser() {
    assertNull(CronSchedule.error("@hourly"));
    assertNull(CronSchedule.error("0 0 * jan-mar mon,fri"));
    assertNull(CronSchedule.error("*/15 1-5 1,15 * ?"));
    assertNull(CronSchedule.error("@every 1h30m"));
    assertEquals("unrecognized descriptor: @sometimes", CronSchedule.error("@sometimes"));
    assertEquals(
        "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        CronSchedule.error("x * * * *"));
    assertEquals("end of range (7) above maximum (6): 7", CronSchedule.error("0 0 * * 7"));
    assertEquals("beginning of range (0) below minimum (1): 0", CronSchedule.error("0 0 0 * *"));
  }

  @Test
  void otherFields() {
    ObjectNode c = cron("0 * * * *");
    ((ObjectNode) c.get("spec")).put("concurrencyPolicy", "Sometimes");
    ((ObjectNode) c.get("spec")).put("timeZone", "Mars/Olympus");
    ((ObjectNode) c.at("/spec/jobTemplate/spec/template/spec")).put("restartPolicy", "Always");
    kind.applyDefaults(c);
    assertEquals(
        List.of(
            "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus",
            "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values:"
                + " \"Allow\", \"Forbid\", \"Replace\"",
            "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values:"
                + " \"OnFailure\", \"Never\""),
        messages(kind.validate(c)));
    ObjectNode ok = cron("0 * * * *");
    ((ObjectNode) ok.get("spec")).put("timeZone", "Europe/Berlin");
    kind.applyDefaults(ok);
    assertEquals(List.of(), kind.validate(ok));
  }

  @Test
  void row() {
    ObjectNode c = cron("0 * * * *");
    kind.applyDefaults(c);
    c.set("status", obj("{'active':[{'name':'j'}],'lastScheduleTime':'2024-01-01T00:00:00Z'}"));
    assertEquals(
        List.of(
            "hello",
            "0 * * * *",
            "<none>",
            "False",
            1L,
            "30s",
            "<unknown>",
            "hello",
            "busybox:1.28",
            "<none>"),
        kind.row(c, Instant.parse("2024-01-01T00:00:30Z")));
  }
}
