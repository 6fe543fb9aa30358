package io.kpg.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import io.kpg.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A set of field paths, as structured-merge-diff's {@code fieldpath.Set}. A path is a list of
 * element tokens in upstream's FieldsV1 spelling: {@code f:<name>} (a struct field or map key),
 * {@code k:{"name":"c"}} (a list-map element), {@code v:<json>} (a set-list value), {@code i:<n>}.
 * Immutable.
 */
public final class FieldSet {
  /** upstream's element order: field names, then keys, then values, then indexes */
  static final Comparator<String> TOKEN_ORDER =
      Comparator.comparingInt(FieldSet::rank).thenComparing(Comparator.naturalOrder());

  public static final Comparator<List<String>> PATH_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = TOKEN_ORDER.compare(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  public static final FieldSet EMPTY = new FieldSet(Set.of());

  private final Set<List<String>> paths;

  private FieldSet(Set<List<String>> paths) {
    this.paths = paths;
  }

  public static FieldSet of(Collection<List<String>> paths) {
    Set<List<String>> s = new HashSet<>();
    paths.forEach(p -> s.add(List.copyOf(p)));
    return new FieldSet(Set.copyOf(s));
  }

  /** Parses dotted field names, e.g. {@code "spec.replicas"}, as a one-path set (tests). */
  public static List<String> fields(String dotted) {
    List<String> p = new ArrayList<>();
    for (String s : dotted.split("\\.")) {
      p.add("f:" + s);
    }
    return List.copyOf(p);
  }

  private static int rank(String token) {
    return switch (token.isEmpty() ? ' ' : token.charAt(0)) {
      case 'f' -> 0;
      case 'k' -> 1;
      case 'v' -> 2;
      case 'i' -> 3;
      default -> 4;
    };
  }

  public Set<List<String>> paths() {
    return paths;
  }

  /** the paths in upstream's order */
  public List<List<String>> sorted() {
    List<List<String>> l = new ArrayList<>(paths);
    l.sort(PATH_ORDER);
    return l;
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }

  public int size() {
    return paths.size();
  }

  public boolean contains(List<String> path) {
    return paths.contains(path);
  }

  /** whether some path of this set lies strictly below {@code prefix} */
  public boolean hasDescendant(List<String> prefix) {
    for (List<String> p : paths) {
      if (p.size() > prefix.size() && p.subList(0, prefix.size()).equals(prefix)) {
        return true;
      }
    }
    return false;
  }

  public FieldSet union(FieldSet o) {
    if (o.isEmpty()) {
      return this;
    }
    Set<List<String>> s = new HashSet<>(paths);
    s.addAll(o.paths);
    return new FieldSet(Set.copyOf(s));
  }

  public FieldSet difference(FieldSet o) {
    Set<List<String>> s = new HashSet<>(paths);
    s.removeAll(o.paths);
    return new FieldSet(Set.copyOf(s));
  }

  public FieldSet intersection(FieldSet o) {
    Set<List<String>> s = new HashSet<>(paths);
    s.retainAll(o.paths);
    return new FieldSet(Set.copyOf(s));
  }

  public FieldSet filter(Predicate<List<String>> keep) {
    Set<List<String>> s = new HashSet<>();
    for (List<String> p : paths) {
      if (keep.test(p)) {
        s.add(p);
      }
    }
    return new FieldSet(Set.copyOf(s));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && f.paths.equals(paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  @Override
  public String toString() {
    return Json.write(toFieldsV1());
  }

  // ------------------------------------------------------------------ paths as text

  /** upstream's {@code Path.String()}: {@code .spec.containers[name="c"].image} */
  public static String pathString(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String t : path) {
      String rest = t.length() > 2 ? t.substring(2) : "";
      switch (t.isEmpty() ? ' ' : t.charAt(0)) {
        case 'f' -> sb.append('.').append(rest);
        case 'k' -> {
          ObjectNode key = (ObjectNode) parse(rest);
          List<String> parts = new ArrayList<>();
          key.fields()
              .forEachRemaining(e -> parts.add(e.getKey() + "=" + Json.write(e.getValue())));
          sb.append('[').append(String.join(",", parts)).append(']');
        }
        case 'v' -> sb.append("[=").append(rest).append(']');
        default -> sb.append('[').append(rest).append(']');
      }
    }
    return sb.toString();
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("invalid path element " + json, e);
    }
  }

  // ------------------------------------------------------------------ FieldsV1

  /** Encodes as upstream's FieldsV1 JSON. */
  public ObjectNode toFieldsV1() {
    Node root = new Node();
    for (List<String> p : paths) {
      Node n = root;
      for (String t : p) {
        n = n.children.computeIfAbsent(t, x -> new Node());
      }
      n.member = true;
    }
    return root.encode();
  }

  private static final class Node {
    boolean member;
    final Map<String, Node> children = new TreeMap<>(TOKEN_ORDER);

    ObjectNode encode() {
      ObjectNode o = Json.object();
      if (member && !children.isEmpty()) {
        o.putObject(".");
      }
      children.forEach((t, c) -> o.set(t, c.encode()));
      return o;
    }
  }

  /** Decodes FieldsV1 JSON; key and value elements are normalized (sorted keys, compact JSON). */
  public static FieldSet fromFieldsV1(JsonNode v1) {
    Set<List<String>> s = new HashSet<>();
    if (v1 != null && v1.isObject()) {
      decode(v1, new ArrayList<>(), s);
    }
    return new FieldSet(Set.copyOf(s));
  }

  private static void decode(JsonNode node, List<String> path, Set<List<String>> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String t = e.getKey();
      if (t.equals(".")) {
        if (!path.isEmpty()) {
          out.add(List.copyOf(path));
        }
        continue;
      }
      if (t.length() < 2 || t.charAt(1) != ':' || "fkvi".indexOf(t.charAt(0)) < 0) {
        throw new IllegalArgumentException("invalid field path element " + t);
      }
      if (t.charAt(0) == 'k') {
        t = keyToken(sortedObject((ObjectNode) parse(t.substring(2))));
      } else if (t.charAt(0) == 'v') {
        t = "v:" + Json.write(parse(t.substring(2)));
      }
      path.add(t);
      if (!e.getValue().isObject() || e.getValue().isEmpty()) {
        out.add(List.copyOf(path));
      } else {
        decode(e.getValue(), path, out);
      }
      path.remove(path.size() - 1);
    }
  }

