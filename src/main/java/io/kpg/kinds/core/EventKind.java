package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * core/v1 Event. Validation is upstream's "legacy" event validation (core/v1 clients get only
 * that); the static helpers also serve events.k8s.io/v1, whose objects are validated in the core
 * shape with the strict rules on top (see {@code io.kpg.kinds.events.EventsEventKind}).
 */
@Singleton
public class EventKind extends KindDef {
  static final int REPORTING_INSTANCE_LIMIT = 128;
  static final int ACTION_LIMIT = 128;
  static final int REASON_LIMIT = 128;
  static final int NOTE_LIMIT = 1024;

  public EventKind() {
    super("", "v1", "Event", "events", true);
    shortNames("ev");
    fieldSelector("involvedObject.kind", o -> RestKinds.str(o, "involvedObject", "kind"));
    fieldSelector("involvedObject.namespace", o -> RestKinds.str(o, "involvedObject", "namespace"));
    fieldSelector("involvedObject.name", o -> RestKinds.str(o, "involvedObject", "name"));
    fieldSelector("involvedObject.uid", o -> RestKinds.str(o, "involvedObject", "uid"));
    fieldSelector(
        "involvedObject.apiVersion", o -> RestKinds.str(o, "involvedObject", "apiVersion"));
    fieldSelector(
        "involvedObject.resourceVersion",
        o -> RestKinds.str(o, "involvedObject", "resourceVersion"));
    fieldSelector("involvedObject.fieldPath", o -> RestKinds.str(o, "involvedObject", "fieldPath"));
    fieldSelector("reason", o -> RestKinds.str(o, "reason"));
    fieldSelector("reportingComponent", o -> RestKinds.str(o, "reportingComponent"));
    fieldSelector("source", EventKind::selectableSource);
    fieldSelector("type", o -> RestKinds.str(o, "type"));
  }

  /** {@code source} selects on source.component, falling back to the reporting controller. */
  public static String selectableSource(JsonNode coreEvent) {
    String s = RestKinds.str(coreEvent, "source", "component");
    return s.isEmpty() ? RestKinds.str(coreEvent, "reportingComponent") : s;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return legacyValidate(obj, "reportingComponent");
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return legacyValidate(obj, "reportingComponent");
  }

  private static boolean unset(JsonNode obj, String field) {
    return RestKinds.str(obj, field).isEmpty();
  }

  /**
   * legacyValidateEvent on an event in core/v1 shape; {@code reportingField} is the name used in
   * messages for the reporting controller ({@code reportingComponent} for core/v1 requests, {@code
   * reportingController} otherwise).
   */
  public static List<FieldError> legacyValidate(JsonNode ev, String reportingField) {
    List<FieldError> errs = new ArrayList<>();
    String ns = RestKinds.namespace(ev);
    String involvedNs = RestKinds.str(ev, "involvedObject", "namespace");
    if (unset(ev, "eventTime")) {
      if (involvedNs.isEmpty()) {
        if (!ns.isEmpty() && !ns.equals("default")) {
          errs.add(
              FieldError.invalid(
                  "involvedObject.namespace", involvedNs, "does not match event.namespace"));
        }
      } else if (!ns.equals(involvedNs)) {
        errs.add(
            FieldError.invalid(
                "involvedObject.namespace", involvedNs, "does not match event.namespace"));
      }
    } else {
      if (involvedNs.isEmpty() && !ns.equals("default") && !ns.equals("kube-system")) {
        errs.add(
            FieldError.invalid(
                "involvedObject.namespace", involvedNs, "does not match event.namespace"));
      }
      String rc = RestKinds.str(ev, "reportingComponent");
      if (rc.isEmpty()) {
        errs.add(FieldError.required(reportingField, ""));
      }
      for (String m : NameValidation.isQualifiedName(rc)) {
        errs.add(FieldError.invalid(reportingField, rc, m));
      }
      String ri = RestKinds.str(ev, "reportingInstance");
      if (ri.isEmpty()) {
        errs.add(FieldError.required("reportingInstance", ""));
      }
      if (ri.length() > REPORTING_INSTANCE_LIMIT) {
        errs.add(
            FieldError.invalid(
                "reportingInstance",
                "",
                "can have at most " + REPORTING_INSTANCE_LIMIT + " characters"));
      }
      String action = RestKinds.str(ev, "action");
      if (action.isEmpty()) {
        errs.add(FieldError.required("action", ""));
      }
      if (action.length() > ACTION_LIMIT) {
        errs.add(
            FieldError.invalid("action", "", "can have at most " + ACTION_LIMIT + " characters"));
      }
      String reason = RestKinds.str(ev, "reason");
      if (reason.isEmpty()) {
        errs.add(FieldError.required("reason", ""));
      }
      if (reason.length() > REASON_LIMIT) {
        errs.add(
            FieldError.invalid("reason", "", "can have at most " + REASON_LIMIT + " characters"));
      }
      if (RestKinds.str(ev, "message").length() > NOTE_LIMIT) {
        errs.add(
            FieldError.invalid("message", "", "can have at most " + NOTE_LIMIT + " characters"));
      }
    }
    for (String m : NameValidation.isDns1123Subdomain(ns)) {
      errs.add(FieldError.invalid("namespace", ns, m));
    }
    return errs;
  }

