package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** core/v1 Pod, as upstream's pkg/registry/core/pod strategy and printer. */
@Singleton
public class PodKind extends KindDef {

  static final String UPDATE_FORBIDDEN =
      "pod updates may not change fields other than `spec.containers[*].image`,"
          + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only"
          + " additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to"
          + " be set to 1 if it was previously negative)";

  public PodKind() {
    super("", "v1", "Pod", "pods", true);
    shortNames("po");
    categories("all");
    fieldSelector("spec.nodeName", o -> orEmpty(Json.text(o, "spec.nodeName")));
    fieldSelector("spec.host", o -> orEmpty(Json.text(o, "spec.nodeName")));
    fieldSelector("spec.restartPolicy", o -> orEmpty(Json.text(o, "spec.restartPolicy")));
    fieldSelector("spec.schedulerName", o -> orEmpty(Json.text(o, "spec.schedulerName")));
    fieldSelector("spec.serviceAccountName", o -> orEmpty(Json.text(o, "spec.serviceAccountName")));
    fieldSelector(
        "spec.hostNetwork", o -> String.valueOf(o.path("spec").path("hostNetwork").asBoolean()));
    fieldSelector("status.phase", o -> orEmpty(Json.text(o, "status.phase")));
    fieldSelector(
        "status.podIP",
        o -> {
          JsonNode ips = o.path("status").path("podIPs");
          return ips.isArray() && ips.size() > 0 ? ips.get(0).path("ip").asText("") : "";
        });
    fieldSelector(
        "status.nominatedNodeName", o -> orEmpty(Json.text(o, "status.nominatedNodeName")));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  /** Upstream's pod storage answers DELETE with the pod. */
  @Override
  public boolean returnDeletedObject() {
    return true;
  }

  @Override
  public List<String> extraSubresources() {
    return List.of("binding", "eviction");
  }

  /**
   * {@code pods/binding} assigns the pod to a node (once); {@code pods/eviction} deletes it (null).
   * Disruption budgets are not consulted yet.
   */
  @Override
  public ObjectNode updateSubresource(String subresource, ObjectNode body, ObjectNode old) {
    String name = old.path("metadata").path("name").asText();
    switch (subresource) {
      case "eviction" -> {
        return null;
      }
      case "binding" -> {
        String node = body.path("target").path("name").asText("");
        if (node.isEmpty()) {
          throw io.kpg.errors.Errors.invalid(
              "", "Binding", name, List.of(FieldError.required("target.name", "")));
        }
        String current = old.path("spec").path("nodeName").asText("");
        if (!current.isEmpty()) {
          throw io.kpg.errors.Errors.conflict(
              "", "pods", name, "pod " + name + " is already assigned to node \"" + current + "\"");
        }
        if (old.path("metadata").has("deletionTimestamp")) {
          throw io.kpg.errors.Errors.conflict(
              "", "pods", name, "pod " + name + " is being deleted, cannot be assigned to a host");
        }
        ObjectNode next = old.deepCopy();
        io.kpg.json.Json.obj(next, "spec").put("nodeName", node);
        return next;
      }
      default -> throw new UnsupportedOperationException(subresource);
    }
  }

  /** Upstream's PrepareForCreate: status is reset to phase Pending with the pod's QoS class. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    super.prepareForCreate(obj);
    // QoS is computed on the defaulted spec (upstream defaults before PrepareForCreate)
    ObjectNode spec = obj.get("spec") instanceof ObjectNode s ? s.deepCopy() : Json.object();
    PodSpecs.applyPodSpecDefaults(spec);
    PodSpecs.applyPodOnlyDefaults(spec);
    ObjectNode status = obj.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", PodSpecs.qosClass(spec));
    if (spec.path("schedulingGates").size() > 0) {
      ArrayNode conds = status.putArray("conditions");
      ObjectNode c = conds.addObject();
      c.put("type", "PodScheduled");
      c.put("status", "False");
      c.putNull("lastProbeTime");
      c.putNull("lastTransitionTime");
      c.put("reason", "SchedulingGated");
      c.put("message", "Scheduling is blocked due to non-empty scheduling gates");
    }
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.obj(obj, "spec");
    PodSpecs.applyPodOnlyDefaults(spec);
    PodSpecs.applyPodSpecDefaults(spec);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return PodSpecs.validatePodSpec(obj.get("spec"), "spec");
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validate(obj));
    JsonNode spec = obj.path("spec");
    JsonNode oldSpec = old.path("spec");
    JsonNode ads = spec.get("activeDeadlineSeconds");
    JsonNode oldAds = oldSpec.get("activeDeadlineSeconds");
    if (ads != null && !ads.isNull()) {
      long v = ads.asLong();
      if (v < 0 || v > Integer.MAX_VALUE) {
        errs.add(
            FieldError.invalid(
                "spec.activeDeadlineSeconds", v, "must be between 0 and 2147483647, inclusive"));
        return errs;
      }
      if (oldAds != null && !oldAds.isNull() && oldAds.asLong() < v) {
        errs.add(
            FieldError.invalid(
                "spec.activeDeadlineSeconds", v, "must be less than or equal to previous value"));
        return errs;
      }
    } else if (oldAds != null && !oldAds.isNull()) {
      errs.add(
          FieldError.invalid(
              "spec.activeDeadlineSeconds",
              Json.MAPPER.nullNode(),
              "must not update from a positive integer to nil value"));
    }
    // everything else in spec is immutable apart from images, tolerations, grace period, gates
    ObjectNode munged = spec.isObject() ? ((ObjectNode) spec).deepCopy() : Json.object();
    ObjectNode was = oldSpec.isObject() ? ((ObjectNode) oldSpec).deepCopy() : Json.object();
    for (String k :
        new String[] {
          "activeDeadlineSeconds",
          "tolerations",
          "terminationGracePeriodSeconds",
          "schedulingGates",
          "ephemeralContainers"
        }) {
      munged.remove(k);
      was.remove(k);
    }
    for (String list : new String[] {"containers", "initContainers"}) {
      JsonNode a = munged.get(list);
      JsonNode b = was.get(list);
      if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
        for (int i = 0; i < a.size(); i++) {
          if (a.get(i) instanceof ObjectNode ac && b.get(i) instanceof ObjectNode bc) {
            ac.remove("image");
            bc.remove("image");
          }
        }
      }
    }
    if (!munged.equals(was)) {
      errs.add(FieldError.forbidden("spec", UPDATE_FORBIDDEN));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        Column.of(
            "Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        Column.of("Status", "string", "The aggregate status of the containers in this pod."),
        Column.of(
            "Restarts",
            "string",
            "The number of times the containers in this pod have been restarted and when the last"
                + " container in this pod has restarted."),
        RestKinds.ageColumn(),
        Column.wide(
            "IP",
            "string",
            "podIP address allocated to the pod. Routable at least within the cluster. Empty if"
                + " not yet allocated."),
        Column.wide(
            "Node",
            "string",
            "NodeName indicates in which node this pod is scheduled. If empty, this pod is a"
                + " candidate for scheduling by the scheduler defined in schedulerName. Once this"
                + " field is set, the kubelet for this node becomes responsible for the lifecycle"
                + " of this pod. This field should not be used to express a desire for the pod to"
                + " be scheduled on a specific node."
                + " https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"),
        Column.wide(
            "Nominated Node",
            "string",
            "nominatedNodeName is set only when this pod preempts other pods on the node, but it"
                + " cannot be scheduled right away as preemption victims receive their graceful"
                + " termination periods. This field does not guarantee that the pod will be"
                + " scheduled on this node. Scheduler may decide to place the pod elsewhere if"
                + " other nodes become available sooner. Scheduler may also decide to give the"
                + " resources on this node to a higher priority pod that is created after"
                + " preemption. As a result, this field may be different than PodSpec.nodeName"
                + " when the pod is scheduled."),
        Column.wide(
            "Readiness Gates",
            "string",
            "If specified, all readiness gates will be evaluated for pod readiness. A pod is"
                + " ready when all its containers are ready AND all conditions specified in the"
                + " readiness gates have status equal to \"True\" More info:"
                + " https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"));
  }

  @Override
  public List<Object> row(ObjectNode pod, Instant now) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    int restarts = 0;
    int restartableInitRestarts = 0;
    int totalContainers = spec.path("containers").size();
    int readyContainers = 0;
    Instant lastRestart = null;
    Instant lastRestartableInitRestart = null;

    String phase = status.path("phase").asText("");
    String reason = phase;
    if (!status.path("reason").asText("").isEmpty()) {
      reason = status.path("reason").asText();
    }
    for (JsonNode c : status.path("conditions")) {
      if ("PodScheduled".equals(c.path("type").asText())
          && "SchedulingGated".equals(c.path("reason").asText())) {
        reason = "SchedulingGated";
      }
    }
    Map<String, JsonNode> inits = new HashMap<>();
    for (JsonNode c : spec.path("initContainers")) {
      inits.put(c.path("name").asText(""), c);
      if (restartable(c)) {
        totalContainers++;
      }
    }
    boolean initializing = false;
    JsonNode initStatuses = status.path("initContainerStatuses");
    int nInit = spec.path("initContainers").size();
    for (int i = 0; i < initStatuses.size(); i++) {
      JsonNode cs = initStatuses.get(i);
      restarts += cs.path("restartCount").asInt(0);
      Instant fin = finishedAt(cs);
      if (fin != null && (lastRestart == null || lastRestart.isBefore(fin))) {
        lastRestart = fin;
      }
      boolean isRestartable = restartable(inits.get(cs.path("name").asText("")));
      if (isRestartable) {
        restartableInitRestarts += cs.path("restartCount").asInt(0);
        if (fin != null
            && (lastRestartableInitRestart == null || lastRestartableInitRestart.isBefore(fin))) {
          lastRestartableInitRestart = fin;
        }
      }
      JsonNode term = cs.path("state").get("terminated");
      JsonNode waiting = cs.path("state").get("waiting");
      if (term != null && term.isObject() && term.path("exitCode").asInt(0) == 0) {
        continue;
      }
      if (isRestartable && cs.path("started").asBoolean(false)) {
        if (cs.path("ready").asBoolean(false)) {
          readyContainers++;
        }
        continue;
      }
      if (term != null && term.isObject()) {
        String r = term.path("reason").asText("");
        if (r.isEmpty()) {
          int sig = term.path("signal").asInt(0);
          reason =
              sig != 0 ? "Init:Signal:" + sig : "Init:ExitCode:" + term.path("exitCode").asInt(0);
        } else {
          reason = "Init:" + r;
        }
      } else if (waiting != null
          && waiting.isObject()
          && !waiting.path("reason").asText("").isEmpty()
          && !"PodInitializing".equals(waiting.path("reason").asText())) {
        reason = "Init:" + waiting.path("reason").asText();
      } else {
        reason = "Init:" + i + "/" + nInit;
      }
      initializing = true;
      break;
    }
    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = restartableInitRestarts;
      lastRestart = lastRestartableInitRestart;
      boolean hasRunning = false;
      JsonNode statuses = status.path("containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode cs = statuses.get(i);
        restarts += cs.path("restartCount").asInt(0);
        Instant fin = finishedAt(cs);
        if (fin != null && (lastRestart == null || lastRestart.isBefore(fin))) {
          lastRestart = fin;
        }
        JsonNode waiting = cs.path("state").get("waiting");
        JsonNode term = cs.path("state").get("terminated");
        JsonNode running = cs.path("state").get("running");
        if (waiting != null && waiting.isObject() && !waiting.path("reason").asText("").isEmpty()) {
          reason = waiting.path("reason").asText();
        } else if (term != null && term.isObject() && !term.path("reason").asText("").isEmpty()) {
          reason = term.path("reason").asText();
        } else if (term != null && term.isObject()) {
          int sig = term.path("signal").asInt(0);
          reason = sig != 0 ? "Signal:" + sig : "ExitCode:" + term.path("exitCode").asInt(0);
        } else if (cs.path("ready").asBoolean(false) && running != null && running.isObject()) {
          hasRunning = true;
          readyContainers++;
        }
      }
      if ("Completed".equals(reason) && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }
    boolean deleting = PodSpecs.present(pod.path("metadata").get("deletionTimestamp"));
    if (deleting && "NodeLost".equals(status.path("reason").asText(""))) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    String restartsStr = Integer.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      restartsStr =
          restarts
              + " ("
              + Tables.humanDuration(java.time.Duration.between(lastRestart, now))
              + " ago)";
    }
    List<Object> cells = new ArrayList<>();
    cells.add(pod.path("metadata").path("name").asText(""));
    cells.add(readyContainers + "/" + totalContainers);
    cells.add(reason);
    cells.add(restartsStr);
    cells.add(Tables.age(pod, now));
    String ip = "";
    JsonNode ips = status.path("podIPs");
    if (ips.isArray() && ips.size() > 0) {
      ip = ips.get(0).path("ip").asText("");
    }
    String node = spec.path("nodeName").asText("");
    String nominated = status.path("nominatedNodeName").asText("");
    cells.add(ip.isEmpty() ? "<none>" : ip);
    cells.add(node.isEmpty() ? "<none>" : node);
    cells.add(nominated.isEmpty() ? "<none>" : nominated);
    String gates = "<none>";
    JsonNode rg = spec.path("readinessGates");
    if (rg.isArray() && rg.size() > 0) {
      int trueConditions = 0;
      for (JsonNode g : rg) {
        String type = g.path("conditionType").asText("");
        for (JsonNode c : status.path("conditions")) {
          if (type.equals(c.path("type").asText())) {
            if ("True".equals(c.path("status").asText())) {
              trueConditions++;
            }
            break;
          }
        }
      }
      gates = trueConditions + "/" + rg.size();
    }
    cells.add(gates);
    return cells;
  }

  private static boolean restartable(JsonNode initContainer) {
    return initContainer != null && "Always".equals(initContainer.path("restartPolicy").asText());
  }

  private static boolean conditionTrue(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  private static Instant finishedAt(JsonNode containerStatus) {
    JsonNode t = containerStatus.path("lastState").get("terminated");
    if (t == null || !t.isObject()) {
      return null;
    }
    String s = t.path("finishedAt").asText("");
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
