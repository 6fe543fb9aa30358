package io.kpg.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Ownership bookkeeping for non-apply writes (create, update, patch): the writer takes every field
 * whose value it added or changed, other managers lose those fields, and removed fields leave every
 * set.
 */
public final class Update {
  private Update() {}

  /**
   * @param old the object before the write (null on create)
   * @param subresource null for the main resource, "status" for status writes
   * @return the new entries; unchanged (same list contents) when the write changed no owned field
   */
  public static List<ManagedEntry> record(
      JsonNode old,
      JsonNode next,
      String manager,
      String apiVersion,
      String subresource,
      String time,
      Schema schema,
      List<ManagedEntry> managed,
      Predicate<List<String>> keep) {
    Compare c = Compare.of(strip(old), strip(next), schema).filter(keep);
    if (c.isEmpty()) {
      return List.copyOf(managed);
    }
    FieldSet changed = c.changed();
    List<ManagedEntry> out = new ArrayList<>();
    ManagedEntry mine = null;
    for (ManagedEntry e : managed) {
      if (e.sameIdentity(manager, ManagedEntry.UPDATE, apiVersion, subresource)) {
        mine = e;
        continue;
      }
      FieldSet f = e.fields().difference(changed).difference(c.removed());
      if (!f.isEmpty()) {
        out.add(f.equals(e.fields()) ? e : e.withFields(f));
      }
    }
    if (mine != null || !changed.isEmpty()) {
      FieldSet f =
          (mine == null ? FieldSet.EMPTY : mine.fields()).union(changed).difference(c.removed());
      String t = changed.isEmpty() && mine != null ? mine.time() : time;
      if (!f.isEmpty()) {
        out.add(new ManagedEntry(manager, ManagedEntry.UPDATE, apiVersion, t, subresource, f));
      }
    }
    return out;
  }

  static JsonNode strip(JsonNode o) {
    if (o == null || !o.isObject()) {
      return o == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : o;
    }
    ObjectNode c = ((ObjectNode) o).deepCopy();
    JsonNode md = c.get("metadata");
    if (md instanceof ObjectNode m) {
      m.remove("managedFields");
    }
    return c;
  }
}
