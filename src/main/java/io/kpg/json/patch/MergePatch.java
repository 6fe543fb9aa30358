package io.kpg.json.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386, {@code application/merge-patch+json}) as kube-apiserver applies it
 * (evanphx/json-patch v4 {@code MergePatch}): null deletes a member, objects merge recursively,
 * anything else replaces. Nulls inside a value that is added where nothing (or no object) was
 * before are dropped, also inside objects nested in arrays, as upstream does.
 */
public final class MergePatch {
  private MergePatch() {}

  /**
   * Applies {@code patch} to a copy of {@code doc}. A patch that is null or a scalar is rejected
   * with 400 "Invalid JSON Patch"; a patch that is an array replaces the document (the caller
   * decides whether that is acceptable for the resource).
   */
  public static JsonNode apply(JsonNode doc, JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode() || patch.isValueNode()) {
      throw PatchErrors.badRequest("Invalid JSON Patch");
    }
    if (patch.isArray()) {
      JsonNode p = patch.deepCopy();
      pruneNulls(p);
      return p;
    }
    ObjectNode p = (ObjectNode) patch.deepCopy();
    if (doc == null || !doc.isObject()) {
      pruneNulls(p);
      return p;
    }
    ObjectNode d = (ObjectNode) doc.deepCopy();
    mergeObjects(d, p);
    return d;
  }

  private static void mergeObjects(ObjectNode doc, ObjectNode patch) {
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        doc.remove(k);
        continue;
      }
      JsonNode cur = doc.get(k);
      if (cur == null || cur.isNull()) {
        pruneNulls(v);
        doc.set(k, v);
      } else {
        doc.set(k, merge(cur, v));
      }
    }
  }

  private static JsonNode merge(JsonNode cur, JsonNode patch) {
    if (!cur.isObject()) {
      pruneNulls(patch);
      return patch;
    }
    if (!patch.isObject()) {
      return patch;
    }
    mergeObjects((ObjectNode) cur, (ObjectNode) patch);
    return cur;
  }

  /** Drops null members of objects throughout the value (null array elements stay). */
  static void pruneNulls(JsonNode n) {
    if (n instanceof ObjectNode o) {
      List<String> nulls = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull()) {
          nulls.add(e.getKey());
        } else {
          pruneNulls(e.getValue());
        }
      }
      o.remove(nulls);
    } else if (n instanceof ArrayNode a) {
      for (JsonNode el : a) {
        pruneNulls(el);
      }
    }
  }
}
