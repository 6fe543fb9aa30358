package io.kpg.json.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.GoStrings;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}) as kube-apiserver applies it: with the
 * semantics and messages of the json-patch library upstream uses (evanphx/json-patch v4), including
 * its leniencies (negative array indices count from the end, {@code replace} of a missing object
 * member adds it, a missing {@code value} means null).
 *
 * <p>A patch that is not a list of operation objects is a 400; every failure while applying
 * operations (unknown op, missing path, failed test, bad index) is a 422 whose cause carries the
 * library's message, as upstream answers.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** Applies {@code patch} to a copy of {@code doc}; neither argument is modified. */
  public static JsonNode apply(JsonNode doc, JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return doc.deepCopy();
    }
    if (!patch.isArray()) {
      throw PatchErrors.badRequest(
          "json: cannot unmarshal " + jsonKind(patch) + " into Go value of type jsonpatch.Patch");
    }
    for (JsonNode op : patch) {
      if (!op.isNull() && !op.isObject()) {
        throw PatchErrors.badRequest(
            "json: cannot unmarshal "
                + jsonKind(op)
                + " into Go value of type jsonpatch.Operation");
      }
    }
    if (patch.size() > PatchErrors.MAX_JSON_PATCH_OPERATIONS) {
      throw PatchErrors.tooManyOperations(patch.size());
    }
    if (!doc.isContainerNode()) {
      throw PatchErrors.unprocessable(
          "json: cannot unmarshal "
              + jsonKind(doc)
              + " into Go value of type jsonpatch.partialDoc");
    }
    Applier a = new Applier(doc.deepCopy());
    try {
      for (JsonNode op : patch) {
        a.apply(op.isNull() ? null : (ObjectNode) op);
      }
    } catch (Fail f) {
      throw PatchErrors.unprocessable(f.getMessage());
    } catch (StatusException e) {
      throw e;
    } catch (RuntimeException e) {
      throw PatchErrors.unprocessable(String.valueOf(e.getMessage()));
    }
    return a.root;
  }

  /** A failure inside the library; becomes a 422 carrying this message. */
  private static final class Fail extends RuntimeException {
    Fail(String message) {
      super(message, null, false, false);
    }
  }

  private static final String MISSING = "missing value";

  /** The result of reading a string member of an operation: its value or a decoding error. */
  private record Str(String value, String error) {}

  private record Target(JsonNode container, String key) {}

  private static final class Applier {
    JsonNode root;

    Applier(JsonNode root) {
      this.root = root;
    }

    void apply(ObjectNode op) {
      String kind = kind(op);
      switch (kind) {
        case "add" -> add(op);
        case "remove" -> remove(op);
        case "replace" -> replace(op);
        case "move" -> move(op);
        case "test" -> test(op);
        case "copy" -> copy(op);
        default -> throw new Fail("Unexpected kind: " + kind);
      }
    }

    private void add(ObjectNode op) {
      Str path = path(op);
      if (path.error != null) {
        throw new Fail("add operation failed to decode path: " + MISSING);
      }
      Target t = find(path.value);
      if (t == null) {
        throw new Fail(
            "add operation does not apply: doc is missing path: \""
                + path.value
                + "\": "
                + MISSING);
      }
      try {
        put(t, value(op));
      } catch (Fail e) {
        throw new Fail("error in add for path: '" + path.value + "': " + e.getMessage());
      }
    }

    private void remove(ObjectNode op) {
      Str path = path(op);
      if (path.error != null) {
        throw new Fail("remove operation failed to decode path: " + MISSING);
      }
      Target t = find(path.value);
      if (t == null) {
        throw new Fail(
            "remove operation does not apply: doc is missing path: \""
                + path.value
                + "\": "
                + MISSING);
      }
      try {
        delete(t);
      } catch (Fail e) {
        throw new Fail("error in remove for path: '" + path.value + "': " + e.getMessage());
      }
    }

    private void replace(ObjectNode op) {
      Str path = path(op);
      if (path.error != null) {
        throw new Fail("replace operation failed to decode path: " + path.error);
      }
      if (path.value.isEmpty()) {
        JsonNode v = value(op);
        if (!v.isContainerNode()) {
          throw new Fail("replace operation value must be object or array: %!w(<nil>)");
        }
        root = v;
        return;
      }
      Target t = find(path.value);
      if (t == null) {
        throw new Fail(
            "replace operation does not apply: doc is missing path: "
                + path.value
                + ": "
                + MISSING);
      }
      try {
        get(t);
      } catch (Fail e) {
        throw new Fail(
            "replace operation does not apply: doc is missing key: " + path.value + ": " + MISSING);
      }
      try {
        set(t, value(op));
      } catch (Fail e) {
        throw new Fail("error in remove for path: '" + path.value + "': " + e.getMessage());
      }
    }

    /** The existing location a move or copy reads from; errors worded as upstream's. */
    private Target source(Str from, String opName) {
      if (from.error != null) {
        throw new Fail(opName + " operation failed to decode from: " + from.error);
      }
      Target src = find(from.value);
      if (src == null) {
        throw new Fail(
            opName
                + " operation does not apply: doc is missing from path: "
                + from.value
                + ": "
                + MISSING);
      }
      return src;
    }

    private void move(ObjectNode op) {
      Str from = from(op);
      Target src = source(from, "move");
      JsonNode val;
      try {
        val = get(src);
        delete(src);
      } catch (Fail e) {
        throw new Fail("error in move for path: '" + src.key + "': " + e.getMessage());
      }
      Str path = path(op);
      if (path.error != null) {
        throw new Fail("move operation failed to decode path: " + path.error);
      }
      Target dst = find(path.value);
      if (dst == null) {
        throw new Fail(
            "move operation does not apply: doc is missing destination path: "
                + path.value
                + ": "
                + MISSING);
      }
      try {
        put(dst, val == null ? NullNode.instance : val);
      } catch (Fail e) {
        throw new Fail("error in move for path: '" + path.value + "': " + e.getMessage());
      }
    }

    private void test(ObjectNode op) {
      Str path = path(op);
      if (path.error != null) {
        throw new Fail("test operation failed to decode path: " + path.error);
      }
      JsonNode expected = op.get("value");
      boolean hasValue = expected != null;
      if (path.value.isEmpty()) {
        if (hasValue && Equality.jsonEqual(root, expected)) {
          return;
        }
        throw new Fail("testing value " + path.value + " failed: test failed");
      }
      Target t = find(path.value);
      if (t == null) {
        throw new Fail(
            "test operation does not apply: is missing path: " + path.value + ": " + MISSING);
      }
      JsonNode actual;
      try {
        actual = get(t);
      } catch (Fail e) {
        throw new Fail("error in test for path: '" + path.value + "': " + e.getMessage());
      }
      if (actual == null || actual.isNull()) {
        if (!hasValue || expected.isNull()) {
          return;
        }
        throw new Fail("testing value " + path.value + " failed: test failed");
      }
      if (!hasValue || !Equality.jsonEqual(actual, expected)) {
        throw new Fail("testing value " + path.value + " failed: test failed");
      }
    }

    private void copy(ObjectNode op) {
      Str from = from(op);
      Target src = source(from, "copy");
      JsonNode val;
      try {
        val = get(src);
      } catch (Fail e) {
        throw new Fail("error in copy for from: '" + from.value + "': " + e.getMessage());
      }
      Str path = path(op);
      if (path.error != null) {
        throw new Fail("copy operation failed to decode path: " + MISSING);
      }
      Target dst = find(path.value);
      if (dst == null) {
        throw new Fail(
            "copy operation does not apply: doc is missing destination path: "
                + path.value
                + ": "
                + MISSING);
      }
      try {
        put(dst, val == null ? NullNode.instance : val.deepCopy());
      } catch (Fail e) {
        throw new Fail("error while adding value during copy: " + e.getMessage());
      }
    }

    /**
     * The container holding the last token of {@code path} and that token, decoded; null when the
     * path is not a pointer or a container on the way does not exist. As upstream, the text before
     * the first {@code /} is ignored.
     */
    private Target find(String path) {
      String[] split = path.split("/", -1);
      if (split.length < 2) {
        return null;
      }
      JsonNode doc = root;
      for (int i = 1; i < split.length - 1; i++) {
        JsonNode next;
        try {
          next = get(new Target(doc, decodeToken(split[i])));
        } catch (Fail e) {
          return null;
        }
        if (next == null || !next.isContainerNode()) {
          return null;
        }
        doc = next;
      }
      return new Target(doc, decodeToken(split[split.length - 1]));
    }

    /** The value at the target: null (Java) when an object has no such member. */
    private static JsonNode get(Target t) {
      if (t.container instanceof ObjectNode o) {
        return o.get(t.key);
      }
      ArrayNode a = (ArrayNode) t.container;
      long idx = atoi(t.key);
      int len = a.size();
      if (idx < 0) {
        if (idx < -len) {
          throw invalidIndex(idx);
        }
        idx += len;
      }
      if (idx >= len) {
        throw invalidIndex(idx);
      }
      return a.get((int) idx);
    }

    private static void set(Target t, JsonNode val) {
      if (t.container instanceof ObjectNode o) {
        o.set(t.key, val);
        return;
      }
      ArrayNode a = (ArrayNode) t.container;
      long idx = atoi(t.key);
      if (idx < 0) {
        if (idx < -a.size()) {
          throw invalidIndex(idx);
        }
        idx += a.size();
      }
      a.set((int) idx, val);
    }

    private static void put(Target t, JsonNode val) {
      if (t.container instanceof ObjectNode o) {
        o.set(t.key, val);
        return;
      }
      ArrayNode a = (ArrayNode) t.container;
      if (t.key.equals("-")) {
        a.add(val);
        return;
      }
      long idx;
      try {
        idx = atoi(t.key);
      } catch (Fail e) {
        throw new Fail("value was not a proper array index: '" + t.key + "': " + e.getMessage());
      }
      int size = a.size() + 1;
      if (idx >= size) {
        throw invalidIndex(idx);
      }
      if (idx < 0) {
        if (idx < -size) {
          throw invalidIndex(idx);
        }
        idx += size;
      }
      a.insert((int) idx, val);
    }

    private static void delete(Target t) {
      if (t.container instanceof ObjectNode o) {
        if (!o.has(t.key)) {
          throw new Fail("Unable to remove nonexistent key: " + t.key + ": " + MISSING);
        }
        o.remove(t.key);
        return;
      }
      ArrayNode a = (ArrayNode) t.container;
      long idx = atoi(t.key);
      int len = a.size();
      if (idx >= len) {
        throw invalidIndex(idx);
      }
      if (idx < 0) {
        if (idx < -len) {
          throw invalidIndex(idx);
        }
        idx += len;
      }
      a.remove((int) idx);
    }
  }

  private static Fail invalidIndex(long idx) {
    return new Fail("Unable to access invalid index: " + idx + ": invalid index referenced");
  }

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** Go's {@code strconv.Atoi} on a 64-bit platform, with its error messages. */
  static long atoi(String s) {
    if (!INTEGER.matcher(s).matches()) {
      throw new Fail("strconv.Atoi: parsing " + GoStrings.quote(s) + ": invalid syntax");
    }
    BigInteger v = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
    if (v.compareTo(MIN) < 0 || v.compareTo(MAX) > 0) {
      throw new Fail("strconv.Atoi: parsing " + GoStrings.quote(s) + ": value out of range");
    }
    return v.longValue();
  }

  /** RFC 6901: {@code ~1} is {@code /}, then {@code ~0} is {@code ~}. */
  static String decodeToken(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    StringBuilder sb = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '~' && i + 1 < token.length()) {
        char n = token.charAt(i + 1);
        if (n == '1') {
          sb.append('/');
          i++;
          continue;
        }
        if (n == '0') {
          sb.append('~');
          i++;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String kind(ObjectNode op) {
    if (op == null) {
      return "unknown";
    }
    JsonNode k = op.get("op");
    return k != null && k.isTextual() ? k.textValue() : "unknown";
  }

  private static Str path(ObjectNode op) {
    return member(op, "path", "operation missing path field: " + MISSING);
  }

  private static Str from(ObjectNode op) {
    return member(op, "from", "operation, missing from field: " + MISSING);
  }

  private static Str member(ObjectNode op, String name, String missing) {
    JsonNode n = op.get(name);
    if (n == null || n.isNull()) {
      return new Str("unknown", missing);
    }
    if (!n.isTextual()) {
      return new Str(
          "unknown", "json: cannot unmarshal " + jsonKind(n) + " into Go value of type string");
    }
    return new Str(n.textValue(), null);
  }

  /** The operation's value, copied; a missing value is null, as upstream. */
  private static JsonNode value(ObjectNode op) {
    JsonNode v = op.get("value");
    return v == null ? NullNode.instance : v.deepCopy();
  }

  /** How Go's encoding/json names a JSON value's kind in type errors. */
  static String jsonKind(JsonNode n) {
    if (n.isObject()) {
      return "object";
    }
    if (n.isArray()) {
      return "array";
    }
    if (n.isTextual()) {
      return "string";
    }
    if (n.isNumber()) {
      return "number";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    return "null";
  }
}
