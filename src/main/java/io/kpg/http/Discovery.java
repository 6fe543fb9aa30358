package io.kpg.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.json.Json;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Discovery: legacy (/api, /apis, /api/v1, /apis/g, /apis/g/v) and aggregated (apidiscovery.k8s.io
 * v2 and v2beta1), negotiated exactly from the Accept header.
 */
@Singleton
public class Discovery {
  /** verbs and response kind of the well-known extra subresources */
  private static final Map<String, Object[]> EXTRA =
      Map.of(
          "binding", new Object[] {List.of("create"), "", "v1", "Binding"},
          "eviction", new Object[] {List.of("create"), "policy", "v1", "Eviction"},
          "finalize", new Object[] {List.of("update"), null, null, null});

  @Inject KindCatalog catalog;

  void serve(RoutingContext rc) {
    String path = rc.request().path().replaceAll("/+$", "");
    if (!rc.request().method().name().equals("GET")) {
      throw Errors.methodNotAllowed(rc.request().method().name(), path);
    }
    String accept = rc.request().getHeader("Accept");
    rc.response().putHeader("Vary", "Accept");
    switch (path) {
      case "/api" -> {
        String agg = aggregatedVersion(accept);
        if (agg != null) {
          aggregated(rc, agg, true);
        } else {
          ObjectNode o = Json.object();
          o.put("kind", "APIVersions");
          o.putArray("versions").add("v1");
          ArrayNode addrs = o.putArray("serverAddressByClientCIDRs");
          ObjectNode a = addrs.addObject();
          a.put("clientCIDR", "0.0.0.0/0");
          a.put(
              "serverAddress",
              rc.request().authority() == null ? "" : rc.request().authority().toString());
          Responses.json(rc, 200, o, List.of());
        }
        return;
      }
      case "/apis" -> {
        String agg = aggregatedVersion(accept);
        if (agg != null) {
          aggregated(rc, agg, false);
        } else {
          ObjectNode o = Json.object();
          o.put("kind", "APIGroupList");
          o.put("apiVersion", "v1");
          ArrayNode groups = o.putArray("groups");
          for (String g : catalog.groups()) {
            if (!g.isEmpty()) {
              groups.add(group(g));
            }
          }
          Responses.json(rc, 200, o, List.of());
        }
        return;
      }
      default -> {}
    }
    String[] p = path.split("/");
    if (p.length == 3 && p[1].equals("apis")) {
      // /apis/<group>
      if (!catalog.groups().contains(p[2]) || p[2].isEmpty()) {
        throw ApiHandler.notFoundPath();
      }
      ObjectNode g = group(p[2]);
      g.put("kind", "APIGroup");
      g.put("apiVersion", "v1");
      Responses.json(rc, 200, g, List.of());
      return;
    }
    String group;
    String version;
    if (p.length == 3 && p[1].equals("api")) {
      group = "";
      version = p[2];
    } else if (p.length == 4 && p[1].equals("apis")) {
      group = p[2];
      version = p[3];
    } else {
      throw ApiHandler.notFoundPath();
    }
    List<KindDef> kinds = catalog.inGroupVersion(group, version);
    if (kinds.isEmpty()) {
      throw ApiHandler.notFoundPath();
    }
    ObjectNode o = Json.object();
    o.put("kind", "APIResourceList");
    o.put("apiVersion", "v1");
    o.put("groupVersion", kinds.get(0).apiVersion());
    ArrayNode res = o.putArray("resources");
    for (KindDef k : kinds) {
      ObjectNode r = res.addObject();
      r.put("name", k.plural());
      r.put("singularName", k.singular());
      r.put("namespaced", k.namespaced());
      r.put("kind", k.kind());
      traits(r, k);
      r.put("storageVersionHash", k.storageVersionHash());
      for (String sub : k.discoverySubresources()) {
        ObjectNode s = res.addObject();
        s.put("name", k.plural() + "/" + sub);
        s.put("singularName", "");
        s.put("namespaced", k.namespaced());
        String[] gvk = subKind(k, sub);
        if (!gvk[0].equals(k.group()) || !gvk[1].equals(k.version())) {
          s.put("group", gvk[0]);
          s.put("version", gvk[1]);
        }
        s.put("kind", gvk[2]);
        subVerbs(sub).forEach(s.putArray("verbs")::add);
      }
    }
    Responses.json(rc, 200, o, List.of());
  }

