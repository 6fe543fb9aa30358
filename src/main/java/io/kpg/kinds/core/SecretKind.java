package io.kpg.kinds.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * core/v1 Secret: default type Opaque, {@code stringData} folded into {@code data} (upstream does
 * it in the v1→internal conversion, so it happens before anything else sees the object), data
 * values must be base64 (a decode error, 400, as upstream's serializer reports it), type-specific
 * required keys, {@code immutable}.
 */
@Singleton
public class SecretKind extends KindDef {
  public static final String TYPE_OPAQUE = "Opaque";
  public static final String TYPE_SA_TOKEN = "kubernetes.io/service-account-token";
  public static final String TYPE_DOCKERCFG = "kubernetes.io/dockercfg";
  public static final String TYPE_DOCKERCONFIGJSON = "kubernetes.io/dockerconfigjson";
  public static final String TYPE_BASIC_AUTH = "kubernetes.io/basic-auth";
  public static final String TYPE_SSH_AUTH = "kubernetes.io/ssh-auth";
  public static final String TYPE_TLS = "kubernetes.io/tls";
  public static final String SA_NAME_ANNOTATION = "kubernetes.io/service-account.name";

  public SecretKind() {
    super("", "v1", "Secret", "secrets", true);
    fieldSelector("type", o -> RestKinds.str(o, "type"));
  }

  /**
   * Checks that every {@code data} value is base64, merges {@code stringData} into {@code data} and
   * defaults the type.
   *
   * @throws io.kpg.errors.StatusException 400 when a data value is not valid base64
   */
  @Override
  public void applyDefaults(ObjectNode obj) {
    JsonNode data = obj.get("data");
    for (var e : RestKinds.fields(data).entrySet()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (!v.isTextual()) {
        throw Errors.badRequest(
            "Secret in version \"v1\" cannot be handled as a Secret: json: cannot unmarshal "
                + goType(v)
                + " into Go struct field Secret.data of type []uint8");
      }
      int bad = goBase64ErrorAt(v.textValue());
      if (bad >= 0) {
        throw Errors.badRequest(
            "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input"
                + " byte "
                + bad);
      }
    }
    JsonNode sd = obj.get("stringData");
    if (sd != null && sd.isObject() && !sd.isEmpty()) {
      ObjectNode d = RestKinds.obj(obj, "data");
      for (var e : RestKinds.fields(sd).entrySet()) {
        d.put(
            e.getKey(),
            Base64.getEncoder()
                .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
    }
    obj.remove("stringData");
    if (RestKinds.str(obj, "type").isEmpty()) {
      obj.put("type", TYPE_OPAQUE);
    }
  }

  private static String goType(JsonNode v) {
    if (v.isArray()) {
      return "array";
    } else if (v.isObject()) {
      return "object";
    } else if (v.isNumber()) {
      return "number";
    } else if (v.isBoolean()) {
      return "bool";
    }
    return "string";
  }

  private static int b64(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    } else if (c == '+') {
      return 62;
    } else if (c == '/') {
      return 63;
    }
    return -1;
  }

  /**
   * Where Go's {@code base64.StdEncoding} (padding required, CR/LF ignored) reports a corrupt input
   * byte, or -1 when the text decodes.
   */
  public static int goBase64ErrorAt(String s) {
    int si = 0;
    int n = s.length();
    while (true) {
      int j = 0;
      boolean end = false;
      for (; j < 4; j++) {
        if (si == n) {
          if (j == 0) {
            return -1;
          }
          return si - j;
        }
        char c = s.charAt(si++);
        if (b64(c) >= 0) {
          continue;
        }
        if (c == '\n' || c == '\r') {
          j--;
          continue;
        }
        if (c != '=') {
          return si - 1;
        }
        if (j < 2) {
          return si - 1;
        }
        if (j == 2) {
          while (si < n && (s.charAt(si) == '\n' || s.charAt(si) == '\r')) {
            si++;
          }
          if (si == n) {
            return n;
          }
          if (s.charAt(si) != '=') {
            return si - 1;
          }
          si++;
        }
        while (si < n && (s.charAt(si) == '\n' || s.charAt(si) == '\r')) {
          si++;
        }
        if (si < n) {
          return si;
        }
        end = true;
        break;
      }
      if (end) {
        return -1;
      }
    }
  }

  static byte[] decode(JsonNode v) {
    if (v == null || v.isNull()) {
      return new byte[0];
    }
    try {
      return Base64.getMimeDecoder().decode(v.asText());
    } catch (IllegalArgumentException e) {
      return v.asText().getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode data = obj.get("data");
    long total = 0;
    for (var e : RestKinds.fields(data).entrySet()) {
      String key = e.getKey();
      for (String m : RestKinds.configMapKey(key)) {
        errs.add(FieldError.invalid("data[" + key + "]", key, m));
      }
      total += decode(e.getValue()).length;
    }
    if (total > ConfigMapKind.MAX_SIZE) {
      errs.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              "data",
              null,
              "may not be more than " + ConfigMapKind.MAX_SIZE + " bytes"));
    }
    String type = RestKinds.str(obj, "type");
    switch (type) {
      case TYPE_SA_TOKEN -> {
        if (RestKinds.str(obj, "metadata", "annotations", SA_NAME_ANNOTATION).isEmpty()) {
          errs.add(FieldError.required("metadata.annotations[" + SA_NAME_ANNOTATION + "]", ""));
        }
      }
      case TYPE_DOCKERCFG -> checkJsonKey(data, ".dockercfg", errs);
      case TYPE_DOCKERCONFIGJSON -> checkJsonKey(data, ".dockerconfigjson", errs);
      case TYPE_BASIC_AUTH -> {
        if (!has(data, "username") && !has(data, "password")) {
          errs.add(FieldError.required("data[username]", ""));
          errs.add(FieldError.required("data[password]", ""));
        }
      }
      case TYPE_SSH_AUTH -> {
        if (decode(data == null ? null : data.get("ssh-privatekey")).length == 0) {
          errs.add(FieldError.required("data[ssh-privatekey]", ""));
        }
      }
      case TYPE_TLS -> {
        if (!has(data, "tls.crt")) {
          errs.add(FieldError.required("data[tls.crt]", ""));
        }
        if (!has(data, "tls.key")) {
          errs.add(FieldError.required("data[tls.key]", ""));
        }
      }
      default -> {}
    }
    return errs;
  }

  private static boolean has(JsonNode data, String key) {
    return data != null && data.has(key);
  }

  private static void checkJsonKey(JsonNode data, String key, List<FieldError> errs) {
    if (!has(data, key)) {
      errs.add(FieldError.required("data[" + key + "]", ""));
      return;
    }
    String err = goJsonObjectError(new String(decode(data.get(key)), StandardCharsets.UTF_8));
    if (err != null) {
      errs.add(FieldError.invalid("data[" + key + "]", "<secret contents redacted>", err));
    }
  }

  /** Roughly what Go's json.Unmarshal into a map says about text that is not a JSON object. */
  static String goJsonObjectError(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return "unexpected end of JSON input";
    }
    char c = t.charAt(0);
    if ("{[\"-0123456789tfn".indexOf(c) < 0) {
      return "invalid character '" + c + "' looking for beginning of value";
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(t);
    } catch (JsonProcessingException e) {
      return "invalid character in JSON input";
    }
    if (n == null || n.isMissingNode()) {
      return "unexpected end of JSON input";
    }
    if (n.isNull() || n.isObject()) {
      return null;
    }
    return "json: cannot unmarshal " + goType(n) + " into Go value of type map[string]interface {}";
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    String type = RestKinds.str(obj, "type");
    String oldType = RestKinds.str(old, "type");
    if (!type.equals(oldType)) {
      errs.add(FieldError.invalid("type", type, RestKinds.IMMUTABLE));
    }
    if (old.path("immutable").asBoolean(false)) {
      if (!obj.path("immutable").asBoolean(false)) {
        errs.add(FieldError.forbidden("immutable", ConfigMapKind.IMMUTABLE_WHEN_SET));
      }
      if (!RestKinds.same(obj.get("data"), old.get("data"))) {
        errs.add(FieldError.forbidden("data", ConfigMapKind.IMMUTABLE_WHEN_SET));
      }
    }
    errs.addAll(validate(obj));
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col("Type", "string", "Used to facilitate programmatic handling of secret data."),
        RestKinds.col(
            "Data",
            "string",
            "Data contains the secret data. Each key must consist of alphanumeric characters, '-',"
                + " '_' or '.'."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(
        RestKinds.name(obj),
        RestKinds.str(obj, "type"),
        (long) RestKinds.size(obj.get("data")),
        Tables.age(obj, now));
  }
}
