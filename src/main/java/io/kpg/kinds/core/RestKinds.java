package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.registry.KindDef.Column;
import io.kpg.registry.validation.NameValidation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small helpers shared by the kind definitions of the "rest" kinds (core non-pod kinds and the
 * other API groups): Table columns, JSON reading, and upstream's format checks with upstream's
 * wording (apimachinery {@code pkg/util/validation}). Name, label key and label value checks are
 * {@link NameValidation}'s.
 */
public final class RestKinds {
  private RestKinds() {}

  /** {@code metav1.ObjectMeta{}.SwaggerDoc()["name"]} */
  public static final String NAME_DESC =
      "Name must be unique within a namespace. Is required when creating resources, although some"
          + " resources may allow a client to request the generation of an appropriate name"
          + " automatically. Name is primarily intended for creation idempotence and configuration"
          + " definition. Cannot be updated. More info:"
          + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

  /** {@code metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]} */
  public static final String AGE_DESC =
      "CreationTimestamp is a timestamp representing the server time when this object was created."
          + " It is not guaranteed to be set in happens-before order across separate operations."
          + " Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
          + "Populated by the system. Read-only. Null for lists. More info:"
          + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

  public static final String IMMUTABLE = "field is immutable";

  /** The Name column as every printer declares it. */
  public static Column nameColumn() {
    return new Column("Name", "string", "name", NAME_DESC, 0);
  }

  /** The Age column as every printer declares it. */
  public static Column ageColumn() {
    return new Column("Age", "string", "", AGE_DESC, 0);
  }

  public static Column col(String name, String type, String description) {
    return new Column(name, type, "", description, 0);
  }

  public static Column wide(String name, String type, String description) {
    return new Column(name, type, "", description, 1);
  }

  // ---------------------------------------------------------------- JSON reading

