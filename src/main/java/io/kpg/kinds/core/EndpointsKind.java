package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** core/v1 Endpoints (deprecated upstream in favour of EndpointSlice since v1.33). */
@Singleton
public class EndpointsKind extends KindDef {
  public static final String DEPRECATION_WARNING =
      "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

  public EndpointsKind() {
    super("", "v1", "Endpoints", "endpoints", true);
    shortNames("ep");
  }

  @Override
  public String singular() {
    return "endpoints";
  }

  /** SetDefaults_EndpointPort: protocol TCP. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    for (JsonNode ss : RestKinds.items(obj.get("subsets"))) {
      for (JsonNode p : RestKinds.items(ss.get("ports"))) {
        if (p instanceof ObjectNode port && RestKinds.str(port, "protocol").isEmpty()) {
          port.put("protocol", "TCP");
        }
      }
    }
  }

  /** ValidateEndpoints (subsets: addresses, ports). */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    int s = 0;
    for (JsonNode ss : RestKinds.items(obj.get("subsets"))) {
      String sp = "subsets[" + s++ + "]";
      if (RestKinds.size(ss.get("addresses")) == 0
          && RestKinds.size(ss.get("notReadyAddresses")) == 0) {
        errs.add(FieldError.required(sp, "must specify `addresses` or `notReadyAddresses`"));
      }
      for (String kind : List.of("addresses", "notReadyAddresses")) {
        int a = 0;
        for (JsonNode addr : RestKinds.items(ss.get(kind))) {
          String ap = sp + "." + kind + "[" + a++ + "]";
          String ip = RestKinds.str(addr, "ip");
          if (!RestKinds.isIP(ip)) {
            errs.add(FieldError.invalid(ap + ".ip", ip, RestKinds.IP_ERROR));
          }
          String host = RestKinds.str(addr, "hostname");
          if (!host.isEmpty()) {
            for (String m : NameValidation.isDns1123Label(host)) {
              errs.add(FieldError.invalid(ap + ".hostname", host, m));
            }
          }
        }
      }
      int nPorts = RestKinds.size(ss.get("ports"));
      Set<String> names = new HashSet<>();
      int p = 0;
      for (JsonNode port : RestKinds.items(ss.get("ports"))) {
        String pp = sp + ".ports[" + p++ + "]";
        ServiceKind.validatePortNameNumberProtocol(port, pp, nPorts, names, errs);
      }
    }
    return errs;
  }

  /** Upstream attaches this to every request on endpoints; here at least on writes. */
  @Override
  public List<String> warnings(ObjectNode obj) {
    return List.of(DEPRECATION_WARNING);
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Endpoints",
            "string",
            "The set of all endpoints is the union of all subsets. Addresses are placed into subsets"
                + " according to the IPs they share."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(RestKinds.name(obj), formatEndpoints(obj), Tables.age(obj, now));
  }

  /** formatEndpoints with all ports: up to three host:port pairs, then "+ N more...". */
  static String formatEndpoints(JsonNode obj) {
    JsonNode subsets = obj.get("subsets");
    if (RestKinds.size(subsets) == 0) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    int max = 3;
    boolean more = false;
    int count = 0;
    for (JsonNode ss : RestKinds.items(subsets)) {
      JsonNode addrs = ss.get("addresses");
      if (RestKinds.size(ss.get("ports")) == 0) {
        count += RestKinds.size(addrs);
        for (JsonNode a : RestKinds.items(addrs)) {
          if (list.size() == max) {
            more = true;
            break;
          }
          list.add(RestKinds.str(a, "ip"));
        }
        continue;
      }
      for (JsonNode port : RestKinds.items(ss.get("ports"))) {
        count += RestKinds.size(addrs);
        for (JsonNode a : RestKinds.items(addrs)) {
          if (list.size() == max) {
            more = true;
            break;
          }
          String ip = RestKinds.str(a, "ip");
          String host = ip.contains(":") ? "[" + ip + "]" : ip;
          list.add(host + ":" + port.path("port").asLong(0));
        }
      }
    }
    String ret = String.join(",", list);
    if (more) {
      return ret + " + " + (count - max) + " more...";
    }
    return ret;
  }
}
