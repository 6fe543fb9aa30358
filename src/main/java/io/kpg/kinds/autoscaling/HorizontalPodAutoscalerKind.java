package io.kpg.kinds.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** autoscaling/v2 HorizontalPodAutoscaler: status subresource. */
@Singleton
public class HorizontalPodAutoscalerKind extends KindDef {
  public static final int DEFAULT_CPU_UTILIZATION = 80;
  static final List<String> METRIC_TYPES =
      List.of("ContainerResource", "External", "Object", "Pods", "Resource");
  static final List<String> TARGET_TYPES = List.of("AverageValue", "Utilization", "Value");
  static final List<String> SELECT_POLICIES = List.of("Disabled", "Max", "Min");
  static final List<String> POLICY_TYPES = List.of("Percent", "Pods");

  public HorizontalPodAutoscalerKind() {
    super("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true);
    shortNames("hpa");
    categories("all");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  /** The v2 status has non-omitempty {@code currentMetrics} and {@code desiredReplicas}. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
    ObjectNode st = obj.putObject("status");
    st.putNull("currentMetrics");
    st.put("desiredReplicas", 0);
  }

  /** autoscaling/v2 SetDefaults_HorizontalPodAutoscaler (+ behavior). */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = RestKinds.obj(obj, "spec");
    if (!spec.hasNonNull("minReplicas")) {
      spec.put("minReplicas", 1);
    }
    if (RestKinds.size(spec.get("metrics")) == 0) {
      ArrayNode metrics = spec.putArray("metrics");
      ObjectNode m = metrics.addObject();
      m.put("type", "Resource");
      ObjectNode res = m.putObject("resource");
      res.put("name", "cpu");
      ObjectNode target = res.putObject("target");
      target.put("type", "Utilization");
      target.put("averageUtilization", DEFAULT_CPU_UTILIZATION);
    }
    JsonNode behavior = spec.get("behavior");
    if (behavior instanceof ObjectNode b) {
      ObjectNode up = b.get("scaleUp") instanceof ObjectNode o ? o : b.putObject("scaleUp");
      if (!up.hasNonNull("stabilizationWindowSeconds")) {
        up.put("stabilizationWindowSeconds", 0);
      }
      if (!up.hasNonNull("selectPolicy")) {
        up.put("selectPolicy", "Max");
      }
      if (!up.hasNonNull("policies")) {
        ArrayNode p = up.putArray("policies");
        policy(p, "Pods", 4, 15);
        policy(p, "Percent", 100, 15);
      }
      ObjectNode down = b.get("scaleDown") instanceof ObjectNode o ? o : b.putObject("scaleDown");
      if (!down.hasNonNull("stabilizationWindowSeconds")) {
        down.put("stabilizationWindowSeconds", 300);
      }
      if (!down.hasNonNull("selectPolicy")) {
        down.put("selectPolicy", "Max");
      }
      if (!down.hasNonNull("policies")) {
        policy(down.putArray("policies"), "Percent", 100, 15);
      }
    }
  }

  private static void policy(ArrayNode arr, String type, int value, int period) {
    ObjectNode p = arr.addObject();
    p.put("type", type);
    p.put("value", value);
    p.put("periodSeconds", period);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    JsonNode minNode = RestKinds.node(spec, "minReplicas");
    long max = spec.path("maxReplicas").asLong(0);
    if (minNode != null && minNode.asLong() < 1) {
      errs.add(
          FieldError.invalid(
              "spec.minReplicas", minNode.asLong(), "must be greater than or equal to 1"));
    }
    if (max < 1) {
      errs.add(FieldError.invalid("spec.maxReplicas", max, "must be greater than 0"));
    }
    if (minNode != null && max < minNode.asLong()) {
      errs.add(
          FieldError.invalid(
              "spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
    }
    JsonNode ref = spec.path("scaleTargetRef");
    if (RestKinds.str(ref, "kind").isEmpty()) {
      errs.add(FieldError.required("spec.scaleTargetRef.kind", ""));
    }
    if (RestKinds.str(ref, "name").isEmpty()) {
      errs.add(FieldError.required("spec.scaleTargetRef.name", ""));
    }
    int i = 0;
    for (JsonNode m : RestKinds.items(spec.get("metrics"))) {
      errs.addAll(validateMetric(m, "spec.metrics[" + i++ + "]"));
    }
    for (String dir : List.of("scaleUp", "scaleDown")) {
      JsonNode rules = RestKinds.node(spec, "behavior", dir);
      if (rules == null) {
        continue;
      }
      String p = "spec.behavior." + dir;
      JsonNode win = RestKinds.node(rules, "stabilizationWindowSeconds");
      if (win != null && (win.asLong() < 0 || win.asLong() > 3600)) {
        errs.add(
            FieldError.invalid(
                p + ".stabilizationWindowSeconds",
                win.asLong(),
                win.asLong() < 0
                    ? "must be greater than or equal to zero"
                    : "must be less than or equal to 3600"));
      }
      String sel = RestKinds.str(rules, "selectPolicy");
      if (rules.hasNonNull("selectPolicy") && !SELECT_POLICIES.contains(sel)) {
        errs.add(FieldError.notSupported(p + ".selectPolicy", sel, SELECT_POLICIES));
      }
      JsonNode policies = rules.get("policies");
      if (RestKinds.size(policies) == 0 && !"Disabled".equals(sel)) {
        errs.add(FieldError.required(p + ".policies", "must specify at least one Policy"));
      }
      int k = 0;
      for (JsonNode pol : RestKinds.items(policies)) {
        String pp = p + ".policies[" + k++ + "]";
        String type = RestKinds.str(pol, "type");
        if (!POLICY_TYPES.contains(type)) {
          errs.add(FieldError.notSupported(pp + ".type", type, POLICY_TYPES));
        }
        if (pol.path("value").asLong(0) <= 0) {
          errs.add(
              FieldError.invalid(
                  pp + ".value", pol.path("value").asLong(0), "must be greater than zero"));
        }
        long period = pol.path("periodSeconds").asLong(0);
        if (period <= 0) {
          errs.add(FieldError.invalid(pp + ".periodSeconds", period, "must be greater than zero"));
        } else if (period > 1800) {
          errs.add(
              FieldError.invalid(
                  pp + ".periodSeconds", period, "must be less than or equal to 1800"));
        }
      }
    }
    return errs;
  }

  static List<FieldError> validateMetric(JsonNode m, String p) {
    List<FieldError> errs = new ArrayList<>();
    String type = RestKinds.str(m, "type");
    if (type.isEmpty()) {
      errs.add(FieldError.required(p + ".type", "must specify a metric source type"));
      return errs;
    }
    if (!METRIC_TYPES.contains(type)) {
      errs.add(FieldError.notSupported(p + ".type", type, METRIC_TYPES));
      return errs;
    }
    String field =
        switch (type) {
          case "ContainerResource" -> "containerResource";
          case "External" -> "external";
          case "Object" -> "object";
          case "Pods" -> "pods";
          default -> "resource";
        };
    JsonNode src = RestKinds.node(m, field);
    if (src == null) {
      errs.add(
          FieldError.required(
              p + "." + field, "must populate information for the given metric source"));
      return errs;
    }
    if ((type.equals("Resource") || type.equals("ContainerResource"))
        && RestKinds.str(src, "name").isEmpty()) {
      errs.add(FieldError.required(p + "." + field + ".name", "must specify a resource name"));
    }
    JsonNode target = RestKinds.node(src, "target");
    String tp = p + "." + field + ".target";
    String ttype = RestKinds.str(target, "type");
    if (ttype.isEmpty()) {
      errs.add(FieldError.required(tp + ".type", "must specify a metric target type"));
    } else if (!TARGET_TYPES.contains(ttype)) {
      errs.add(FieldError.notSupported(tp + ".type", ttype, TARGET_TYPES));
    }
    JsonNode util = RestKinds.node(target, "averageUtilization");
    if (util != null && util.asLong() < 1) {
      errs.add(
          FieldError.invalid(tp + ".averageUtilization", util.asLong(), "must be greater than 0"));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Reference",
            "string",
            "reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource."),
        RestKinds.col(
            "Targets",
            "string",
            "metrics contains the specifications for which to use to calculate the desired replica count."),
        RestKinds.col(
            "MinPods",
            "string",
            "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
        RestKinds.col(
            "MaxPods",
            "string",
            "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
        RestKinds.col(
            "Replicas",
            "string",
            "currentReplicas is current number of replicas of pods managed by this autoscaler."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    String ref =
        RestKinds.str(spec, "scaleTargetRef", "kind")
            + "/"
            + RestKinds.str(spec, "scaleTargetRef", "name");
    JsonNode min = RestKinds.node(spec, "minReplicas");
    return List.of(
        RestKinds.name(obj),
        ref,
        formatMetrics(spec.get("metrics"), RestKinds.node(obj, "status", "currentMetrics")),
        min == null ? "<unset>" : String.valueOf(min.asLong()),
        spec.path("maxReplicas").asLong(0),
        obj.path("status").path("currentReplicas").asLong(0),
        Tables.age(obj, now));
  }

  /** formatHPAMetrics: up to two targets, "current/target", then "+ N more...". */
  static String formatMetrics(JsonNode specs, JsonNode statuses) {
    if (RestKinds.size(specs) == 0) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    int i = 0;
    for (JsonNode spec : RestKinds.items(specs)) {
      JsonNode status =
          statuses != null && statuses.isArray() && statuses.size() > i ? statuses.get(i) : null;
      String type = RestKinds.str(spec, "type");
      switch (type) {
        case "External", "Object" -> {
          String f = type.equals("External") ? "external" : "object";
          JsonNode target = RestKinds.node(spec, f, "target");
          JsonNode cur = status == null ? null : RestKinds.node(status, f, "current");
          if (RestKinds.node(target, "averageValue") != null) {
            String c =
                cur != null && RestKinds.node(cur, "averageValue") != null
                    ? RestKinds.str(cur, "averageValue")
                    : "<unknown>";
            list.add(c + "/" + RestKinds.str(target, "averageValue") + " (avg)");
          } else {
            String c = cur != null ? quantityOrZero(RestKinds.str(cur, "value")) : "<unknown>";
            list.add(c + "/" + quantityOrZero(RestKinds.str(target, "value")));
          }
        }
        case "Pods" -> {
          JsonNode cur = status == null ? null : RestKinds.node(status, "pods", "current");
          String c = cur != null ? quantityOrZero(RestKinds.str(cur, "averageValue")) : "<unknown>";
          list.add(c + "/" + quantityOrZero(RestKinds.str(spec, "pods", "target", "averageValue")));
        }
        case "Resource", "ContainerResource" -> {
          String f = type.equals("Resource") ? "resource" : "containerResource";
          JsonNode target = RestKinds.node(spec, f, "target");
          String name = RestKinds.str(spec, f, "name");
          JsonNode cur = status == null ? null : RestKinds.node(status, f, "current");
          if (RestKinds.node(target, "averageValue") != null) {
            String c =
                cur != null ? quantityOrZero(RestKinds.str(cur, "averageValue")) : "<unknown>";
            list.add(name + ": " + c + "/" + RestKinds.str(target, "averageValue"));
          } else {
            String c = "<unknown>";
            if (cur != null && RestKinds.node(cur, "averageUtilization") != null) {
              c = cur.get("averageUtilization").asLong() + "%";
            }
            String t = "<auto>";
            if (RestKinds.node(target, "averageUtilization") != null) {
              t = target.get("averageUtilization").asLong() + "%";
            }
            list.add(name + ": " + c + "/" + t);
          }
        }
        default -> list.add("<unknown type>");
      }
      i++;
    }
    int count = list.size();
    if (count > 2) {
      return String.join(", ", list.subList(0, 2)) + " + " + (count - 2) + " more...";
    }
    return String.join(", ", list);
  }

  private static String quantityOrZero(String q) {
    return q.isEmpty() ? "0" : q;
  }
}
