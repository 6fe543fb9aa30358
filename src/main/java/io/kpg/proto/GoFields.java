package io.kpg.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Lookup over {@link GoFieldsData}: how a protobuf field of a Kubernetes message behaves in
 * upstream's JSON (name, pointer or value, omitempty, inlined).
 */
final class GoFields {
  private GoFields() {}

  /**
   * @param json the JSON name
   * @param pointer a Go pointer: present on the wire means set, even to a zero value
   * @param always a value field without omitempty: emitted even when zero
   * @param inline an embedded struct whose fields appear in the parent's JSON object
   * @param skip not part of the JSON form at all
   */
  record Field(String json, boolean pointer, boolean always, boolean inline, boolean skip) {}

  private static final Map<String, Map<String, Field>> MESSAGES = new HashMap<>();
  private static final Set<String> NAMED_SLICES = new HashSet<>();

  static {
    String pkg = null;
    for (String chunk : GoFieldsData.CHUNKS) {
      for (String line : chunk.split("\n")) {
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("@")) {
          pkg = line.substring(1);
          continue;
        }
        if ("slices".equals(pkg)) {
          NAMED_SLICES.add(line);
          continue;
        }
        String[] parts = line.split(" ");
        Map<String, Field> fields = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i];
          String json = null;
          int eq = p.indexOf('=');
          if (eq >= 0) {
            json = p.substring(eq + 1);
            p = p.substring(0, eq);
          }
          String flags = "";
          int colon = p.indexOf(':');
          if (colon >= 0) {
            flags = p.substring(colon + 1);
            p = p.substring(0, colon);
          }
          fields.put(
              p,
              new Field(
                  json == null ? p : json,
                  flags.contains("p"),
                  flags.contains("a"),
                  flags.contains("i"),
                  flags.contains("x")));
        }
        MESSAGES.put(pkg + "." + parts[0], fields);
      }
    }
  }

  /** Whether the message is one of upstream's Go types this table knows. */
  static boolean known(Descriptor d) {
    return MESSAGES.containsKey(d.getFullName());
  }

  /** Go named slice types ({@code ExtraValue}, {@code Verbs}): JSON is the array of items. */
  static boolean namedSlice(Descriptor d) {
    return NAMED_SLICES.contains(d.getFullName());
  }

  /**
   * How {@code f} behaves in JSON. Fields of messages the table does not know are treated as
   * pointers (emitted whenever present), which is the plain proto2 reading.
   */
  static Field field(FieldDescriptor f) {
    Map<String, Field> fields = MESSAGES.get(f.getContainingType().getFullName());
    if (fields == null) {
      return new Field(f.getName(), true, false, false, false);
    }
    Field g = fields.get(f.getName());
    return g != null ? g : new Field(f.getName(), false, false, false, false);
  }
}
