package io.kpg.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field-level difference of two objects, as upstream's {@code TypedValue.Compare}: leaves that
 * were added, modified or removed, plus list elements and map entries that appeared or vanished.
 */
public record Compare(FieldSet added, FieldSet modified, FieldSet removed) {

  /** JSON equality where 1, 1L and 1.0 are equal */
  static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(NUMERIC, b);
  }

  public static Compare of(JsonNode lhs, JsonNode rhs, Schema schema) {
    List<List<String>> added = new ArrayList<>();
    List<List<String>> modified = new ArrayList<>();
    List<List<String>> removed = new ArrayList<>();
    new Walker(added, modified, removed).walk(lhs, rhs, schema, null, new ArrayList<>(), false);
    return new Compare(FieldSet.of(added), FieldSet.of(modified), FieldSet.of(removed));
  }

  public Compare filter(java.util.function.Predicate<List<String>> keep) {
    return new Compare(added.filter(keep), modified.filter(keep), removed.filter(keep));
  }

  public FieldSet changed() {
    return added.union(modified);
  }

  public boolean isEmpty() {
    return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
  }

  private record Walker(
      List<List<String>> added, List<List<String>> modified, List<List<String>> removed) {

    private static boolean missing(JsonNode n) {
      return n == null || n.isMissingNode();
    }

    private static boolean emptyOrMissing(JsonNode n) {
      return missing(n) || n.isNull() || (n.isContainerNode() && n.isEmpty());
    }

    void leaf(JsonNode l, JsonNode r, List<String> path) {
      if (missing(l)) {
        added.add(List.copyOf(path));
      } else if (missing(r)) {
        removed.add(List.copyOf(path));
      } else if (!same(l, r)) {
        modified.add(List.copyOf(path));
      }
    }

    /** item: whether this node is a list element or map entry (recorded when added/removed) */
    void walk(JsonNode l, JsonNode r, Schema s, Schema.Field f, List<String> path, boolean item) {
      if (s == null
          || s.atomic()
          || !(s.type == Schema.Type.OBJECT
              || s.type == Schema.Type.MAP
              || s.type == Schema.Type.ARRAY)) {
        leaf(l, r, path);
        return;
      }
      boolean container = s.type == Schema.Type.ARRAY;
      boolean okL = missing(l) || l.isNull() || (container ? l.isArray() : l.isObject());
      boolean okR = missing(r) || r.isNull() || (container ? r.isArray() : r.isObject());
      if (!okL || !okR || (emptyOrMissing(l) && emptyOrMissing(r))) {
        leaf(l, r, path);
        return;
      }
      if (s.type == Schema.Type.ARRAY) {
        FieldSet.ListKind lk = FieldSet.ListKind.of(f, s);
        if (lk.atomic()) {
          leaf(l, r, path);
          return;
        }
        Map<String, JsonNode> li = index(l, lk);
        Map<String, JsonNode> ri = index(r, lk);
        Set<String> all = new LinkedHashSet<>(li.keySet());
        all.addAll(ri.keySet());
        for (String t : all) {
          path.add(t);
          if (lk.set()) {
            leaf(li.get(t), ri.get(t), path);
          } else {
            walk(li.get(t), ri.get(t), s.items(), null, path, true);
          }
          path.remove(path.size() - 1);
        }
      } else {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode n : new JsonNode[] {l, r}) {
          if (!missing(n) && n.isObject()) {
            n.fieldNames().forEachRemaining(keys::add);
          }
        }
        for (String key : keys) {
          path.add("f:" + key);
          JsonNode lc = missing(l) || l.isNull() ? null : l.get(key);
          JsonNode rc = missing(r) || r.isNull() ? null : r.get(key);
          if (s.type == Schema.Type.MAP) {
            walk(lc, rc, s.items(), null, path, true);
          } else {
            Schema.Field cf = s.property(key);
            walk(lc, rc, cf == null ? null : cf.schema(), cf, path, marksItself(s, key, cf));
          }
          path.remove(path.size() - 1);
        }
      }
      if (item && !path.isEmpty()) {
        if (missing(l)) {
          added.add(List.copyOf(path));
        } else if (missing(r)) {
          removed.add(List.copyOf(path));
        }
      }
    }

    /**
     * Whether a field that appears or vanishes is itself a member of the difference (upstream's
     * {@code .} entries): undeclared fields, maps and pointer structs are; lists and Go value
     * structs, which a typed object always has, are not.
     */
    private static boolean marksItself(Schema s, String key, Schema.Field cf) {
      if (!s.declares(key)) {
        return true;
      }
      Schema fs = cf.schema();
      return fs != null
          && (fs.type == Schema.Type.MAP || (fs.type == Schema.Type.OBJECT && !s.valueStruct(key)));
    }

    private static Map<String, JsonNode> index(JsonNode list, FieldSet.ListKind lk) {
      Map<String, JsonNode> m = new LinkedHashMap<>();
      if (list != null && list.isArray()) {
        Iterator<JsonNode> it = list.elements();
        while (it.hasNext()) {
          JsonNode n = it.next();
          m.putIfAbsent(lk.token(n), n);
        }
      }
      return m;
    }
  }
}
