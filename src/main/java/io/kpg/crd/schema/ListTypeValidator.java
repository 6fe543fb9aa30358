package io.kpg.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Uniqueness of {@code x-kubernetes-list-type: set} items and {@code map} keys, as upstream's
 * listtype validation reports it ({@code Duplicate value} at the second occurrence).
 */
final class ListTypeValidator {
  private ListTypeValidator() {}

  static List<FieldError> validate(StructuralSchema s, JsonNode obj) {
    List<FieldError> errs = new ArrayList<>();
    if (obj != null && obj.isObject()) {
      object("", s, obj, errs);
    }
    return errs;
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static void object(String path, StructuralSchema s, JsonNode obj, List<FieldError> errs) {
    if (s == null) {
      return;
    }
    if (s.additionalProperties != null) {
      obj.fields()
          .forEachRemaining(
              e ->
                  value(path + "[" + e.getKey() + "]", s.additionalProperties, e.getValue(), errs));
    }
    obj.fields()
        .forEachRemaining(
            e -> {
              StructuralSchema sub = s.properties.get(e.getKey());
              if (sub != null) {
                value(child(path, e.getKey()), sub, e.getValue(), errs);
              }
            });
  }

  private static void value(String path, StructuralSchema s, JsonNode v, List<FieldError> errs) {
    if (v.isArray()) {
      array(path, s, v, errs);
    } else if (v.isObject()) {
      object(path, s, v, errs);
    }
  }

  private static void array(String path, StructuralSchema s, JsonNode list, List<FieldError> errs) {
    if ("set".equals(s.listType)) {
      for (int i : duplicates(list)) {
        errs.add(FieldError.duplicate(path + "[" + i + "]", GoFmt.value(list.get(i))));
      }
    } else if ("map".equals(s.listType)) {
      map(path, s, list, errs);
    }
    if (s.items != null) {
      for (int i = 0; i < list.size(); i++) {
        value(path + "[" + i + "]", s.items, list.get(i), errs);
      }
    }
  }

  /** indexes where a value occurs for the second time (later repeats are not reported) */
  private static List<Integer> duplicates(List<JsonNode> items) {
    List<Integer> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String k = identity(items.get(i));
      int times = seen.merge(k, 1, Integer::sum);
      if (times == 2) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Integer> duplicates(JsonNode list) {
    List<JsonNode> l = new ArrayList<>();
    list.forEach(l::add);
    return duplicates(l);
  }

  /** a key telling decoded JSON values apart as Go map keys / JSON encodings do */
  private static String identity(JsonNode v) {
    if (v == null) {
      return "\u0000unspecified";
    }
    if (v.isContainerNode()) {
      return "c" + Json.write(sorted(v));
    }
    if (v.isIntegralNumber()) {
      return "i" + v.bigIntegerValue();
    }
    if (v.isNumber()) {
      return "f" + v.doubleValue();
    }
    return "s" + v;
  }

  private static JsonNode sorted(JsonNode v) {
    if (v.isObject()) {
      ObjectNode o = Json.object();
      new java.util.TreeMap<String, JsonNode>(
              Json.MAPPER.convertValue(
                  v, new com.fasterxml.jackson.core.type.TypeReference<Map<String, JsonNode>>() {}))
          .forEach((k, e) -> o.set(k, sorted(e)));
      return o;
    }
    if (v.isArray()) {
      var a = Json.MAPPER.createArrayNode();
      v.forEach(e -> a.add(sorted(e)));
      return a;
    }
    return v;
  }

  private static void map(String path, StructuralSchema s, JsonNode list, List<FieldError> errs) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode x = list.get(i);
      if (!x.isNull() && !x.isObject()) {
        errs.add(
            FieldError.invalid(
                path + "[" + i + "]",
                GoFmt.value(x),
                "must be an object for an array of list-type map"));
        return;
      }
    }
    if (list.size() <= 1) {
      return;
    }
    List<JsonNode> keys = new ArrayList<>();
    for (JsonNode x : list) {
      if (s.listMapKeys.size() == 1) {
        JsonNode k = x.isObject() ? x.get(s.listMapKeys.get(0)) : null;
        keys.add(k);
      } else {
        ObjectNode key = Json.object();
        if (x.isObject()) {
          for (String f : s.listMapKeys) {
            if (x.has(f)) {
              key.set(f, x.get(f));
            }
          }
        }
        keys.add(key);
      }
    }
    for (int i : duplicates(keys)) {
      JsonNode k = keys.get(i);
      ObjectNode shown = Json.object();
      if (s.listMapKeys.size() == 1) {
        if (k != null) {
          shown.set(s.listMapKeys.get(0), k);
        }
      } else {
        shown = (ObjectNode) k;
      }
      errs.add(FieldError.duplicate(path + "[" + i + "]", GoFmt.value(shown)));
    }
  }
}
