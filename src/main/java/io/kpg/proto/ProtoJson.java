package io.kpg.proto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.kpg.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between Kubernetes protobuf messages and their JSON form, generically by walking the
 * descriptor. JSON names, inlining and omitempty come from {@link GoFields}; the types with a
 * custom JSON form (Time, MicroTime, Duration, IntOrString, Quantity, RawExtension, FieldsV1 and
 * the apiextensions JSON types) are handled specially.
 */
public final class ProtoJson {
  private ProtoJson() {}

  /** Deepest message nesting either direction accepts. */
  public static final int MAX_DEPTH = 100;

  static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String DURATION = META + "Duration";
  static final String FIELDS_V1 = META + "FieldsV1";
  static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
  static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
  static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
  static final String APIEXT = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter MICRO_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECOND_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** A message or value that has no valid JSON form; callers turn it into a 400. */
  public static final class ConversionException extends RuntimeException {
    ConversionException(String message) {
      super(message, null, false, false);
    }
  }

  // ---------------------------------------------------------------- proto -> JSON

  /** The JSON form of an object message (a top-level kind or any non-special message). */
  public static ObjectNode toJson(Message m) {
    JsonNode n = messageValue(m, 0);
    if (n instanceof ObjectNode o) {
      return o;
    }
    throw new ConversionException(
        "message " + m.getDescriptorForType().getFullName() + " has no JSON object form");
  }