  /** Strict rules for events.k8s.io/v1 creates, on the core shape (ValidateEventCreate). */
  public static List<FieldError> strictValidateCreate(JsonNode ev) {
    List<FieldError> errs = new ArrayList<>(legacyValidate(ev, "reportingController"));
    errs.addAll(validateSeries(ev));
    if (unset(ev, "eventTime")) {
      errs.add(FieldError.required("eventTime", ""));
    }
    String type = RestKinds.str(ev, "type");
    if (!type.equals("Normal") && !type.equals("Warning")) {
      errs.add(FieldError.invalid("type", "", "has invalid value: " + type));
    }
    if (!unset(ev, "firstTimestamp")) {
      errs.add(FieldError.invalid("firstTimestamp", "", "needs to be unset"));
    }
    if (!unset(ev, "lastTimestamp")) {
      errs.add(FieldError.invalid("lastTimestamp", "", "needs to be unset"));
    }
    if (ev.path("count").asLong(0) != 0) {
      errs.add(FieldError.invalid("count", "", "needs to be unset"));
    }
    if (!RestKinds.str(ev, "source", "component").isEmpty()
        || !RestKinds.str(ev, "source", "host").isEmpty()) {
      errs.add(FieldError.invalid("source", "", "needs to be unset"));
    }
    return errs;
  }

  /** Strict rules for events.k8s.io/v1 updates, on the core shape (ValidateEventUpdate). */
  public static List<FieldError> strictValidateUpdate(JsonNode ev, JsonNode old) {
    List<FieldError> errs = new ArrayList<>(legacyValidate(ev, "reportingController"));
    if (!RestKinds.same(ev.get("series"), old.get("series"))) {
      errs.addAll(validateSeries(ev));
    }
    for (String f :
        List.of(
            "involvedObject",
            "reason",
            "message",
            "source",
            "firstTimestamp",
            "lastTimestamp",
            "count",
            "type",
            "eventTime",
            "action",
            "related",
            "reportingComponent",
            "reportingInstance")) {
      if (!RestKinds.same(ev.get(f), old.get(f))) {
        String path = f.equals("reportingComponent") ? "reportingController" : f;
        JsonNode v = ev.get(f);
        errs.add(FieldError.invalid(path, v == null ? null : v, RestKinds.IMMUTABLE));
      }
    }
    return errs;
  }

  static List<FieldError> validateSeries(JsonNode ev) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode series = RestKinds.node(ev, "series");
    if (series != null) {
      if (series.path("count").asLong(0) < 2) {
        errs.add(FieldError.invalid("series.count", "", "should be at least 2"));
      }
      if (RestKinds.str(series, "lastObservedTime").isEmpty()) {
        errs.add(FieldError.required("series.lastObservedTime", ""));
      }
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return eventColumns();
  }

  public static List<Column> eventColumns() {
    return List.of(
        RestKinds.col(
            "Last Seen",
            "string",
            "The time at which the most recent occurrence of this event was recorded."),
        RestKinds.col(
            "Type",
            "string",
            "Type of this event (Normal, Warning), new types could be added in the future"),
        RestKinds.col(
            "Reason",
            "string",
            "This should be a short, machine understandable string that gives the reason for the"
                + " transition into the object's current status."),
        RestKinds.col("Object", "string", "The object that this event is about."),
        RestKinds.wide(
            "Subobject",
            "string",
            "If referring to a piece of an object instead of an entire object, this string should"
                + " contain a valid JSON/Go field access statement, such as"
                + " desiredState.manifest.containers[2]."),
        RestKinds.wide(
            "Source",
            "string",
            "The component reporting this event. Should be a short machine understandable string."),
        RestKinds.col(
            "Message", "string", "A human-readable description of the status of this operation."),
        RestKinds.wide(
            "First Seen",
            "string",
            "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
        RestKinds.wide("Count", "string", "The number of times this event has occurred."),
        new Column("Name", "string", "name", RestKinds.NAME_DESC, 1));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return eventRow(obj, now);
  }

  /** printEvent (wide) on an event in core/v1 shape. */
  public static List<Object> eventRow(JsonNode ev, Instant now) {
    String first =
        unset(ev, "firstTimestamp")
            ? Tables.since(RestKinds.str(ev, "eventTime"), now)
            : Tables.since(RestKinds.str(ev, "firstTimestamp"), now);
    String last =
        unset(ev, "lastTimestamp") ? first : Tables.since(RestKinds.str(ev, "lastTimestamp"), now);
    long count = ev.path("count").asLong(0);
    JsonNode series = RestKinds.node(ev, "series");
    if (series != null) {
      last = Tables.since(RestKinds.str(series, "lastObservedTime"), now);
      count = series.path("count").asLong(0);
    } else if (count == 0) {
      count = 1;
    }
    String kind = RestKinds.str(ev, "involvedObject", "kind").toLowerCase(Locale.ROOT);
    String name = RestKinds.str(ev, "involvedObject", "name");
    String target = name.isEmpty() ? kind : kind + "/" + name;
    String component = RestKinds.str(ev, "source", "component");
    if (component.isEmpty()) {
      component = RestKinds.str(ev, "reportingComponent");
    }
    String host = RestKinds.str(ev, "source", "host");
    if (host.isEmpty()) {
      host = RestKinds.str(ev, "reportingInstance");
    }
    String source = host.isEmpty() ? component : component + ", " + host;
    return List.of(
        last,
        RestKinds.str(ev, "type"),
        RestKinds.str(ev, "reason"),
        target,
        RestKinds.str(ev, "involvedObject", "fieldPath"),
        source,
        RestKinds.str(ev, "message").strip(),
        first,
        count,
        RestKinds.name(ev));
  }
}
