package io.kpg.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.schema.Schema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Server-side apply, after structured-merge-diff's {@code Updater.Apply}: the configuration is
 * merged into the live object, fields the manager applied before but no longer applies are removed
 * when nobody else owns them, and changing a field another manager owns is a conflict unless
 * forced.
 */
public final class Apply {
  private Apply() {}

  /** Another manager owns a field the apply would change. */
  public record Conflict(ManagedEntry owner, List<String> path) {
    public String field() {
      return FieldSet.pathString(path);
    }
  }

  /**
   * The outcome: on success the new object (with metadata.managedFields set) and its entries; on
   * conflict only the conflicts.
   */
  public record Result(
      ObjectNode object, List<ManagedEntry> managed, List<Conflict> conflicts, boolean changed) {
    public boolean ok() {
      return conflicts.isEmpty();
    }
  }

  public static Result apply(
      ObjectNode live,
      ObjectNode config,
      String manager,
      boolean force,
      Schema schema,
      List<ManagedEntry> managed) {
    String version = config.path("apiVersion").asText("");
    if (version.isEmpty() && live != null) {
      version = live.path("apiVersion").asText("");
    }
    return apply(
        live,
        config,
        manager,
        force,
        schema,
        managed,
        version,
        null,
        Scope.main(false),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /**
   * @param live the stored object, null when it does not exist yet
   * @param subresource null for the main resource, "status" for the status subresource
   * @param keep which paths the applier may own (see {@link Scope})
   */
  public static Result apply(
      ObjectNode live,
      ObjectNode config,
      String manager,
      boolean force,
      Schema schema,
      List<ManagedEntry> managed,
      String apiVersion,
      String subresource,
      Predicate<List<String>> keep,
      String time) {
    ObjectNode liveObj = live == null ? Json.object() : (ObjectNode) Update.strip(live);
    ObjectNode cfg = (ObjectNode) Update.strip(config);
    ObjectNode merged = (ObjectNode) merge(liveObj, cfg, schema, null);
    FieldSet configSet = FieldSet.of(cfg, schema).filter(keep);

    ManagedEntry last = null;
    List<ManagedEntry> others = new ArrayList<>();
    for (ManagedEntry e : managed) {
      if (e.sameIdentity(manager, ManagedEntry.APPLY, apiVersion, subresource)) {
        last = e;
      } else {
        others.add(e);
      }
    }
    // prune what this manager applied last time, no longer applies, and nobody else owns
    if (last != null) {
      FieldSet owned = configSet;
      for (ManagedEntry e : others) {
        owned = owned.union(e.fields());
      }
      List<List<String>> gone = last.fields().difference(owned).sorted();
      gone.sort(Comparator.comparingInt(List::size));
      for (List<String> p : gone) {
        if (!owned.hasDescendant(p) && !insideAtomic(p, schema)) {
          remove(merged, p, owned);
        }
      }
    }

    Compare c = Compare.of(liveObj, merged, schema).filter(keep);
    FieldSet changed = c.changed();
    List<Conflict> conflicts = new ArrayList<>();
    Map<ManagedEntry, FieldSet> taken = new LinkedHashMap<>();
    for (ManagedEntry e : others) {
      FieldSet clash = e.fields().intersection(changed);
      if (!clash.isEmpty()) {
        taken.put(e, clash);
        clash.sorted().forEach(p -> conflicts.add(new Conflict(e, p)));
      }
    }
    if (!conflicts.isEmpty() && !force) {
      conflicts.sort(
          Comparator.comparing((Conflict x) -> x.owner().manager())
              .thenComparing(x -> x.owner().operation())
              .thenComparing(Conflict::path, FieldSet.PATH_ORDER));
      return new Result(null, List.of(), conflicts, false);
    }
    boolean objectChanged = !Compare.same(liveObj, merged);
    List<ManagedEntry> out = new ArrayList<>();
    for (ManagedEntry e : others) {
      FieldSet f = e.fields().difference(c.removed());
      if (taken.containsKey(e)) {
        f = f.difference(taken.get(e));
      }
      if (!f.isEmpty()) {
        out.add(f.equals(e.fields()) ? e : e.withFields(f));
      }
    }
    if (!configSet.isEmpty()) {
      String t = objectChanged || last == null || last.time() == null ? time : last.time();
      out.add(new ManagedEntry(manager, ManagedEntry.APPLY, apiVersion, t, subresource, configSet));
    }
    ManagedEntry.store(merged, out);
    return new Result(merged, out, List.of(), objectChanged);
  }

  // ------------------------------------------------------------------ merge

  /** Merges {@code config} into {@code live} following the schema's list and map semantics. */
  static JsonNode merge(JsonNode live, JsonNode config, Schema s, Schema.Field f) {
    if (config == null || config.isNull()) {
      return config;
    }
    if (s == null || s.atomic()) {
      return config.deepCopy();
    }
    switch (s.type) {
      case OBJECT, MAP -> {
        if (!config.isObject()) {
          return config.deepCopy();
        }
        ObjectNode out =
            live != null && live.isObject() ? ((ObjectNode) live).deepCopy() : Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = config.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isNull()) {
            out.remove(e.getKey());
            continue;
          }
          Schema cs;
          Schema.Field cf = null;
          if (s.type == Schema.Type.MAP) {
            cs = s.items();
          } else {
            cf = s.property(e.getKey());
            cs = cf == null ? null : cf.schema();
          }
          out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue(), cs, cf));
        }
        return out;
      }
      case ARRAY -> {
        FieldSet.ListKind lk = FieldSet.ListKind.of(f, s);
        if (lk.atomic() || !config.isArray() || (live != null && !live.isArray())) {
          return config.deepCopy();
        }
        ArrayNode out = live == null ? Json.array() : ((ArrayNode) live).deepCopy();
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
          at.putIfAbsent(lk.token(out.get(i)), i);
        }
        for (JsonNode item : config) {
          String t = lk.token(item);
          Integer i = at.get(t);
          if (i == null) {
            at.put(t, out.size());
            out.add(lk.set() ? item.deepCopy() : merge(null, item, s.items(), null));
          } else if (!lk.set()) {
            out.set(i, merge(out.get(i), item, s.items(), null));
          }
        }
        return out;
      }
      default -> {
        return config.deepCopy();
      }
    }
  }

  // ------------------------------------------------------------------ prune

  /** Removes the field or element at {@code path}, then parents it left empty that nobody owns. */
  static void remove(ObjectNode root, List<String> path, FieldSet owned) {
    List<JsonNode> chain = new ArrayList<>();
    JsonNode n = root;
    chain.add(n);
    for (int i = 0; i < path.size() - 1; i++) {
      n = child(n, path.get(i));
      if (n == null) {
        return;
      }
      chain.add(n);
    }
    if (!removeChild(n, path.get(path.size() - 1))) {
      return;
    }
    for (int i = path.size() - 1; i >= 1; i--) {
      JsonNode parent = chain.get(i);
      List<String> pp = path.subList(0, i);
      if (!parent.isContainerNode()
          || !parent.isEmpty()
          || !pp.get(pp.size() - 1).startsWith("f:")
          || owned.contains(pp)) {
        return;
      }
      removeChild(chain.get(i - 1), pp.get(pp.size() - 1));
    }
  }

  /**
   * Whether {@code path} lies strictly inside an atomic list, map or struct (paths recorded before
   * the type was known atomic): upstream removes nothing from inside an atomic value.
   */
  static boolean insideAtomic(List<String> path, Schema schema) {
    Schema s = schema;
    Schema.Field f = null;
    for (String t : path) {
      if (s == null) {
        return false;
      }
      if (s.atomic()) {
        return true;
      }
      switch (s.type) {
        case OBJECT -> {
          f = t.startsWith("f:") ? s.property(t.substring(2)) : null;
          s = f == null ? null : f.schema();
        }
        case MAP -> {
          f = null;
          s = s.items();
        }
        case ARRAY -> {
          if (FieldSet.ListKind.of(f, s).atomic()) {
            return true;
          }
          f = null;
          s = s.items();
        }
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  private static JsonNode child(JsonNode n, String token) {
    if (token.startsWith("f:")) {
      return n.isObject() ? n.get(token.substring(2)) : null;
    }
    if (!n.isArray()) {
      return null;
    }
    int i = indexOf((ArrayNode) n, token);
    return i < 0 ? null : n.get(i);
  }

  private static boolean removeChild(JsonNode n, String token) {
    if (token.startsWith("f:")) {
      return n instanceof ObjectNode o && o.remove(token.substring(2)) != null;
    }
    if (!(n instanceof ArrayNode a)) {
      return false;
    }
    int i = indexOf(a, token);
    if (i < 0) {
      return false;
    }
    a.remove(i);
    return true;
  }

  private static int indexOf(ArrayNode a, String token) {
    String rest = token.substring(2);
    if (token.startsWith("i:")) {
      try {
        int i = Integer.parseInt(rest);
        return i < a.size() ? i : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (token.startsWith("v:")) {
      for (int i = 0; i < a.size(); i++) {
        if (Json.write(a.get(i)).equals(rest)) {
          return i;
        }
      }
      return -1;
    }
    JsonNode key;
    try {
      key = Json.MAPPER.readTree(rest);
    } catch (Exception e) {
      return -1;
    }
    for (int i = 0; i < a.size(); i++) {
      JsonNode item = a.get(i);
      boolean match = item.isObject();
      Iterator<Map.Entry<String, JsonNode>> it = key.fields();
      while (match && it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = item.get(e.getKey());
        if (v == null || v.isNull()) {
          v = FieldSet.ListKind.KEY_DEFAULTS.get(e.getKey());
        }
        match = Compare.same(v, e.getValue());
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ errors

  /** The annotation client-side apply keeps its last applied configuration in. */
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** upstream's limit on the total size of an object's annotations (keys and values) */
  static final int ANNOTATIONS_SIZE_LIMIT = 256 * 1024;

  /**
   * Upstream's {@code lastAppliedUpdater}: after a server-side apply by kubectl's own manager
   * ({@code "kubectl"}) on an object that carries a client-side apply annotation, the annotation is
   * replaced by the applied configuration (without the annotation itself), so that a later
   * client-side apply diffs against what was applied last. The annotation is dropped when it would
   * push the annotations over their size limit.
   *
   * @param result the object the apply produced (changed in place)
   * @param applied the apply request's body as sent
   */
  public static void syncLastApplied(ObjectNode result, JsonNode applied, String manager) {
    if (!"kubectl".equals(manager) || !applied.isObject()) {
      return;
    }
    JsonNode annotations = result.path("metadata").path("annotations");
    if (!(annotations instanceof ObjectNode ann) || ann.path(LAST_APPLIED).asText("").isEmpty()) {
      return;
    }
    ObjectNode cfg = ((ObjectNode) applied).deepCopy();
    if (cfg.path("metadata").path("annotations") instanceof ObjectNode ca) {
      ca.remove(LAST_APPLIED);
    }
    ann.put(LAST_APPLIED, goJson(cfg) + "\n");
    long size = 0;
    Iterator<Map.Entry<String, JsonNode>> it = ann.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      size += utf8Length(e.getKey()) + utf8Length(e.getValue().asText(""));
    }
    if (size > ANNOTATIONS_SIZE_LIMIT) {
      ann.remove(LAST_APPLIED);
    }
  }

  private static long utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /**
   * JSON as Go's encoder writes a decoded object: keys sorted, integral floats without a fraction,
   * and {@code <}, {@code >}, {@code &}, U+2028, U+2029 escaped.
   */
  static String goJson(JsonNode n) {
    return Json.write(sortedForGo(n))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }

  private static JsonNode sortedForGo(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = Json.object();
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      names.sort(Comparator.naturalOrder());
      names.forEach(k -> o.set(k, sortedForGo(n.get(k))));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = Json.array();
      n.forEach(x -> a.add(sortedForGo(x)));
      return a;
    }
    if (n.isFloatingPointNumber()
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < 1e21) {
      return Json.MAPPER.getNodeFactory().numberNode(n.decimalValue().toBigInteger());
    }
    return n;
  }

  /**
   * Upstream's migration from client-side to server-side apply: of {@code conflicts}, those not
   * covered by the live object's last-applied configuration (all of them when there is none or it
   * is of another API version); fields whose live value differs from it are not covered. When none
   * are left, the applier takes the fields over as if forced.
   */
  public static List<Conflict> notCoveredByLastApplied(
      ObjectNode live, List<Conflict> conflicts, Schema schema) {
    String text = live.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
    if (text.isEmpty()) {
      return conflicts;
    }
    JsonNode lastApplied;
    try {
      lastApplied = io.kpg.json.Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return conflicts;
    }
    if (!lastApplied.isObject()
        || !lastApplied.path("apiVersion").asText("").equals(live.path("apiVersion").asText(""))) {
      return conflicts;
    }
    // what the last-applied configuration says but the live object no longer has is not owned
    Compare diff = Compare.of(lastApplied, Update.strip(live), schema);
    FieldSet fields =
        FieldSet.of(lastApplied, schema)
            .difference(diff.modified())
            .difference(diff.added())
            .difference(diff.removed());
    List<Conflict> left = new ArrayList<>();
    for (Conflict c : conflicts) {
      if (!fields.contains(c.path())) {
        left.add(c);
      }
    }
    return left;
  }

  /** upstream's 409 for apply conflicts ({@code managedfields/internal/conflict.go}) */
  public static StatusException conflictError(List<Conflict> conflicts) {
    List<ObjectNode> causes = new ArrayList<>();
    for (Conflict c : conflicts) {
      ObjectNode cause = Json.object();
      cause.put("reason", "FieldManagerConflict");
      cause.put("message", "conflict with " + c.owner().describe());
      cause.put("field", c.field());
      causes.add(cause);
    }
    String msg;
    if (conflicts.size() == 1) {
      Conflict c = conflicts.get(0);
      msg =
          "Apply failed with 1 conflict: conflict with " + c.owner().describe() + ": " + c.field();
    } else {
      Map<String, List<String>> byManager = new java.util.TreeMap<>();
      for (Conflict c : conflicts) {
        byManager.computeIfAbsent(c.owner().describe(), x -> new ArrayList<>()).add(c.field());
      }
      List<String> lines = new ArrayList<>();
      byManager.forEach(
          (m, fields) -> {
            lines.add("conflicts with " + m + ":");
            fields.forEach(fl -> lines.add("- " + fl));
          });
      msg = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }
    return new StatusException(
        409, "Conflict", msg, StatusException.details(null, null, null, causes));
  }
}
