package io.kpg.kinds.networking;

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
import java.util.List;
import java.util.TreeSet;

/** networking.k8s.io/v1 Ingress: status subresource. */
@Singleton
public class IngressKind extends KindDef {
  static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
  public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  public IngressKind() {
    super("networking.k8s.io", "v1", "Ingress", "ingresses", true);
    shortNames("ing");
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
    obj.putObject("status").putObject("loadBalancer");
  }

  @Override
  public List<String> warnings(ObjectNode obj) {
    if (RestKinds.node(obj, "metadata", "annotations", CLASS_ANNOTATION) != null) {
      return List.of(
          "annotation \""
              + CLASS_ANNOTATION
              + "\" is deprecated, please use 'spec.ingressClassName' instead");
    }
    return List.of();
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    JsonNode rules = spec.get("rules");
    if (!spec.hasNonNull("defaultBackend") && RestKinds.size(rules) == 0) {
      errs.add(
          FieldError.invalid(
              "spec",
              rules == null ? null : rules,
              "either `defaultBackend` or `rules` must be specified"));
    }
    if (spec.hasNonNull("defaultBackend")) {
      errs.addAll(validateBackend(spec.get("defaultBackend"), "spec.defaultBackend"));
    }
    if (spec.hasNonNull("ingressClassName")) {
      String cls = RestKinds.str(spec, "ingressClassName");
      for (String m : NameValidation.isDns1123Subdomain(cls)) {
        errs.add(FieldError.invalid("spec.ingressClassName", cls, m));
      }
    }
    int r = 0;
    for (JsonNode rule : RestKinds.items(rules)) {
      String rp = "spec.rules[" + r++ + "]";
      String host = RestKinds.str(rule, "host");
      if (!host.isEmpty()) {
        String check = host.startsWith("*.") ? host.substring(2) : host;
        for (String m : NameValidation.isDns1123Subdomain(check)) {
          errs.add(FieldError.invalid(rp + ".host", host, m));
        }
      }
      int p = 0;
      JsonNode http = RestKinds.node(rule, "http");
      if (http != null && RestKinds.size(http.get("paths")) == 0) {
        errs.add(FieldError.required(rp + ".http.paths", ""));
      }
      for (JsonNode path : RestKinds.items(http == null ? null : http.get("paths"))) {
        String pp = rp + ".http.paths[" + p++ + "]";
        String type = RestKinds.str(path, "pathType");
        String value = RestKinds.str(path, "path");
        if (type.isEmpty()) {
          errs.add(FieldError.required(pp + ".pathType", "pathType must be specified"));
        } else if (!PATH_TYPES.contains(type)) {
          errs.add(FieldError.notSupported(pp + ".pathType", type, PATH_TYPES));
        } else if ((type.equals("Exact") || type.equals("Prefix")) && !value.startsWith("/")) {
          errs.add(FieldError.invalid(pp + ".path", value, "must be an absolute path"));
        } else if (type.equals("ImplementationSpecific")
            && !value.isEmpty()
            && !value.startsWith("/")) {
          errs.add(FieldError.invalid(pp + ".path", value, "must be an absolute path"));
        }
        errs.addAll(validateBackend(path.get("backend"), pp + ".backend"));
      }
    }
    int t = 0;
    for (JsonNode tls : RestKinds.items(spec.get("tls"))) {
      int h = 0;
      for (JsonNode host : RestKinds.items(tls.get("hosts"))) {
        String v = host.asText();
        String check = v.startsWith("*.") ? v.substring(2) : v;
        for (String m : NameValidation.isDns1123Subdomain(check)) {
          errs.add(FieldError.invalid("spec.tls[" + t + "].hosts[" + h + "]", v, m));
        }
        h++;
      }
      t++;
    }
    return errs;
  }

  static List<FieldError> validateBackend(JsonNode b, String path) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode svc = RestKinds.node(b, "service");
    JsonNode res = RestKinds.node(b, "resource");
    if (svc != null && res != null) {
      errs.add(FieldError.invalid(path, b, "cannot set both resource and service backends"));
    } else if (svc == null && res == null) {
      errs.add(FieldError.invalid(path, b, "one backend must be specified"));
    } else if (svc != null) {
      String name = RestKinds.str(svc, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(path + ".service.name", ""));
      } else {
        for (String m : NameValidation.isDns1035Label(name)) {
          errs.add(FieldError.invalid(path + ".service.name", name, m));
        }
      }
      JsonNode port = RestKinds.node(svc, "port");
      boolean hasName = !RestKinds.str(port, "name").isEmpty();
      boolean hasNum = port != null && port.path("number").asLong(0) != 0;
      if (hasName && hasNum) {
        errs.add(
            FieldError.invalid(
                path + ".service.port", port, "cannot set both port name & port number"));
      } else if (hasName) {
        String pn = RestKinds.str(port, "name");
        for (String m : RestKinds.portName(pn)) {
          errs.add(FieldError.invalid(path + ".service.port.name", pn, m));
        }
      } else if (hasNum) {
        long n = port.get("number").asLong();
        for (String m : RestKinds.portNum(n)) {
          errs.add(FieldError.invalid(path + ".service.port.number", n, m));
        }
      } else {
        errs.add(FieldError.required(path + ".service.port", "port name or number is required"));
      }
    } else {
      if (RestKinds.str(res, "kind").isEmpty()) {
        errs.add(FieldError.required(path + ".resource.kind", ""));
      }
      if (RestKinds.str(res, "name").isEmpty()) {
        errs.add(FieldError.required(path + ".resource.name", ""));
      }
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Class",
            "string",
            "The name of the IngressClass resource that should be used for additional configuration"),
        RestKinds.col(
            "Hosts",
            "string",
            "Hosts that incoming requests are matched against before the ingress rule"),
        RestKinds.col(
            "Address",
            "string",
            "Address is a list containing ingress points for the load-balancer"),
        RestKinds.col("Ports", "string", "Ports of TLS configurations that open"),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    String cls =
        spec.hasNonNull("ingressClassName") ? RestKinds.str(spec, "ingressClassName") : "<none>";
    List<String> hosts = new ArrayList<>();
    boolean more = false;
    int nRules = RestKinds.size(spec.get("rules"));
    for (JsonNode rule : RestKinds.items(spec.get("rules"))) {
      if (hosts.size() == 3) {
        more = true;
      }
      String h = RestKinds.str(rule, "host");
      if (!more && !h.isEmpty()) {
        hosts.add(h);
      }
    }
    String hostStr;
    if (hosts.isEmpty()) {
      hostStr = "*";
    } else if (more) {
      hostStr = String.join(",", hosts) + " + " + (nRules - 3) + " more...";
    } else {
      hostStr = String.join(",", hosts);
    }
    TreeSet<String> addrs = new TreeSet<>();
    for (JsonNode ing : RestKinds.items(RestKinds.node(obj, "status", "loadBalancer", "ingress"))) {
      String ip = RestKinds.str(ing, "ip");
      String host = RestKinds.str(ing, "hostname");
      if (!ip.isEmpty()) {
        addrs.add(ip);
      } else if (!host.isEmpty()) {
        addrs.add(host);
      }
    }
    String ports = RestKinds.size(spec.get("tls")) != 0 ? "80, 443" : "80";
    return List.of(
        RestKinds.name(obj), cls, hostStr, String.join(",", addrs), ports, Tables.age(obj, now));
  }
}