  private static ObjectNode sortedObject(ObjectNode o) {
    ObjectNode s = Json.object();
    new TreeSet<>(iterable(o.fieldNames())).forEach(n -> s.set(n, o.get(n)));
    return s;
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> l = new ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }

  static String keyToken(ObjectNode sortedKey) {
    return "k:" + Json.write(sortedKey);
  }

  // ------------------------------------------------------------------ from an object

  /**
   * The fields an object sets, as upstream's {@code TypedValue.ToFieldSet}: scalars, atomic lists,
   * maps and structs, list elements, set values and map entries are members; other struct fields
   * only when empty or null.
   */
  public static FieldSet of(JsonNode obj, Schema schema) {
    Set<List<String>> out = new HashSet<>();
    walk(obj, schema, null, new ArrayList<>(), out);
    return new FieldSet(Set.copyOf(out));
  }

  private static void walk(
      JsonNode v, Schema s, Schema.Field f, List<String> path, Set<List<String>> out) {
    if (v == null || v.isNull() || s == null || s.atomic()) {
      out.add(List.copyOf(path));
      return;
    }
    switch (s.type) {
      case OBJECT -> {
        if (!v.isObject()) {
          out.add(List.copyOf(path));
          return;
        }
        v.fields()
            .forEachRemaining(
                e -> {
                  Schema.Field cf = s.property(e.getKey());
                  path.add("f:" + e.getKey());
                  JsonNode cv = e.getValue();
                  if (!s.declares(e.getKey()) || cv.isNull() || (cv.isObject() && cv.isEmpty())) {
                    out.add(List.copyOf(path));
                  }
                  if (cf != null) {
                    walk(cv, cf.schema(), cf, path, out);
                  }
                  path.remove(path.size() - 1);
                });
      }
      case MAP -> {
        if (!v.isObject()) {
          out.add(List.copyOf(path));
          return;
        }
        v.fields()
            .forEachRemaining(
                e -> {
                  path.add("f:" + e.getKey());
                  out.add(List.copyOf(path));
                  walk(e.getValue(), s.items(), null, path, out);
                  path.remove(path.size() - 1);
                });
      }
      case ARRAY -> {
        ListKind lk = ListKind.of(f, s);
        if (lk.atomic() || !v.isArray()) {
          out.add(List.copyOf(path));
          return;
        }
        for (JsonNode item : v) {
          path.add(lk.token(item));
          out.add(List.copyOf(path));
          if (!lk.set()) {
            walk(item, s.items(), null, path, out);
          }
          path.remove(path.size() - 1);
        }
      }
      default -> out.add(List.copyOf(path));
    }
  }