  /** Text at a path of keys, or "" when missing/null/not scalar. */
  public static String str(JsonNode n, String... path) {
    JsonNode v = node(n, path);
    if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) {
      return "";
    }
    return v.asText();
  }

  /** Node at a path of keys, or null. */
  public static JsonNode node(JsonNode n, String... path) {
    JsonNode cur = n;
    for (String p : path) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(p);
    }
    return cur == null || cur.isNull() ? null : cur;
  }

  public static String name(JsonNode obj) {
    return str(obj, "metadata", "name");
  }

  public static String namespace(JsonNode obj) {
    return str(obj, "metadata", "namespace");
  }

  /** Whether a node is absent, null, or an empty container/string. */
  public static boolean isEmpty(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return true;
    }
    if (n.isContainerNode()) {
      return n.isEmpty();
    }
    return n.isTextual() && n.textValue().isEmpty();
  }

  /** Number of entries of an object or array; 0 when absent. */
  public static int size(JsonNode n) {
    return n == null || !n.isContainerNode() ? 0 : n.size();
  }

  /** Equality that treats absent, null and empty containers alike (Go's zero values). */
  public static boolean same(JsonNode a, JsonNode b) {
    if (isEmpty(a) && isEmpty(b)) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    return a.equals(b);
  }

  /** The object at {@code key}, created when missing. */
  public static ObjectNode obj(ObjectNode parent, String key) {
    JsonNode n = parent.get(key);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(key);
  }

  /** Iterates the elements of an array node (nothing when absent). */
  public static Iterable<JsonNode> items(JsonNode arr) {
    if (arr == null || !arr.isArray()) {
      return List.of();
    }
    return arr::elements;
  }

  /** Entries of an object node in key order (nothing when absent). */
  public static Map<String, JsonNode> fields(JsonNode o) {
    Map<String, JsonNode> out = new TreeMap<>();
    if (o != null && o.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- formatting

  /** {@code helper.GetAccessModesAsString}: RWO,ROX,RWX,RWOP in that order. */
  public static String accessModes(JsonNode modes) {
    TreeSet<String> have = new TreeSet<>();
    items(modes).forEach(m -> have.add(m.asText()));
    List<String> out = new ArrayList<>();
    if (have.contains("ReadWriteOnce")) {
      out.add("RWO");
    }
    if (have.contains("ReadOnlyMany")) {
      out.add("ROX");
    }
    if (have.contains("ReadWriteMany")) {
      out.add("RWX");
    }
    if (have.contains("ReadWriteOncePod")) {
      out.add("RWOP");
    }
    return String.join(",", out);
  }

  // ---------------------------------------------------------------- format checks

  private static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FMT);

  /** {@code validation.IsConfigMapKey}. */
  public static List<String> configMapKey(String v) {
    List<String> errs = new ArrayList<>();
    if (v.getBytes(StandardCharsets.UTF_8).length > NameValidation.DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(NameValidation.maxLenError(NameValidation.DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!CONFIG_MAP_KEY.matcher(v).matches()) {
      errs.add(
          NameValidation.regexError(
              "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
              CONFIG_MAP_KEY_FMT,
              "key.name",
              "KEY_NAME",
              "key-name"));
    }
    if (v.equals(".")) {
      errs.add("must not be '.'");
    } else if (v.equals("..")) {
      errs.add("must not be '..'");
    } else if (v.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  /** {@code validation.IsValidPortNum}. */
  public static List<String> portNum(long p) {
    return p >= 1 && p <= 65535 ? List.of() : List.of("must be between 1 and 65535, inclusive");
  }

  private static final Pattern IANA_SVC = Pattern.compile("[-a-z0-9]+");

  /** {@code validation.IsValidPortName} (IANA_SVC_NAME). */
  public static List<String> portName(String p) {
    List<String> errs = new ArrayList<>();
    if (p.length() > 15) {
      errs.add("must be no more than 15 characters");
    }
    if (!IANA_SVC.matcher(p).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!p.chars().anyMatch(c -> c >= 'a' && c <= 'z')) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (p.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!p.isEmpty() && (p.startsWith("-") || p.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** {@code ValidatePortNumOrName} for an int-or-string node at {@code path}. */
  public static List<FieldError> portNumOrName(JsonNode port, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (port == null) {
      return errs;
    }
    if (port.isIntegralNumber()) {
      for (String m : portNum(port.asLong())) {
        errs.add(FieldError.invalid(path, port.asLong(), m));
      }
    } else if (port.isTextual()) {
      for (String m : portName(port.asText())) {
        errs.add(FieldError.invalid(path, port.asText(), m));
      }
    } else {
      errs.add(FieldError.invalid(path, port, "must be an integer or string"));
    }
    return errs;
  }

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  public static boolean isIPv4(String s) {
    return IPV4.matcher(s).matches();
  }

  public static boolean isIPv6(String s) {
    if (!s.contains(":") || !s.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  public static boolean isIP(String s) {
    return isIPv4(s) || isIPv6(s);
  }

  /** {@code validation.IsValidIP} message. */
  public static final String IP_ERROR =
      "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

  // ---------------------------------------------------------------- quantities

  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

  /** The value of a resource quantity string, or null when it does not parse. */
  public static BigDecimal quantity(String s) {
    if (s == null) {
      return null;
    }
    Matcher m = QUANTITY.matcher(s);
    if (!m.matches()) {
      return null;
    }
    BigDecimal v = new BigDecimal(m.group(1));
    String suf = m.group(2);
    if (suf == null || suf.isEmpty()) {
      return v;
    }
    return switch (suf) {
      case "Ki" -> v.multiply(BigDecimal.valueOf(1L << 10));
      case "Mi" -> v.multiply(BigDecimal.valueOf(1L << 20));
      case "Gi" -> v.multiply(BigDecimal.valueOf(1L << 30));
      case "Ti" -> v.multiply(BigDecimal.valueOf(1L << 40));
      case "Pi" -> v.multiply(BigDecimal.valueOf(1L << 50));
      case "Ei" -> v.multiply(BigDecimal.valueOf(1L << 60));
      case "n" -> v.scaleByPowerOfTen(-9);
      case "u" -> v.scaleByPowerOfTen(-6);
      case "m" -> v.scaleByPowerOfTen(-3);
      case "k" -> v.scaleByPowerOfTen(3);
      case "M" -> v.scaleByPowerOfTen(6);
      case "G" -> v.scaleByPowerOfTen(9);
      case "T" -> v.scaleByPowerOfTen(12);
      case "P" -> v.scaleByPowerOfTen(15);
      case "E" -> v.scaleByPowerOfTen(18);
      default -> v.scaleByPowerOfTen(Integer.parseInt(suf.substring(1)));
    };
  }

  /** The quantity at a node (string or number), or null. */
  public static BigDecimal quantity(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    return n.isTextual() ? quantity(n.textValue()) : null;
  }

  /** upstream's message for a quantity that does not parse. */
  public static final String QUANTITY_ERROR =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
}
