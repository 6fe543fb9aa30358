package io.kpg.kinds.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.EventKind;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * events.k8s.io/v1 Event. Upstream stores these in the same place as core/v1 events and converts
 * between the shapes ({@link #toCore}, {@link #fromCore}); validation is done on the core shape
 * with the strict rules that apply to events.k8s.io clients.
 */
@Singleton
public class EventsEventKind extends KindDef {

  /** events.k8s.io/v1 field → core/v1 field, for the fields whose names differ. */
  public static final Map<String, String> TO_CORE =
      Map.of(
          "regarding", "involvedObject",
          "note", "message",
          "deprecatedSource", "source",
          "deprecatedFirstTimestamp", "firstTimestamp",
          "deprecatedLastTimestamp", "lastTimestamp",
          "deprecatedCount", "count",
          "reportingController", "reportingComponent");

  public EventsEventKind() {
    super("events.k8s.io", "v1", "Event", "events", true);
    shortNames("ev");
    for (String f :
        List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
      fieldSelector("regarding." + f, o -> RestKinds.str(o, "regarding", f));
    }
    fieldSelector("reason", o -> RestKinds.str(o, "reason"));
    fieldSelector("reportingController", o -> RestKinds.str(o, "reportingController"));
    fieldSelector("type", o -> RestKinds.str(o, "type"));
  }

  /** An events.k8s.io/v1 event in core/v1 shape. */
  public static ObjectNode toCore(JsonNode ev) {
    ObjectNode out = ((ObjectNode) ev).objectNode();
    ev.fields()
        .forEachRemaining(
            e -> out.set(TO_CORE.getOrDefault(e.getKey(), e.getKey()), e.getValue().deepCopy()));
    out.put("apiVersion", "v1");
    return out;
  }

  /** A core/v1 event in events.k8s.io/v1 shape. */
  public static ObjectNode fromCore(JsonNode ev) {
    ObjectNode out = ((ObjectNode) ev).objectNode();
    ev.fields()
        .forEachRemaining(
            e -> {
              String name = e.getKey();
              for (var m : TO_CORE.entrySet()) {
                if (m.getValue().equals(name)) {
                  name = m.getKey();
                }
              }
              out.set(name, e.getValue().deepCopy());
            });
    out.put("apiVersion", "events.k8s.io/v1");
    return out;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return EventKind.strictValidateCreate(toCore(obj));
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return EventKind.strictValidateUpdate(toCore(obj), toCore(old));
  }

  @Override
  public List<Column> columns() {
    return EventKind.eventColumns();
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return EventKind.eventRow(toCore(obj), now);
  }
}
