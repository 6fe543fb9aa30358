package io.kpg.kinds.core;

import static io.kpg.kinds.core.RestKinds.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindDef.Column;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import io.kpg.registry.validation.ObjectMetaValidation;
import io.kpg.selector.LabelSelector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pod spec and pod template handling shared by every kind that embeds one (pods, pod templates,
 * replication controllers, deployments, replica sets, stateful sets, daemon sets, jobs, cron jobs):
 * upstream's defaulting (pkg/apis/core/v1/defaults.go and the generated defaulters), validation
 * (pkg/apis/core/validation) with upstream's field paths and messages, and small helpers for label
 * selectors and Table cells.
 */
public final class PodSpecs {
  private PodSpecs() {}

  // ---------------------------------------------------------------- table helpers

  public static final String CONTAINERS_DESCRIPTION = "Names of each container in the template.";
  public static final String IMAGES_DESCRIPTION =
      "Images referenced by each container in the template.";
  public static final String SELECTOR_DESCRIPTION =
      "A label query over pods that should match the replica count. Label keys and values that"
          + " must match in order to be controlled by this replica set. It must match the pod"
          + " template's labels. More info:"
          + " https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

  /** Upstream's layoutContainerCells: container names and images, comma separated. */
  public static String[] containerCells(JsonNode podSpec) {
    StringBuilder names = new StringBuilder();
    StringBuilder images = new StringBuilder();
    JsonNode cs = podSpec == null ? null : podSpec.get("containers");
    if (cs != null && cs.isArray()) {
      for (int i = 0; i < cs.size(); i++) {
        if (i > 0) {
          names.append(',');
          images.append(',');
        }
        names.append(cs.get(i).path("name").asText(""));
        images.append(cs.get(i).path("image").asText(""));
      }
    }
    return new String[] {names.toString(), images.toString()};
  }

  /**
   * The columns of upstream's workload printers: Name, the given ones, Age, then the wide
   * Containers, Images and, unless {@code selectorDescription} is null, Selector.
   */
  public static List<Column> workloadColumns(String selectorDescription, Column... middle) {
    List<Column> out = new ArrayList<>();
    out.add(RestKinds.nameColumn());
    out.addAll(List.of(middle));
    out.add(RestKinds.ageColumn());
    out.add(Column.wide("Containers", "string", CONTAINERS_DESCRIPTION));
    out.add(Column.wide("Images", "string", IMAGES_DESCRIPTION));
    if (selectorDescription != null) {
      out.add(Column.wide("Selector", "string", selectorDescription));
    }
    return List.copyOf(out);
  }

  /**
   * A row for {@link #workloadColumns}: the name, the given cells, the age, the containers and
   * images of {@code podSpec} and, unless null, the selector text.
   */
  public static List<Object> workloadRow(
      ObjectNode obj, Instant now, JsonNode podSpec, String selector, Object... middle) {
    String[] cells = containerCells(podSpec);
    List<Object> out = new ArrayList<>();
    out.add(obj.path("metadata").path("name").asText(""));
    out.addAll(List.of(middle));
    out.add(Tables.age(obj, now));
    out.add(cells[0]);
    out.add(cells[1]);
    if (selector != null) {
      out.add(selector);
    }
    return List.copyOf(out);
  }

  /** Upstream's labels.FormatLabels: {@code k=v,k2=v2} sorted by key, {@code <none>} if empty. */
  public static String formatLabels(JsonNode map) {
    String s = mapSelectorString(map);
    return s.isEmpty() ? "<none>" : s;
  }

  /** A map rendered as an equality selector string, sorted by key ({@code a=b,c=d}). */
  public static String mapSelectorString(JsonNode map) {
    if (map == null || !map.isObject() || map.isEmpty()) {
      return "";
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText("")));
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- label selectors

  /**
   * A {@code metav1.LabelSelector} rendered as upstream's selector string (requirements sorted by
   * key: {@code a=b,c in (x,y),!d}); empty for a null or empty selector; null when invalid.
   */
  public static String selectorString(JsonNode sel) {
    if (sel == null || sel.isNull() || !sel.isObject()) {
      return "";
    }
    try {
      return LabelSelector.fromLabelSelectorJson(sel).toString();
    } catch (StatusException e) {
      return null;
    }
  }

  /** Upstream's metav1.FormatLabelSelector: {@code <none>} when empty, {@code <error>} if bad. */
  public static String formatLabelSelector(JsonNode sel) {
    return LabelSelector.formatLabelSelector(sel);
  }

  /**
   * Whether labels match a label selector, as {@code LabelSelectorAsSelector(sel).Matches}: a null
   * selector matches nothing, an empty one everything, an invalid one nothing.
   */
  public static boolean selectorMatches(JsonNode sel, JsonNode labels) {
    LabelSelector selector;
    try {
      selector = LabelSelector.fromLabelSelectorJson(sel);
    } catch (StatusException e) {
      return false;
    }
    return selector.matches(labels == null || !labels.isObject() ? Json.object() : labels);
  }

