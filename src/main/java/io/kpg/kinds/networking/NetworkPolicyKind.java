package io.kpg.kinds.networking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.PodSpecs;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** networking.k8s.io/v1 NetworkPolicy. */
@Singleton
public class NetworkPolicyKind extends KindDef {
  static final List<String> POLICY_TYPES = List.of("Egress", "Ingress");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  public NetworkPolicyKind() {
    super("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true);
    shortNames("netpol");
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  /** SetDefaults_NetworkPolicy (policyTypes) and SetDefaults_NetworkPolicyPort (protocol TCP). */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = RestKinds.obj(obj, "spec");
    if (RestKinds.size(spec.get("policyTypes")) == 0) {
      ArrayNode types = spec.putArray("policyTypes");
      types.add("Ingress");
      if (RestKinds.size(spec.get("egress")) != 0) {
        types.add("Egress");
      }
    }
    for (String dir : List.of("ingress", "egress")) {
      for (JsonNode rule : RestKinds.items(spec.get(dir))) {
        for (JsonNode p : RestKinds.items(rule.get("ports"))) {
          if (p instanceof ObjectNode port && !port.hasNonNull("protocol")) {
            port.put("protocol", "TCP");
          }
        }
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    for (String dir : List.of("ingress", "egress")) {
      int r = 0;
      for (JsonNode rule : RestKinds.items(spec.get(dir))) {
        int p = 0;
        for (JsonNode port : RestKinds.items(rule.get("ports"))) {
          String pp = "spec." + dir + "[" + r + "].ports[" + p++ + "]";
          String proto = RestKinds.str(port, "protocol");
          if (port.hasNonNull("protocol") && !PROTOCOLS.contains(proto)) {
            errs.add(FieldError.notSupported(pp + ".protocol", proto, PROTOCOLS));
          }
          errs.addAll(RestKinds.portNumOrName(RestKinds.node(port, "port"), pp + ".port"));
          JsonNode end = RestKinds.node(port, "endPort");
          if (end != null) {
            JsonNode start = RestKinds.node(port, "port");
            if (start == null) {
              errs.add(
                  FieldError.required(pp + ".port", "must be specified when endPort is specified"));
            } else if (!start.isIntegralNumber()) {
              errs.add(
                  FieldError.invalid(
                      pp + ".endPort",
                      end.asLong(),
                      "may not be specified when `port` is non-numeric"));
            } else if (end.asLong() < start.asLong()) {
              errs.add(
                  FieldError.invalid(
                      pp + ".endPort", end.asLong(), "must be greater than or equal to `port`"));
            }
          }
        }
        r++;
      }
    }
    JsonNode types = spec.get("policyTypes");
    int i = 0;
    for (JsonNode t : RestKinds.items(types)) {
      if (!POLICY_TYPES.contains(t.asText())) {
        errs.add(FieldError.notSupported("spec.policyTypes[" + i + "]", t.asText(), POLICY_TYPES));
      }
      i++;
    }
    if (RestKinds.size(types) > 2) {
      errs.add(
          FieldError.invalid(
              "spec.policyTypes", types, "may not specify more than two policyTypes"));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Pod-Selector",
            "string",
            "Selects the pods to which this NetworkPolicy object applies."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(
        RestKinds.name(obj),
        PodSpecs.formatLabelSelector(RestKinds.node(obj, "spec", "podSelector")),
        Tables.age(obj, now));
  }
}
