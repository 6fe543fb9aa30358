package io.kpg.json.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}) with the semantics of
 * apimachinery's {@code strategicpatch.StrategicMergeMapPatch}, driven by the patch metadata of the
 * built-in schemas.
 *
 * <ul>
 *   <li>Objects merge recursively; a null value deletes the member.
 *   <li>Lists whose field has patch strategy {@code merge} merge: lists of objects by the field's
 *       merge key (a patch element is merged into the element with the same key, others are added),
 *       lists of scalars as a set union. Other lists are replaced.
 *   <li>Element order follows upstream: patch elements take the order of the patch (or of {@code
 *       $setElementOrder/<field>}), elements only on the server keep their relative order and are
 *       interleaved by their position in the live list. New elements therefore come before the live
 *       elements that are not mentioned in the patch, as with kube-apiserver.
 *   <li>Directives: {@code $patch: replace|delete} in objects, {@code $patch: delete|replace} in
 *       list elements, {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>}, {@code
 *       $setElementOrder/<field>}.
 *   <li>Members unknown to the schema and free-form values (ANY) have no patch metadata: objects
 *       merge, lists are replaced, as for a JSON merge patch.
 * </ul>
 *
 * Errors map as kube-apiserver maps them ({@code interpretStrategicMergePatchError}): malformed
 * {@code $retainKeys}, {@code $setElementOrder} and {@code $deleteFromPrimitiveList} directives are
 * 400 BadRequest, lists of lists are 422, any other failure of the patch library (missing merge
 * key, unknown {@code $patch} value, order list not matching the patch list...) reaches the client
 * as a 500 carrying the library's message, as it does upstream. Directive keys never appear in the
 * result.
 */
public final class StrategicMergePatch {
  private StrategicMergePatch() {}

  static final String DIRECTIVE = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";

  private static final String MAP_TYPE = "map[string]interface {}";
  private static final String LIST_TYPE = "[]interface {}";

  /**
   * Applies {@code patch} to a copy of {@code doc} using the patch metadata of {@code schema} (the
   * top-level object schema of the kind; null means no metadata at all). Neither argument is
   * modified.
   */
  public static ObjectNode apply(ObjectNode doc, ObjectNode patch, Schema schema) {
    ObjectNode original = doc == null ? JsonNodeFactory.instance.objectNode() : doc.deepCopy();
    if (patch == null) {
      return original;
    }
    ObjectNode p = patch.deepCopy();
    ObjectNode result;
    try {
      result = mergeMap(original, p, schema);
    } catch (StatusException e) {
      throw e;
    } catch (RuntimeException e) {
      throw PatchErrors.unexpected(String.valueOf(e.getMessage()));
    }
    stripDirectives(result);
    return result;
  }