  /** Whether labels contain every entry of an equality-based selector map (empty matches all). */
  public static boolean mapSelectorMatches(JsonNode selector, JsonNode labels) {
    if (selector == null || !selector.isObject()) {
      return true;
    }
    Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String have = label(labels, e.getKey());
      if (have == null || !have.equals(e.getValue().asText(""))) {
        return false;
      }
    }
    return true;
  }

  private static String label(JsonNode labels, String key) {
    if (labels == null || !labels.isObject()) {
      return null;
    }
    JsonNode v = labels.get(key);
    return v == null || v.isNull() ? null : v.asText("");
  }

  /** Structural checks of a label selector, as unversionedvalidation.ValidateLabelSelector. */
  public static List<FieldError> validateLabelSelector(JsonNode sel, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (sel == null || !sel.isObject()) {
      return errs;
    }
    JsonNode me = sel.get("matchExpressions");
    if (me != null && me.isArray()) {
      for (int i = 0; i < me.size(); i++) {
        JsonNode r = me.get(i);
        String p = path + ".matchExpressions[" + i + "]";
        String op = r.path("operator").asText("");
        int nvals = r.path("values").size();
        switch (op) {
          case "In", "NotIn" -> {
            if (nvals == 0) {
              errs.add(
                  FieldError.required(
                      p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
            }
          }
          case "Exists", "DoesNotExist" -> {
            if (nvals > 0) {
              errs.add(
                  FieldError.forbidden(
                      p + ".values",
                      "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
          }
          default ->
              errs.add(FieldError.invalid(p + ".operator", op, "not a valid selector operator"));
        }
        String key = r.path("key").asText("");
        for (String msg : NameValidation.isQualifiedName(key)) {
          errs.add(FieldError.invalid(p + ".key", key, msg));
        }
      }
    }
    JsonNode ml = sel.get("matchLabels");
    if (ml != null && ml.isObject()) {
      errs.addAll(ObjectMetaValidation.validateLabels(ml, path + ".matchLabels"));
    }
    return errs;
  }

  /** A label map copied with its keys sorted, as Go's encoding/json writes maps. */
  public static JsonNode sortedMap(JsonNode map) {
    if (map == null || !map.isObject()) {
      return map == null ? Json.MAPPER.nullNode() : map;
    }
    ObjectNode out = Json.object();
    new TreeMap<String, JsonNode>(toMap(map)).forEach(out::set);
    return out;
  }

  /** A label selector as Go's encoding/json writes it (matchLabels keys sorted). */
  public static JsonNode sortedSelector(JsonNode sel) {
    if (sel == null || !sel.isObject()) {
      return sel == null ? Json.MAPPER.nullNode() : sel;
    }
    ObjectNode out = Json.object();
    if (sel.has("matchLabels") && sel.get("matchLabels").size() > 0) {
      out.set("matchLabels", sortedMap(sel.get("matchLabels")));
    }
    if (sel.has("matchExpressions") && sel.get("matchExpressions").size() > 0) {
      out.set("matchExpressions", sel.get("matchExpressions"));
    }
    return out;
  }

  private static Map<String, JsonNode> toMap(JsonNode obj) {
    Map<String, JsonNode> m = new HashMap<>();
    obj.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  // ---------------------------------------------------------------- names and labels

  private static void dnsLabel(String v, String path, List<FieldError> errs) {
    for (String m : NameValidation.isDns1123Label(v)) {
      errs.add(FieldError.invalid(path, v, m));
    }
  }

  private static void dnsSubdomain(String v, String path, List<FieldError> errs) {
    for (String m : NameValidation.isDns1123Subdomain(v)) {
      errs.add(FieldError.invalid(path, v, m));
    }
  }

  // ---------------------------------------------------------------- small node helpers

  /** Whether a node is there: not absent, JSON null or missing. */
  public static boolean present(JsonNode n) {
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  static ObjectNode objOrNull(JsonNode parent, String key) {
    JsonNode n = parent == null ? null : parent.get(key);
    return n instanceof ObjectNode o ? o : null;
  }

  static Iterable<ObjectNode> objects(JsonNode parent, String key) {
    List<ObjectNode> out = new ArrayList<>();
    JsonNode n = parent == null ? null : parent.get(key);
    if (n != null && n.isArray()) {
      for (JsonNode e : n) {
        if (e instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  private static void putIfAbsent(ObjectNode o, String key, String value) {
    JsonNode n = o.get(key);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
      o.put(key, value);
    }
  }

  private static void putIfAbsent(ObjectNode o, String key, int value) {
    JsonNode n = o.get(key);
    if (n == null || n.isNull()) {
      o.put(key, value);
    }
  }

  /** Sets a number when missing or zero (Go's non-pointer int fields default on zero). */
  private static void putIfZero(ObjectNode o, String key, int value) {
    JsonNode n = o.get(key);
    if (n == null || n.isNull() || (n.isNumber() && n.asLong() == 0)) {
      o.put(key, value);
    }
  }

  private static void putIfAbsent(ObjectNode o, String key, boolean value) {
    JsonNode n = o.get(key);
    if (n == null || n.isNull()) {
      o.put(key, value);
    }
  }

  // ---------------------------------------------------------------- defaults

  /** Defaults of a pod template ({@code template.spec}), as the generated defaulters apply. */
  public static void applyPodTemplateDefaults(ObjectNode template) {
    if (template == null) {
      return;
    }
    applyPodSpecDefaults(Json.obj(template, "spec"));
  }

  /**
   * SetDefaults_PodSpec plus the nested defaulters (volumes, containers, probes, ports...): what
   * every embedded pod spec gets. Pod-only defaults are in {@link #applyPodOnlyDefaults}.
   */
  public static void applyPodSpecDefaults(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    putIfAbsent(spec, "restartPolicy", "Always");
    JsonNode sc = spec.get("securityContext");
    if (sc == null || sc.isNull()) {
      spec.putObject("securityContext");
    }
    putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    for (ObjectNode v : objects(spec, "volumes")) {
      volumeDefaults(v);
    }
    for (ObjectNode c : objects(spec, "initContainers")) {
      containerDefaults(c);
    }
    for (ObjectNode c : objects(spec, "containers")) {
      containerDefaults(c);
    }
    for (ObjectNode c : objects(spec, "ephemeralContainers")) {
      containerDefaults(c);
    }
  }

  /** SetDefaults_Pod: what only Pod objects get (not templates). */
  public static void applyPodOnlyDefaults(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    for (String list : new String[] {"containers", "initContainers"}) {
      for (ObjectNode c : objects(spec, list)) {
        ObjectNode res = objOrNull(c, "resources");
        ObjectNode limits = res == null ? null : objOrNull(res, "limits");
        if (limits != null) {
          ObjectNode requests = Json.obj(res, "requests");
          limits
              .fields()
              .forEachRemaining(
                  e -> {
                    if (!requests.has(e.getKey())) {
                      requests.set(e.getKey(), e.getValue().deepCopy());
                    }
                  });
        }
      }
    }
    // pod-level resources: requests default to limits for resources no container requests
    ObjectNode podRes = objOrNull(spec, "resources");
    ObjectNode podLimits = podRes == null ? null : objOrNull(podRes, "limits");
    if (podLimits != null && podLimits.size() > 0) {
      ObjectNode podReqs = objOrNull(podRes, "requests");
      ObjectNode reqs = podReqs == null ? Json.object() : podReqs;
      podLimits
          .fields()
          .forEachRemaining(
              e -> {
                String k = e.getKey();
                if (reqs.has(k) || !(k.equals("cpu") || k.equals("memory"))) {
                  return;
                }
                if (!anyContainerRequests(spec, k)) {
                  reqs.set(k, e.getValue().deepCopy());
                }
              });
      if (reqs.size() > 0) {
        podRes.set("requests", reqs);
      }
    }
    putIfAbsent(spec, "enableServiceLinks", true);
    if (spec.path("hostNetwork").asBoolean(false)) {
      for (String list : new String[] {"containers", "initContainers"}) {
        for (ObjectNode c : objects(spec, list)) {
          for (ObjectNode p : objects(c, "ports")) {
            if (p.path("hostPort").asLong(0) == 0 && p.has("containerPort")) {
              p.set("hostPort", p.get("containerPort"));
            }
          }
        }
      }
    }
  }

  private static boolean anyContainerRequests(JsonNode spec, String resource) {
    for (String list : new String[] {"containers", "initContainers"}) {
      for (ObjectNode c : objects(spec, list)) {
        if (c.path("resources").path("requests").has(resource)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final Set<String> NON_SOURCE_VOLUME_KEYS = Set.of("name");

  private static void volumeDefaults(ObjectNode v) {
    boolean hasSource = false;
    Iterator<String> names = v.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!NON_SOURCE_VOLUME_KEYS.contains(k) && present(v.get(k))) {
        hasSource = true;
      }
    }
    if (!hasSource) {
      v.putObject("emptyDir");
    }
    ObjectNode image = objOrNull(v, "image");
    if (image != null) {
      putIfAbsent(image, "pullPolicy", defaultPullPolicy(str(image, "reference")));
    }
    ObjectNode hostPath = objOrNull(v, "hostPath");
    if (hostPath != null && !present(hostPath.get("type"))) {
      hostPath.put("type", "");
    }
    for (String k : new String[] {"secret", "configMap", "downwardAPI", "projected"}) {
      ObjectNode s = objOrNull(v, k);
      if (s != null) {
        putIfAbsent(s, "defaultMode", 420);
      }
    }
    ObjectNode dapi = objOrNull(v, "downwardAPI");
    if (dapi != null) {
      downwardItems(dapi);
    }
    ObjectNode projected = objOrNull(v, "projected");
    if (projected != null) {
      for (ObjectNode src : objects(projected, "sources")) {
        ObjectNode d = objOrNull(src, "downwardAPI");
        if (d != null) {
          downwardItems(d);
        }
        ObjectNode sat = objOrNull(src, "serviceAccountToken");
        if (sat != null) {
          putIfAbsent(sat, "expirationSeconds", 3600);
        }
      }
    }
    ObjectNode iscsi = objOrNull(v, "iscsi");
    if (iscsi != null) {
      putIfAbsent(iscsi, "iscsiInterface", "default");
    }
    ObjectNode rbd = objOrNull(v, "rbd");
    if (rbd != null) {
      putIfAbsent(rbd, "pool", "rbd");
      putIfAbsent(rbd, "user", "admin");
      putIfAbsent(rbd, "keyring", "/etc/ceph/keyring");
    }
    ObjectNode azureDisk = objOrNull(v, "azureDisk");
    if (azureDisk != null) {
      putIfAbsent(azureDisk, "cachingMode", "ReadWrite");
      putIfAbsent(azureDisk, "fsType", "ext4");
      putIfAbsent(azureDisk, "readOnly", false);
      putIfAbsent(azureDisk, "kind", "Shared");
    }
    ObjectNode scaleIO = objOrNull(v, "scaleIO");
    if (scaleIO != null) {
      putIfAbsent(scaleIO, "storageMode", "ThinProvisioned");
      putIfAbsent(scaleIO, "fsType", "xfs");
    }
    ObjectNode eph = objOrNull(v, "ephemeral");
    ObjectNode vct = eph == null ? null : objOrNull(eph, "volumeClaimTemplate");
    if (vct != null) {
      putIfAbsent(Json.obj(vct, "spec"), "volumeMode", "Filesystem");
    }
  }

  private static void downwardItems(ObjectNode dapi) {
    for (ObjectNode item : objects(dapi, "items")) {
      ObjectNode fr = objOrNull(item, "fieldRef");
      if (fr != null) {
        putIfAbsent(fr, "apiVersion", "v1");
      }
    }
  }

  private static void containerDefaults(ObjectNode c) {
    putIfAbsent(c, "imagePullPolicy", defaultPullPolicy(str(c, "image")));
    putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(c, "terminationMessagePolicy", "File");
    for (ObjectNode p : objects(c, "ports")) {
      putIfAbsent(p, "protocol", "TCP");
    }
    for (ObjectNode e : objects(c, "env")) {
      ObjectNode vf = objOrNull(e, "valueFrom");
      if (vf != null) {
        ObjectNode fr = objOrNull(vf, "fieldRef");
        if (fr != null) {
          putIfAbsent(fr, "apiVersion", "v1");
        }
        ObjectNode fk = objOrNull(vf, "fileKeyRef");
        if (fk != null) {
          putIfAbsent(fk, "optional", false);
        }
      }
    }
    for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
      ObjectNode p = objOrNull(c, probe);
      if (p != null) {
        putIfZero(p, "timeoutSeconds", 1);
        putIfZero(p, "periodSeconds", 10);
        putIfZero(p, "successThreshold", 1);
        putIfZero(p, "failureThreshold", 3);
        handlerDefaults(p);
      }
    }
    ObjectNode lc = objOrNull(c, "lifecycle");
    if (lc != null) {
      for (String h : new String[] {"postStart", "preStop"}) {
        ObjectNode handler = objOrNull(lc, h);
        if (handler != null) {
          handlerDefaults(handler);
        }
      }
    }
  }

  private static void handlerDefaults(ObjectNode h) {
    ObjectNode http = objOrNull(h, "httpGet");
    if (http != null) {
      putIfAbsent(http, "path", "/");
      putIfAbsent(http, "scheme", "HTTP");
    }
    ObjectNode grpc = objOrNull(h, "grpc");
    if (grpc != null && !present(grpc.get("service"))) {
      grpc.put("service", "");
    }
  }

  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      "(?:"
          + DOMAIN_COMPONENT
          + "(?:\\."
          + DOMAIN_COMPONENT
          + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String NAME_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern IMAGE_REF =
      Pattern.compile(
          "((?:"
              + DOMAIN
              + "/)?"
              + NAME_COMPONENT
              + "(?:/"
              + NAME_COMPONENT
              + ")*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");

  /**
   * The tag of an image reference as upstream's parsers.ParseImageName sees it: {@code latest} when
   * neither tag nor digest is given, empty when the reference does not parse.
   */
  public static String imageTag(String image) {
    if (image == null || image.isEmpty()) {
      return "";
    }
    Matcher m = IMAGE_REF.matcher(image);
    if (!m.matches() || m.group(1).length() > 255) {
      return "";
    }
    String tag = m.group(2);
    String digest = m.group(3);
    if (tag == null) {
      return digest == null ? "latest" : "";
    }
    return tag;
  }

  /** Always for {@code :latest} (or no tag), otherwise IfNotPresent. */
  public static String defaultPullPolicy(String image) {
    return "latest".equals(imageTag(image)) ? "Always" : "IfNotPresent";
  }

  // ---------------------------------------------------------------- pod status on create

  /** Upstream's qos.GetPodQOS on a (defaulted) pod spec. */
  public static String qosClass(JsonNode spec) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    JsonNode podRes = spec.path("resources");
    if (podRes.isObject() && (podRes.has("requests") || podRes.has("limits"))) {
      // pod-level resources decide alone
      addSupported(podRes.path("requests"), requests);
      Set<String> found = addSupported(podRes.path("limits"), limits);
      if (!found.contains("cpu") || !found.contains("memory")) {
        guaranteed = false;
      }
    } else {
      List<JsonNode> all = new ArrayList<>();
      spec.path("containers").forEach(all::add);
      spec.path("initContainers").forEach(all::add);
      for (JsonNode c : all) {
        addSupported(c.path("resources").path("requests"), requests);
        Set<String> found = addSupported(c.path("resources").path("limits"), limits);
        if (!found.contains("cpu") || !found.contains("memory")) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
        BigDecimal lim = limits.get(e.getKey());
        if (lim == null || lim.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  private static Set<String> addSupported(JsonNode list, Map<String, BigDecimal> into) {
    Set<String> found = new HashSet<>();
    if (list == null || !list.isObject()) {
      return found;
    }
    list.fields()
        .forEachRemaining(
            e -> {
              String k = e.getKey();
              if (!k.equals("cpu") && !k.equals("memory")) {
                return;
              }
              BigDecimal q = RestKinds.quantity(e.getValue().asText("").trim());
              if (q != null && q.signum() > 0) {
                found.add(k);
                into.merge(k, q, BigDecimal::add);
              }
            });
    return found;
  }

  // ---------------------------------------------------------------- validation

  /** Validates a pod's spec (pod semantics) at {@code path} (usually {@code spec}). */
  public static List<FieldError> validatePodSpec(JsonNode spec, String path) {
    return validatePodSpec(spec, path, false);
  }

  /**
   * Validates a pod template ({@code metadata} + {@code spec}) at {@code path} (e.g. {@code
   * spec.template}), as upstream's ValidatePodTemplateSpec.
   */
  public static List<FieldError> validatePodTemplate(JsonNode template, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (template == null || template.isNull() || !template.isObject()) {
      errs.add(FieldError.required(path, ""));
      return errs;
    }
    // upstream validates template labels at "<path>.labels" (not metadata.labels)
    errs.addAll(
        ObjectMetaValidation.validateLabels(
            template.path("metadata").get("labels"), path + ".labels"));
    errs.addAll(validatePodSpec(template.get("spec"), path + ".spec", true));
    if (template.path("spec").path("ephemeralContainers").size() > 0) {
      errs.add(
          FieldError.forbidden(
              path + ".spec.ephemeralContainers",
              "ephemeral containers not allowed in pod template"));
    }
    return errs;
  }

  private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES =
      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> TERMINATION_MESSAGE_POLICIES =
      List.of("File", "FallbackToLogsOnError");
  private static final List<String> HTTP_SCHEMES = List.of("HTTP", "HTTPS");

  /** Pod spec validation; {@code template} relaxes what upstream relaxes for pod templates. */
  public static List<FieldError> validatePodSpec(JsonNode spec, String path, boolean template) {
    List<FieldError> errs = new ArrayList<>();
    if (spec == null || !spec.isObject()) {
      spec = Json.object();
    }
    Set<String> volumeNames = validateVolumes(spec.get("volumes"), path + ".volumes", errs);
    JsonNode cs = spec.get("containers");
    Set<String> allNames = new HashSet<>();
    if (cs == null || !cs.isArray() || cs.isEmpty()) {
      errs.add(FieldError.required(path + ".containers", ""));
    } else {
      for (int i = 0; i < cs.size(); i++) {
        String p = path + ".containers[" + i + "]";
        JsonNode c = cs.get(i);
        validateContainer(c, p, volumeNames, template, errs);
        String name = str(c, "name");
        if (allNames.contains(name)) {
          errs.add(FieldError.duplicate(p + ".name", name));
        } else {
          allNames.add(name);
        }
        if (present(c.get("restartPolicy"))) {
          errs.add(
              FieldError.forbidden(p + ".restartPolicy", "may not be set for non-init containers"));
        }
      }
    }
    JsonNode inits = spec.get("initContainers");
    if (inits != null && inits.isArray()) {
      for (int i = 0; i < inits.size(); i++) {
        String p = path + ".initContainers[" + i + "]";
        JsonNode c = inits.get(i);
        validateContainer(c, p, volumeNames, template, errs);
        String name = str(c, "name");
        if (allNames.contains(name)) {
          errs.add(FieldError.duplicate(p + ".name", name));
        } else if (!name.isEmpty()) {
          allNames.add(name);
        }
        String rp = str(c, "restartPolicy");
        if (!rp.isEmpty() && !rp.equals("Always")) {
          errs.add(FieldError.notSupported(p + ".restartPolicy", rp, List.of("Always")));
        }
        if (!rp.equals("Always")) {
          for (String f :
              new String[] {"lifecycle", "livenessProbe", "readinessProbe", "startupProbe"}) {
            if (present(c.get(f))) {
              errs.add(
                  FieldError.forbidden(
                      p + "." + f,
                      "may not be set for init containers without restartPolicy=Always"));
            }
          }
        }
      }
    }
    // restartPolicy
    String rp = str(spec, "restartPolicy");
    if (rp.isEmpty()) {
      errs.add(FieldError.required(path + ".restartPolicy", ""));
    } else if (!RESTART_POLICIES.contains(rp)) {
      errs.add(FieldError.notSupported(path + ".restartPolicy", rp, RESTART_POLICIES));
    }
    String dns = str(spec, "dnsPolicy");
    if (dns.isEmpty()) {
      errs.add(FieldError.required(path + ".dnsPolicy", ""));
    } else if (!DNS_POLICIES.contains(dns)) {
      errs.add(FieldError.notSupported(path + ".dnsPolicy", dns, DNS_POLICIES));
    }
    if ("None".equals(dns)) {
      JsonNode cfg = spec.get("dnsConfig");
      if (!present(cfg) || cfg.path("nameservers").isEmpty()) {
        errs.add(
            FieldError.required(
                path + ".dnsConfig.nameservers",
                "must provide at least one DNS nameserver when `dnsPolicy` is None"));
      }
    }
    errs.addAll(
        ObjectMetaValidation.validateLabels(spec.get("nodeSelector"), path + ".nodeSelector"));
    String sa = str(spec, "serviceAccountName");
    if (!sa.isEmpty()) {
      dnsSubdomain(sa, path + ".serviceAccountName", errs);
    }
    String nodeName = str(spec, "nodeName");
    if (!nodeName.isEmpty()) {
      dnsSubdomain(nodeName, path + ".nodeName", errs);
    }
    JsonNode ads = spec.get("activeDeadlineSeconds");
    if (present(ads)) {
      long v = ads.asLong();
      if (v < 1 || v > Integer.MAX_VALUE) {
        errs.add(
            FieldError.invalid(
                path + ".activeDeadlineSeconds", v, "must be between 1 and 2147483647, inclusive"));
      }
    }
    String hostname = str(spec, "hostname");
    if (!hostname.isEmpty()) {
      dnsLabel(hostname, path + ".hostname", errs);
    }
    String subdomain = str(spec, "subdomain");
    if (!subdomain.isEmpty()) {
      dnsLabel(subdomain, path + ".subdomain", errs);
    }
    String pcn = str(spec, "priorityClassName");
    if (!pcn.isEmpty()) {
      dnsSubdomain(pcn, path + ".priorityClassName", errs);
    }
    if (spec.path("hostNetwork").asBoolean(false)) {
      JsonNode ctrs = spec.get("containers");
      if (ctrs != null && ctrs.isArray()) {
        for (int i = 0; i < ctrs.size(); i++) {
          JsonNode ports = ctrs.get(i).get("ports");
          if (ports == null || !ports.isArray()) {
            continue;
          }
          for (int j = 0; j < ports.size(); j++) {
            long cp = ports.get(j).path("containerPort").asLong(0);
            long hp = ports.get(j).path("hostPort").asLong(0);
            if (hp != cp && !(template && hp == 0)) {
              errs.add(
                  FieldError.invalid(
                      path + ".containers[" + i + "].ports[" + j + "].containerPort",
                      cp,
                      "must match `hostPort` when `hostNetwork` is true"));
            }
          }
        }
      }
    }
    return errs;
  }

  private static Set<String> validateVolumes(JsonNode vols, String path, List<FieldError> errs) {
    Set<String> ok = new HashSet<>();
    if (vols == null || !vols.isArray()) {
      return ok;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < vols.size(); i++) {
      JsonNode v = vols.get(i);
      String p = path + "[" + i + "]";
      List<FieldError> el = new ArrayList<>();
      validateVolumeSource(v, p, el);
      String name = str(v, "name");
      if (name.isEmpty()) {
        el.add(FieldError.required(p + ".name", ""));
      } else {
        dnsLabel(name, p + ".name", el);
      }
      if (seen.contains(name)) {
        el.add(FieldError.duplicate(p + ".name", name));
      }
      if (el.isEmpty()) {
        seen.add(name);
        ok.add(name);
      } else {
        errs.addAll(el);
      }
    }
    return ok;
  }

  private static void validateVolumeSource(JsonNode v, String p, List<FieldError> errs) {
    List<String> sources = new ArrayList<>();
    v.fieldNames()
        .forEachRemaining(
            k -> {
              if (!k.equals("name") && present(v.get(k))) {
                sources.add(k);
              }
            });
    if (sources.isEmpty()) {
      errs.add(FieldError.required(p, "must specify a volume type"));
      return;
    }
    for (int i = 1; i < sources.size(); i++) {
      errs.add(
          FieldError.forbidden(
              p + "." + sources.get(i), "may not specify more than 1 volume type"));
    }
    if (sources.size() > 1) {
      return;
    }
    String src = sources.get(0);
    JsonNode s = v.get(src);
    String sp = p + "." + src;
    switch (src) {
      case "configMap" -> {
        if (str(s, "name").isEmpty()) {
          errs.add(FieldError.required(sp + ".name", ""));
        }
        mode(s, sp, errs);
        keyToPaths(s, sp, errs);
      }
      case "secret" -> {
        if (str(s, "secretName").isEmpty()) {
          errs.add(FieldError.required(sp + ".secretName", ""));
        }
        mode(s, sp, errs);
        keyToPaths(s, sp, errs);
      }
      case "hostPath" -> {
        if (str(s, "path").isEmpty()) {
          errs.add(FieldError.required(sp + ".path", ""));
        }
        String type = str(s, "type");
        List<String> types =
            List.of(
                "",
                "DirectoryOrCreate",
                "Directory",
                "FileOrCreate",
                "File",
                "Socket",
                "CharDevice",
                "BlockDevice");
        if (!types.contains(type)) {
          errs.add(FieldError.notSupported(sp + ".type", type, types));
        }
      }
      case "persistentVolumeClaim" -> {
        if (str(s, "claimName").isEmpty()) {
          errs.add(FieldError.required(sp + ".claimName", ""));
        }
      }
      case "downwardAPI", "projected" -> mode(s, sp, errs);
      default -> {}
    }
  }

  private static void mode(JsonNode s, String sp, List<FieldError> errs) {
    JsonNode m = s.get("defaultMode");
    if (present(m) && (m.asLong() < 0 || m.asLong() > 0777)) {
      errs.add(
          FieldError.invalid(
              sp + ".defaultMode",
              m.asLong(),
              "must be a number between 0 and 0777 (octal), both inclusive"));
    }
  }

  private static void keyToPaths(JsonNode s, String sp, List<FieldError> errs) {
    JsonNode items = s.get("items");
    if (items == null || !items.isArray()) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      String ip = sp + ".items[" + i + "]";
      if (str(items.get(i), "key").isEmpty()) {
        errs.add(FieldError.required(ip + ".key", ""));
      }
      String path = str(items.get(i), "path");
      if (path.isEmpty()) {
        errs.add(FieldError.required(ip + ".path", ""));
      } else {
        localPath(path, ip + ".path", errs);
      }
    }
  }

  private static void localPath(String path, String fp, List<FieldError> errs) {
    if (path.startsWith("/")) {
      errs.add(FieldError.invalid(fp, path, "must be a relative path"));
    }
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        errs.add(FieldError.invalid(fp, path, "must not contain '..'"));
        break;
      }
    }
    if (path.startsWith("..")) {
      errs.add(FieldError.invalid(fp, path, "must not start with '..'"));
    }
  }

  private static void validateContainer(
      JsonNode c, String p, Set<String> volumes, boolean template, List<FieldError> errs) {
    if (c == null || !c.isObject()) {
      c = Json.object();
    }
    String name = str(c, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(p + ".name", ""));
    } else {
      dnsLabel(name, p + ".name", errs);
    }
    String image = str(c, "image");
    if (image.isEmpty()) {
      errs.add(FieldError.required(p + ".image", ""));
    } else if (!template && !image.equals(image.strip())) {
      errs.add(
          FieldError.invalid(p + ".image", image, "must not have leading or trailing whitespace"));
    }
    String tmp = str(c, "terminationMessagePolicy");
    if (tmp.isEmpty()) {
      errs.add(FieldError.required(p + ".terminationMessagePolicy", ""));
    } else if (!TERMINATION_MESSAGE_POLICIES.contains(tmp)) {
      errs.add(
          FieldError.notSupported(
              p + ".terminationMessagePolicy", tmp, TERMINATION_MESSAGE_POLICIES));
    }
    validatePorts(c.get("ports"), p + ".ports", errs);
    validateEnv(c.get("env"), p + ".env", errs);
    String pull = str(c, "imagePullPolicy");
    if (pull.isEmpty()) {
      errs.add(FieldError.required(p + ".imagePullPolicy", ""));
    } else if (!PULL_POLICIES.contains(pull)) {
      errs.add(FieldError.notSupported(p + ".imagePullPolicy", pull, PULL_POLICIES));
    }
    validateMounts(c.get("volumeMounts"), p + ".volumeMounts", volumes, errs);
    for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
      JsonNode pr = c.get(probe);
      if (present(pr)) {
        validateProbe(pr, p + "." + probe, errs);
        if (!probe.equals("readinessProbe") && pr.path("successThreshold").asLong(1) != 1) {
          errs.add(
              FieldError.invalid(
                  p + "." + probe + ".successThreshold",
                  pr.path("successThreshold").asLong(),
                  "must be 1"));
        }
      }
    }
    JsonNode lc = c.get("lifecycle");
    if (present(lc)) {
      for (String h : new String[] {"postStart", "preStop"}) {
        if (present(lc.get(h))) {
          validateHandler(lc.get(h), p + ".lifecycle." + h, true, errs);
        }
      }
    }
  }

  private static void validatePorts(JsonNode ports, String path, List<FieldError> errs) {
    if (ports == null || !ports.isArray()) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      String p = path + "[" + i + "]";
      String name = str(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = RestKinds.portName(name);
        if (!msgs.isEmpty()) {
          for (String m : msgs) {
            errs.add(FieldError.invalid(p + ".name", name, m));
          }
        } else if (names.contains(name)) {
          errs.add(FieldError.duplicate(p + ".name", name));
        } else {
          names.add(name);
        }
      }
      long cp = port.path("containerPort").asLong(0);
      if (cp == 0) {
        errs.add(FieldError.required(p + ".containerPort", ""));
      } else if (cp < 1 || cp > 65535) {
        errs.add(
            FieldError.invalid(p + ".containerPort", cp, "must be between 1 and 65535, inclusive"));
      }
      long hp = port.path("hostPort").asLong(0);
      if (hp != 0 && (hp < 1 || hp > 65535)) {
        errs.add(FieldError.invalid(p + ".hostPort", hp, "must be between 1 and 65535, inclusive"));
      }
      String proto = str(port, "protocol");
      if (proto.isEmpty()) {
        errs.add(FieldError.required(p + ".protocol", ""));
      } else if (!PROTOCOLS.contains(proto)) {
        errs.add(FieldError.notSupported(p + ".protocol", proto, PROTOCOLS));
      }
    }
  }

  private static void validateEnv(JsonNode env, String path, List<FieldError> errs) {
    if (env == null || !env.isArray()) {
      return;
    }
    for (int i = 0; i < env.size(); i++) {
      String p = path + "[" + i + "]";
      String name = str(env.get(i), "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p + ".name", ""));
      } else {
        for (char ch : name.toCharArray()) {
          if (ch < 32 || ch > 126 || ch == '=') {
            errs.add(
                FieldError.invalid(
                    p + ".name",
                    name,
                    "a valid environment variable name must consist only of printable ASCII"
                        + " characters other than '='"));
            break;
          }
        }
      }
      JsonNode vf = env.get(i).get("valueFrom");
      if (present(vf)) {
        int n = 0;
        for (String k :
            new String[] {
              "fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"
            }) {
          if (present(vf.get(k))) {
            n++;
          }
        }
        if (n == 0) {
          errs.add(
              FieldError.invalid(
                  p + ".valueFrom",
                  "",
                  "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                      + " `secretKeyRef`"));
        } else if (n > 1) {
          errs.add(
              FieldError.invalid(
                  p + ".valueFrom", "", "may not have more than one field specified at a time"));
        } else if (!str(env.get(i), "value").isEmpty()) {
          errs.add(
              FieldError.invalid(
                  p + ".valueFrom", "", "may not be specified when `value` is not empty"));
        }
      }
    }
  }

  private static void validateMounts(
      JsonNode mounts, String path, Set<String> volumes, List<FieldError> errs) {
    if (mounts == null || !mounts.isArray()) {
      return;
    }
    Set<String> mountPoints = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode m = mounts.get(i);
      String p = path + "[" + i + "]";
      String name = str(m, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p + ".name", ""));
      }
      if (!volumes.contains(name)) {
        errs.add(FieldError.notFound(p + ".name", name));
      }
      String mp = str(m, "mountPath");
      if (mp.isEmpty()) {
        errs.add(FieldError.required(p + ".mountPath", ""));
      }
      if (mountPoints.contains(mp)) {
        errs.add(FieldError.invalid(p + ".mountPath", mp, "must be unique"));
      }
      mountPoints.add(mp);
      String sub = str(m, "subPath");
      if (!sub.isEmpty()) {
        localPath(sub, p + ".subPath", errs);
      }
    }
  }

  private static void validateProbe(JsonNode probe, String p, List<FieldError> errs) {
    validateHandler(probe, p, false, errs);
    for (String f :
        new String[] {
          "initialDelaySeconds",
          "timeoutSeconds",
          "periodSeconds",
          "successThreshold",
          "failureThreshold"
        }) {
      nonNegative(probe.get(f), p + "." + f, errs);
    }
    JsonNode tgps = probe.get("terminationGracePeriodSeconds");
    if (present(tgps) && tgps.asLong() <= 0) {
      errs.add(
          FieldError.invalid(
              p + ".terminationGracePeriodSeconds", tgps.asLong(), "must be greater than 0"));
    }
  }

  private static void validateHandler(
      JsonNode h, String p, boolean lifecycle, List<FieldError> errs) {
    List<String> kinds =
        lifecycle
            ? List.of("exec", "httpGet", "tcpSocket", "sleep")
            : List.of("exec", "httpGet", "tcpSocket", "grpc");
    List<String> set = new ArrayList<>();
    for (String k : kinds) {
      if (present(h.get(k))) {
        set.add(k);
      }
    }
    if (set.isEmpty()) {
      errs.add(FieldError.required(p, "must specify a handler type"));
      return;
    }
    for (int i = 1; i < set.size(); i++) {
      errs.add(
          FieldError.forbidden(p + "." + set.get(i), "may not specify more than 1 handler type"));
    }
    JsonNode http = h.get("httpGet");
    if (set.get(0).equals("httpGet")) {
      if (str(http, "path").isEmpty()) {
        errs.add(FieldError.required(p + ".httpGet.path", ""));
      }
      portNumOrName(http.get("port"), p + ".httpGet.port", errs);
      String scheme = str(http, "scheme");
      if (!HTTP_SCHEMES.contains(scheme)) {
        errs.add(FieldError.notSupported(p + ".httpGet.scheme", scheme, HTTP_SCHEMES));
      }
    } else if (set.get(0).equals("tcpSocket")) {
      portNumOrName(h.get("tcpSocket").get("port"), p + ".tcpSocket.port", errs);
    } else if (set.get(0).equals("exec")) {
      if (h.get("exec").path("command").isEmpty()) {
        errs.add(FieldError.required(p + ".exec.command", ""));
      }
    } else if (set.get(0).equals("grpc")) {
      long port = h.get("grpc").path("port").asLong(0);
      if (port < 1 || port > 65535) {
        errs.add(
            FieldError.invalid(p + ".grpc.port", port, "must be between 1 and 65535, inclusive"));
      }
    }
  }

  private static void portNumOrName(JsonNode port, String p, List<FieldError> errs) {
    if (port != null && port.isTextual()) {
      for (String m : RestKinds.portName(port.asText())) {
        errs.add(FieldError.invalid(p, port.asText(), m));
      }
    } else {
      long v = port == null ? 0 : port.asLong(0);
      if (v < 1 || v > 65535) {
        errs.add(FieldError.invalid(p, v, "must be between 1 and 65535, inclusive"));
      }
    }
  }

  /** Upstream's ValidateNonnegativeField. */
  public static void nonNegative(JsonNode v, String path, List<FieldError> errs) {
    if (present(v) && v.isNumber() && v.asLong() < 0) {
      errs.add(FieldError.invalid(path, v.asLong(), "must be greater than or equal to 0"));
    }
  }

  /** Upstream's ValidateImmutableField: an Invalid "field is immutable" when values differ. */
  public static void immutable(JsonNode now, JsonNode old, String path, List<FieldError> errs) {
    JsonNode a = present(now) ? now : null;
    JsonNode b = present(old) ? old : null;
    if (a == null ? b != null : !a.equals(b)) {
      errs.add(
          FieldError.invalid(path, a == null ? Json.MAPPER.nullNode() : a, "field is immutable"));
    }
  }

  /**
   * ValidatePodTemplateSpecForReplicaSet: the template must match the selector (when the selector
   * is not empty), be a valid template, restart Always and not set activeDeadlineSeconds.
   *
   * @param selectorMatches whether the selector matches the template labels
   * @param selectorEmpty whether the selector selects everything (then labels are not checked)
   * @param owner the kind named in the activeDeadlineSeconds message (ReplicaSet for apps kinds)
   */
  public static List<FieldError> validateReplicaSetTemplate(
      JsonNode template,
      boolean selectorMatches,
      boolean selectorEmpty,
      String path,
      String owner) {
    List<FieldError> errs = new ArrayList<>();
    if (template == null || template.isNull() || !template.isObject()) {
      errs.add(FieldError.required(path, ""));
      return errs;
    }
    if (!selectorEmpty && !selectorMatches) {
      errs.add(
          FieldError.invalid(
              path + ".metadata.labels",
              sortedMap(template.path("metadata").get("labels")),
              "`selector` does not match template `labels`"));
    }
    errs.addAll(validatePodTemplate(template, path));
    String rp = str(template.get("spec"), "restartPolicy");
    if (!rp.equals("Always")) {
      errs.add(FieldError.notSupported(path + ".spec.restartPolicy", rp, List.of("Always")));
    }
    if (present(template.path("spec").get("activeDeadlineSeconds"))) {
      errs.add(
          FieldError.forbidden(
              path + ".spec.activeDeadlineSeconds",
              "activeDeadlineSeconds in " + owner + " is not Supported"));
    }
    return errs;
  }

  /** Whether a label selector selects everything (present, with no requirements). */
  public static boolean selectorEmpty(JsonNode sel) {
    return sel != null
        && sel.isObject()
        && sel.path("matchLabels").size() == 0
        && sel.path("matchExpressions").size() == 0;
  }

  /** Builds an {@link ArrayNode} of strings (test and caller convenience). */
  static ArrayNode strings(String... values) {
    ArrayNode a = Json.array();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
