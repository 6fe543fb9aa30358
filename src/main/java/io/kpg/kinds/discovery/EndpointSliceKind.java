package io.kpg.kinds.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** discovery.k8s.io/v1 EndpointSlice. */
@Singleton
public class EndpointSliceKind extends KindDef {
  static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final int MAX_ENDPOINTS = 1000;
  static final int MAX_ADDRESSES = 100;
  static final int MAX_PORTS = 20000;

  public EndpointSliceKind() {
    super("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true);
  }

  /** SetDefaults_EndpointPort: name "" and protocol TCP. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    for (JsonNode p : RestKinds.items(obj.get("ports"))) {
      if (p instanceof ObjectNode port) {
        if (!port.hasNonNull("name")) {
          port.put("name", "");
        }
        if (!port.hasNonNull("protocol")) {
          port.put("protocol", "TCP");
        }
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String type = RestKinds.str(obj, "addressType");
    boolean typeOk = false;
    if (type.isEmpty()) {
      errs.add(FieldError.required("addressType", ""));
    } else if (!ADDRESS_TYPES.contains(type)) {
      errs.add(FieldError.notSupported("addressType", type, ADDRESS_TYPES));
    } else {
      typeOk = true;
    }
    JsonNode endpoints = obj.get("endpoints");
    if (RestKinds.size(endpoints) > MAX_ENDPOINTS) {
      errs.add(FieldError.tooMany("endpoints", endpoints.size(), MAX_ENDPOINTS));
    }
    int i = 0;
    for (JsonNode ep : RestKinds.items(endpoints)) {
      String p = "endpoints[" + i++ + "]";
      JsonNode addrs = ep.get("addresses");
      int n = RestKinds.size(addrs);
      if (n == 0) {
        errs.add(FieldError.required(p + ".addresses", "must contain at least 1 address"));
      } else if (n > MAX_ADDRESSES) {
        errs.add(FieldError.tooMany(p + ".addresses", n, MAX_ADDRESSES));
      }
      int a = 0;
      for (JsonNode addr : RestKinds.items(addrs)) {
        String ap = p + ".addresses[" + a++ + "]";
        String v = addr.asText();
        if (!typeOk) {
          continue;
        }
        switch (type) {
          case "IPv4" -> {
            if (!RestKinds.isIPv4(v)) {
              errs.add(FieldError.invalid(ap, v, "must be a valid IPv4 address"));
            }
          }
          case "IPv6" -> {
            if (!RestKinds.isIPv6(v)) {
              errs.add(FieldError.invalid(ap, v, "must be a valid IPv6 address"));
            }
          }
          default -> {
            for (String m : NameValidation.isDns1123Subdomain(v)) {
              errs.add(FieldError.invalid(ap, v, m));
            }
            if (!v.contains(".")) {
              errs.add(
                  FieldError.invalid(
                      ap, v, "should be a domain with at least two segments separated by dots"));
            }
          }
        }
      }
      String host = RestKinds.str(ep, "hostname");
      if (ep.hasNonNull("hostname")) {
        for (String m : NameValidation.isDns1123Label(host)) {
          errs.add(FieldError.invalid(p + ".hostname", host, m));
        }
      }
      String node = RestKinds.str(ep, "nodeName");
      if (ep.hasNonNull("nodeName")) {
        for (String m : NameValidation.isDns1123Subdomain(node)) {
          errs.add(FieldError.invalid(p + ".nodeName", node, m));
        }
      }
    }
    JsonNode ports = obj.get("ports");
    if (RestKinds.size(ports) > MAX_PORTS) {
      errs.add(FieldError.tooMany("ports", ports.size(), MAX_PORTS));
    }
    Set<String> names = new HashSet<>();
    i = 0;
    for (JsonNode port : RestKinds.items(ports)) {
      String p = "ports[" + i++ + "]";
      String name = RestKinds.str(port, "name");
      if (!name.isEmpty()) {
        for (String m : NameValidation.isDns1123Label(name)) {
          errs.add(FieldError.invalid(p + ".name", name, m));
        }
      }
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(p + ".name", name));
      }
      String proto = RestKinds.str(port, "protocol");
      if (proto.isEmpty()) {
        errs.add(FieldError.required(p + ".protocol", ""));
      } else if (!PROTOCOLS.contains(proto)) {
        errs.add(FieldError.notSupported(p + ".protocol", proto, PROTOCOLS));
      }
      JsonNode num = RestKinds.node(port, "port");
      if (num != null) {
        for (String m : RestKinds.portNum(num.asLong())) {
          errs.add(FieldError.invalid(p + ".port", num.asLong(), m));
        }
      }
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    String type = RestKinds.str(obj, "addressType");
    if (!type.equals(RestKinds.str(old, "addressType"))) {
      errs.add(FieldError.invalid("addressType", type, RestKinds.IMMUTABLE));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "AddressType",
            "string",
            "addressType specifies the type of address carried by this EndpointSlice."),
        RestKinds.col(
            "Ports",
            "string",
            "ports specifies the list of network ports exposed by each endpoint in this slice."),
        RestKinds.col(
            "Endpoints", "string", "endpoints is a list of unique endpoints in this slice."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    List<String> ports = new ArrayList<>();
    int count = 0;
    boolean more = false;
    for (JsonNode p : RestKinds.items(obj.get("ports"))) {
      if (ports.size() < 3) {
        String v = "*";
        if (RestKinds.node(p, "port") != null) {
          v = String.valueOf(p.get("port").asLong());
        } else if (RestKinds.node(p, "name") != null) {
          v = RestKinds.str(p, "name");
        }
        ports.add(v);
      } else {
        more = true;
      }
      count++;
    }
    String portStr = withMore(ports, more, count);
    List<String> addrs = new ArrayList<>();
    count = 0;
    more = false;
    for (JsonNode ep : RestKinds.items(obj.get("endpoints"))) {
      for (JsonNode a : RestKinds.items(ep.get("addresses"))) {
        if (addrs.size() < 3) {
          addrs.add(a.asText());
        } else {
          more = true;
        }
        count++;
      }
    }
    return List.of(
        RestKinds.name(obj),
        RestKinds.str(obj, "addressType"),
        portStr,
        withMore(addrs, more, count),
        Tables.age(obj, now));
  }

  /** listWithMoreString: {@code a,b,c + N more...}, {@code <unset>} when empty. */
  static String withMore(List<String> list, boolean more, int count) {
    String ret = String.join(",", list);
    if (more) {
      return ret + " + " + (count - 3) + " more...";
    }
    return ret.isEmpty() ? "<unset>" : ret;
  }
}
