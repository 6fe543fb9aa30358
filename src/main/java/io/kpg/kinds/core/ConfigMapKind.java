package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** core/v1 ConfigMap: key format, 1 MiB total size, {@code immutable}. */
@Singleton
public class ConfigMapKind extends KindDef {
  /** core.MaxSecretSize, shared by ConfigMap and Secret. */
  public static final int MAX_SIZE = 1024 * 1024;

  public static final String IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";

  public ConfigMapKind() {
    super("", "v1", "ConfigMap", "configmaps", true);
    shortNames("cm");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    long total = 0;
    JsonNode data = obj.get("data");
    JsonNode binary = obj.get("binaryData");
    for (var e : RestKinds.fields(data).entrySet()) {
      String key = e.getKey();
      for (String m : RestKinds.configMapKey(key)) {
        errs.add(FieldError.invalid("data[" + key + "]", key, m));
      }
      if (binary != null && binary.has(key)) {
        errs.add(
            FieldError.invalid("data[" + key + "]", key, "duplicate of key present in binaryData"));
      }
      total += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
    }
    for (var e : RestKinds.fields(binary).entrySet()) {
      String key = e.getKey();
      for (String m : RestKinds.configMapKey(key)) {
        errs.add(FieldError.invalid("binaryData[" + key + "]", key, m));
      }
      total += decodedLength(e.getValue().asText());
    }
    if (total > MAX_SIZE) {
      errs.add(
          new FieldError(
              FieldError.Type.TOO_LONG, "", null, "may not be more than " + MAX_SIZE + " bytes"));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    if (old.path("immutable").asBoolean(false)) {
      if (!obj.path("immutable").asBoolean(false)) {
        errs.add(FieldError.forbidden("immutable", IMMUTABLE_WHEN_SET));
      }
      if (!RestKinds.same(obj.get("data"), old.get("data"))) {
        errs.add(FieldError.forbidden("data", IMMUTABLE_WHEN_SET));
      }
      if (!RestKinds.same(obj.get("binaryData"), old.get("binaryData"))) {
        errs.add(FieldError.forbidden("binaryData", IMMUTABLE_WHEN_SET));
      }
    }
    errs.addAll(validate(obj));
    return errs;
  }

  static long decodedLength(String b64) {
    try {
      return Base64.getMimeDecoder().decode(b64).length;
    } catch (IllegalArgumentException e) {
      return b64.length();
    }
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Data",
            "string",
            "Data contains the configuration data. Each key must consist of alphanumeric"
                + " characters, '-', '_' or '.'."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    long n = RestKinds.size(obj.get("data")) + RestKinds.size(obj.get("binaryData"));
    return List.of(RestKinds.name(obj), n, Tables.age(obj, now));
  }
}