  /**
   * The JSON value of a message, or null when Go would write {@code null} (zero Time, empty
   * RawExtension...).
   */
  static JsonNode messageValue(Message m, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ConversionException("object nesting exceeds " + MAX_DEPTH + " levels");
    }
    Descriptor d = m.getDescriptorForType();
    String name = d.getFullName();
    switch (name) {
      case TIME, MICRO_TIME -> {
        if (m.getAllFields().isEmpty()) {
          return null;
        }
        long secs = (Long) get(m, "seconds");
        int nanos = (Integer) get(m, "nanos");
        try {
          if (name.equals(TIME)) {
            // upstream drops the nanoseconds of a Time when unmarshalling protobuf
            return F.textNode(SECOND_FORMAT.format(Instant.ofEpochSecond(secs)));
          }
          Instant t = Instant.ofEpochSecond(secs, nanos).truncatedTo(ChronoUnit.MICROS);
          return F.textNode(MICRO_FORMAT.format(t));
        } catch (RuntimeException e) {
          throw new ConversionException("time out of range: " + secs + "s");
        }
      }
      case DURATION -> {
        return F.textNode(GoDuration.format((Long) get(m, "duration")));
      }
      case INT_OR_STRING -> {
        long type = (Long) get(m, "type");
        if (type == 0) {
          return F.numberNode((Integer) get(m, "intVal"));
        }
        if (type == 1) {
          return F.textNode((String) get(m, "strVal"));
        }
        throw new ConversionException("impossible IntOrString.Type");
      }
      case QUANTITY -> {
        return F.textNode((String) get(m, "string"));
      }
      case RAW_EXTENSION -> {
        return rawJson((ByteString) get(m, "raw"), "RawExtension");
      }
      case FIELDS_V1 -> {
        return rawJson((ByteString) get(m, "Raw"), "FieldsV1");
      }
      default -> {}
    }
    if (name.startsWith(APIEXT)) {
      String simple = d.getName();
      switch (simple) {
        case "JSON" -> {
          return rawJson((ByteString) get(m, "raw"), "JSON");
        }
        case "JSONSchemaPropsOrArray" -> {
          FieldDescriptor many = d.findFieldByName("jSONSchemas");
          if (m.getRepeatedFieldCount(many) > 0) {
            return repeated(m, many, depth);
          }
          FieldDescriptor one = d.findFieldByName("schema");
          return m.hasField(one) ? messageValue((Message) m.getField(one), depth + 1) : null;
        }
        case "JSONSchemaPropsOrBool" -> {
          FieldDescriptor one = d.findFieldByName("schema");
          if (m.hasField(one)) {
            return messageValue((Message) m.getField(one), depth + 1);
          }
          return F.booleanNode((Boolean) get(m, "allows"));
        }
        case "JSONSchemaPropsOrStringArray" -> {
          FieldDescriptor many = d.findFieldByName("property");
          if (m.getRepeatedFieldCount(many) > 0) {
            return repeated(m, many, depth);
          }
          FieldDescriptor one = d.findFieldByName("schema");
          return m.hasField(one) ? messageValue((Message) m.getField(one), depth + 1) : null;
        }
        default -> {}
      }
    }
    if (GoFields.namedSlice(d)) {
      FieldDescriptor items = d.findFieldByName("items");
      return items == null ? F.arrayNode() : repeated(m, items, depth);
    }
    ObjectNode out = F.objectNode();
    writeFields(m, out, depth);
    return out;
  }

  private static Object get(Message m, String field) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
    return m.getField(f);
  }

  private static void writeFields(Message m, ObjectNode out, int depth) {
    for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
      GoFields.Field g = GoFields.field(f);
      if (g.skip()) {
        continue;
      }
      if (f.isMapField()) {
        if (m.getRepeatedFieldCount(f) == 0) {
          continue;
        }
        out.set(g.json(), map(m, f, depth));
      } else if (f.isRepeated()) {
        if (m.getRepeatedFieldCount(f) == 0) {
          continue;
        }
        out.set(g.json(), repeated(m, f, depth));
      } else {
        if (!m.hasField(f)) {
          continue;
        }
        Object v = m.getField(f);
        if (g.inline() && v instanceof Message sub) {
          if (depth + 1 > MAX_DEPTH) {
            throw new ConversionException("object nesting exceeds " + MAX_DEPTH + " levels");
          }
          writeFields(sub, out, depth + 1);
          continue;
        }
        JsonNode jv = value(f, v, depth);
        if (jv == null) {
          continue;
        }
        if (!g.pointer() && !g.always() && omitEmpty(f, jv)) {
          continue;
        }
        out.set(g.json(), jv);
      }
    }
  }

  /**
   * Whether a value field with omitempty is at its zero value. Structs are never empty for Go; the
   * special scalars-in-disguise (IntOrString, Quantity) are treated like their scalar forms so that
   * an unset value field stays unset.
   */
  private static boolean omitEmpty(FieldDescriptor f, JsonNode jv) {
    if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      String t = f.getMessageType().getFullName();
      if (!t.equals(INT_OR_STRING) && !t.equals(QUANTITY)) {
        return false;
      }
    }
    if (jv.isTextual()) {
      return jv.textValue().isEmpty();
    }
    if (jv.isNumber()) {
      return jv.decimalValue().signum() == 0;
    }
    if (jv.isBoolean()) {
      return !jv.booleanValue();
    }
    return false;
  }

  private static ArrayNode repeated(Message m, FieldDescriptor f, int depth) {
    ArrayNode arr = F.arrayNode();
    int n = m.getRepeatedFieldCount(f);
    for (int i = 0; i < n; i++) {
      JsonNode v = value(f, m.getRepeatedField(f, i), depth);
      arr.add(v == null ? F.nullNode() : v);
    }
    return arr;
  }

  private static ObjectNode map(Message m, FieldDescriptor f, int depth) {
    FieldDescriptor kf = f.getMessageType().findFieldByName("key");
    FieldDescriptor vf = f.getMessageType().findFieldByName("value");
    // Go writes map keys sorted; a repeated key keeps its last value
    TreeMap<String, JsonNode> sorted = new TreeMap<>();
    int n = m.getRepeatedFieldCount(f);
    for (int i = 0; i < n; i++) {
      Message e = (Message) m.getRepeatedField(f, i);
      String key = String.valueOf(e.getField(kf));
      JsonNode v;
      if (vf.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !e.hasField(vf)) {
        v = messageValue(DynamicMessage.getDefaultInstance(vf.getMessageType()), depth + 1);
      } else {
        v = value(vf, e.getField(vf), depth);
      }
      sorted.put(key, v == null ? F.nullNode() : v);
    }
    ObjectNode o = F.objectNode();
    sorted.forEach(o::set);
    return o;
  }

  /** One (non-repeated) value of field {@code f}. */
  private static JsonNode value(FieldDescriptor f, Object v, int depth) {
    return switch (f.getJavaType()) {
      case STRING -> F.textNode((String) v);
      case BOOLEAN -> F.booleanNode((Boolean) v);
      case INT -> F.numberNode((Integer) v);
      case LONG -> integer((Long) v);
      case FLOAT -> goFloat(((Float) v).doubleValue());
      case DOUBLE -> goFloat((Double) v);
      case BYTE_STRING ->
          F.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM -> F.textNode(((EnumValueDescriptor) v).getName());
      case MESSAGE -> messageValue((Message) v, depth + 1);
    };
  }

  /** The node Jackson would parse for this integer (int when it fits), so trees compare equal. */
  private static JsonNode integer(long v) {
    return v == (int) v ? F.numberNode((int) v) : F.numberNode(v);
  }

  /** Go writes whole floats without a fraction ({@code 1}, not {@code 1.0}). */
  private static JsonNode goFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new ConversionException("json: unsupported value: " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e18) {
      return integer((long) d);
    }
    return F.numberNode(d);
  }

  private static JsonNode rawJson(ByteString raw, String what) {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(raw.toByteArray());
      if (n == null || n.isMissingNode()) {
        throw new ConversionException(what + ": no JSON value in raw bytes");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new ConversionException(what + " does not hold valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ConversionException(what + " does not hold valid JSON");
    }
  }

  // ---------------------------------------------------------------- JSON -> proto

  /** Builds the message of type {@code d} from its JSON object form. */
  public static DynamicMessage fromJson(JsonNode json, Descriptor d) {
    Object v = messageFrom(json, d, 0);
    if (v == null) {
      return DynamicMessage.getDefaultInstance(d);
    }
    return (DynamicMessage) v;
  }

  /** The message for a JSON value, or null for JSON null. */
  private static DynamicMessage messageFrom(JsonNode n, Descriptor d, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ConversionException("object nesting exceeds " + MAX_DEPTH + " levels");
    }
    if (n == null || n.isNull()) {
      return null;
    }
    String name = d.getFullName();
    DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
    switch (name) {
      case TIME, MICRO_TIME -> {
        Instant t = parseTime(n);
        b.setField(d.findFieldByName("seconds"), t.getEpochSecond());
        int nanos = name.equals(TIME) ? 0 : (t.getNano() / 1000) * 1000;
        b.setField(d.findFieldByName("nanos"), nanos);
        return b.build();
      }
      case DURATION -> {
        try {
          b.setField(d.findFieldByName("duration"), GoDuration.parse(text(n, name)));
        } catch (IllegalArgumentException e) {
          throw new ConversionException(e.getMessage());
        }
        return b.build();
      }
      case INT_OR_STRING -> {
        if (n.isTextual()) {
          b.setField(d.findFieldByName("type"), 1L);
          b.setField(d.findFieldByName("strVal"), n.textValue());
        } else if (n.isIntegralNumber() && n.canConvertToInt()) {
          b.setField(d.findFieldByName("type"), 0L);
          b.setField(d.findFieldByName("intVal"), n.intValue());
        } else {
          throw mismatch(name, n);
        }
        return b.build();
      }
      case QUANTITY -> {
        String s = n.isNumber() ? n.asText() : text(n, name);
        b.setField(d.findFieldByName("string"), s);
        return b.build();
      }
      case RAW_EXTENSION -> {
        b.setField(d.findFieldByName("raw"), ByteString.copyFrom(Json.writeBytes(n)));
        return b.build();
      }
      case FIELDS_V1 -> {
        b.setField(d.findFieldByName("Raw"), ByteString.copyFrom(Json.writeBytes(n)));
        return b.build();
      }
      default -> {}
    }
    if (name.startsWith(APIEXT)) {
      switch (d.getName()) {
        case "JSON" -> {
          b.setField(d.findFieldByName("raw"), ByteString.copyFrom(Json.writeBytes(n)));
          return b.build();
        }
        case "JSONSchemaPropsOrArray" -> {
          if (n.isArray()) {
            addAll(b, d.findFieldByName("jSONSchemas"), n, depth);
          } else {
            setMessage(b, d.findFieldByName("schema"), n, depth);
          }
          return b.build();
        }
        case "JSONSchemaPropsOrBool" -> {
          if (n.isBoolean()) {
            b.setField(d.findFieldByName("allows"), n.booleanValue());
          } else {
            b.setField(d.findFieldByName("allows"), true);
            setMessage(b, d.findFieldByName("schema"), n, depth);
          }
          return b.build();
        }
        case "JSONSchemaPropsOrStringArray" -> {
          if (n.isArray()) {
            addAll(b, d.findFieldByName("property"), n, depth);
          } else {
            setMessage(b, d.findFieldByName("schema"), n, depth);
          }
          return b.build();
        }
        default -> {}
      }
    }
    if (GoFields.namedSlice(d)) {
      FieldDescriptor items = d.findFieldByName("items");
      if (!n.isArray()) {
        throw mismatch(name, n);
      }
      addAll(b, items, n, depth);
      return b.build();
    }
    if (!n.isObject()) {
      throw mismatch(name, n);
    }
    readFields(b, d, n, depth);
    return b.build();
  }

  /** Where each JSON key of a message goes: a path of fields (longer than one when inlined). */
  private static final Map<Descriptor, Map<String, List<FieldDescriptor>>> KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Map<String, List<FieldDescriptor>> keys(Descriptor d) {
    Map<String, List<FieldDescriptor>> k = KEYS.get(d);
    if (k == null) {
      k = new LinkedHashMap<>();
      collectKeys(d, new ArrayList<>(), k, 0);
      KEYS.put(d, k);
    }
    return k;
  }

  private static void collectKeys(
      Descriptor d, List<FieldDescriptor> prefix, Map<String, List<FieldDescriptor>> out, int n) {
    for (FieldDescriptor f : d.getFields()) {
      GoFields.Field g = GoFields.field(f);
      if (g.skip()) {
        continue;
      }
      List<FieldDescriptor> path = new ArrayList<>(prefix);
      path.add(f);
      if (g.inline()
          && !f.isRepeated()
          && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && n < 8) {
        collectKeys(f.getMessageType(), path, out, n + 1);
      } else {
        // as in Go, the shallower field wins a name clash
        out.putIfAbsent(g.json(), List.copyOf(path));
      }
    }
  }

  private static void readFields(DynamicMessage.Builder b, Descriptor d, JsonNode n, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ConversionException("object nesting exceeds " + MAX_DEPTH + " levels");
    }
    Map<String, List<FieldDescriptor>> keys = keys(d);
    // keys that belong to an inlined struct are gathered and read into that struct's message
    Map<FieldDescriptor, ObjectNode> inlined = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      List<FieldDescriptor> path = keys.get(e.getKey());
      if (path == null || e.getValue().isNull()) {
        continue; // unknown fields are dropped, as protobuf encoding drops them upstream
      }
      if (path.size() == 1) {
        setValue(b, path.get(0), e.getValue(), depth);
      } else {
        inlined.computeIfAbsent(path.get(0), k -> F.objectNode()).set(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<FieldDescriptor, ObjectNode> e : inlined.entrySet()) {
      FieldDescriptor f = e.getKey();
      DynamicMessage.Builder sub = DynamicMessage.newBuilder(f.getMessageType());
      readFields(sub, f.getMessageType(), e.getValue(), depth + 1);
      b.setField(f, sub.build());
    }
  }

  private static void setValue(DynamicMessage.Builder b, FieldDescriptor f, JsonNode v, int depth) {
    if (f.isMapField()) {
      if (!v.isObject()) {
        throw mismatch(f.getFullName(), v);
      }
      Descriptor entry = f.getMessageType();
      FieldDescriptor kf = entry.findFieldByName("key");
      FieldDescriptor vf = entry.findFieldByName("value");
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      v.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        DynamicMessage.Builder eb = DynamicMessage.newBuilder(entry);
        eb.setField(kf, e.getKey());
        Object val = scalarOrMessage(vf, e.getValue(), depth);
        if (val != null) {
          eb.setField(vf, val);
        }
        b.addRepeatedField(f, eb.build());
      }
    } else if (f.isRepeated()) {
      if (!v.isArray()) {
        throw mismatch(f.getFullName(), v);
      }
      addAll(b, f, v, depth);
    } else {
      Object val = scalarOrMessage(f, v, depth);
      if (val != null) {
        b.setField(f, val);
      }
    }
  }

  private static void addAll(DynamicMessage.Builder b, FieldDescriptor f, JsonNode arr, int depth) {
    for (JsonNode item : arr) {
      Object val = scalarOrMessage(f, item, depth);
      if (val == null) {
        val =
            f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                ? DynamicMessage.getDefaultInstance(f.getMessageType())
                : f.getDefaultValue();
      }
      b.addRepeatedField(f, val);
    }
  }

  private static void setMessage(
      DynamicMessage.Builder b, FieldDescriptor f, JsonNode n, int depth) {
    DynamicMessage m = messageFrom(n, f.getMessageType(), depth + 1);
    if (m != null) {
      b.setField(f, m);
    }
  }

  private static Object scalarOrMessage(FieldDescriptor f, JsonNode v, int depth) {
    if (v == null || v.isNull()) {
      return null;
    }
    String where = f.getFullName();
    switch (f.getJavaType()) {
      case STRING:
        return text(v, where);
      case BOOLEAN:
        if (!v.isBoolean()) {
          throw mismatch(where, v);
        }
        return v.booleanValue();
      case INT:
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          throw mismatch(where, v);
        }
        return v.intValue();
      case LONG:
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
          throw mismatch(where, v);
        }
        return v.longValue();
      case FLOAT:
        if (!v.isNumber()) {
          throw mismatch(where, v);
        }
        return v.floatValue();
      case DOUBLE:
        if (!v.isNumber()) {
          throw mismatch(where, v);
        }
        return v.doubleValue();
      case BYTE_STRING:
        try {
          return ByteString.copyFrom(Base64.getDecoder().decode(text(v, where)));
        } catch (IllegalArgumentException e) {
          throw new ConversionException(where + ": illegal base64 data");
        }
      case ENUM:
        EnumValueDescriptor ev = f.getEnumType().findValueByName(text(v, where));
        if (ev == null) {
          throw mismatch(where, v);
        }
        return ev;
      case MESSAGE:
      default:
        return messageFrom(v, f.getMessageType(), depth + 1);
    }
  }

  private static String text(JsonNode v, String where) {
    if (!v.isTextual()) {
      throw mismatch(where, v);
    }
    return v.textValue();
  }

  private static Instant parseTime(JsonNode n) {
    String s = text(n, TIME);
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new ConversionException("invalid time " + n);
    }
  }

  private static ConversionException mismatch(String where, JsonNode v) {
    return new ConversionException(
        "cannot convert JSON " + v.getNodeType().name().toLowerCase() + " into " + where);
  }
}