  /**
   * The duplicate entries of keyed lists (list-type map) and sets in an applied configuration, in
   * upstream's wording ({@code .spec.ports: duplicate entries for key [port=80,protocol="TCP"]}):
   * server-side apply cannot assign such entries an owner.
   */
  public static List<String> duplicateEntries(JsonNode obj, Schema schema) {
    List<String> out = new ArrayList<>();
    duplicates(obj, schema, null, "", out);
    return out;
  }

  private static void duplicates(
      JsonNode v, Schema s, Schema.Field f, String path, List<String> out) {
    if (v == null || v.isNull() || s == null) {
      return;
    }
    switch (s.type) {
      case OBJECT -> {
        if (s.atomic() || !v.isObject()) {
          return;
        }
        v.fields()
            .forEachRemaining(
                e -> {
                  Schema.Field cf = s.property(e.getKey());
                  if (cf != null) {
                    duplicates(e.getValue(), cf.schema(), cf, path + "." + e.getKey(), out);
                  }
                });
      }
      case MAP -> {
        if (s.atomic() || !v.isObject()) {
          return;
        }
        v.fields()
            .forEachRemaining(
                e -> duplicates(e.getValue(), s.items(), null, path + "." + e.getKey(), out));
      }
      case ARRAY -> {
        ListKind lk = ListKind.of(f, s);
        if (lk.atomic() || !v.isArray()) {
          return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (JsonNode item : v) {
          String t = lk.token(item);
          if (!seen.add(t)) {
            if (reported.add(t)) {
              out.add(path + ": duplicate entries for " + describe(lk, item));
            }
            continue;
          }
          if (!lk.set()) {
            duplicates(item, s.items(), null, path + "[" + keyText(lk, item) + "]", out);
          }
        }
      }
      default -> {}
    }
  }

  private static String describe(ListKind lk, JsonNode item) {
    return lk.set() ? "value " + Json.write(item) : "key [" + keyText(lk, item) + "]";
  }

  /** {@code name="a"} or {@code containerPort=80,protocol="TCP"}, in the declared key order. */
  private static String keyText(ListKind lk, JsonNode item) {
    List<String> parts = new ArrayList<>();
    for (String k : lk.keys()) {
      JsonNode kv = item.get(k);
      if (kv == null || kv.isNull()) {
        kv = ListKind.KEY_DEFAULTS.get(k);
      }
      if (kv != null) {
        parts.add(k + "=" + Json.write(kv));
      }
    }
    return String.join(",", parts);
  }

  /** How a list merges: atomic, as a set of primitives, or as a map keyed by some fields. */
  record ListKind(boolean atomic, boolean set, List<String> keys) {
    static final Map<String, JsonNode> KEY_DEFAULTS = new LinkedHashMap<>();

    static {
      KEY_DEFAULTS.put("protocol", Json.MAPPER.getNodeFactory().textNode("TCP"));
    }

    static ListKind of(Schema.Field f, Schema array) {
      Schema items = array.items();
      boolean objects = items != null && items.type == Schema.Type.OBJECT;
      String lt = f == null ? null : f.listType();
      if (f != null && (lt == null || lt.equals("map") || lt.equals("set"))) {
        List<String> keys = f.listMapKeys() == null ? List.of() : f.listMapKeys();
        if (keys.isEmpty() && f.patchMergeKey() != null && f.mergeList()) {
          keys = List.of(f.patchMergeKey());
        }
        if (objects && !keys.isEmpty() && !"set".equals(lt)) {
          return new ListKind(false, false, keys);
        }
        if (!objects && ("set".equals(lt) || (lt == null && f.mergeList()))) {
          return new ListKind(false, true, List.of());
        }
      }
      return new ListKind(true, false, List.of());
    }

    /** the path element of one item */
    String token(JsonNode item) {
      if (set) {
        return "v:" + Json.write(item);
      }
      ObjectNode key = Json.object();
      for (String k : new TreeSet<>(keys)) {
        JsonNode kv = item.get(k);
        if (kv == null || kv.isNull()) {
          kv = KEY_DEFAULTS.get(k);
        }
        if (kv != null) {
          key.set(k, kv);
        }
      }
      return keyToken(key);
    }
  }
}
