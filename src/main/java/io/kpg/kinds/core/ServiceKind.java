package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import io.kpg.registry.validation.ObjectMetaValidation;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * core/v1 Service. Defaults follow pkg/apis/core/v1/defaults.go (SetDefaults_Service); the
 * allocation of cluster IPs, IP families and node ports follows what upstream's service REST
 * storage does (pkg/registry/core/service/storage), in a simplified form:
 *
 * <ul>
 *   <li>The service CIDR is {@link #SERVICE_CIDR} (single-stack IPv4). {@code default/kubernetes}
 *       gets the first address ({@code 10.96.0.1}); every other service gets an address derived
 *       from a hash of its namespace and name. <b>Collisions are not detected</b>: two services may
 *       end up with the same cluster IP (probability about n²/2²¹ for n services). A proper
 *       allocator needs a table of allocated addresses in the store.
 *   <li>Node ports are derived the same way inside {@link #NODE_PORT_MIN}..{@link #NODE_PORT_MAX},
 *       distinct within one service but <b>not checked against other services</b>.
 * </ul>
 *
 * Validation follows pkg/apis/core/validation ValidateService / ValidateServiceUpdate.
 */
@Singleton
public class ServiceKind extends KindDef {

  public static final String SERVICE_CIDR = "10.96.0.0/12";
  private static final long CIDR_BASE = (10L << 24) | (96L << 16);
  private static final long CIDR_SIZE = 1L << 20;
  public static final int NODE_PORT_MIN = 30000;
  public static final int NODE_PORT_MAX = 32767;

  static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> AFFINITIES = List.of("ClientIP", "None");
  static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
  static final List<String> FAMILY_POLICIES =
      List.of("PreferDualStack", "RequireDualStack", "SingleStack");
  static final List<String> FAMILIES = List.of("IPv4", "IPv6");
  static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
  static final int DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

  public ServiceKind() {
    super("", "v1", "Service", "services", true);
    shortNames("svc");
    categories("all");
    fieldSelector("spec.clusterIP", o -> RestKinds.str(o, "spec", "clusterIP"));
    fieldSelector("spec.type", o -> RestKinds.str(o, "spec", "type"));
  }

  /** Service names are DNS-1035 labels (they become DNS names and environment variables). */
  @Override
  public List<String> validateName(String name) {
    return io.kpg.registry.validation.NameValidation.isDns1035Label(name);
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public boolean tracksGeneration() {
    return false;
  }

  // ------------------------------------------------------------------ small accessors

  static String type(JsonNode svc) {
    String t = RestKinds.str(svc, "spec", "type");
    return t.isEmpty() ? "ClusterIP" : t;
  }

  static boolean needsClusterIP(JsonNode svc) {
    return !"ExternalName".equals(type(svc));
  }

  static boolean needsNodePort(JsonNode svc) {
    String t = type(svc);
    return t.equals("NodePort") || t.equals("LoadBalancer");
  }

  static boolean needsHCNodePort(JsonNode svc) {
    return "LoadBalancer".equals(type(svc))
        && "Local".equals(RestKinds.str(svc, "spec", "externalTrafficPolicy"));
  }

  static boolean isHeadless(JsonNode svc) {
    return "None".equals(RestKinds.str(svc, "spec", "clusterIP"));
  }

  /** {@code service.ExternallyAccessible}. */
  static boolean externallyAccessible(JsonNode svc) {
    String t = type(svc);
    return t.equals("LoadBalancer")
        || t.equals("NodePort")
        || (t.equals("ClusterIP")
            && RestKinds.size(RestKinds.node(svc, "spec", "externalIPs")) > 0);
  }

  static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    RestKinds.items(arr).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static ArrayNode textArray(List<String> values) {
    ArrayNode a = Json.array();
    values.forEach(a::add);
    return a;
  }

  // ------------------------------------------------------------------ defaults

  /** SetDefaults_Service. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = RestKinds.obj(obj, "spec");
    if (RestKinds.str(spec, "sessionAffinity").isEmpty()) {
      spec.put("sessionAffinity", "None");
    }
    if ("None".equals(RestKinds.str(spec, "sessionAffinity"))) {
      spec.remove("sessionAffinityConfig");
    }
    if ("ClientIP".equals(RestKinds.str(spec, "sessionAffinity"))) {
      ObjectNode cfg = RestKinds.obj(spec, "sessionAffinityConfig");
      ObjectNode clientIP = RestKinds.obj(cfg, "clientIP");
      if (!clientIP.hasNonNull("timeoutSeconds")) {
        clientIP.put("timeoutSeconds", DEFAULT_CLIENT_IP_AFFINITY_SECONDS);
      }
    }
    if (RestKinds.str(spec, "type").isEmpty()) {
      spec.put("type", "ClusterIP");
    }
    for (JsonNode p : RestKinds.items(spec.get("ports"))) {
      if (p instanceof ObjectNode port) {
        if (RestKinds.str(port, "protocol").isEmpty()) {
          port.put("protocol", "TCP");
        }
        JsonNode tp = port.get("targetPort");
        boolean unset =
            tp == null
                || tp.isNull()
                || (tp.isNumber() && tp.asLong() == 0)
                || (tp.isTextual() && tp.asText().isEmpty());
        if (unset && port.has("port")) {
          port.set("targetPort", port.get("port").deepCopy());
        }
      }
    }
    if (externallyAccessible(obj) && RestKinds.str(spec, "externalTrafficPolicy").isEmpty()) {
      spec.put("externalTrafficPolicy", "Cluster");
    }
    String t = type(obj);
    if (!spec.hasNonNull("internalTrafficPolicy")
        && (t.equals("NodePort") || t.equals("LoadBalancer") || t.equals("ClusterIP"))) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (t.equals("LoadBalancer")) {
      if (!spec.hasNonNull("allocateLoadBalancerNodePorts")) {
        spec.put("allocateLoadBalancerNodePorts", true);
      }
      for (JsonNode ing :
          RestKinds.items(RestKinds.node(obj, "status", "loadBalancer", "ingress"))) {
        if (ing instanceof ObjectNode i
            && !RestKinds.str(i, "ip").isEmpty()
            && !i.hasNonNull("ipMode")) {
          i.put("ipMode", "VIP");
        }
      }
    }
  }

  // ------------------------------------------------------------------ create / update preparation

  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
    obj.putObject("status").putObject("loadBalancer");
    normalizeClusterIPs(null, obj);
    allocate(obj);
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    super.prepareForUpdate(obj, old);
    normalizeClusterIPs(old, obj);
    patchAllocatedValues(obj, old);
    dropTypeDependentFields(obj, old);
    allocate(obj);
  }

  /**
   * Keeps clusterIP and clusterIPs consistent, guessing what the user meant (NormalizeClusterIPs).
   */
  static void normalizeClusterIPs(JsonNode old, ObjectNode svc) {
    ObjectNode spec = RestKinds.obj(svc, "spec");
    String ip = RestKinds.str(spec, "clusterIP");
    List<String> ips = strings(spec.get("clusterIPs"));
    if (!ip.isEmpty() && ips.isEmpty()) {
      spec.set("clusterIPs", textArray(List.of(ip)));
      return;
    }
    if (ip.isEmpty() && !ips.isEmpty()) {
      spec.put("clusterIP", ips.get(0));
      return;
    }
    if (old != null) {
      String oldIp = RestKinds.str(old, "spec", "clusterIP");
      List<String> oldIps = strings(RestKinds.node(old, "spec", "clusterIPs"));
      if (!oldIp.equals(ip) && !ip.isEmpty() && oldIps.equals(ips)) {
        spec.set("clusterIPs", textArray(List.of(ip)));
      }
    }
  }

  /** What a PUT without the allocated values means: keep the existing ones. */
  static void patchAllocatedValues(ObjectNode svc, JsonNode old) {
    ObjectNode spec = RestKinds.obj(svc, "spec");
    if (needsClusterIP(old) && needsClusterIP(svc)) {
      if (RestKinds.str(spec, "clusterIP").isEmpty()) {
        String oldIp = RestKinds.str(old, "spec", "clusterIP");
        if (!oldIp.isEmpty()) {
          spec.put("clusterIP", oldIp);
        }
      }
      JsonNode oldIps = RestKinds.node(old, "spec", "clusterIPs");
      if (RestKinds.size(spec.get("clusterIPs")) == 0 && RestKinds.size(oldIps) > 0) {
        spec.set("clusterIPs", oldIps.deepCopy());
      }
    }
    if (needsNodePort(old) && needsNodePort(svc)) {
      Set<Long> oldUsed = nodePortsUsed(old);
      Set<Long> newUsed = nodePortsUsed(svc);
      Set<Long> used = new HashSet<>(oldUsed);
      used.retainAll(newUsed);
      Map<String, Long> byName = new HashMap<>();
      for (JsonNode p : RestKinds.items(RestKinds.node(old, "spec", "ports"))) {
        byName.put(RestKinds.str(p, "name"), p.path("nodePort").asLong(0));
      }
      for (JsonNode p : RestKinds.items(spec.get("ports"))) {
        if (p instanceof ObjectNode port && port.path("nodePort").asLong(0) == 0) {
          Long v = byName.get(RestKinds.str(port, "name"));
          if (v != null && v != 0 && !used.contains(v)) {
            port.put("nodePort", v.intValue());
          }
        }
      }
    }
    if (needsHCNodePort(old) && needsHCNodePort(svc)) {
      if (spec.path("healthCheckNodePort").asLong(0) == 0) {
        long v =
            RestKinds.node(old, "spec") == null
                ? 0
                : old.path("spec").path("healthCheckNodePort").asLong(0);
        if (v != 0) {
          spec.put("healthCheckNodePort", (int) v);
        }
      }
    }
  }

  private static Set<Long> nodePortsUsed(JsonNode svc) {
    Set<Long> out = new HashSet<>();
    for (JsonNode p : RestKinds.items(RestKinds.node(svc, "spec", "ports"))) {
      long np = p.path("nodePort").asLong(0);
      if (np != 0) {
        out.add(np);
      }
    }
    return out;
  }

  /** dropTypeDependentFields: wipes values that no longer apply and the user did not change. */
  static void dropTypeDependentFields(ObjectNode svc, JsonNode old) {
    ObjectNode spec = RestKinds.obj(svc, "spec");
    JsonNode oldSpec = old.path("spec");
    if (needsClusterIP(old) && !needsClusterIP(svc)) {
      if (RestKinds.str(spec, "clusterIP").equals(RestKinds.str(oldSpec, "clusterIP"))
          && RestKinds.same(spec.get("clusterIPs"), oldSpec.get("clusterIPs"))) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      if (RestKinds.same(spec.get("ipFamilies"), oldSpec.get("ipFamilies"))) {
        spec.remove("ipFamilies");
      }
      if (RestKinds.same(spec.get("ipFamilyPolicy"), oldSpec.get("ipFamilyPolicy"))) {
        spec.remove("ipFamilyPolicy");
      }
    }
    if (needsNodePort(old)
        && !needsNodePort(svc)
        && nodePortsUsed(svc).equals(nodePortsUsed(old))) {
      for (JsonNode p : RestKinds.items(spec.get("ports"))) {
        if (p instanceof ObjectNode port) {
          port.remove("nodePort");
        }
      }
    }
    if (needsHCNodePort(old)
        && !needsHCNodePort(svc)
        && spec.path("healthCheckNodePort").asLong(0)
            == oldSpec.path("healthCheckNodePort").asLong(0)) {
      spec.remove("healthCheckNodePort");
    }
    boolean oldLB = "LoadBalancer".equals(type(old));
    boolean newLB = "LoadBalancer".equals(type(svc));
    if (oldLB && !newLB) {
      if (spec.hasNonNull("allocateLoadBalancerNodePorts")
          && oldSpec.hasNonNull("allocateLoadBalancerNodePorts")
          && spec.get("allocateLoadBalancerNodePorts")
              .equals(oldSpec.get("allocateLoadBalancerNodePorts"))) {
        spec.remove("allocateLoadBalancerNodePorts");
      }
      if (RestKinds.same(spec.get("loadBalancerClass"), oldSpec.get("loadBalancerClass"))) {
        spec.remove("loadBalancerClass");
      }
    }
    if (externallyAccessible(old) && !externallyAccessible(svc)) {
      if (RestKinds.str(spec, "externalTrafficPolicy")
          .equals(RestKinds.str(oldSpec, "externalTrafficPolicy"))) {
        spec.remove("externalTrafficPolicy");
      }
    }
    if (!newLB) {
      RestKinds.obj(svc, "status").putObject("loadBalancer");
    }
  }

  /** Fills cluster IP, IP families and node ports the service still lacks. */
  static void allocate(ObjectNode svc) {
    if (!needsClusterIP(svc)) {
      return;
    }
    ObjectNode spec = RestKinds.obj(svc, "spec");
    String ns = RestKinds.namespace(svc);
    String name = RestKinds.name(svc);
    if (RestKinds.str(spec, "clusterIP").isEmpty()) {
      String ip = allocateClusterIP(ns, name);
      spec.put("clusterIP", ip);
      spec.set("clusterIPs", textArray(List.of(ip)));
    }
    boolean headless = isHeadless(svc);
    boolean selectorless = RestKinds.size(spec.get("selector")) == 0;
    if (RestKinds.size(spec.get("ipFamilies")) == 0) {
      List<String> fams = new ArrayList<>();
      for (String ip : strings(spec.get("clusterIPs"))) {
        if (RestKinds.isIPv6(ip)) {
          fams.add("IPv6");
        } else if (RestKinds.isIPv4(ip)) {
          fams.add("IPv4");
        }
      }
      if (fams.isEmpty()) {
        fams.add("IPv4");
      }
      spec.set("ipFamilies", textArray(fams));
    }
    if (!spec.hasNonNull("ipFamilyPolicy")) {
      spec.put("ipFamilyPolicy", headless && selectorless ? "RequireDualStack" : "SingleStack");
    }
    if (needsNodePort(svc)) {
      boolean lb = "LoadBalancer".equals(type(svc));
      boolean allocatePorts = !lb || spec.path("allocateLoadBalancerNodePorts").asBoolean(true);
      Set<Long> taken = nodePortsUsed(svc);
      int i = 0;
      for (JsonNode p : RestKinds.items(spec.get("ports"))) {
        if (allocatePorts && p instanceof ObjectNode port && port.path("nodePort").asLong(0) == 0) {
          long np = allocateNodePort(ns + "/" + name + "/" + i, taken);
          taken.add(np);
          port.put("nodePort", (int) np);
        }
        i++;
      }
      if (needsHCNodePort(svc) && spec.path("healthCheckNodePort").asLong(0) == 0) {
        long np = allocateNodePort(ns + "/" + name + "/healthcheck", taken);
        spec.put("healthCheckNodePort", (int) np);
      }
    }
  }

  /** An address inside {@link #SERVICE_CIDR} derived from the service's identity. */
  public static String allocateClusterIP(String namespace, String name) {
    return clusterIPCandidate(namespace, name, 0);
  }

  /**
   * The {@code attempt}-th address to try for a service: its hashed address, then the ones after it
   * (the {@link ServiceAllocations} admission probes until one is free).
   */
  static String clusterIPCandidate(String namespace, String name, long attempt) {
    long offset;
    if ("default".equals(namespace) && "kubernetes".equals(name) && attempt == 0) {
      offset = 1;
    } else {
      // skip the network address, the kubernetes service's address and the broadcast address
      offset = 2 + Math.floorMod(hash(namespace + "/" + name) + attempt, CIDR_SIZE - 3);
    }
    return ipv4(CIDR_BASE + offset);
  }

  static long allocateNodePort(String key, Set<Long> taken) {
    int range = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    long start = Math.floorMod(hash(key), (long) range);
    for (int i = 0; i < range; i++) {
      long candidate = NODE_PORT_MIN + (start + i) % range;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    return NODE_PORT_MIN + start;
  }

  private static long hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ipv4(long v) {
    return ((v >> 24) & 0xff)
        + "."
        + ((v >> 16) & 0xff)
        + "."
        + ((v >> 8) & 0xff)
        + "."
        + (v & 0xff);
  }

  private static long ipv4Value(String ip) {
    String[] p = ip.split("\\.");
    return (Long.parseLong(p[0]) << 24)
        | (Long.parseLong(p[1]) << 16)
        | (Long.parseLong(p[2]) << 8)
        | Long.parseLong(p[3]);
  }

  /** Whether an IPv4 address is usable in the service CIDR (not network, not broadcast). */
  static boolean inServiceRange(String ip) {
    long v = ipv4Value(ip);
    return v > CIDR_BASE && v < CIDR_BASE + CIDR_SIZE - 1;
  }

  // ------------------------------------------------------------------ validation

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = validateService(obj);
    errs.addAll(validateAllocation(obj, null));
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(validateUpgradeDowngradeClusterIPs(old, obj));
    errs.addAll(validateUpgradeDowngradeIPFamilies(old, obj));
    errs.addAll(validateLoadBalancerClassUpdate(old, obj));
    errs.addAll(validateService(obj));
    errs.addAll(validateAllocation(obj, old));
    return errs;
  }

  /** ValidateService (without object meta, done by the generic store, except the name rule). */
  static List<FieldError> validateService(ObjectNode svc) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = svc.path("spec");
    String t = RestKinds.str(spec, "type");
    boolean headless = isHeadless(svc);
    JsonNode ports = spec.get("ports");
    int nPorts = RestKinds.size(ports);

    if (nPorts == 0 && !headless && !"ExternalName".equals(t)) {
      errs.add(FieldError.required("spec.ports", ""));
    }
    switch (t) {
      case "LoadBalancer" -> {
        if (headless) {
          errs.add(
              FieldError.invalid(
                  "spec.clusterIPs[0]",
                  "None",
                  "may not be set to 'None' for LoadBalancer services"));
        }
      }
      case "NodePort" -> {
        if (headless) {
          errs.add(
              FieldError.invalid(
                  "spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services"));
        }
      }
      case "ExternalName" -> {
        if (RestKinds.size(spec.get("clusterIPs")) > 0) {
          errs.add(
              FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
        }
        if (RestKinds.size(spec.get("ipFamilies")) > 0) {
          errs.add(
              FieldError.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
        }
        if (spec.hasNonNull("ipFamilyPolicy")) {
          errs.add(
              FieldError.forbidden(
                  "spec.ipFamilyPolicy", "may not be set for ExternalName services"));
        }
        String cname = RestKinds.str(spec, "externalName");
        if (cname.endsWith(".")) {
          cname = cname.substring(0, cname.length() - 1);
        }
        if (cname.isEmpty()) {
          errs.add(FieldError.required("spec.externalName", ""));
        } else {
          for (String m : NameValidation.isDns1123Subdomain(cname)) {
            errs.add(FieldError.invalid("spec.externalName", cname, m));
          }
        }
      }
      default -> {}
    }

    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode p : RestKinds.items(ports)) {
      String path = "spec.ports[" + i++ + "]";
      validatePortNameNumberProtocol(p, path, nPorts, names, errs);
      errs.addAll(RestKinds.portNumOrName(p.get("targetPort"), path + ".targetPort"));
      long np = p.path("nodePort").asLong(0);
      if (np != 0 && "ClusterIP".equals(t)) {
        errs.add(
            FieldError.forbidden(path + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
      }
    }

    String affinity = RestKinds.str(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errs.add(FieldError.required("spec.sessionAffinity", ""));
    } else if (!AFFINITIES.contains(affinity)) {
      errs.add(FieldError.notSupported("spec.sessionAffinity", affinity, AFFINITIES));
    }
    if (affinity.equals("ClientIP")) {
      JsonNode cfg = RestKinds.node(spec, "sessionAffinityConfig", "clientIP", "timeoutSeconds");
      if (cfg == null) {
        errs.add(FieldError.required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", ""));
      } else if (cfg.asLong() <= 0 || cfg.asLong() > MAX_CLIENT_IP_AFFINITY_SECONDS) {
        errs.add(
            FieldError.invalid(
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                cfg.asLong(),
                "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS));
      }
    } else if (affinity.equals("None") && spec.hasNonNull("sessionAffinityConfig")) {
      errs.add(
          FieldError.forbidden(
              "spec.sessionAffinityConfig", "must not be set when session affinity is None"));
    }

    int e = 0;
    for (JsonNode ip : RestKinds.items(spec.get("externalIPs"))) {
      String v = ip.asText();
      if (!RestKinds.isIP(v)) {
        errs.add(FieldError.invalid("spec.externalIPs[" + e + "]", v, RestKinds.IP_ERROR));
      }
      e++;
    }

    if (t.isEmpty()) {
      errs.add(FieldError.required("spec.type", ""));
    } else if (!TYPES.contains(t)) {
      errs.add(FieldError.notSupported("spec.type", t, TYPES));
    }

    // duplicate node ports (per protocol) and duplicate (port, protocol) pairs
    Set<String> nodePorts = new HashSet<>();
    Set<String> pairs = new HashSet<>();
    i = 0;
    for (JsonNode p : RestKinds.items(ports)) {
      String path = "spec.ports[" + i++ + "]";
      long np = p.path("nodePort").asLong(0);
      String proto = RestKinds.str(p, "protocol");
      if (np != 0 && !nodePorts.add(proto + "/" + np)) {
        errs.add(FieldError.duplicate(path + ".nodePort", np));
      }
      long port = p.path("port").asLong(0);
      if (!pairs.add(proto + "/" + port)) {
        ObjectNode key = Json.object();
        key.put("port", port);
        key.put("protocol", proto);
        errs.add(FieldError.duplicate(path, key));
      }
    }

    if (RestKinds.size(spec.get("loadBalancerSourceRanges")) > 0 && !"LoadBalancer".equals(t)) {
      errs.add(
          FieldError.forbidden(
              "spec.loadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
    }
    if ("LoadBalancer".equals(t)) {
      if (!spec.hasNonNull("allocateLoadBalancerNodePorts")) {
        errs.add(FieldError.required("spec.allocateLoadBalancerNodePorts", ""));
      }
    } else if (spec.hasNonNull("allocateLoadBalancerNodePorts")) {
      errs.add(
          FieldError.forbidden(
              "spec.allocateLoadBalancerNodePorts",
              "may only be used when `type` is 'LoadBalancer'"));
    }
    if (spec.hasNonNull("loadBalancerClass")) {
      if (!"LoadBalancer".equals(t)) {
        errs.add(
            FieldError.forbidden(
                "spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"));
      } else {
        String cls = RestKinds.str(spec, "loadBalancerClass");
        for (String m : NameValidation.isQualifiedName(cls)) {
          errs.add(FieldError.invalid("spec.loadBalancerClass", cls, m));
        }
      }
    }

    // external traffic policy and health check node port
    String etp = RestKinds.str(spec, "externalTrafficPolicy");
    if (!externallyAccessible(svc)) {
      if (!etp.isEmpty()) {
        errs.add(
            FieldError.invalid(
                "spec.externalTrafficPolicy",
                etp,
                "may only be set for externally-accessible services"));
      }
    } else if (etp.isEmpty()) {
      errs.add(FieldError.required("spec.externalTrafficPolicy", ""));
    } else if (!TRAFFIC_POLICIES.contains(etp)) {
      errs.add(FieldError.notSupported("spec.externalTrafficPolicy", etp, TRAFFIC_POLICIES));
    }
    long hc = spec.path("healthCheckNodePort").asLong(0);
    if (hc != 0) {
      if (!needsHCNodePort(svc)) {
        errs.add(
            FieldError.invalid(
                "spec.healthCheckNodePort",
                hc,
                "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
      } else {
        for (String m : RestKinds.portNum(hc)) {
          errs.add(FieldError.invalid("spec.healthCheckNodePort", hc, m));
        }
      }
    }

    // internal traffic policy
    JsonNode itp = spec.get("internalTrafficPolicy");
    if (itp == null || itp.isNull()) {
      if (t.equals("NodePort") || t.equals("LoadBalancer") || t.equals("ClusterIP")) {
        errs.add(FieldError.required("spec.internalTrafficPolicy", ""));
      }
    } else if (!TRAFFIC_POLICIES.contains(itp.asText())) {
      errs.add(
          FieldError.notSupported("spec.internalTrafficPolicy", itp.asText(), TRAFFIC_POLICIES));
    }

    errs.addAll(ObjectMetaValidation.validateLabels(spec.get("selector"), "spec.selector"));
    errs.addAll(validateClusterIPsRelatedFields(svc));
    return errs;
  }

  static List<FieldError> validateClusterIPsRelatedFields(JsonNode svc) {
    List<FieldError> errs = new ArrayList<>();
    if ("ExternalName".equals(RestKinds.str(svc, "spec", "type"))) {
      return errs;
    }
    JsonNode spec = svc.path("spec");
    String ip = RestKinds.str(spec, "clusterIP");
    JsonNode ipsNode = spec.get("clusterIPs");
    List<String> ips = strings(ipsNode);
    if (!ip.isEmpty()) {
      if (ips.isEmpty()) {
        errs.add(FieldError.required("spec.clusterIPs", ""));
      } else if (!ips.get(0).equals(ip)) {
        errs.add(
            FieldError.invalid("spec.clusterIPs", ipsNode, "first value must match `clusterIP`"));
      }
    } else if (!ips.isEmpty()) {
      errs.add(
          FieldError.invalid(
              "spec.clusterIPs", ipsNode, "must be empty when `clusterIP` is not specified"));
    }
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (String fam : strings(spec.get("ipFamilies"))) {
      String path = "spec.ipFamilies[" + i++ + "]";
      if (!FAMILIES.contains(fam)) {
        errs.add(FieldError.notSupported(path, fam, FAMILIES));
      }
      if (!seen.add(fam)) {
        errs.add(FieldError.duplicate(path, fam));
      }
    }
    if (spec.hasNonNull("ipFamilyPolicy")) {
      String pol = RestKinds.str(spec, "ipFamilyPolicy");
      if (!FAMILY_POLICIES.contains(pol)) {
        errs.add(FieldError.notSupported("spec.ipFamilyPolicy", pol, FAMILY_POLICIES));
      }
    }
    for (i = 0; i < ips.size(); i++) {
      String v = ips.get(i);
      if (i == 0 && v.equals("None")) {
        if (ips.size() > 1) {
          errs.add(
              FieldError.invalid(
                  "spec.clusterIPs", ipsNode, "'None' must be the first and only value"));
        }
        continue;
      }
      if (!RestKinds.isIP(v)) {
        errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", v, RestKinds.IP_ERROR));
      }
    }
    if (ips.size() > 2) {
      errs.add(FieldError.invalid("spec.clusterIPs", ipsNode, "may only hold up to 2 values"));
    }
    if (RestKinds.size(spec.get("ipFamilies")) > 2) {
      errs.add(
          FieldError.invalid(
              "spec.ipFamilies", spec.get("ipFamilies"), "may only hold up to 2 values"));
    }
    return errs;
  }

  /**
   * What upstream's allocators reject: addresses outside the service CIDR, IPv6 on this IPv4-only
   * cluster, dual-stack requirements, node ports outside the node port range.
   */
  static List<FieldError> validateAllocation(JsonNode svc, JsonNode old) {
    List<FieldError> errs = new ArrayList<>();
    if (!needsClusterIP(svc)) {
      return errs;
    }
    JsonNode spec = svc.path("spec");
    List<String> ips = strings(spec.get("clusterIPs"));
    List<String> oldIps =
        old == null ? List.of() : strings(RestKinds.node(old, "spec", "clusterIPs"));
    if (!ips.isEmpty() && !ips.equals(oldIps)) {
      String ip = ips.get(0);
      if (RestKinds.isIPv4(ip) && !inServiceRange(ip)) {
        errs.add(
            FieldError.invalid(
                "spec.clusterIPs",
                spec.get("clusterIPs"),
                "failed to allocate IP "
                    + ip
                    + ": the provided IP ("
                    + ip
                    + ") is not in the valid range. The range of valid IPs is "
                    + SERVICE_CIDR));
      }
    }
    boolean headlessSelectorless = isHeadless(svc) && RestKinds.size(spec.get("selector")) == 0;
    if (!headlessSelectorless) {
      if ("RequireDualStack".equals(RestKinds.str(spec, "ipFamilyPolicy"))) {
        errs.add(
            FieldError.invalid(
                "spec.ipFamilyPolicy",
                "RequireDualStack",
                "this cluster is not configured for dual-stack services"));
      }
      int i = 0;
      for (String fam : strings(spec.get("ipFamilies"))) {
        if ("IPv6".equals(fam)) {
          errs.add(
              FieldError.invalid(
                  "spec.ipFamilies[" + i + "]", fam, "not configured on this cluster"));
        }
        i++;
      }
    }
    Map<String, Long> oldNodePorts = new HashMap<>();
    if (old != null && needsNodePort(old)) {
      for (JsonNode p : RestKinds.items(RestKinds.node(old, "spec", "ports"))) {
        oldNodePorts.put(RestKinds.str(p, "name"), p.path("nodePort").asLong(0));
      }
    }
    int i = 0;
    for (JsonNode p : RestKinds.items(spec.get("ports"))) {
      long np = p.path("nodePort").asLong(0);
      Long before = oldNodePorts.get(RestKinds.str(p, "name"));
      if (np != 0
          && (before == null || before != np)
          && needsNodePort(svc)
          && (np < NODE_PORT_MIN || np > NODE_PORT_MAX)) {
        errs.add(
            FieldError.invalid(
                "spec.ports[" + i + "].nodePort",
                np,
                "provided port is not in the valid range. The range of valid ports is "
                    + NODE_PORT_MIN
                    + "-"
                    + NODE_PORT_MAX));
      }
      i++;
    }
    return errs;
  }

  static List<FieldError> validateUpgradeDowngradeClusterIPs(JsonNode old, JsonNode svc) {
    List<FieldError> errs = new ArrayList<>();
    if ("ExternalName".equals(type(svc)) || "ExternalName".equals(type(old))) {
      return errs;
    }
    if (isHeadless(old) && isHeadless(svc)) {
      return errs;
    }
    List<String> o = strings(RestKinds.node(old, "spec", "clusterIPs"));
    JsonNode newNode = RestKinds.node(svc, "spec", "clusterIPs");
    JsonNode bad = newNode == null ? Json.array() : newNode;
    List<String> n = strings(newNode);
    if (o.size() == n.size()) {
      for (int i = 0; i < o.size(); i++) {
        if (!o.get(i).equals(n.get(i))) {
          errs.add(
              FieldError.invalid("spec.clusterIPs[" + i + "]", bad, "may not change once set"));
        }
      }
    } else if (o.size() > n.size()) {
      if (n.isEmpty()) {
        errs.add(
            FieldError.invalid("spec.clusterIPs[0]", bad, "primary clusterIP can not be unset"));
      }
      if (!o.isEmpty() && !n.isEmpty() && !n.get(0).equals(o.get(0))) {
        errs.add(FieldError.invalid("spec.clusterIPs[0]", bad, "may not change once set"));
      }
      if (n.size() == 1 && !"SingleStack".equals(RestKinds.str(svc, "spec", "ipFamilyPolicy"))) {
        errs.add(
            FieldError.invalid(
                "spec.clusterIPs[0]",
                bad,
                "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (!o.isEmpty() && !n.get(0).equals(o.get(0))) {
      errs.add(FieldError.invalid("spec.clusterIPs[0]", bad, "may not change once set"));
    }
    return errs;
  }

  static List<FieldError> validateUpgradeDowngradeIPFamilies(JsonNode old, JsonNode svc) {
    List<FieldError> errs = new ArrayList<>();
    if ("ExternalName".equals(type(svc)) || "ExternalName".equals(type(old))) {
      return errs;
    }
    if (isHeadless(old) && isHeadless(svc)) {
      return errs;
    }
    List<String> o = strings(RestKinds.node(old, "spec", "ipFamilies"));
    JsonNode newNode = RestKinds.node(svc, "spec", "ipFamilies");
    List<String> n = strings(newNode);
    JsonNode bad = newNode == null ? Json.array() : newNode;
    if (!o.isEmpty() && !n.isEmpty() && !o.get(0).equals(n.get(0))) {
      errs.add(FieldError.invalid("spec.ipFamilies[0]", bad, "may not change once set"));
    }
    return errs;
  }

  /**
   * The checks validateServicePort and validateEndpointPort share: the name (required when there
   * are several ports, a DNS label, unique among {@code names}), the port number and the protocol.
   */
  static void validatePortNameNumberProtocol(
      JsonNode p, String path, int nPorts, Set<String> names, List<FieldError> errs) {
    String pn = RestKinds.str(p, "name");
    if (nPorts > 1 && pn.isEmpty()) {
      errs.add(FieldError.required(path + ".name", ""));
    } else if (!pn.isEmpty()) {
      for (String m : NameValidation.isDns1123Label(pn)) {
        errs.add(FieldError.invalid(path + ".name", pn, m));
      }
      if (!names.add(pn)) {
        errs.add(FieldError.duplicate(path + ".name", pn));
      }
    }
    long port = p.path("port").asLong(0);
    for (String m : RestKinds.portNum(port)) {
      errs.add(FieldError.invalid(path + ".port", port, m));
    }
    String proto = RestKinds.str(p, "protocol");
    if (proto.isEmpty()) {
      errs.add(FieldError.required(path + ".protocol", ""));
    } else if (!PROTOCOLS.contains(proto)) {
      errs.add(FieldError.notSupported(path + ".protocol", proto, PROTOCOLS));
    }
  }

  static List<FieldError> validateLoadBalancerClassUpdate(JsonNode old, JsonNode svc) {
    List<FieldError> errs = new ArrayList<>();
    if ("LoadBalancer".equals(type(old)) && "LoadBalancer".equals(type(svc))) {
      JsonNode o = RestKinds.node(old, "spec", "loadBalancerClass");
      JsonNode n = RestKinds.node(svc, "spec", "loadBalancerClass");
      if (!RestKinds.same(o, n)) {
        errs.add(
            FieldError.invalid(
                "spec.loadBalancerClass",
                n == null ? null : n.asText(),
                "may not change once set"));
      }
    }
    return errs;
  }

  // ------------------------------------------------------------------ table

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Type",
            "string",
            "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are"
                + " ExternalName, ClusterIP, NodePort, and LoadBalancer."),
        RestKinds.col(
            "Cluster-IP",
            "string",
            "clusterIP is the IP address of the service and is usually assigned randomly."),
        RestKinds.col(
            "External-IP",
            "string",
            "externalIPs is a list of IP addresses for which nodes in the cluster will also accept"
                + " traffic for this service."),
        RestKinds.col("Port(s)", "string", "The list of ports that are exposed by this service."),
        RestKinds.ageColumn(),
        RestKinds.wide(
            "Selector",
            "string",
            "Route service traffic to pods with label keys and values matching this selector."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    List<String> ips = strings(spec.get("clusterIPs"));
    String internal = ips.isEmpty() ? "<none>" : ips.get(0);
    List<String> ports = new ArrayList<>();
    for (JsonNode p : RestKinds.items(spec.get("ports"))) {
      long np = p.path("nodePort").asLong(0);
      String proto = RestKinds.str(p, "protocol");
      long port = p.path("port").asLong(0);
      ports.add(np > 0 ? port + ":" + np + "/" + proto : port + "/" + proto);
    }
    String portStr = ports.isEmpty() ? "<none>" : String.join(",", ports);
    return List.of(
        RestKinds.name(obj),
        RestKinds.str(spec, "type"),
        internal,
        externalIP(obj),
        portStr,
        Tables.age(obj, now),
        PodSpecs.formatLabels(spec.get("selector")));
  }

  /** getServiceExternalIP with wide output (the server always renders wide). */
  static String externalIP(JsonNode svc) {
    JsonNode spec = svc.path("spec");
    List<String> ext = strings(spec.get("externalIPs"));
    switch (RestKinds.str(spec, "type")) {
      case "ClusterIP", "NodePort":
        return ext.isEmpty() ? "<none>" : String.join(",", ext);
      case "LoadBalancer":
        TreeSet<String> lb = new TreeSet<>();
        for (JsonNode ing :
            RestKinds.items(RestKinds.node(svc, "status", "loadBalancer", "ingress"))) {
          String ip = RestKinds.str(ing, "ip");
          String host = RestKinds.str(ing, "hostname");
          if (!ip.isEmpty()) {
            lb.add(ip);
          } else if (!host.isEmpty()) {
            lb.add(host);
          }
        }
        if (!ext.isEmpty()) {
          List<String> all = new ArrayList<>(lb);
          all.addAll(ext);
          return String.join(",", all);
        }
        return lb.isEmpty() ? "<pending>" : String.join(",", lb);
      case "ExternalName":
        return RestKinds.str(spec, "externalName");
      default:
        return "<unknown>";
    }
  }
}
