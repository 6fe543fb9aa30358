package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * core/v1 Node: cluster-scoped, status subresource. Unlike most kinds the status given on create is
 * kept (kubelets register with their status). Upstream also serves {@code nodes/proxy}, which is
 * not declared here.
 */
@Singleton
public class NodeKind extends KindDef {
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  static final String ROLE_LABEL = "kubernetes.io/role";
  static final String CIDR_ERROR =
      "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

  public NodeKind() {
    super("", "v1", "Node", "nodes", false);
    shortNames("no");
    fieldSelector(
        "spec.unschedulable",
        o -> String.valueOf(o.path("spec").path("unschedulable").asBoolean(false)));
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public boolean tracksGeneration() {
    return false;
  }

  /** Node registration keeps the status the kubelet sends. */
  @Override
  public void prepareForCreate(ObjectNode obj) {}

  /** SetDefaults_NodeStatus (allocatable = capacity) and podCIDR/podCIDRs conversion. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    JsonNode status = obj.get("status");
    if (status instanceof ObjectNode st
        && !st.hasNonNull("allocatable")
        && st.hasNonNull("capacity")) {
      st.set("allocatable", st.get("capacity").deepCopy());
    }
    JsonNode spec = obj.get("spec");
    if (spec instanceof ObjectNode sp) {
      String cidr = RestKinds.str(sp, "podCIDR");
      int n = RestKinds.size(sp.get("podCIDRs"));
      if (!cidr.isEmpty() && n == 0) {
        sp.set("podCIDRs", Json.array().add(cidr));
      } else if (cidr.isEmpty() && n > 0) {
        sp.put("podCIDR", sp.get("podCIDRs").get(0).asText());
      }
    }
  }

  static boolean isCIDR(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    if (!bits.matches("[0-9]{1,3}")) {
      return false;
    }
    int b = Integer.parseInt(bits);
    if (RestKinds.isIPv4(ip)) {
      return b <= 32;
    }
    return RestKinds.isIPv6(ip) && b <= 128;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    int i = 0;
    for (JsonNode c : RestKinds.items(spec.get("podCIDRs"))) {
      String v = c.asText();
      if (!isCIDR(v)) {
        errs.add(FieldError.invalid("spec.podCIDRs[" + i + "]", v, CIDR_ERROR));
      }
      i++;
    }
    if (RestKinds.size(spec.get("podCIDRs")) > 2) {
      errs.add(
          FieldError.invalid(
              "spec.podCIDRs",
              spec.get("podCIDRs"),
              "may specify no more than one CIDR for each IP family"));
    }
    Set<String> seen = new HashSet<>();
    i = 0;
    for (JsonNode t : RestKinds.items(spec.get("taints"))) {
      String path = "spec.taints[" + i++ + "]";
      String key = RestKinds.str(t, "key");
      for (String m : NameValidation.isQualifiedName(key)) {
        errs.add(FieldError.invalid(path + ".key", key, m));
      }
      String value = RestKinds.str(t, "value");
      for (String m : NameValidation.isValidLabelValue(value)) {
        errs.add(FieldError.invalid(path + ".value", value, m));
      }
      String effect = RestKinds.str(t, "effect");
      if (effect.isEmpty()) {
        errs.add(FieldError.required(path + ".effect", ""));
      } else if (!TAINT_EFFECTS.contains(effect)) {
        errs.add(FieldError.notSupported(path + ".effect", effect, TAINT_EFFECTS));
      }
      if (!seen.add(effect + "\u0000" + key)) {
        errs.add(
            new FieldError(
                FieldError.Type.DUPLICATE,
                path,
                t,
                "taints must be unique by key and effect pair"));
      }
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    List<String> oldCidrs = new ArrayList<>();
    RestKinds.items(RestKinds.node(old, "spec", "podCIDRs")).forEach(n -> oldCidrs.add(n.asText()));
    List<String> newCidrs = new ArrayList<>();
    RestKinds.items(RestKinds.node(obj, "spec", "podCIDRs")).forEach(n -> newCidrs.add(n.asText()));
    String msg = "node updates may not change podCIDR except from \"\" to valid";
    if (!oldCidrs.isEmpty()) {
      if (oldCidrs.size() != newCidrs.size()) {
        errs.add(FieldError.forbidden("spec.podCIDRs", msg));
      } else {
        for (int i = 0; i < oldCidrs.size(); i++) {
          if (!oldCidrs.get(i).equals(newCidrs.get(i))) {
            errs.add(FieldError.forbidden("spec.podCIDRs", msg));
          }
        }
      }
    }
    String oldProvider = RestKinds.str(old, "spec", "providerID");
    if (!oldProvider.isEmpty() && !oldProvider.equals(RestKinds.str(obj, "spec", "providerID"))) {
      errs.add(
          FieldError.forbidden(
              "spec.providerID",
              "node updates may not change providerID except from \"\" to valid"));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col("Status", "string", "The status of the node"),
        RestKinds.col("Roles", "string", "The roles of the node"),
        RestKinds.ageColumn(),
        RestKinds.col("Version", "string", "Kubelet Version reported by the node."),
        RestKinds.wide(
            "Internal-IP",
            "string",
            "List of addresses reachable to the node. Queried from cloud provider, if available."),
        RestKinds.wide(
            "External-IP",
            "string",
            "List of addresses reachable to the node. Queried from cloud provider, if available."),
        RestKinds.wide(
            "OS-Image",
            "string",
            "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        RestKinds.wide(
            "Kernel-Version",
            "string",
            "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        RestKinds.wide(
            "Container-Runtime",
            "string",
            "ContainerRuntime Version reported by the node through runtime remote API (e.g."
                + " containerd://1.4.2)."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    List<String> status = new ArrayList<>();
    for (JsonNode c : RestKinds.items(RestKinds.node(obj, "status", "conditions"))) {
      if ("Ready".equals(RestKinds.str(c, "type"))) {
        status.clear();
        status.add("True".equals(RestKinds.str(c, "status")) ? "Ready" : "NotReady");
      }
    }
    if (status.isEmpty()) {
      status.add("Unknown");
    }
    if (obj.path("spec").path("unschedulable").asBoolean(false)) {
      status.add("SchedulingDisabled");
    }
    TreeSet<String> roles = new TreeSet<>();
    RestKinds.fields(RestKinds.node(obj, "metadata", "labels"))
        .forEach(
            (k, v) -> {
              if (k.startsWith(ROLE_PREFIX)) {
                String role = k.substring(ROLE_PREFIX.length());
                if (!role.isEmpty()) {
                  roles.add(role);
                }
              } else if (k.equals(ROLE_LABEL) && !v.asText().isEmpty()) {
                roles.add(v.asText());
              }
            });
    JsonNode info = obj.path("status").path("nodeInfo");
    return List.of(
        RestKinds.name(obj),
        String.join(",", status),
        roles.isEmpty() ? "<none>" : String.join(",", roles),
        Tables.age(obj, now),
        RestKinds.str(info, "kubeletVersion"),
        address(obj, "InternalIP"),
        address(obj, "ExternalIP"),
        orUnknown(RestKinds.str(info, "osImage")),
        orUnknown(RestKinds.str(info, "kernelVersion")),
        orUnknown(RestKinds.str(info, "containerRuntimeVersion")));
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode a : RestKinds.items(RestKinds.node(node, "status", "addresses"))) {
      if (type.equals(RestKinds.str(a, "type"))) {
        return RestKinds.str(a, "address");
      }
    }
    return "<none>";
  }
}
