package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.registry.KindDef;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** core/v1 LimitRange (no printer upstream: the default Name / Created At table). */
@Singleton
public class LimitRangeKind extends KindDef {
  public LimitRangeKind() {
    super("", "v1", "LimitRange", "limitranges", true);
    shortNames("limits");
  }

  /**
   * SetDefaults_LimitRangeItem for Container items: default ← max, defaultRequest ← default/min.
   */
  @Override
  public void applyDefaults(ObjectNode obj) {
    for (JsonNode item : RestKinds.items(RestKinds.node(obj, "spec", "limits"))) {
      if (!(item instanceof ObjectNode it) || !"Container".equals(RestKinds.str(it, "type"))) {
        continue;
      }
      ObjectNode def = it.get("default") instanceof ObjectNode d ? d : it.objectNode();
      ObjectNode defReq = it.get("defaultRequest") instanceof ObjectNode d ? d : it.objectNode();
      RestKinds.fields(it.get("max"))
          .forEach(
              (k, v) -> {
                if (!def.has(k)) {
                  def.set(k, v.deepCopy());
                }
              });
      RestKinds.fields(def)
          .forEach(
              (k, v) -> {
                if (!defReq.has(k)) {
                  defReq.set(k, v.deepCopy());
                }
              });
      RestKinds.fields(it.get("min"))
          .forEach(
              (k, v) -> {
                if (!defReq.has(k)) {
                  defReq.set(k, v.deepCopy());
                }
              });
      if (!def.isEmpty()) {
        it.set("default", def);
      }
      if (!defReq.isEmpty()) {
        it.set("defaultRequest", defReq);
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    int i = 0;
    for (JsonNode item : RestKinds.items(RestKinds.node(obj, "spec", "limits"))) {
      String p = "spec.limits[" + i++ + "]";
      String type = RestKinds.str(item, "type");
      if (type.isEmpty()) {
        errs.add(FieldError.required(p + ".type", ""));
      }
      if ("Pod".equals(type)) {
        if (RestKinds.size(item.get("default")) > 0) {
          errs.add(
              FieldError.forbidden(p + ".default", "may not be specified when `type` is 'Pod'"));
        }
        if (RestKinds.size(item.get("defaultRequest")) > 0) {
          errs.add(
              FieldError.forbidden(
                  p + ".defaultRequest", "may not be specified when `type` is 'Pod'"));
        }
      }
      Map<String, JsonNode> max = RestKinds.fields(item.get("max"));
      Map<String, JsonNode> min = RestKinds.fields(item.get("min"));
      Map<String, JsonNode> def = RestKinds.fields(item.get("default"));
      Map<String, JsonNode> defReq = RestKinds.fields(item.get("defaultRequest"));
      TreeSet<String> keys = new TreeSet<>();
      for (var m :
          List.of(
              Map.entry("max", max),
              Map.entry("min", min),
              Map.entry("default", def),
              Map.entry("defaultRequest", defReq))) {
        for (var e : m.getValue().entrySet()) {
          keys.add(e.getKey());
          if (RestKinds.quantity(e.getValue()) == null) {
            errs.add(
                FieldError.invalid(
                    p + "." + m.getKey() + "[" + e.getKey() + "]",
                    e.getValue(),
                    RestKinds.QUANTITY_ERROR));
          }
        }
      }
      for (String k : keys) {
        BigDecimal mn = RestKinds.quantity(min.get(k));
        BigDecimal mx = RestKinds.quantity(max.get(k));
        BigDecimal d = RestKinds.quantity(def.get(k));
        BigDecimal dr = RestKinds.quantity(defReq.get(k));
        String smn = text(min.get(k));
        String smx = text(max.get(k));
        String sd = text(def.get(k));
        String sdr = text(defReq.get(k));
        if (mn != null && mx != null && mn.compareTo(mx) > 0) {
          errs.add(
              FieldError.invalid(
                  p + ".min[" + k + "]",
                  smn,
                  "min value " + smn + " is greater than max value " + smx));
        }
        if (dr != null && mn != null && mn.compareTo(dr) > 0) {
          errs.add(
              FieldError.invalid(
                  p + ".defaultRequest[" + k + "]",
                  sdr,
                  "min value " + smn + " is greater than default request value " + sdr));
        }
        if (dr != null && mx != null && dr.compareTo(mx) > 0) {
          errs.add(
              FieldError.invalid(
                  p + ".defaultRequest[" + k + "]",
                  sdr,
                  "default request value " + sdr + " is greater than max value " + smx));
        }
        if (dr != null && d != null && dr.compareTo(d) > 0) {
          errs.add(
              FieldError.invalid(
                  p + ".defaultRequest[" + k + "]",
                  sdr,
                  "default request value " + sdr + " is greater than default limit value " + sd));
        }
        if (d != null && mn != null && mn.compareTo(d) > 0) {
          errs.add(
              FieldError.invalid(
                  p + ".default[" + k + "]",
                  smn,
                  "min value " + smn + " is greater than default value " + sd));
        }
        if (d != null && mx != null && d.compareTo(mx) > 0) {
          errs.add(
              FieldError.invalid(
                  p + ".default[" + k + "]",
                  smx,
                  "default value " + sd + " is greater than max value " + smx));
        }
      }
    }
    return errs;
  }

  private static String text(JsonNode n) {
    return n == null ? "" : n.asText();
  }
}
