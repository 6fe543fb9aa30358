package io.kpg.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import io.kpg.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Encodes a Swagger 2.0 JSON document as gnostic's {@code openapi.v2.Document} protobuf message
 * (what {@code /openapi/v2} serves as {@code application/com.github.proto-openapi.spec.v2.v1.0
 * +protobuf}). Field numbers follow gnostic's {@code openapiv2/OpenAPIv2.proto}. Vendor extensions
 * and other free-form values ({@code default}, {@code enum}, {@code example}) are {@code Any}
 * messages whose {@code yaml} field holds the value; JSON text is valid YAML, so it is written as
 * JSON.
 */
final class Gnostic {
  private Gnostic() {}

  /** A protobuf message under construction. Values equal to the proto3 default are omitted. */
  private static final class Msg {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(buf, 128);

    Msg str(int field, String v) {
      if (v != null && !v.isEmpty()) {
        try {
          out.writeString(field, v);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return this;
    }

    Msg str(int field, JsonNode v) {
      return v != null && v.isTextual() ? str(field, v.asText()) : this;
    }

    Msg bool(int field, boolean v) {
      if (v) {
        try {
          out.writeBool(field, true);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return this;
    }

    /** A nested message; written even when empty (presence matters, e.g. empty properties). */
    Msg msg(int field, byte[] body) {
      try {
        out.writeByteArray(field, body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** Repeated string from a JSON array (or a single string). */
    Msg strings(int field, JsonNode v) {
      if (v == null) {
        return this;
      }
      if (v.isArray()) {
        for (JsonNode e : v) {
          str(field, e.asText());
        }
      } else if (v.isTextual()) {
        str(field, v.asText());
      }
      return this;
    }

    byte[] bytes() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return buf.toByteArray();
    }
  }

  static byte[] document(ObjectNode doc) {
    Msg m = new Msg();
    m.str(1, doc.get("swagger"));
    if (doc.has("info")) {
      m.msg(2, info(doc.get("info")));
    }
    m.str(3, doc.get("host"));
    m.str(4, doc.get("basePath"));
    m.strings(5, doc.get("schemes"));
    m.strings(6, doc.get("consumes"));
    m.strings(7, doc.get("produces"));
    if (doc.has("paths")) {
      m.msg(8, paths(doc.get("paths")));
    }
    if (doc.has("definitions")) {
      Msg defs = new Msg();
      for (Map.Entry<String, JsonNode> e : fields(doc.get("definitions"))) {
        defs.msg(1, named(e.getKey(), schema(e.getValue())));
      }
      m.msg(9, defs.bytes());
    }
    JsonNode security = doc.get("security");
    if (security != null) {
      for (JsonNode req : security) {
        Msg r = new Msg();
        for (Map.Entry<String, JsonNode> e : fields(req)) {
          r.msg(1, named(e.getKey(), new Msg().strings(1, e.getValue()).bytes()));
        }
        m.msg(12, r.bytes());
      }
    }
    if (doc.has("securityDefinitions")) {
      Msg sd = new Msg();
      for (Map.Entry<String, JsonNode> e : fields(doc.get("securityDefinitions"))) {
        JsonNode v = e.getValue();
        if (!"apiKey".equals(v.path("type").asText())) {
          continue; // kpg only publishes bearer tokens (an apiKey in a header)
        }
        byte[] apiKey =
            new Msg()
                .str(1, v.get("type"))
                .str(2, v.get("name"))
                .str(3, v.get("in"))
                .str(4, v.get("description"))
                .bytes();
        sd.msg(1, named(e.getKey(), new Msg().msg(2, apiKey).bytes()));
      }
      m.msg(13, sd.bytes());
    }
    vendorExtensions(m, 16, doc);
    return m.bytes();
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode n) {
    return () -> n.fields();
  }

  /** The shared shape of gnostic's Named* messages: name = 1, value = 2. */
  private static byte[] named(String name, byte[] value) {
    return new Msg().str(1, name).msg(2, value).bytes();
  }

  private static byte[] any(JsonNode value) {
    return new Msg().str(2, Json.write(value) + "\n").bytes();
  }

  private static void vendorExtensions(Msg m, int field, JsonNode obj) {
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("x-")) {
        m.msg(field, named(e.getKey(), any(e.getValue())));
      }
    }
  }

  private static byte[] info(JsonNode info) {
    Msg m = new Msg().str(1, info.get("title")).str(2, info.get("version"));
    m.str(3, info.get("description"));
    vendorExtensions(m, 7, info);
    return m.bytes();
  }

  private static byte[] paths(JsonNode paths) {
    Msg m = new Msg();
    vendorExtensions(m, 1, paths);
    for (Map.Entry<String, JsonNode> e : fields(paths)) {
      if (!e.getKey().startsWith("x-")) {
        m.msg(2, named(e.getKey(), pathItem(e.getValue())));
      }
    }
    return m.bytes();
  }

  private static final String[] METHODS = {
    null, null, "get", "put", "post", "delete", "options", "head", "patch"
  };

  private static byte[] pathItem(JsonNode p) {
    Msg m = new Msg();
    m.str(1, p.get("$ref"));
    for (int i = 2; i < METHODS.length; i++) {
      JsonNode op = p.get(METHODS[i]);
      if (op != null) {
        m.msg(i, operation(op));
      }
    }
    parameters(m, 9, p.get("parameters"));
    vendorExtensions(m, 10, p);
    return m.bytes();
  }

  private static byte[] operation(JsonNode op) {
    Msg m = new Msg();
    m.strings(1, op.get("tags"));
    m.str(2, op.get("summary"));
    m.str(3, op.get("description"));
    m.str(5, op.get("operationId"));
    m.strings(6, op.get("produces"));
    m.strings(7, op.get("consumes"));
    parameters(m, 8, op.get("parameters"));
    if (op.has("responses")) {
      m.msg(9, responses(op.get("responses")));
    }
    m.strings(10, op.get("schemes"));
    m.bool(11, op.path("deprecated").asBoolean());
    vendorExtensions(m, 13, op);
    return m.bytes();
  }

  /** Repeated ParametersItem. */
  private static void parameters(Msg m, int field, JsonNode params) {
    if (params == null) {
      return;
    }
    for (JsonNode p : params) {
      if (p.has("$ref")) {
        m.msg(field, new Msg().msg(2, new Msg().str(1, p.get("$ref")).bytes()).bytes());
        continue;
      }
      String in = p.path("in").asText();
      byte[] parameter;
      if (in.equals("body")) {
        Msg b = new Msg();
        b.str(1, p.get("description"));
        b.str(2, p.get("name"));
        b.str(3, "body");
        b.bool(4, p.path("required").asBoolean());
        if (p.has("schema")) {
          b.msg(5, schema(p.get("schema")));
        }
        vendorExtensions(b, 6, p);
        parameter = new Msg().msg(1, b.bytes()).bytes();
      } else {
        int kind;
        int typeField; // the position of "type" differs between the sub-schemas
        int uniqueField;
        int extField;
        switch (in) {
          case "query" -> {
            kind = 3;
            typeField = 6;
            uniqueField = 20;
            extField = 23;
          }
          case "path" -> {
            kind = 4;
            typeField = 5;
            uniqueField = 19;
            extField = 22;
          }
          case "header" -> {
            kind = 1;
            typeField = 5;
            uniqueField = 19;
            extField = 22;
          }
          default -> {
            kind = 2; // formData
            typeField = 6;
            uniqueField = 20;
            extField = 23;
          }
        }
        Msg s = new Msg();
        s.bool(1, p.path("required").asBoolean());
        s.str(2, in);
        s.str(3, p.get("description"));
        s.str(4, p.get("name"));
        if (kind == 3 || kind == 2) {
          s.bool(5, p.path("allowEmptyValue").asBoolean());
        }
        s.str(typeField, p.get("type"));
        s.str(typeField + 1, p.get("format"));
        s.bool(uniqueField, p.path("uniqueItems").asBoolean());
        vendorExtensions(s, extField, p);
        parameter = new Msg().msg(2, new Msg().msg(kind, s.bytes()).bytes()).bytes();
      }
      m.msg(field, new Msg().msg(1, parameter).bytes());
    }
  }

  private static byte[] responses(JsonNode responses) {
    Msg m = new Msg();
    for (Map.Entry<String, JsonNode> e : fields(responses)) {
      if (e.getKey().startsWith("x-")) {
        continue;
      }
      JsonNode r = e.getValue();
      Msg resp = new Msg();
      resp.str(1, r.get("description"));
      if (r.has("schema")) {
        resp.msg(2, new Msg().msg(1, schema(r.get("schema"))).bytes());
      }
      vendorExtensions(resp, 5, r);
      byte[] value = new Msg().msg(1, resp.bytes()).bytes();
      m.msg(1, named(e.getKey(), value));
    }
    vendorExtensions(m, 2, responses);
    return m.bytes();
  }

  static byte[] schema(JsonNode s) {
    Msg m = new Msg();
    m.str(1, s.get("$ref"));
    m.str(2, s.get("format"));
    m.str(3, s.get("title"));
    m.str(4, s.get("description"));
    if (s.has("default")) {
      m.msg(5, any(s.get("default")));
    }
    m.bool(16, s.path("uniqueItems").asBoolean());
    m.strings(19, s.get("required"));
    JsonNode en = s.get("enum");
    if (en != null) {
      for (JsonNode v : en) {
        m.msg(20, any(v));
      }
    }
    JsonNode ap = s.get("additionalProperties");
    if (ap != null) {
      if (ap.isBoolean()) {
        m.msg(21, new Msg().bool(2, ap.asBoolean()).bytes());
      } else {
        m.msg(21, new Msg().msg(1, schema(ap)).bytes());
      }
    }
    if (s.has("type")) {
      m.msg(22, new Msg().strings(1, s.get("type")).bytes());
    }
    JsonNode items = s.get("items");
    if (items != null) {
      Msg it = new Msg();
      if (items.isArray()) {
        for (JsonNode i : items) {
          it.msg(1, schema(i));
        }
      } else {
        it.msg(1, schema(items));
      }
      m.msg(23, it.bytes());
    }
    JsonNode allOf = s.get("allOf");
    if (allOf != null) {
      for (JsonNode a : allOf) {
        m.msg(24, schema(a));
      }
    }
    JsonNode props = s.get("properties");
    if (props != null) {
      Msg p = new Msg();
      for (Map.Entry<String, JsonNode> e : fields(props)) {
        p.msg(1, named(e.getKey(), schema(e.getValue())));
      }
      m.msg(25, p.bytes());
    }
    m.bool(27, s.path("readOnly").asBoolean());
    if (s.has("example")) {
      m.msg(30, any(s.get("example")));
    }
    vendorExtensions(m, 31, s);
    return m.bytes();
  }
}
