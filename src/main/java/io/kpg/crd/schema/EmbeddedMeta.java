package io.kpg.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.validation.NameValidation;
import io.kpg.registry.validation.ObjectMetaValidation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks of objects marked {@code x-kubernetes-embedded-resource} (upstream's objectmeta
 * validation): apiVersion and kind required and well-formed, metadata decodable as ObjectMeta and
 * valid as ObjectMeta is on create (with a stand-in name when it has none).
 */
final class EmbeddedMeta {
  private EmbeddedMeta() {}

  static List<FieldError> validate(StructuralSchema s, JsonNode obj) {
    List<FieldError> errs = new ArrayList<>();
    walk("", obj, s, errs);
    return errs;
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static void walk(String path, JsonNode x, StructuralSchema s, List<FieldError> errs) {
    if (s == null || x == null) {
      return;
    }
    if (x.isObject()) {
      if (s.embeddedResource) {
        embedded(path, (ObjectNode) x, errs);
      }
      x.fields()
          .forEachRemaining(
              e -> {
                StructuralSchema prop = s.properties.get(e.getKey());
                if (prop != null) {
                  walk(child(path, e.getKey()), e.getValue(), prop, errs);
                } else if (s.additionalProperties != null) {
                  walk(path + "[" + e.getKey() + "]", e.getValue(), s.additionalProperties, errs);
                }
              });
    } else if (x.isArray()) {
      for (int i = 0; i < x.size(); i++) {
        walk(path + "[" + i + "]", x.get(i), s.items, errs);
      }
    }
  }

  private static void embedded(String path, ObjectNode x, List<FieldError> errs) {
    if (!x.has("apiVersion")) {
      errs.add(FieldError.required(child(path, "apiVersion"), null));
    }
    if (!x.has("kind")) {
      errs.add(FieldError.required(child(path, "kind"), null));
    }
    JsonNode av = x.get("apiVersion");
    if (av != null) {
      String p = child(path, "apiVersion");
      if (!av.isTextual()) {
        errs.add(FieldError.invalid(p, GoFmt.value(av), "must be a string"));
      } else if (av.textValue().isEmpty()) {
        errs.add(FieldError.invalid(p, "", "must not be empty"));
      } else if (av.textValue().split("/", -1).length > 2) {
        errs.add(
            FieldError.invalid(
                p, av.textValue(), "unexpected GroupVersion string: " + av.textValue()));
      }
    }
    JsonNode kind = x.get("kind");
    if (kind != null) {
      String p = child(path, "kind");
      if (!kind.isTextual()) {
        errs.add(FieldError.invalid(p, GoFmt.value(kind), "must be a string"));
      } else if (kind.textValue().isEmpty()) {
        errs.add(FieldError.invalid(p, "", "must not be empty"));
      } else {
        List<String> bad = NameValidation.isDns1035Label(kind.textValue().toLowerCase(Locale.ROOT));
        if (!bad.isEmpty()) {
          errs.add(
              FieldError.invalid(
                  p,
                  kind.textValue(),
                  "may have mixed case, but should otherwise match: " + String.join(",", bad)));
        }
      }
    }
    JsonNode meta = x.get("metadata");
    if (meta != null) {
      String p = child(path, "metadata");
      String decodeError = decodeError(meta);
      if (decodeError != null) {
        errs.add(FieldError.invalid(p, GoFmt.value(meta), decodeError));
        return;
      }
      ObjectNode m = meta.isNull() ? Json.object() : ((ObjectNode) meta).deepCopy();
      if (!m.path("name").isTextual() || m.path("name").textValue().isEmpty()) {
        m.put("name", "fakename");
      }
      ObjectNode holder = Json.object();
      holder.set("metadata", m);
      boolean namespaced =
          m.path("namespace").isTextual() && !m.path("namespace").textValue().isEmpty();
      for (FieldError e :
          ObjectMetaValidation.validate(
              holder, namespaced, NameValidation::isValidPathSegmentName, false)) {
        errs.add(new FieldError(e.type(), child(path, e.field()), e.badValue(), e.detail()));
      }
    }
  }

  private static final Set<String> STRING_FIELDS =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "creationTimestamp",
          "deletionTimestamp");
  private static final Set<String> MAP_FIELDS = Set.of("labels", "annotations");

  /** Go's json error when metadata does not decode into ObjectMeta (the common field types). */
  static String decodeError(JsonNode meta) {
    if (meta.isNull()) {
      return null;
    }
    if (!meta.isObject()) {
      return "json: cannot unmarshal " + jsonType(meta) + " into Go value of type v1.ObjectMeta";
    }
    Iterator<Map.Entry<String, JsonNode>> it = meta.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      String k = e.getKey();
      if (STRING_FIELDS.contains(k) && !v.isTextual()) {
        return fieldError(v, k, "string");
      }
      if ((k.equals("generation") || k.equals("deletionGracePeriodSeconds"))
          && !v.isIntegralNumber()) {
        return fieldError(v, k, "int64");
      }
      if (MAP_FIELDS.contains(k)) {
        if (!v.isObject()) {
          return fieldError(v, k, "map[string]string");
        }
        Iterator<JsonNode> vals = v.elements();
        while (vals.hasNext()) {
          JsonNode lv = vals.next();
          if (!lv.isTextual() && !lv.isNull()) {
            return fieldError(lv, k, "string");
          }
        }
      }
      if (k.equals("finalizers")) {
        if (!v.isArray()) {
          return fieldError(v, k, "[]string");
        }
        for (JsonNode f : v) {
          if (!f.isTextual() && !f.isNull()) {
            return fieldError(f, k, "string");
          }
        }
      }
    }
    return null;
  }

  private static String fieldError(JsonNode v, String field, String goType) {
    return "json: cannot unmarshal "
        + jsonType(v)
        + " into Go struct field ObjectMeta."
        + field
        + " of type "
        + goType;
  }

  private static String jsonType(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isArray()) {
      return "array";
    }
    return "object";
  }
}
