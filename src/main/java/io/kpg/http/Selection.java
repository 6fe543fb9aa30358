package io.kpg.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.selector.FieldSelector;
import io.kpg.selector.LabelSelector;
import java.util.function.Function;

/**
 * A namespace plus label and field selector, checked against objects: used by lists (after the SQL
 * push-down) and by watches (including the entering/leaving transitions).
 */
final class Selection {
  final KindDef kind;
  final String namespace;
  final LabelSelector labels;
  final FieldSelector fields;

  Selection(KindDef kind, String namespace, String labelSelector, String fieldSelector) {
    this.kind = kind;
    this.namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    this.labels =
        labelSelector == null || labelSelector.isEmpty()
            ? LabelSelector.everything()
            : LabelSelector.parse(labelSelector);
    this.fields =
        fieldSelector == null || fieldSelector.isEmpty()
            ? FieldSelector.everything()
            : FieldSelector.parse(fieldSelector);
    for (FieldSelector.Requirement r : fields.requirements()) {
      if (!supported(r.field())) {
        throw Errors.badRequest("field label not supported: " + r.field());
      }
    }
  }

  private boolean supported(String field) {
    return field.equals("metadata.name")
        || (field.equals("metadata.namespace"))
        || kind.fieldSelectors().containsKey(field);
  }

  boolean isEverything() {
    return labels.isEmpty() && fields.isEmpty();
  }

  boolean matches(ObjectNode obj) {
    JsonNode md = obj.path("metadata");
    if (namespace != null && !namespace.equals(md.path("namespace").asText(""))) {
      return false;
    }
    if (!labels.isEmpty() && !labels.matches(md.path("labels"))) {
      return false;
    }
    if (!fields.isEmpty()) {
      Function<String, String> value =
          f ->
              switch (f) {
                case "metadata.name" -> md.path("name").asText("");
                case "metadata.namespace" -> md.path("namespace").asText("");
                default -> {
                  Function<ObjectNode, String> fn = kind.fieldSelectors().get(f);
                  String v = fn == null ? null : fn.apply(obj);
                  yield v == null ? "" : v;
                }
              };
      return fields.matches(value);
    }
    return true;
  }

  boolean matchesText(String data) {
    return matches(Json.parseTrusted(data));
  }

  /** The exact name required by the field selector, if any (pushed down to SQL). */
  String exactName() {
    return fields.requiresExactMatch("metadata.name").orElse(null);
  }

  String exactNamespace() {
    return fields.requiresExactMatch("metadata.namespace").orElse(null);
  }

  /** The label equalities as a JSON object for the labels index, or null. */
  String labelContainment() {
    ObjectNode o = Json.object();
    for (LabelSelector.Requirement r : labels.requirements()) {
      if (r.op().isEquality() && r.values().size() == 1) {
        o.put(r.key(), r.values().get(0));
      }
    }
    return o.isEmpty() ? null : Json.write(o);
  }
}
