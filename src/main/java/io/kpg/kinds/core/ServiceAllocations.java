package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import io.kpg.registry.admission.AdmissionPlugin;
import io.kpg.server.Storage;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps cluster IPs and node ports unique across services, as upstream's allocators do: a new
 * service gets the first free address (and node ports) starting from its hashed one, and an address
 * or port that another service holds is refused with 422.
 */
@Singleton
public class ServiceAllocations implements AdmissionPlugin {
  @Inject Storage storage;

  @Override
  public void admit(RequestContext ctx, KindDef k, String op, ObjectNode obj, ObjectNode old) {
    if (!(k instanceof ServiceKind) || !(op.equals("CREATE") || op.equals("UPDATE"))) {
      return;
    }
    String ns = RestKinds.namespace(obj);
    String name = RestKinds.name(obj);
    Set<String> ips = new HashSet<>();
    Set<Long> ports = new HashSet<>();
    for (String s :
        storage
            .store()
            .list(
                new ListQuery(
                    ResourceKey.DEFAULT_CLUSTER,
                    "",
                    "services",
                    null,
                    null,
                    null,
                    null,
                    0,
                    null,
                    0))
            .items()) {
      ObjectNode o = Json.parseTrusted(s);
      if (ns.equals(RestKinds.namespace(o)) && name.equals(RestKinds.name(o))) {
        continue;
      }
      JsonNode spec = o.path("spec");
      ips.addAll(ServiceKind.strings(spec.get("clusterIPs")));
      ips.add(spec.path("clusterIP").asText(""));
      for (JsonNode p : RestKinds.items(spec.get("ports"))) {
        ports.add(p.path("nodePort").asLong(0));
      }
      ports.add(spec.path("healthCheckNodePort").asLong(0));
    }
    ips.remove("");
    ips.remove("None");
    ports.remove(0L);
    ObjectNode spec = Json.obj(obj, "spec");
    String ip = spec.path("clusterIP").asText("");
    if (!ip.isEmpty()
        && !ip.equals("None")
        && ips.contains(ip)
        && (old == null || !ip.equals(old.path("spec").path("clusterIP").asText()))) {
      throw Errors.invalid(
          "",
          "Service",
          name,
          List.of(
              FieldError.invalid(
                  "spec.clusterIP",
                  ip,
                  "failed to allocate IP " + ip + ": provided IP is already allocated")));
    }
    int i = 0;
    for (JsonNode p : RestKinds.items(spec.get("ports"))) {
      long np = p.path("nodePort").asLong(0);
      if (np != 0 && ports.contains(np)) {
        throw Errors.invalid(
            "",
            "Service",
            name,
            List.of(
                FieldError.invalid(
                    "spec.ports[" + i + "].nodePort", np, "provided port is already allocated")));
      }
      i++;
    }
    if (!op.equals("CREATE")) {
      return; // updates keep what they were given; the kind restores omitted allocations
    }
    if (ip.isEmpty() && ServiceKind.needsClusterIP(obj)) {
      for (long attempt = 0; ; attempt++) {
        if (attempt > ips.size()) {
          throw Errors.serviceUnavailable("no free cluster IP left in " + ServiceKind.SERVICE_CIDR);
        }
        String candidate = ServiceKind.clusterIPCandidate(ns, name, attempt);
        if (!ips.contains(candidate)) {
          spec.put("clusterIP", candidate);
          spec.putArray("clusterIPs").add(candidate);
          break;
        }
      }
    }
    boolean lb = "LoadBalancer".equals(ServiceKind.type(obj));
    if (ServiceKind.needsNodePort(obj)
        && (!lb || spec.path("allocateLoadBalancerNodePorts").asBoolean(true))) {
      i = 0;
      for (JsonNode p : RestKinds.items(spec.get("ports"))) {
        if (p instanceof ObjectNode port && port.path("nodePort").asLong(0) == 0) {
          long np = ServiceKind.allocateNodePort(ns + "/" + name + "/" + i, ports);
          ports.add(np);
          port.put("nodePort", (int) np);
        }
        i++;
      }
    }
  }
}
