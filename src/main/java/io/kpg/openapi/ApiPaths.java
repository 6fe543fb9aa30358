package io.kpg.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST paths and operations of the kinds of one group-version, in a dialect-neutral model that
 * renders to OpenAPI v3 ({@link #renderV3}) and Swagger 2.0 ({@link #renderV2}).
 */
final class ApiPaths {

  /** A query or path parameter. */
  record Param(String name, String in, String type, String description, boolean required) {}

  /** One HTTP operation. */
  record Op(
      String method,
      String action,
      String operationId,
      String description,
      Gvk gvk,
      List<Param> params,
      String body,
      List<String> consumes,
      Map<String, String> responses,
      boolean stream) {}

  /** One path with its shared parameters and operations (in method order). */
  record PathDef(String path, List<Param> params, List<Op> ops) {}

  /** What the paths of one kind need to know about it. */
  record KindInfo(KindDef kind, String rootName, String listName, Gvk gvk, boolean builtin) {}

  static final String STATUS = SchemaWriter.META + "Status";
  static final String DELETE_OPTIONS = SchemaWriter.META + "DeleteOptions";
  static final String PATCH = SchemaWriter.META + "Patch";
  static final String WATCH_EVENT = SchemaWriter.META + "WatchEvent";
  static final String RESOURCE_LIST = SchemaWriter.META + "APIResourceList";
  static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String SMP = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private static final String JSON = "application/json";
  private static final String YAML = "application/yaml";
  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

  private static final Map<String, String> RESPONSE_TEXT =
      Map.of("200", "OK", "201", "Created", "202", "Accepted", "401", "Unauthorized");

  // ---- parameters (descriptions are kpg's own wording) ----

  private static Param query(String name, String type, String description) {
    return new Param(name, "query", type, description, false);
  }

  static final Param PRETTY =
      query("pretty", "string", "If 'true', the response is pretty-printed.");
  static final Param NAMESPACE =
      new Param(
          "namespace",
          "path",
          "string",
          "object name and auth scope, such as for teams and projects",
          true);
  static final Param DRY_RUN =
      query(
          "dryRun",
          "string",
          "When present, the request is processed fully but nothing is persisted. The only valid"
              + " value is All. Unknown values are rejected.");
  static final Param FIELD_MANAGER =
      query(
          "fieldManager",
          "string",
          "Name of the actor making the change, recorded in managedFields. At most 128 printable"
              + " characters. Required for apply patches.");
  static final Param FIELD_VALIDATION =
      query(
          "fieldValidation",
          "string",
          "How to treat unknown and duplicate fields in the request body: Ignore drops them"
              + " silently, Warn (the default) drops them and returns a Warning header for each,"
              + " Strict rejects the request with a BadRequest error.");
  static final Param FORCE =
      query(
          "force",
          "boolean",
          "For apply patches only: take ownership of fields owned by other managers instead of"
              + " failing with a conflict.");
  static final Param GRACE_PERIOD =
      query(
          "gracePeriodSeconds",
          "integer",
          "Seconds to wait before the object is deleted; 0 deletes at once, unset uses the"
              + " type's default.");
  static final Param ORPHAN =
      query(
          "orphanDependents",
          "boolean",
          "Deprecated in favour of propagationPolicy: whether dependents are orphaned.");
  static final Param PROPAGATION =
      query(
          "propagationPolicy",
          "string",
          "Garbage collection of dependents: Orphan, Background or Foreground.");
  static final Param ALLOW_BOOKMARKS =
      query(
          "allowWatchBookmarks",
          "boolean",
          "Ask for BOOKMARK events on a watch; the server may send them at any time or never.");
  static final Param CONTINUE =
      query(
          "continue",
          "string",
          "Token from a previous paginated list, to fetch the next page. Expired tokens are"
              + " answered with 410 ResourceExpired. Not supported with watch.");
  static final Param FIELD_SELECTOR =
      query("fieldSelector", "string", "Restricts the result by object fields. Default: all.");
  static final Param LABEL_SELECTOR =
      query("labelSelector", "string", "Restricts the result by labels. Default: all.");
  static final Param LIMIT =
      query(
          "limit",
          "integer",
          "Maximum number of items in one page; when more exist, the list metadata carries a"
              + " continue token. Not supported with watch.");
  static final Param RESOURCE_VERSION =
      query(
          "resourceVersion",
          "string",
          "Constrains which resource versions the result may be served from. Default: unset"
              + " (most recent).");
  static final Param RESOURCE_VERSION_MATCH =
      query(
          "resourceVersionMatch",
          "string",
          "How resourceVersion applies to a list: Exact or NotOlderThan. Default: unset.");
  static final Param SEND_INITIAL_EVENTS =
      query(
          "sendInitialEvents",
          "boolean",
          "With watch=true, start the stream with synthetic ADDED events for the current"
              + " state, followed by a bookmark.");
  static final Param TIMEOUT =
      query("timeoutSeconds", "integer", "Upper bound on the duration of a list or watch call.");
  static final Param WATCH =
      query(
          "watch",
          "boolean",
          "Stream add, update and delete notifications instead of returning a list.");

  static final List<Param> LIST_PARAMS =
      List.of(
          ALLOW_BOOKMARKS,
          CONTINUE,
          FIELD_SELECTOR,
          LABEL_SELECTOR,
          LIMIT,
          RESOURCE_VERSION,
          RESOURCE_VERSION_MATCH,
          SEND_INITIAL_EVENTS,
          TIMEOUT,
          WATCH);

  private ApiPaths() {}

  /** {@code /api/v1} or {@code /apis/apps/v1} */
  static String prefix(String group, String version) {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** Upstream's operation-id infix: {@code CoreV1}, {@code AppsV1}, {@code RbacAuthorizationV1}. */
  static String groupPrefix(String group, String version) {
    String g = group.isEmpty() ? "core" : group;
    if (g.endsWith(".k8s.io")) {
      g = g.substring(0, g.length() - ".k8s.io".length());
    }
    StringBuilder sb = new StringBuilder();
    for (String part : g.split("[.-]")) {
      sb.append(capitalize(part));
    }
    return sb.append(capitalize(version)).toString();
  }

  /** Upstream's tag: {@code core_v1}, {@code apps_v1}, {@code rbacAuthorization_v1}. */
  static String tag(String group, String version) {
    String p = groupPrefix(group, version);
    String g = p.substring(0, p.length() - version.length());
    return Character.toLowerCase(g.charAt(0)) + g.substring(1) + "_" + version;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** All paths of one group-version, sorted by path. */
  static List<PathDef> forGroupVersion(String group, String version, List<KindInfo> kinds) {
    String prefix = prefix(group, version);
    String gp = groupPrefix(group, version);
    Map<String, PathDef> out = new java.util.TreeMap<>();
    // upstream's CRD builder publishes the resources' routes only, not the discovery endpoint
    boolean builtin = kinds.stream().anyMatch(KindInfo::builtin);
    if (builtin) {
      out.put(
          prefix + "/",
          new PathDef(
              prefix + "/",
              List.of(),
              List.of(
                  new Op(
                      "get",
                      null,
                      "get" + gp + "APIResources",
                      "get available resources",
                      null,
                      List.of(),
                      null,
                      List.of(),
                      responses("200", RESOURCE_LIST),
                      false))));
    }
    for (KindInfo k : kinds) {
      addKind(out, prefix, gp, k);
    }
    return new ArrayList<>(out.values());
  }

  private static Map<String, String> responses(String... codeAndDef) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < codeAndDef.length; i += 2) {
      m.put(codeAndDef[i], codeAndDef[i + 1]);
    }
    m.put("401", null);
    return m;
  }

  private static void addKind(Map<String, PathDef> out, String prefix, String gp, KindInfo k) {
    KindDef kd = k.kind();
    Set<String> verbs = kd.verbs();
    String kind = kd.kind();
    String ns = kd.namespaced() ? "/namespaces/{namespace}" : "";
    String scope = kd.namespaced() ? "Namespaced" : "";
    String collection = prefix + ns + "/" + kd.plural();
    String item = collection + "/{name}";
    Param name = new Param("name", "path", "string", "name of the " + kind, true);
    List<Param> collectionParams = kd.namespaced() ? List.of(NAMESPACE, PRETTY) : List.of(PRETTY);
    List<Param> itemParams =
        kd.namespaced() ? List.of(name, NAMESPACE, PRETTY) : List.of(name, PRETTY);
    List<String> patchTypes =
        k.builtin()
            ? List.of(JSON_PATCH, MERGE_PATCH, SMP, APPLY_PATCH)
            : List.of(JSON_PATCH, MERGE_PATCH, APPLY_PATCH);
    List<Param> writeParams = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);
    List<Param> patchParams = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);

    // collection: list, create, deletecollection
    List<Op> ops = new ArrayList<>();
    if (verbs.contains("list")) {
      ops.add(
          new Op(
              "get",
              "list",
              "list" + gp + scope + kind,
              "list or watch objects of kind " + kind,
              k.gvk(),
              LIST_PARAMS,
              null,
              List.of(),
              responses("200", k.listName()),
              true));
    }
    if (verbs.contains("create")) {
      ops.add(
          new Op(
              "post",
              "post",
              "create" + gp + scope + kind,
              "create a " + kind,
              k.gvk(),
              writeParams,
              k.rootName(),
              List.of(),
              responses("200", k.rootName(), "201", k.rootName(), "202", k.rootName()),
              false));
    }
    if (verbs.contains("deletecollection") && !k.builtin()) {
      // the CRD builder documents ListOptions only, and no body
      ops.add(
          new Op(
              "delete",
              "deletecollection",
              "delete" + gp + "Collection" + scope + kind,
              "delete collection of " + kind,
              k.gvk(),
              LIST_PARAMS,
              null,
              List.of(),
              responses("200", STATUS),
              false));
    } else if (verbs.contains("deletecollection")) {
      List<Param> p = new ArrayList<>();
      p.add(CONTINUE);
      p.add(DRY_RUN);
      p.add(FIELD_SELECTOR);
      p.add(GRACE_PERIOD);
      p.add(LABEL_SELECTOR);
      p.add(LIMIT);
      p.add(ORPHAN);
      p.add(PROPAGATION);
      p.add(RESOURCE_VERSION);
      p.add(RESOURCE_VERSION_MATCH);
      p.add(SEND_INITIAL_EVENTS);
      p.add(TIMEOUT);
      ops.add(
          new Op(
              "delete",
              "deletecollection",
              "delete" + gp + "Collection" + scope + kind,
              "delete collection of " + kind,
              k.gvk(),
              p,
              DELETE_OPTIONS,
              List.of(),
              responses("200", STATUS),
              false));
    }
    put(out, collection, collectionParams, ops);

    // item: read, replace, patch, delete
    ops = new ArrayList<>();
    if (verbs.contains("get")) {
      ops.add(
          new Op(
              "get",
              "get",
              "read" + gp + scope + kind,
              "read the specified " + kind,
              k.gvk(),
              getParams(k),
              null,
              List.of(),
              responses("200", k.rootName()),
              false));
    }
    if (verbs.contains("update")) {
      ops.add(
          new Op(
              "put",
              "put",
              "replace" + gp + scope + kind,
              "replace the specified " + kind,
              k.gvk(),
              writeParams,
              k.rootName(),
              List.of(),
              responses("200", k.rootName(), "201", k.rootName()),
              false));
    }
    if (verbs.contains("patch")) {
      ops.add(
          new Op(
              "patch",
              "patch",
              "patch" + gp + scope + kind,
              "partially update the specified " + kind,
              k.gvk(),
              patchParams,
              PATCH,
              patchTypes,
              responses("200", k.rootName(), "201", k.rootName()),
              false));
    }
    if (verbs.contains("delete")) {
      ops.add(
          new Op(
              "delete",
              "delete",
              "delete" + gp + scope + kind,
              "delete a " + kind,
              k.gvk(),
              List.of(DRY_RUN, GRACE_PERIOD, ORPHAN, PROPAGATION),
              DELETE_OPTIONS,
              List.of(),
              responses("200", STATUS, "202", STATUS),
              false));
    }
    put(out, item, itemParams, ops);

    // all namespaces
    if (kd.namespaced() && verbs.contains("list")) {
      put(
          out,
          prefix + "/" + kd.plural(),
          concat(LIST_PARAMS, PRETTY),
          List.of(
              new Op(
                  "get",
                  "list",
                  "list" + gp + kind + "ForAllNamespaces",
                  "list or watch objects of kind " + kind,
                  k.gvk(),
                  List.of(),
                  null,
                  List.of(),
                  responses("200", k.listName()),
                  true)));
    }

    // deprecated watch paths (built-in kinds only: the CRD builder has none)
    if (verbs.contains("watch") && k.builtin()) {
      String w = prefix + "/watch" + ns + "/" + kd.plural();
      List<Param> nsList = kd.namespaced() ? concat(LIST_PARAMS, NAMESPACE, PRETTY) : null;
      put(
          out,
          w,
          kd.namespaced() ? nsList : concat(LIST_PARAMS, PRETTY),
          List.of(watchOp("watchlist", "watch" + gp + scope + kind + "List", kind, k.gvk())));
      List<Param> itemWatch = new ArrayList<>(LIST_PARAMS);
      itemWatch.add(name);
      if (kd.namespaced()) {
        itemWatch.add(NAMESPACE);
      }
      itemWatch.add(PRETTY);
      put(
          out,
          w + "/{name}",
          sorted(itemWatch),
          List.of(watchOp("watch", "watch" + gp + scope + kind, kind, k.gvk())));
      if (kd.namespaced()) {
        put(
            out,
            prefix + "/watch/" + kd.plural(),
            concat(LIST_PARAMS, PRETTY),
            List.of(
                watchOp("watchlist", "watch" + gp + kind + "ListForAllNamespaces", kind, k.gvk())));
      }
    }

    // subresources
    if (kd.hasStatus()) {
      addSubresource(
          out,
          item + "/status",
          "Status",
          "status",
          itemParams,
          k,
          gp,
          scope,
          k.rootName(),
          k.gvk(),
          patchTypes);
    }
    if (kd.scale() != null) {
      addSubresource(
          out,
          item + "/scale",
          "Scale",
          "scale",
          itemParams,
          k,
          gp,
          scope,
          SCALE,
          new Gvk("autoscaling", "v1", "Scale"),
          patchTypes);
    }
  }

  private static void addSubresource(
      Map<String, PathDef> out,
      String path,
      String suffix,
      String what,
      List<Param> itemParams,
      KindInfo k,
      String gp,
      String scope,
      String type,
      Gvk gvk,
      List<String> patchTypes) {
    Set<String> verbs = k.kind().verbs();
    String kind = k.kind().kind();
    List<Param> nameParams = new ArrayList<>(itemParams);
    if (k.builtin()) {
      nameParams.set(0, new Param("name", "path", "string", "name of the " + suffix, true));
    } else {
      // the CRD builder names the custom resource, and tags every route with its kind
      gvk = k.gvk();
    }
    List<Op> ops = new ArrayList<>();
    if (verbs.contains("get")) {
      ops.add(
          new Op(
              "get",
              "get",
              "read" + gp + scope + kind + suffix,
              "read " + what + " of the specified " + kind,
              gvk,
              getParams(k),
              null,
              List.of(),
              responses("200", type),
              false));
    }
    if (verbs.contains("update")) {
      ops.add(
          new Op(
              "put",
              "put",
              "replace" + gp + scope + kind + suffix,
              "replace " + what + " of the specified " + kind,
              gvk,
              List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION),
              type,
              List.of(),
              responses("200", type, "201", type),
              false));
    }
    if (verbs.contains("patch")) {
      ops.add(
          new Op(
              "patch",
              "patch",
              "patch" + gp + scope + kind + suffix,
              "partially update " + what + " of the specified " + kind,
              gvk,
              List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE),
              PATCH,
              patchTypes,
              responses("200", type, "201", type),
              false));
    }
    put(out, path, nameParams, ops);
  }

  /**
   * GetOptions are documented on reads of custom resources only (builtins: getters with options).
   */
  private static List<Param> getParams(KindInfo k) {
    return k.builtin() ? List.of() : List.of(RESOURCE_VERSION);
  }

  private static Op watchOp(String action, String id, String kind, Gvk gvk) {
    String d =
        action.equals("watch")
            ? "watch changes to an object of kind "
                + kind
                + ". deprecated: use the 'watch' parameter with a list operation instead,"
                + " filtered to a single item with the 'fieldSelector' parameter."
            : "watch individual changes to a list of "
                + kind
                + ". deprecated: use the 'watch' parameter with a list operation instead.";
    return new Op(
        "get", action, id, d, gvk, List.of(), null, List.of(), responses("200", WATCH_EVENT), true);
  }

  private static List<Param> concat(List<Param> base, Param... more) {
    List<Param> l = new ArrayList<>(base);
    l.addAll(List.of(more));
    return sorted(l);
  }

  private static List<Param> sorted(List<Param> l) {
    List<Param> s = new ArrayList<>(l);
    s.sort(java.util.Comparator.comparing(Param::name));
    return s;
  }

  private static void put(Map<String, PathDef> out, String path, List<Param> params, List<Op> ops) {
    if (!ops.isEmpty()) {
      out.put(path, new PathDef(path, params, ops));
    }
  }

  // ---- rendering ----

  private static List<String> produces(boolean builtin, boolean stream) {
    List<String> l = new ArrayList<>(List.of(JSON, YAML));
    if (builtin) {
      l.add(PROTOBUF);
    }
    if (stream) {
      l.add(JSON + ";stream=watch");
      if (builtin) {
        l.add(PROTOBUF + ";stream=watch");
      }
    }
    l.sort(null);
    return l;
  }

  /** The {@code paths} object of an OpenAPI v3 document. */
  static ObjectNode renderV3(List<PathDef> paths, boolean builtin, SchemaWriter w) {
    ObjectNode out = Json.object();
    for (PathDef p : paths) {
      ObjectNode pn = out.putObject(p.path());
      for (Op op : p.ops()) {
        ObjectNode o = pn.putObject(op.method());
        o.put("description", op.description());
        o.put("operationId", op.operationId());
        if (!op.params().isEmpty()) {
          ArrayNode ps = o.putArray("parameters");
          op.params().forEach(x -> ps.add(paramV3(x)));
        }
        if (op.body() != null) {
          ObjectNode content = o.putObject("requestBody").putObject("content");
          List<String> types = op.consumes().isEmpty() ? List.of("*/*") : op.consumes();
          for (String t : types) {
            content.putObject(t).set("schema", w.plainRef(op.body()));
          }
        }
        ObjectNode rs = o.putObject("responses");
        op.responses()
            .forEach(
                (code, def) -> {
                  ObjectNode r = rs.putObject(code);
                  if (def != null) {
                    ObjectNode content = r.putObject("content");
                    for (String t : produces(builtin, op.stream())) {
                      content.putObject(t).set("schema", w.plainRef(def));
                    }
                  }
                  r.put("description", RESPONSE_TEXT.get(code));
                });
        tagAndExtensions(o, p, op);
      }
      if (!p.params().isEmpty()) {
        ArrayNode ps = pn.putArray("parameters");
        p.params().forEach(x -> ps.add(paramV3(x)));
      }
    }
    return out;
  }

  private static ObjectNode paramV3(Param p) {
    ObjectNode n = paramBase(p);
    ObjectNode s = n.putObject("schema");
    s.put("type", p.type());
    s.put("uniqueItems", true);
    return n;
  }

  /** The {@code paths} object of a Swagger 2.0 document. */
  static ObjectNode renderV2(List<PathDef> paths, boolean builtin, SchemaWriter w, ObjectNode out) {
    for (PathDef p : paths) {
      ObjectNode pn = out.putObject(p.path());
      for (Op op : p.ops()) {
        ObjectNode o = pn.putObject(op.method());
        ArrayNode consumes = o.putArray("consumes");
        (op.consumes().isEmpty() ? List.of("*/*") : op.consumes()).forEach(consumes::add);
        o.put("description", op.description());
        o.put("operationId", op.operationId());
        List<ObjectNode> ps = new ArrayList<>();
        if (op.body() != null) {
          ObjectNode b = Json.object();
          b.put("in", "body");
          b.put("name", "body");
          b.put(
              "required",
              op.method().equals("put")
                  || op.method().equals("post")
                  || op.method().equals("patch"));
          b.set("schema", w.plainRef(op.body()));
          ps.add(b);
        }
        op.params().forEach(x -> ps.add(paramV2(x)));
        if (!ps.isEmpty()) {
          o.putArray("parameters").addAll(ps);
        }
        ArrayNode produces = o.putArray("produces");
        produces(builtin, op.stream()).forEach(produces::add);
        ObjectNode rs = o.putObject("responses");
        op.responses()
            .forEach(
                (code, def) -> {
                  ObjectNode r = rs.putObject(code);
                  r.put("description", RESPONSE_TEXT.get(code));
                  if (def != null) {
                    r.set("schema", w.plainRef(def));
                  }
                });
        o.putArray("schemes").add("https");
        tagAndExtensions(o, p, op);
      }
      if (!p.params().isEmpty()) {
        ArrayNode ps = pn.putArray("parameters");
        p.params().forEach(x -> ps.add(paramV2(x)));
      }
    }
    return out;
  }

  private static ObjectNode paramV2(Param p) {
    ObjectNode n = paramBase(p);
    n.put("type", p.type());
    n.put("uniqueItems", true);
    return n;
  }

  /** What v2 and v3 parameters share. */
  private static ObjectNode paramBase(Param p) {
    ObjectNode n = Json.object();
    n.put("description", p.description());
    n.put("in", p.in());
    n.put("name", p.name());
    if (p.required()) {
      n.put("required", true);
    }
    return n;
  }

  /** The tag and the Kubernetes extensions of an operation (same in v2 and v3). */
  private static void tagAndExtensions(ObjectNode o, PathDef p, Op op) {
    o.putArray("tags").add(tagOf(p.path()));
    if (op.action() != null) {
      o.put("x-kubernetes-action", op.action());
    }
    if (op.gvk() != null) {
      o.set("x-kubernetes-group-version-kind", op.gvk().toJson());
    }
  }

  /** The tag of a path: derived from its group-version prefix. */
  private static String tagOf(String path) {
    String[] parts = path.split("/");
    // "", "api", "v1", ...  or  "", "apis", group, version, ...
    if (parts[1].equals("api")) {
      return tag("", parts[2]);
    }
    return tag(parts[2], parts[3]);
  }
}
