package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** core/v1 ResourceQuota: status subresource, hard limits must be non-negative quantities. */
@Singleton
public class ResourceQuotaKind extends KindDef {
  static final List<String> SCOPES =
      List.of(
          "BestEffort",
          "CrossNamespacePodAffinity",
          "NotBestEffort",
          "NotTerminating",
          "PriorityClass",
          "Terminating",
          "VolumeAttributesClass");

  public ResourceQuotaKind() {
    super("", "v1", "ResourceQuota", "resourcequotas", true);
    shortNames("quota");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public boolean tracksGeneration() {
    return false;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(validateList(RestKinds.node(obj, "spec", "hard"), "spec.hard"));
    int i = 0;
    for (JsonNode s : RestKinds.items(RestKinds.node(obj, "spec", "scopes"))) {
      String v = s.asText();
      if (!SCOPES.contains(v)) {
        errs.add(FieldError.notSupported("spec.scopes[" + i + "]", v, SCOPES));
      }
      i++;
    }
    return errs;
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(validateList(RestKinds.node(obj, "status", "hard"), "status.hard"));
    errs.addAll(validateList(RestKinds.node(obj, "status", "used"), "status.used"));
    return errs;
  }

  static List<FieldError> validateList(JsonNode list, String path) {
    List<FieldError> errs = new ArrayList<>();
    for (var e : RestKinds.fields(list).entrySet()) {
      String p = path + "[" + e.getKey() + "]";
      for (String m : NameValidation.isQualifiedName(e.getKey())) {
        errs.add(FieldError.invalid(p, e.getKey(), m));
      }
      BigDecimal v = RestKinds.quantity(e.getValue());
      if (v == null) {
        errs.add(FieldError.invalid(p, e.getValue(), RestKinds.QUANTITY_ERROR));
      } else if (v.signum() < 0) {
        errs.add(
            FieldError.invalid(p, e.getValue().asText(), "must be greater than or equal to 0"));
      }
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Request",
            "string",
            "Request represents a minimum amount of cpu/memory that a container may consume."),
        RestKinds.col(
            "Limit",
            "string",
            "Limits control the maximum amount of cpu/memory that a container may use independent of"
                + " contention on the node."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode hard = RestKinds.node(obj, "status", "hard");
    JsonNode used = RestKinds.node(obj, "status", "used");
    List<String> req = new ArrayList<>();
    List<String> lim = new ArrayList<>();
    RestKinds.fields(hard)
        .forEach(
            (k, v) -> {
              JsonNode u = used == null ? null : used.get(k);
              String cell = k + ": " + (u == null ? "0" : u.asText()) + "/" + v.asText();
              String[] pieces = k.split("\\.");
              if (pieces.length > 1 && pieces[0].equals("limits")) {
                lim.add(cell);
              } else {
                req.add(cell);
              }
            });
    return List.of(
        RestKinds.name(obj), String.join(", ", req), String.join(", ", lim), Tables.age(obj, now));
  }
}
