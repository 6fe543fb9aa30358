package io.kpg.http;

import java.util.Set;

/**
 * What a request addresses, parsed from its path as upstream's RequestInfoFactory does: {@code
 * /api/v1/namespaces/ns/pods/name/status} → group "", version v1, namespace ns, resource pods, name
 * name, subresource status, and the verb from the method (and {@code watch}).
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource,
    int partsAfterVersion) {

  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** Parses a path; returns a non-resource request for anything that is not /api or /apis. */
  public static RequestInfo parse(String method, String path, boolean watchParam) {
    String[] raw = path.replaceAll("^/+|/+$", "").split("/");
    for (int s = 0; s < raw.length; s++) {
      raw[s] = unescape(raw[s]);
    }
    if (raw.length == 0 || !(raw[0].equals("api") || raw[0].equals("apis"))) {
      return nonResource(method, path);
    }
    int i;
    String group;
    String version;
    if (raw[0].equals("api")) {
      if (raw.length < 2) {
        return nonResource(method, path);
      }
      group = "";
      version = raw[1];
      i = 2;
    } else {
      if (raw.length < 3) {
        return nonResource(method, path);
      }
      group = raw[1];
      version = raw[2];
      i = 3;
    }
    String[] parts = java.util.Arrays.copyOfRange(raw, i, raw.length);
    if (parts.length == 0) {
      return nonResource(method, path);
    }
    String namespace = "";
    if (parts[0].equals("namespaces") && parts.length > 1) {
      namespace = parts[1];
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.contains(parts[2])) {
        parts = java.util.Arrays.copyOfRange(parts, 2, parts.length);
      }
    }
    String resource = parts[0];
    String name = parts.length > 1 ? parts[1] : "";
    String sub = parts.length > 2 ? parts[2] : "";
    if (resource.equals("namespaces") && parts.length > 1 && namespace.equals(name)) {
      namespace = "";
    }
    String verb =
        switch (method) {
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
          case "GET", "HEAD" ->
              name.isEmpty() ? (watchParam ? "watch" : "list") : (watchParam ? "watch" : "get");
          default -> method.toLowerCase();
        };
    return new RequestInfo(
        true, path, verb, group, version, namespace, resource, name, sub, parts.length);
  }

  private static RequestInfo nonResource(String method, String path) {
    return new RequestInfo(false, path, method.toLowerCase(), "", "", "", "", "", "", 0);
  }

  /** Percent-decoding of one path segment ({@code +} stays a plus, as in paths). */
  static String unescape(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length()) {
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
