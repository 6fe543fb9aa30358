package io.kpg.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** One {@code metadata.managedFields} entry: who owns which fields, through which operation. */
public record ManagedEntry(
    String manager,
    String operation,
    String apiVersion,
    String time,
    String subresource,
    FieldSet fields) {

  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";

  /** upstream's encoding order: operation, time, manager, apiVersion, subresource */
  static final Comparator<ManagedEntry> ORDER =
      Comparator.comparing(ManagedEntry::operation)
          .thenComparing(e -> e.time() == null ? "" : e.time())
          .thenComparing(e -> e.manager() == null ? "" : e.manager())
          .thenComparing(e -> e.apiVersion() == null ? "" : e.apiVersion())
          .thenComparing(e -> e.subresource() == null ? "" : e.subresource());

  /** whether two entries describe the same manager identity (time and fields aside) */
  public boolean sameIdentity(ManagedEntry o) {
    return Objects.equals(manager, o.manager)
        && Objects.equals(operation, o.operation)
        && Objects.equals(apiVersion, o.apiVersion)
        && Objects.equals(subresource, o.subresource);
  }

  public boolean sameIdentity(String mgr, String op, String version, String sub) {
    return Objects.equals(manager, mgr)
        && Objects.equals(operation, op)
        && Objects.equals(apiVersion, version)
        && Objects.equals(subresource, sub);
  }

  public ManagedEntry withFields(FieldSet f) {
    return new ManagedEntry(manager, operation, apiVersion, time, subresource, f);
  }

  public ManagedEntry withTime(String t) {
    return new ManagedEntry(manager, operation, apiVersion, t, subresource, fields);
  }

  /** how conflicts name this manager: {@code "mgr"} or {@code "mgr" using apps/v1} */
  public String describe() {
    StringBuilder sb = new StringBuilder("\"").append(manager).append('"');
    if (subresource != null && !subresource.isEmpty()) {
      sb.append(" with subresource \"").append(subresource).append('"');
    }
    if (UPDATE.equals(operation)) {
      sb.append(" using ").append(apiVersion);
    }
    return sb.toString();
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    if (manager != null && !manager.isEmpty()) {
      o.put("manager", manager);
    }
    o.put("operation", operation);
    if (apiVersion != null) {
      o.put("apiVersion", apiVersion);
    }
    if (time != null) {
      o.put("time", time);
    }
    o.put("fieldsType", "FieldsV1");
    o.set("fieldsV1", fields.toFieldsV1());
    if (subresource != null && !subresource.isEmpty()) {
      o.put("subresource", subresource);
    }
    return o;
  }

  /**
   * Parses {@code metadata.managedFields}; entries that are not FieldsV1 are skipped.
   *
   * @throws IllegalArgumentException when a FieldsV1 set is malformed
   */
  public static List<ManagedEntry> parse(JsonNode managedFields) {
    List<ManagedEntry> out = new ArrayList<>();
    if (managedFields == null || !managedFields.isArray()) {
      return out;
    }
    for (JsonNode e : managedFields) {
      if (!e.isObject() || !"FieldsV1".equals(e.path("fieldsType").asText())) {
        continue;
      }
      out.add(
          new ManagedEntry(
              text(e, "manager"),
              e.path("operation").asText(UPDATE),
              text(e, "apiVersion"),
              text(e, "time"),
              text(e, "subresource"),
              FieldSet.fromFieldsV1(e.get("fieldsV1"))));
    }
    return out;
  }

  private static String text(JsonNode e, String f) {
    JsonNode v = e.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Encodes entries in upstream's order; entries with no fields are dropped. */
  public static ArrayNode encode(List<ManagedEntry> entries) {
    List<ManagedEntry> l = new ArrayList<>();
    for (ManagedEntry e : entries) {
      if (!e.fields().isEmpty()) {
        l.add(e);
      }
    }
    l.sort(ORDER);
    ArrayNode a = Json.array();
    l.forEach(e -> a.add(e.toJson()));
    return a;
  }

  /** At most this many Update entries are kept (upstream's DefaultMaxUpdateManagers). */
  static final int MAX_UPDATE_MANAGERS = 10;

  /** The manager the oldest Update entries are merged into, one per API version. */
  static final String ANCIENT_CHANGES = "ancient-changes";

  /**
   * Upstream's cap on Update entries: beyond {@link #MAX_UPDATE_MANAGERS}, the oldest ones are
   * merged, per API version, into an {@code ancient-changes} entry holding their fields and the
   * newest of their times.
   */
  static List<ManagedEntry> capUpdateManagers(List<ManagedEntry> entries) {
    List<ManagedEntry> updaters =
        new ArrayList<>(entries.stream().filter(e -> !APPLY.equals(e.operation())).toList());
    if (updaters.size() <= MAX_UPDATE_MANAGERS) {
      return entries;
    }
    updaters.sort(
        Comparator.comparing((ManagedEntry e) -> e.time() == null ? "" : e.time())
            .thenComparing(e -> e.manager() == null ? "" : e.manager()));
    List<ManagedEntry> out = new ArrayList<>(entries);
    java.util.Set<String> bucketVersions = new java.util.HashSet<>();
    int length = updaters.size();
    for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
      ManagedEntry old = updaters.get(i);
      out.remove(old);
      ManagedEntry bucket = null;
      for (ManagedEntry e : out) {
        if (e.sameIdentity(ANCIENT_CHANGES, UPDATE, old.apiVersion(), null)) {
          bucket = e;
        }
      }
      FieldSet fields = bucket == null ? old.fields() : old.fields().union(bucket.fields());
      if (bucket != null) {
        out.remove(bucket);
      }
      out.add(
          new ManagedEntry(ANCIENT_CHANGES, UPDATE, old.apiVersion(), old.time(), null, fields));
      if (!bucketVersions.add(String.valueOf(old.apiVersion()))) {
        length--; // merged into a bucket made in this pass: one entry fewer
      }
    }
    return out;
  }

  /** Sets (or, when there are none, removes) the object's managedFields. */
  public static void store(ObjectNode obj, List<ManagedEntry> entries) {
    ObjectNode md = Json.obj(obj, "metadata");
    ArrayNode a = encode(capUpdateManagers(entries));
    if (a.isEmpty()) {
      md.remove("managedFields");
    } else {
      md.set("managedFields", a);
    }
  }
}