  private ObjectNode group(String g) {
    ObjectNode o = Json.object();
    o.put("name", g);
    ArrayNode vs = o.putArray("versions");
    for (String v : catalog.versions(g)) {
      ObjectNode gv = vs.addObject();
      gv.put("groupVersion", g + "/" + v);
      gv.put("version", v);
    }
    o.set("preferredVersion", vs.get(0).deepCopy());
    return o;
  }

  /** verbs, short names and categories: the same in legacy and aggregated discovery */
  private static void traits(ObjectNode r, KindDef k) {
    k.discoveryVerbs().forEach(r.putArray("verbs")::add);
    if (!k.shortNames().isEmpty()) {
      ArrayNode sn = r.putArray("shortNames");
      k.shortNames().forEach(sn::add);
    }
    if (!k.categories().isEmpty()) {
      ArrayNode c = r.putArray("categories");
      k.categories().forEach(c::add);
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> subVerbs(String sub) {
    Object[] e = EXTRA.get(sub);
    return e == null ? List.of("get", "patch", "update") : (List<String>) e[0];
  }

  static String[] subKind(KindDef k, String sub) {
    if (sub.equals("scale")) {
      return new String[] {"autoscaling", "v1", "Scale"};
    }
    Object[] e = EXTRA.get(sub);
    if (e != null && e[1] != null) {
      return new String[] {(String) e[1], (String) e[2], (String) e[3]};
    }
    return new String[] {k.group(), k.version(), k.kind()};
  }

  /** "v2", "v2beta1" or null (legacy) — the first acceptable form in the client's order. */
  static String aggregatedVersion(String accept) {
    if (accept == null) {
      return null;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim();
      String g = null;
      String v = null;
      String as = null;
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].trim().split("=", 2);
        if (kv.length != 2) {
          continue;
        }
        switch (kv[0].trim()) {
          case "g" -> g = kv[1].trim();
          case "v" -> v = kv[1].trim();
          case "as" -> as = kv[1].trim();
          default -> {}
        }
      }
      if (as == null
          && g == null
          && v == null
          && (type.equals("application/json")
              || type.equals("*/*")
              || type.equals("application/*"))) {
        return null;
      }
      if (type.equals("application/json")
          && "apidiscovery.k8s.io".equals(g)
          && "APIGroupDiscoveryList".equals(as)
          && ("v2".equals(v) || "v2beta1".equals(v))) {
        return v;
      }
    }
    return null;
  }

  private void aggregated(RoutingContext rc, String version, boolean core) {
    ObjectNode o = Json.object();
    o.put("kind", "APIGroupDiscoveryList");
    o.put("apiVersion", "apidiscovery.k8s.io/" + version);
    o.putObject("metadata");
    ArrayNode items = o.putArray("items");
    for (String g : catalog.groups()) {
      if (g.isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      ObjectNode md = item.putObject("metadata");
      if (!g.isEmpty()) {
        md.put("name", g);
      }
      ArrayNode versions = item.putArray("versions");
      for (String v : catalog.versions(g)) {
        ObjectNode vo = versions.addObject();
        vo.put("version", v);
        ArrayNode resources = vo.putArray("resources");
        for (KindDef k : catalog.inGroupVersion(g, v)) {
          ObjectNode r = resources.addObject();
          r.put("resource", k.plural());
          ObjectNode rk = r.putObject("responseKind");
          rk.put("group", k.group());
          rk.put("version", k.version());
          rk.put("kind", k.kind());
          r.put("scope", k.namespaced() ? "Namespaced" : "Cluster");
          r.put("singularResource", k.singular());
          traits(r, k);
          List<String> subs = k.discoverySubresources();
          if (!subs.isEmpty()) {
            ArrayNode sa = r.putArray("subresources");
            for (String sub : subs) {
              ObjectNode so = sa.addObject();
              so.put("subresource", sub);
              String[] gvk = subKind(k, sub);
              ObjectNode sk = so.putObject("responseKind");
              sk.put("group", gvk[0]);
              sk.put("version", gvk[1]);
              sk.put("kind", gvk[2]);
              subVerbs(sub).forEach(so.putArray("verbs")::add);
            }
          }
        }
        vo.put("freshness", "Current");
      }
    }
    byte[] body = Json.writeBytes(o);
    rc.response()
        .putHeader(
            "Content-Type",
            "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList");
    rc.response().putHeader("ETag", "\"" + HexFormat.of().formatHex(sha(body), 0, 16) + "\"");
    rc.response().setStatusCode(200).end(io.vertx.core.buffer.Buffer.buffer(body));
  }

  private static byte[] sha(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