  /**
   * Like {@link #apply(ObjectNode, ObjectNode, Schema)} for a patch body parsed as any JSON value:
   * null changes nothing, anything but an object is a 400 as upstream's decoding answers.
   */
  public static ObjectNode apply(ObjectNode doc, JsonNode patch, Schema schema) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return apply(doc, (ObjectNode) null, schema);
    }
    if (!patch.isObject()) {
      throw PatchErrors.badRequest(
          "json: cannot unmarshal "
              + JsonPatch.jsonKind(patch)
              + " into Go value of type map[string]interface {}");
    }
    return apply(doc, (ObjectNode) patch, schema);
  }

  // ---------------------------------------------------------------- patch metadata

  /** What the schema says about one member: its schema, patch strategy and merge key. */
  private record Meta(Schema schema, String strategy, String mergeKey) {
    static final Meta NONE = new Meta(null, "", "");

    Schema items() {
      return schema != null && schema.type == Schema.Type.ARRAY ? schema.items() : null;
    }
  }

  private static Meta lookup(Schema parent, String key) {
    if (parent == null) {
      return Meta.NONE;
    }
    if (parent.type == Schema.Type.OBJECT) {
      Schema.Field f = parent.property(key);
      if (f == null) {
        return Meta.NONE;
      }
      return new Meta(
          f.schema(),
          otherStrategy(f.patchStrategy()),
          f.patchMergeKey() == null ? "" : f.patchMergeKey());
    }
    if (parent.type == Schema.Type.MAP) {
      return new Meta(parent.items(), "", "");
    }
    return Meta.NONE;
  }

  /**
   * Like {@link #lookup} for a member a {@code $setElementOrder} directive names, which must be a
   * list when the schema knows it.
   */
  private static Meta lookupSlice(Schema parent, String key) {
    Meta m = lookup(parent, key);
    if (m.schema != null
        && m.schema.type != Schema.Type.ARRAY
        && m.schema.type != Schema.Type.ANY) {
      throw PatchErrors.unexpected("expected slice or array type, but got: struct");
    }
    return m;
  }

  /** The strategy other than retainKeys ({@code extractRetainKeysPatchStrategy}). */
  private static String otherStrategy(String strategy) {
    if (strategy == null || strategy.isEmpty()) {
      return "";
    }
    String[] parts = strategy.split(",");
    if (parts.length == 1) {
      return parts[0].equals("retainKeys") ? "" : parts[0];
    }
    if (parts.length == 2) {
      if (parts[0].equals("retainKeys")) {
        return parts[1];
      }
      if (parts[1].equals("retainKeys")) {
        return parts[0];
      }
    }
    throw PatchErrors.unexpected("unexpected patch strategy: [" + String.join(" ", parts) + "]");
  }

  // ---------------------------------------------------------------- maps

  private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Schema schema) {
    JsonNode directive = patch.get(DIRECTIVE);
    if (directive != null) {
      if (isText(directive, "replace")) {
        patch.remove(DIRECTIVE);
        return patch;
      }
      if (isText(directive, "delete")) {
        return JsonNodeFactory.instance.objectNode();
      }
      throw PatchErrors.unexpected(badPatchType(directive, patch));
    }

    applyRetainKeys(original, patch);
    mergeSetElementOrder(original, patch, schema);

    List<String> keys = new ArrayList<>();
    List<String> deleteLists = new ArrayList<>();
    patch
        .fieldNames()
        .forEachRemaining(
            k -> (k.startsWith(DELETE_FROM_PRIMITIVE_LIST) ? deleteLists : keys).add(k));
    // upstream walks a Go map (no order); deletions go last so that they win over additions
    keys.addAll(deleteLists);

    for (String k : keys) {
      JsonNode patchV = patch.get(k);
      String key = k;
      boolean isDeleteList = false;
      if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        key = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
        isDeleteList = true;
      }
      if (patchV.isNull()) {
        original.remove(key);
        continue;
      }
      JsonNode originalV = original.get(key);
      if (originalV == null || !GoFormat.type(originalV).equals(GoFormat.type(patchV))) {
        if (!isDeleteList) {
          discardNulls(patchV);
          setOrRemove(original, key, removeDirectives(patchV));
        }
        continue;
      }
      if (originalV.isObject()) {
        Meta m = lookup(schema, key);
        if (m.strategy.equals("replace")) {
          original.set(key, patchV);
        } else {
          original.set(key, mergeMap((ObjectNode) originalV, (ObjectNode) patchV, m.schema));
        }
      } else if (originalV.isArray()) {
        Meta m = lookup(schema, key);
        original.set(
            key, mergeSliceHandler((ArrayNode) originalV, (ArrayNode) patchV, m, isDeleteList));
      } else {
        original.set(key, patchV);
      }
    }
    return original;
  }

  private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
    if (!patch.has(RETAIN_KEYS)) {
      return;
    }
    JsonNode retain = patch.remove(RETAIN_KEYS);
    if (!retain.isArray()) {
      throw PatchErrors.badRequest("invalid patch format of retainKeys");
    }
    Set<String> keep = new HashSet<>();
    for (JsonNode k : retain) {
      if (k.isTextual()) {
        keep.add(k.textValue());
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (e.getValue().isNull()
          || k.startsWith(DELETE_FROM_PRIMITIVE_LIST)
          || k.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!keep.contains(k)) {
        throw PatchErrors.badRequest("invalid patch format of retainKeys");
      }
    }
    original.retain(keep);
  }

  /**
   * Processes the {@code $setElementOrder/<field>} directives of one object: merges the list they
   * name (taking it out of the patch) and orders the result.
   */
  private static void mergeSetElementOrder(ObjectNode original, ObjectNode patch, Schema schema) {
    List<String> directives = new ArrayList<>();
    patch
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (k.startsWith(SET_ELEMENT_ORDER)) {
                directives.add(k);
              }
            });
    for (String directive : directives) {
      JsonNode order = patch.remove(directive);
      if (!order.isArray()) {
        throw PatchErrors.unexpected(badArgType(LIST_TYPE, order));
      }
      String key = extractKey(directive, SET_ELEMENT_ORDER);
      boolean foundOriginal = original.has(key);
      boolean foundPatch = patch.has(key);
      JsonNode originalList = original.get(key);
      JsonNode patchList = patch.get(key);
      if (foundOriginal && !originalList.isArray()) {
        throw PatchErrors.unexpected(badArgType(LIST_TYPE, originalList));
      }
      if (foundPatch && !patchList.isArray()) {
        throw PatchErrors.unexpected(badArgType(LIST_TYPE, patchList));
      }
      Meta m = lookupSlice(schema, key);
      List<JsonNode> orderList = list(order);
      validatePatchWithSetOrderList(
          foundPatch ? list(patchList) : List.of(), orderList, m.mergeKey);

      List<JsonNode> merged;
      if (foundOriginal && !foundPatch) {
        merged = list(originalList);
      } else if (!foundOriginal && foundPatch) {
        merged = list(removeDirectives(patchList));
      } else if (foundOriginal) {
        merged = list(mergeSliceHandler((ArrayNode) originalList, (ArrayNode) patchList, m, false));
      } else {
        continue;
      }

      List<JsonNode> originalItems = foundOriginal ? list(originalList) : List.of();
      List<JsonNode> patchItems = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      partition(merged, orderList, m.mergeKey, patchItems, serverOnly);
      boolean isMap =
          sliceElementType(originalItems, foundPatch ? list(patchList) : List.of())
              .equals(MAP_TYPE);
      List<JsonNode> both =
          normalizeElementOrder(
              patchItems, serverOnly, orderList, originalItems, m.mergeKey, isMap);
      original.set(key, array(both));
      patch.remove(key);
    }
  }

  /** {@code <prefix>/<key>} → key; a malformed directive key is a 400. */
  private static String extractKey(String s, String prefix) {
    int slash = s.indexOf('/');
    if (slash < 0 || !s.substring(0, slash).equals(prefix)) {
      if (prefix.equals(DELETE_FROM_PRIMITIVE_LIST)) {
        throw PatchErrors.badRequest("invalid patch format of primitive list");
      }
      throw PatchErrors.badRequest("invalid patch format of setElementOrder list");
    }
    return s.substring(slash + 1);
  }

  // ---------------------------------------------------------------- lists

  private static ArrayNode mergeSliceHandler(
      ArrayNode original, ArrayNode patch, Meta meta, boolean isDeleteList) {
    if (meta.strategy.equals("merge") || isDeleteList) {
      return mergeSlice(original, patch, meta.items(), meta.mergeKey, isDeleteList);
    }
    return patch;
  }

  private static ArrayNode mergeSlice(
      ArrayNode originalNode,
      ArrayNode patchNode,
      Schema itemSchema,
      String mergeKey,
      boolean isDeleteList) {
    if (originalNode.isEmpty() && patchNode.isEmpty()) {
      return originalNode;
    }
    List<JsonNode> original = list(originalNode);
    List<JsonNode> patch = list(patchNode);
    boolean isMap = sliceElementType(original, patch).equals(MAP_TYPE);

    List<JsonNode> merged;
    if (!isMap) {
      if (isDeleteList) {
        Set<Object> drop = new HashSet<>();
        patch.forEach(v -> drop.add(Equality.key(v)));
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode v : original) {
          if (!drop.contains(Equality.key(v))) {
            kept.add(v);
          }
        }
        return array(kept);
      }
      Map<Object, JsonNode> union = new LinkedHashMap<>();
      for (JsonNode v : original) {
        union.putIfAbsent(Equality.key(v), v);
      }
      for (JsonNode v : patch) {
        union.putIfAbsent(Equality.key(v), v);
      }
      merged = new ArrayList<>(union.values());
    } else {
      if (mergeKey.isEmpty()) {
        throw PatchErrors.unexpected(
            "cannot merge lists without merge key for " + kindName(itemSchema));
      }
      // $patch elements: delete entries, or replace the whole list
      List<JsonNode> plain = new ArrayList<>();
      Set<Object> deleted = new HashSet<>();
      boolean replace = false;
      for (JsonNode v : patch) {
        JsonNode d = v.get(DIRECTIVE);
        if (d == null) {
          plain.add(v);
        } else if (isText(d, "delete")) {
          if (!v.has(mergeKey)) {
            throw PatchErrors.unexpected(noMergeKey(v, mergeKey));
          }
          deleted.add(Equality.key(v.get(mergeKey)));
        } else if (isText(d, "replace")) {
          replace = true;
        } else if (isText(d, "merge")) {
          throw PatchErrors.unexpected("merging lists cannot yet be specified in the patch");
        } else {
          throw PatchErrors.unexpected(badPatchType(d, v));
        }
      }
      if (!deleted.isEmpty()) {
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode o : original) {
          if (!(o.has(mergeKey) && deleted.contains(Equality.key(o.get(mergeKey))))) {
            kept.add(o);
          }
        }
        original = kept;
      }
      if (replace) {
        original = plain;
        patch = List.of();
      } else {
        patch = plain;
      }
      // merge the remaining elements by key
      merged = new ArrayList<>(original);
      Map<Object, Integer> byKey = new HashMap<>();
      for (int i = 0; i < merged.size(); i++) {
        if (merged.get(i).has(mergeKey)) {
          byKey.putIfAbsent(Equality.key(merged.get(i).get(mergeKey)), i);
        }
      }
      for (JsonNode v : patch) {
        if (!v.has(mergeKey)) {
          throw PatchErrors.unexpected(noMergeKey(v, mergeKey));
        }
        Object k = Equality.key(v.get(mergeKey));
        Integer idx = byKey.get(k);
        if (idx != null) {
          merged.set(idx, mergeMap((ObjectNode) merged.get(idx), (ObjectNode) v, itemSchema));
        } else {
          discardNulls(v);
          byKey.put(k, merged.size());
          merged.add(v);
        }
      }
    }

    List<JsonNode> patchItems = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    partition(merged, patch, mergeKey, patchItems, serverOnly);
    return array(normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, isMap));
  }

  /**
   * The Go type shared by all elements of the lists; lists of lists are a 422, mixed types and
   * lists without elements fail as upstream does.
   */
  private static String sliceElementType(List<JsonNode> a, List<JsonNode> b) {
    String prev = null;
    for (List<JsonNode> l : List.of(a, b)) {
      for (JsonNode v : l) {
        String t = GoFormat.type(v);
        if (prev == null) {
          prev = t;
          if (v.isArray()) {
            throw PatchErrors.unprocessable("lists of lists are not supported");
          }
        } else if (!prev.equals(t)) {
          throw PatchErrors.unexpected(
              "list element types are not identical: "
                  + GoFormat.lists(List.of(array(a), array(b))));
        }
      }
    }
    if (prev == null) {
      throw PatchErrors.unexpected("no elements in any of the given slices");
    }
    return prev;
  }

  /** Splits {@code merged} into the items present in {@code by} and the others. */
  private static void partition(
      List<JsonNode> merged,
      List<JsonNode> by,
      String mergeKey,
      List<JsonNode> present,
      List<JsonNode> absent) {
    if (mergeKey.isEmpty()) {
      Set<Object> in = new HashSet<>();
      by.forEach(v -> in.add(Equality.key(v)));
      for (JsonNode v : merged) {
        (in.contains(Equality.key(v)) ? present : absent).add(v);
      }
      return;
    }
    Set<Object> in = new HashSet<>();
    for (int i = 0; i < by.size(); i++) {
      JsonNode v = by.get(i);
      if (!v.isObject()) {
        throw PatchErrors.unexpected("value for key " + i + " is not a map");
      }
      if (v.has(mergeKey)) {
        in.add(Equality.key(v.get(mergeKey)));
      }
    }
    for (JsonNode v : merged) {
      if (!v.isObject()) {
        throw PatchErrors.unexpected(badArgType(MAP_TYPE, v));
      }
      if (!v.has(mergeKey)) {
        throw PatchErrors.unexpected(noMergeKey(v, mergeKey));
      }
      (in.contains(Equality.key(v.get(mergeKey))) ? present : absent).add(v);
    }
  }

  /**
   * Sorts the patch items by {@code patchOrder} and the server-only items by {@code serverOrder},
   * then interleaves them as upstream's {@code mergeSortedSlice} does.
   */
  private static List<JsonNode> normalizeElementOrder(
      List<JsonNode> patchItems,
      List<JsonNode> serverOnly,
      List<JsonNode> patchOrder,
      List<JsonNode> serverOrder,
      String mergeKey,
      boolean isMap) {
    List<JsonNode> right = normalizeSliceOrder(patchItems, patchOrder, mergeKey, isMap);
    List<JsonNode> left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, isMap);
    Map<Object, Integer> serverPos = positions(serverOrder, mergeKey, isMap);
    List<JsonNode> out = new ArrayList<>(left.size() + right.size());
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = serverPos.getOrDefault(indexKey(left.get(i), mergeKey, isMap), -1);
        int ri = serverPos.getOrDefault(indexKey(right.get(j), mergeKey, isMap), -1);
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  private static List<JsonNode> normalizeSliceOrder(
      List<JsonNode> toSort, List<JsonNode> order, String mergeKey, boolean isMap) {
    List<JsonNode> keep = new ArrayList<>();
    List<JsonNode> toDelete = new ArrayList<>();
    if (isMap) {
      validateMergeKeyInLists(mergeKey, toSort, order);
      for (JsonNode v : toSort) {
        JsonNode d = v.get(DIRECTIVE);
        (d != null && isText(d, "delete") ? toDelete : keep).add(v);
      }
    } else {
      keep.addAll(toSort);
    }
    Map<Object, Integer> pos = positions(order, mergeKey, isMap);
    keep.sort(
        Comparator.comparingInt(
            v -> pos.getOrDefault(indexKey(v, mergeKey, isMap), Integer.MAX_VALUE)));
    keep.addAll(toDelete);
    return keep;
  }

  private static void validateMergeKeyInLists(String mergeKey, List<JsonNode> a, List<JsonNode> b) {
    for (List<JsonNode> l : List.of(a, b)) {
      for (JsonNode v : l) {
        if (!v.isObject()) {
          throw PatchErrors.unexpected(badArgType(MAP_TYPE, v));
        }
        if (!v.has(mergeKey)) {
          throw PatchErrors.unexpected(noMergeKey(v, mergeKey));
        }
      }
    }
  }

  /**
   * First position of each element of {@code l}: by merge key value for objects (a missing key
   * counts as null, as upstream's {@code index}), by value otherwise.
   */
  private static Map<Object, Integer> positions(List<JsonNode> l, String mergeKey, boolean isMap) {
    Map<Object, Integer> pos = new HashMap<>();
    for (int i = 0; i < l.size(); i++) {
      pos.putIfAbsent(indexKey(l.get(i), mergeKey, isMap), i);
    }
    return pos;
  }

  private static Object indexKey(JsonNode v, String mergeKey, boolean isMap) {
    if (!isMap) {
      return Equality.key(v);
    }
    return Equality.key(v.isObject() ? v.get(mergeKey) : null);
  }

  /**
   * The patch list must list its items in the order of the {@code $setElementOrder} list and only
   * items that list names ({@code validatePatchWithSetOrderList}).
   */
  private static void validatePatchWithSetOrderList(
      List<JsonNode> patchList, List<JsonNode> order, String mergeKey) {
    if (order.isEmpty() || patchList.isEmpty()) {
      return;
    }
    List<JsonNode> nonDelete = new ArrayList<>();
    if (!mergeKey.isEmpty()) {
      for (JsonNode v : patchList) {
        if (!v.isObject()) {
          throw PatchErrors.unexpected(badArgType(MAP_TYPE, v));
        }
        JsonNode d = v.get(DIRECTIVE);
        if (d == null || !isText(d, "delete")) {
          nonDelete.add(v);
        }
      }
    } else {
      nonDelete.addAll(patchList);
    }
    int p = 0;
    int o = 0;
    while (p < nonDelete.size() && o < order.size()) {
      JsonNode item = nonDelete.get(p);
      if (item.isObject() && item.has(DIRECTIVE)) {
        p++;
        continue;
      }
      if (mergeKeyValueEqual(item, order.get(o), mergeKey)) {
        p++;
      }
      o++;
    }
    if (p < nonDelete.size() && o >= order.size()) {
      throw PatchErrors.unexpected(
          "The order in patch list:\n"
              + GoFormat.v(array(patchList))
              + "\n doesn't match "
              + SET_ELEMENT_ORDER
              + " list:\n"
              + GoFormat.v(array(order))
              + "\n");
    }
  }

  private static boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return sameScalar(left, right);
    }
    for (JsonNode v : List.of(left, right)) {
      if (!v.isObject()) {
        throw PatchErrors.unexpected(badArgType(MAP_TYPE, v));
      }
      if (!v.has(mergeKey)) {
        throw PatchErrors.unexpected(noMergeKey(v, mergeKey));
      }
    }
    return sameScalar(left.get(mergeKey), right.get(mergeKey));
  }

  // ---------------------------------------------------------------- directives and nulls

  /**
   * Removes objects carrying {@code $patch} from a value being added as it is; null when the value
   * itself is such an object (upstream's {@code removeDirectives}).
   */
  private static JsonNode removeDirectives(JsonNode n) {
    if (n instanceof ObjectNode o) {
      if (o.has(DIRECTIVE)) {
        return null;
      }
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String k : names) {
        setOrRemove(o, k, removeDirectives(o.get(k)));
      }
      return o;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode v : a) {
        JsonNode kept = removeDirectives(v);
        if (kept != null) {
          out.add(kept);
        }
      }
      return out;
    }
    return n;
  }

  /** Drops null members throughout a value added as it is. */
  private static void discardNulls(JsonNode n) {
    MergePatch.pruneNulls(n);
  }

  /** Removes every directive key left in the result (as decoding into typed objects would). */
  private static void stripDirectives(JsonNode n) {
    if (n instanceof ObjectNode o) {
      List<String> drop = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isDirectiveKey(e.getKey())) {
          drop.add(e.getKey());
        } else {
          stripDirectives(e.getValue());
        }
      }
      o.remove(drop);
    } else if (n instanceof ArrayNode a) {
      for (JsonNode v : a) {
        stripDirectives(v);
      }
    }
  }

  static boolean isDirectiveKey(String k) {
    return k.equals(DIRECTIVE)
        || k.equals(RETAIN_KEYS)
        || k.startsWith(SET_ELEMENT_ORDER)
        || k.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  }

  // ---------------------------------------------------------------- helpers

  private static void setOrRemove(ObjectNode o, String key, JsonNode v) {
    if (v == null) {
      o.remove(key);
    } else {
      o.set(key, v);
    }
  }

  private static boolean isText(JsonNode n, String text) {
    return n.isTextual() && n.textValue().equals(text);
  }

  private static boolean sameScalar(JsonNode a, JsonNode b) {
    return Equality.key(a).equals(Equality.key(b));
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> l = new ArrayList<>(array.size());
    array.forEach(l::add);
    return l;
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode(items.size());
    items.forEach(a::add);
    return a;
  }

  private static String kindName(Schema s) {
    if (s == null || s.type == Schema.Type.OBJECT) {
      return "struct";
    }
    return s.type == Schema.Type.MAP ? "map" : "interface";
  }

  private static String noMergeKey(JsonNode m, String key) {
    return "map: " + GoFormat.v(m) + " does not contain declared merge key: " + key;
  }

  private static String badArgType(String expected, JsonNode actual) {
    return "expected a " + expected + ", but received a " + GoFormat.type(actual);
  }

  private static String badPatchType(JsonNode directive, JsonNode m) {
    return "unknown patch type: " + GoFormat.s(directive) + " in map: " + GoFormat.v(m);
  }
}
