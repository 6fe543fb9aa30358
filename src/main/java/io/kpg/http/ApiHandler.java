package io.kpg.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.auth.Attributes;
import io.kpg.auth.Authorizer;
import io.kpg.auth.UserInfo;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.errors.StatusException;
import io.kpg.json.BodyParser;
import io.kpg.json.Json;
import io.kpg.json.YamlBodies;
import io.kpg.json.patch.JsonPatch;
import io.kpg.json.patch.MergePatch;
import io.kpg.json.patch.StrategicMergePatch;
import io.kpg.proto.ProtobufBodies;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import io.kpg.registry.RequestContext.FieldValidation;
import io.kpg.registry.ResourceStore;
import io.kpg.registry.ResourceStore.DeleteOptions;
import io.kpg.registry.ResourceStore.Target;
import io.kpg.ssa.Apply;
import io.kpg.ssa.FieldSet;
import io.kpg.ssa.ManagedEntry;
import io.kpg.ssa.Scope;
import io.kpg.storage.ListPage;
import io.kpg.storage.StorageException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Serves every resource request: decodes, authorizes, runs the registry verb, encodes. */
@Singleton
public class ApiHandler {
  static final String USER_KEY = "kpg.user";
  static final List<String> OBJECT_TYPES =
      List.of("application/json", "application/yaml", "application/vnd.kubernetes.protobuf");
  static final List<String> PATCH_TYPES =
      List.of(
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
          "application/apply-patch+yaml");

  @Inject KindCatalog catalog;
  @Inject ResourceStore store;
  @Inject Authorizer authorizer;
  @Inject Discovery discovery;
  @Inject WatchService watches;
  @Inject ListService lists;
  @Inject Metrics metrics;

  void handle(RoutingContext rc) {
    long start = System.nanoTime();
    HttpServerRequest req = rc.request();
    RequestInfo info =
        RequestInfo.parse(req.method().name(), req.path(), isTrue(req.getParam("watch")));
    String resourceLabel = info.resource();
    try {
      if (!info.resourceRequest() || info.partsAfterVersion() == 0) {
        discovery.serve(rc);
        return;
      }
      serveResource(rc, info);
    } catch (StatusException e) {
      Responses.status(rc, e);
    } catch (StorageException e) {
      Responses.status(rc, Errors.serviceUnavailable(e.getMessage()));
    } finally {
      metrics.observe(
          info.verb(),
          info.group(),
          info.version(),
          resourceLabel,
          info.subresource(),
          rc.response().getStatusCode(),
          System.nanoTime() - start);
    }
  }

  private static boolean isTrue(String v) {
    return v != null && (v.equals("true") || v.equals("1"));
  }

  private void serveResource(RoutingContext rc, RequestInfo info) {
    KindDef k = resolve(rc, info);
    if (info.name().isEmpty() && (info.verb().equals("update") || info.verb().equals("patch"))) {
      throw Errors.methodNotAllowed(info.verb(), info.resource());
    }
    switch (info.verb()) {
      case "get" -> get(rc, info, k);
      case "list" -> list(rc, info, k);
      case "watch" -> watches.watch(rc, info, k);
      case "create" -> create(rc, info, k);
      case "update" -> update(rc, info, k);
      case "patch" -> patch(rc, info, k);
      case "delete" -> delete(rc, info, k);
      case "deletecollection" -> deleteCollection(rc, info, k);
      default -> throw Errors.methodNotAllowed(info.verb(), info.resource());
    }
  }

  /**
   * The kind a resource request addresses, after the path, scope, verb and authorization checks.
   */
  private KindDef resolve(RoutingContext rc, RequestInfo info) {
    KindDef k = catalog.find(info.group(), info.version(), info.resource());
    if (k == null || info.partsAfterVersion() > 3) {
      throw notFoundPath();
    }
    String sub = info.subresource();
    if (!sub.isEmpty()
        && !(sub.equals("status") && k.hasStatus())
        && !(sub.equals("scale") && k.scale() != null)
        && !k.extraSubresources().contains(sub)) {
      throw notFoundPath();
    }
    if (!k.namespaced() && !info.namespace().isEmpty()) {
      throw notFoundPath();
    }
    if (k.namespaced()
        && info.namespace().isEmpty()
        && !info.verb().equals("list")
        && !info.verb().equals("watch")) {
      throw notFoundPath();
    }
    UserInfo user = rc.get(USER_KEY);
    authorize(user, info, k);
    if (!k.verbs().contains(info.verb())
        && !(info.verb().equals("watch") && k.verbs().contains("watch"))
        && sub.isEmpty()) {
      throw Errors.methodNotAllowed(info.verb(), info.resource());
    }
    if (k.deprecationWarning() != null) {
      rc.response().headers().add("Warning", Responses.warning(k.deprecationWarning()));
    }
    return k;
  }

  /** Validates and authorizes a watch arriving as a WebSocket upgrade; reads its initial state. */
  WatchService.Plan planWebSocketWatch(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    RequestInfo info = RequestInfo.parse("GET", req.path(), true);
    if (!info.resourceRequest() || !info.verb().equals("watch")) {
      throw Errors.badRequest("only watches are served over WebSocket");
    }
    return watches.plan(rc, info, resolve(rc, info));
  }

  static StatusException notFoundPath() {
    return new StatusException(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  private void authorize(UserInfo user, RequestInfo info, KindDef k) {
    Attributes a =
        new Attributes(
            user,
            info.verb(),
            true,
            info.group(),
            info.version(),
            info.resource(),
            info.subresource(),
            info.namespace(),
            info.name(),
            info.path());
    if (authorizer.authorize(a) == Authorizer.Decision.ALLOW) {
      return;
    }
    String res =
        info.subresource().isEmpty() ? info.resource() : info.resource() + "/" + info.subresource();
    String scope =
        info.namespace().isEmpty()
            ? "at the cluster scope"
            : "in the namespace \"" + info.namespace() + "\"";
    String subject =
        info.name().isEmpty()
            ? Errors.qualified(info.group(), info.resource())
            : Errors.qualified(info.group(), info.resource()) + " \"" + info.name() + "\"";
    throw Errors.forbidden(
        info.group(),
        info.resource(),
        info.name(),
        subject
            + " is forbidden: User \""
            + user.name()
            + "\" cannot "
            + info.verb()
            + " resource \""
            + res
            + "\" in API group \""
            + info.group()
            + "\" "
            + scope);
  }

  // ------------------------------------------------------------------ get / list

  private void get(RoutingContext rc, RequestInfo info, KindDef k) {
    Output out = Output.negotiate(rc.request().getHeader("Accept"), info.subresource().isEmpty());
    if (out.form() == Output.Form.OBJECT && !info.subresource().equals("scale")) {
      // the stored bytes are what is served: no parse, no re-serialization
      Responses.raw(rc, 200, store.get(k, info.namespace(), info.name()).data(), List.of());
      return;
    }
    ObjectNode obj = store.getObject(k, info.namespace(), info.name());
    if (info.subresource().equals("scale")) {
      ObjectNode scale = Scales.toScale(k, obj);
      if (out.form() == Output.Form.YAML) {
        Responses.yaml(rc, 200, scale, List.of());
      } else {
        Responses.json(rc, 200, scale, List.of());
      }
      return;
    }
    writeObject(rc, 200, k, obj, out, List.of());
  }

  private void writeObject(
      RoutingContext rc, int code, KindDef k, ObjectNode obj, Output out, List<String> warnings) {
    switch (out.form()) {
      case TABLE -> {
        ObjectNode t =
            TableWriter.table(
                k, List.of(obj), out.metaVersion(), rc.request().getParam("includeObject"), true);
        ((ObjectNode) t.get("metadata"))
            .put("resourceVersion", obj.path("metadata").path("resourceVersion").asText());
        Responses.json(rc, code, t, warnings);
      }
      case METADATA ->
          Responses.json(rc, code, TableWriter.partial(obj, out.metaVersion()), warnings);
      case YAML -> Responses.yaml(rc, code, obj, warnings);
      default -> Responses.json(rc, code, obj, warnings);
    }
  }

  private void list(RoutingContext rc, RequestInfo info, KindDef k) {
    HttpServerRequest req = rc.request();
    Output out = Output.negotiate(req.getHeader("Accept"), true);
    ListOptions opts = ListOptions.parse(req, false);
    Selection sel = new Selection(k, info.namespace(), opts.labelSelector(), opts.fieldSelector());
    ListPage page = lists.runList(k, info.namespace(), sel, opts);
    String rv = Long.toString(page.rv());
    String cont = page.hasMore() ? ListOptions.encodeContinue(page.rv(), page.lastKey()) : null;
    if (out.form() == Output.Form.OBJECT) {
      StringBuilder sb =
          new StringBuilder(64 + page.items().stream().mapToInt(String::length).sum());
      sb.append("{\"kind\":\"")
          .append(k.kind())
          .append("List\",\"apiVersion\":\"")
          .append(k.apiVersion())
          .append("\",\"metadata\":{\"resourceVersion\":\"")
          .append(rv)
          .append('"');
      if (cont != null) {
        sb.append(",\"continue\":\"")
            .append(cont)
            .append("\",\"remainingItemCount\":")
            .append(page.remaining());
      }
      sb.append("},\"items\":[");
      for (int i = 0; i < page.items().size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(page.items().get(i));
      }
      sb.append("]}");
      Responses.raw(rc, 200, sb.toString(), List.of());
      return;
    }
    List<ObjectNode> objs = new ArrayList<>();
    for (String s : page.items()) {
      objs.add(Json.parseTrusted(s));
    }
    if (out.form() == Output.Form.YAML) {
      ObjectNode list = Json.object();
      list.put("kind", k.kind() + "List");
      list.put("apiVersion", k.apiVersion());
      ObjectNode md = list.putObject("metadata");
      md.put("resourceVersion", rv);
      if (cont != null) {
        md.put("continue", cont);
        md.put("remainingItemCount", page.remaining());
      }
      list.putArray("items").addAll(objs);
      Responses.yaml(rc, 200, list, List.of());
      return;
    }
    ObjectNode body;
    if (out.form() == Output.Form.TABLE) {
      body = TableWriter.table(k, objs, out.metaVersion(), req.getParam("includeObject"), true);
    } else {
      body = Json.object();
      body.put("kind", "PartialObjectMetadataList");
      body.put("apiVersion", "meta.k8s.io/" + out.metaVersion());
      body.putObject("metadata");
      var items = body.putArray("items");
      objs.forEach(o -> items.add(TableWriter.partial(o, out.metaVersion())));
    }
    ObjectNode md = (ObjectNode) body.get("metadata");
    md.put("resourceVersion", rv);
    if (cont != null) {
      md.put("continue", cont);
      md.put("remainingItemCount", page.remaining());
    }
    Responses.json(rc, 200, body, List.of());
  }

  // ------------------------------------------------------------------ writes

  private RequestContext context(RoutingContext rc, boolean defaultStrict) {
    HttpServerRequest req = rc.request();
    List<String> dry = req.params().getAll("dryRun");
    for (String d : dry) {
      if (!d.equals("All")) {
        throw Errors.invalid(
            "meta.k8s.io",
            "CreateOptions",
            "",
            List.of(FieldError.notSupported("dryRun", d, List.of("All"))));
      }
    }
    String fm = req.getParam("fieldManager");
    if (fm != null && fm.length() > 128) {
      throw Errors.invalid(
          "meta.k8s.io", "CreateOptions", "", List.of(FieldError.tooLong("fieldManager", fm, 128)));
    }
    if (fm == null) {
      String ua = req.getHeader("User-Agent");
      fm = ua == null ? "unknown" : ua.split("/", 2)[0];
    }
    String fv = req.getParam("fieldValidation");
    FieldValidation mode;
    if (fv == null || fv.isEmpty()) {
      mode = defaultStrict ? FieldValidation.STRICT : FieldValidation.WARN;
    } else {
      mode =
          switch (fv) {
            case "Ignore" -> FieldValidation.IGNORE;
            case "Warn" -> FieldValidation.WARN;
            case "Strict" -> FieldValidation.STRICT;
            default ->
                throw Errors.badRequest(
                    "fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \""
                        + fv
                        + "\"");
          };
    }
    return new RequestContext(rc.get(USER_KEY), !dry.isEmpty(), fm, mode);
  }

  /** Decodes an object body (JSON or protobuf) and checks it against the kind's schema. */
  ObjectNode decodeObject(RoutingContext rc, KindDef k, RequestContext ctx) {
    String ct = mediaType(rc.request().getHeader("Content-Type"));
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    JsonNode tree;
    List<String> dups = List.of();
    switch (ct) {
      case "application/json", "" -> {
        BodyParser.Parsed p = BodyParser.parse(bytes);
        tree = p.tree();
        dups = p.duplicates();
      }
      case "application/yaml" -> {
        BodyParser.Parsed p = YamlBodies.parse(bytes);
        tree = p.tree();
        dups = p.duplicates();
      }
      case "application/vnd.kubernetes.protobuf" -> {
        if (!k.acceptsProtobuf()) {
          throw Errors.unsupportedMediaType(ct, OBJECT_TYPES.subList(0, 2));
        }
        tree = ProtobufBodies.decode(bytes, k.group(), k.version(), k.kind());
      }
      default ->
          throw Errors.unsupportedMediaType(
              ct, k.acceptsProtobuf() ? OBJECT_TYPES : OBJECT_TYPES.subList(0, 2));
    }
    return checkObject(k, ctx, tree, dups);
  }

  ObjectNode checkObject(KindDef k, RequestContext ctx, JsonNode tree, List<String> dups) {
    String what =
        k.kind() + " in version \"" + k.version() + "\" cannot be handled as a " + k.kind();
    if (!(tree instanceof ObjectNode obj)) {
      throw Errors.badRequest(what + ": the request body must be a JSON object");
    }
    String av = obj.path("apiVersion").asText("");
    String kind = obj.path("kind").asText("");
    if (!av.isEmpty() && !av.equals(k.apiVersion())) {
      throw Errors.badRequest(
          "the API version in the data ("
              + av
              + ") does not match the expected API version ("
              + k.apiVersion()
              + ")");
    }
    if (!kind.isEmpty() && !kind.equals(k.kind())) {
      throw Errors.badRequest(
          what
              + ": the kind in the data ("
              + kind
              + ") does not match the expected kind ("
              + k.kind()
              + ")");
    }
    List<String> unknown = k.normalize(obj, what);
    List<String> problems = new ArrayList<>();
    unknown.forEach(u -> problems.add("unknown field \"" + u + "\""));
    dups.forEach(d -> problems.add("duplicate field \"" + d + "\""));
    if (!problems.isEmpty()) {
      if (ctx.fieldValidation() == FieldValidation.STRICT) {
        throw Errors.badRequest(what + ": strict decoding error: " + String.join(", ", problems));
      }
      if (ctx.fieldValidation() == FieldValidation.WARN) {
        problems.forEach(ctx::warn);
      }
    }
    return obj;
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
  }

  private void create(RoutingContext rc, RequestInfo info, KindDef k) {
    if (!info.name().isEmpty()) {
      if (info.subresource().isEmpty()) {
        throw Errors.methodNotAllowed("create", info.resource());
      }
      subresourcePost(rc, info, k);
      return;
    }
    RequestContext ctx = context(rc, false);
    ObjectNode obj = decodeObject(rc, k, ctx);
    Output out = Output.negotiate(rc.request().getHeader("Accept"), !k.virtual());
    String bodyNs = obj.path("metadata").path("namespace").asText("");
    if (k.namespaced() && !bodyNs.isEmpty() && !bodyNs.equals(info.namespace())) {
      throw Errors.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    ObjectNode created = store.create(ctx, k, info.namespace(), obj);
    writeObject(rc, 201, k, created, out, ctx.warnings());
  }

  private void subresourcePost(RoutingContext rc, RequestInfo info, KindDef k) {
    RequestContext ctx = context(rc, false);
    BodyParser.Parsed p = BodyParser.parse(bodyBytes(rc));
    if (!(p.tree() instanceof ObjectNode body)) {
      throw Errors.badRequest("the request body must be a JSON object");
    }
    store.subresource(ctx, k, info.namespace(), info.name(), info.subresource(), body);
    Responses.json(rc, 201, Responses.success(null), ctx.warnings());
  }

  static byte[] bodyBytes(RoutingContext rc) {
    return rc.body() == null || rc.body().buffer() == null
        ? new byte[0]
        : rc.body().buffer().getBytes();
  }

  private void update(RoutingContext rc, RequestInfo info, KindDef k) {
    RequestContext ctx = context(rc, false);
    Output out = Output.negotiate(rc.request().getHeader("Accept"), true);
    String sub = info.subresource();
    if (sub.equals("scale")) {
      BodyParser.Parsed p = BodyParser.parse(bodyBytes(rc));
      ObjectNode scale = Scales.checkScale(k, p.tree(), info.name());
      ObjectNode result = Scales.update(store, ctx, k, info.namespace(), info.name(), scale);
      Responses.json(rc, 200, result, ctx.warnings());
      return;
    }
    if (!sub.isEmpty() && !sub.equals("status")) {
      BodyParser.Parsed p = BodyParser.parse(bodyBytes(rc));
      if (!(p.tree() instanceof ObjectNode body)) {
        throw Errors.badRequest("the request body must be a JSON object");
      }
      ResourceStore.Written w = store.subresource(ctx, k, info.namespace(), info.name(), sub, body);
      writeObject(rc, 200, k, w.object(), out, ctx.warnings());
      return;
    }
    ObjectNode obj = decodeObject(rc, k, ctx);
    String bodyName = obj.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(info.name())) {
      throw Errors.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + info.name()
              + ")");
    }
    ResourceStore.Written w =
        store.update(
            ctx,
            k,
            info.namespace(),
            info.name(),
            obj,
            sub.equals("status") ? Target.STATUS : Target.MAIN);
    writeObject(rc, w.created() ? 201 : 200, k, w.object(), out, ctx.warnings());
  }

  private void patch(RoutingContext rc, RequestInfo info, KindDef k) {
    RequestContext ctx = context(rc, false);
    Output out = Output.negotiate(rc.request().getHeader("Accept"), true);
    String ct = mediaType(rc.request().getHeader("Content-Type"));
    List<String> patchTypes =
        k.strategicMergePatch()
            ? PATCH_TYPES
            : PATCH_TYPES.stream().filter(t -> !t.contains("strategic")).toList();
    if (!patchTypes.contains(ct)) {
      throw Errors.unsupportedMediaType(ct, patchTypes);
    }
    if (ct.equals("application/apply-patch+yaml")) {
      serverSideApply(rc, info, k, ctx, out);
      return;
    }
    if (rc.request().getParam("force") != null) {
      throw Errors.invalid(
          "meta.k8s.io",
          "PatchOptions",
          "",
          List.of(FieldError.forbidden("force", "may not be specified for non-apply patch")));
    }
    BodyParser.Parsed p = BodyParser.parse(bodyBytes(rc));
    JsonNode patch = p.tree();
    if (!ct.equals("application/json-patch+json") && !patch.isObject()) {
      throw Errors.badRequest("the patch must be a JSON object");
    }
    String sub = info.subresource();
    if (sub.equals("scale")) {
      ObjectNode result =
          Scales.patch(
              store,
              ctx,
              k,
              info.namespace(),
              info.name(),
              current -> applyPatch(ct, current, patch, null));
      Responses.json(rc, 200, result, ctx.warnings());
      return;
    }
    Target target = sub.equals("status") ? Target.STATUS : Target.MAIN;
    String pinnedRv =
        patch.isObject() ? patch.path("metadata").path("resourceVersion").asText("") : "";
    ResourceStore.Written w =
        store.guaranteedUpdate(
            ctx,
            k,
            info.namespace(),
            info.name(),
            target,
            current -> {
              if (!pinnedRv.isEmpty()
                  && !pinnedRv.equals(current.path("metadata").path("resourceVersion").asText())) {
                throw Errors.conflict(k.group(), k.plural(), info.name(), Errors.MODIFIED);
              }
              JsonNode patched = applyPatch(ct, current, patch, k);
              RequestContext check =
                  new RequestContext(
                      ctx.user(), ctx.dryRun(), ctx.fieldManager(), ctx.fieldValidation());
              ObjectNode obj = checkObject(k, check, patched, List.of());
              check.warnings().forEach(ctx::warn);
              return obj;
            },
            null,
            !pinnedRv.isEmpty());
    if (!p.duplicates().isEmpty() && ctx.fieldValidation() == FieldValidation.WARN) {
      p.duplicates().forEach(d -> ctx.warn("duplicate field \"" + d + "\""));
    }
    writeObject(rc, 200, k, w.object(), out, ctx.warnings());
  }

  /** PATCH with application/apply-patch+yaml: server-side apply, creating the object if needed. */
  private void serverSideApply(
      RoutingContext rc, RequestInfo info, KindDef k, RequestContext ctx, Output out) {
    HttpServerRequest req = rc.request();
    String manager = req.getParam("fieldManager");
    if (manager == null || manager.isEmpty()) {
      throw Errors.invalid(
          "meta.k8s.io",
          "PatchOptions",
          "",
          List.of(FieldError.required("fieldManager", "is required for apply patch")));
    }
    boolean force = "true".equals(req.getParam("force"));
    String sub = info.subresource();
    if (!sub.isEmpty() && !sub.equals("status") && !sub.equals("scale")) {
      throw Errors.unsupportedMediaType(
          "application/apply-patch+yaml", PATCH_TYPES.subList(0, PATCH_TYPES.size() - 1));
    }
    BodyParser.Parsed p = YamlBodies.parse(bodyBytes(rc));
    if (p.tree() instanceof ObjectNode o) {
      JsonNode mf = o.path("metadata").get("managedFields");
      if (mf != null && !mf.isNull()) {
        throw Errors.badRequest("metadata.managedFields must be nil");
      }
    }
    if (sub.equals("scale")) {
      RequestContext sctx =
          new RequestContext(ctx.user(), ctx.dryRun(), manager, ctx.fieldValidation()).markApply();
      ObjectNode scale =
          Scales.apply(
              store,
              sctx,
              k,
              info.namespace(),
              info.name(),
              Scales.checkScale(k, p.tree(), info.name()),
              manager,
              force);
      sctx.warnings().forEach(ctx::warn);
      Responses.json(rc, 200, scale, ctx.warnings());
      return;
    }
    JsonNode sent = p.tree().deepCopy();
    ObjectNode config = checkObject(k, ctx, p.tree(), p.duplicates());
    List<String> dupEntries = FieldSet.duplicateEntries(config, k.schema());
    if (!dupEntries.isEmpty()) {
      // upstream answers 500 here (kubernetes/kubernetes#139253); it is the client's input: 400
      String who = info.namespace().isEmpty() ? info.name() : info.namespace() + "/" + info.name();
      throw Errors.badRequest(
          "failed to create typed patch object ("
              + who
              + "; "
              + k.apiVersion()
              + ", Kind="
              + k.kind()
              + "): "
              + (dupEntries.size() == 1
                  ? dupEntries.get(0)
                  : "errors:\n  " + String.join("\n  ", dupEntries)));
    }
    String bodyName = config.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(info.name())) {
      throw Errors.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + info.name()
              + ")");
    }
    String bodyNs = config.path("metadata").path("namespace").asText("");
    if (k.namespaced() && !bodyNs.isEmpty() && !bodyNs.equals(info.namespace())) {
      throw Errors.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    Target target = sub.equals("status") ? Target.STATUS : Target.MAIN;
    RequestContext actx =
        new RequestContext(ctx.user(), ctx.dryRun(), manager, ctx.fieldValidation()).markApply();
    java.util.function.Predicate<List<String>> keep =
        target == Target.STATUS ? Scope.status() : Scope.main(k.hasStatus());
    String subresource = target == Target.STATUS ? "status" : null;
    String pinnedRv = config.path("metadata").path("resourceVersion").asText("");
    ObjectNode existing = null;
    try {
      existing = store.getObject(k, info.namespace(), info.name());
    } catch (StatusException e) {
      if (e.code() != 404 || target != Target.MAIN) {
        throw e;
      }
    }
    if (existing == null) {
      Apply.Result r =
          Apply.apply(
              null,
              config,
              manager,
              force,
              k.schema(),
              List.of(),
              k.apiVersion(),
              null,
              keep,
              ResourceStore.now());
      ObjectNode obj = r.object();
      Apply.syncLastApplied(obj, sent, manager);
      Json.obj(obj, "metadata").put("name", info.name());
      ObjectNode created = store.create(actx, k, info.namespace(), obj);
      actx.warnings().forEach(ctx::warn);
      writeObject(rc, 201, k, created, out, ctx.warnings());
      return;
    }
    ResourceStore.Written w =
        store.guaranteedUpdate(
            actx,
            k,
            info.namespace(),
            info.name(),
            target,
            current -> {
              if (!pinnedRv.isEmpty()
                  && !pinnedRv.equals(current.path("metadata").path("resourceVersion").asText())) {
                throw Errors.conflict(k.group(), k.plural(), info.name(), Errors.MODIFIED);
              }
              List<ManagedEntry> managed;
              try {
                managed = ManagedEntry.parse(current.path("metadata").get("managedFields"));
              } catch (IllegalArgumentException e) {
                managed = List.of();
              }
              Apply.Result r =
                  Apply.apply(
                      current,
                      config,
                      manager,
                      force,
                      k.schema(),
                      managed,
                      k.apiVersion(),
                      subresource,
                      keep,
                      ResourceStore.now());
              if (!r.ok() && manager.equals("kubectl")) {
                // kubectl's own upgrade from client-side apply (upstream's lastAppliedManager)
                List<Apply.Conflict> left =
                    Apply.notCoveredByLastApplied(current, r.conflicts(), k.schema());
                if (!left.isEmpty()) {
                  throw Apply.conflictError(left);
                }
                r =
                    Apply.apply(
                        current,
                        config,
                        manager,
                        true,
                        k.schema(),
                        managed,
                        k.apiVersion(),
                        subresource,
                        keep,
                        ResourceStore.now());
              }
              if (!r.ok()) {
                throw Apply.conflictError(r.conflicts());
              }
              ObjectNode next = r.object();
              Apply.syncLastApplied(next, sent, manager);
              // the stored system metadata is kept by the store; the apply result carries the rest
              return next;
            },
            null,
            !pinnedRv.isEmpty());
    actx.warnings().forEach(ctx::warn);
    writeObject(rc, 200, k, w.object(), out, ctx.warnings());
  }

  static JsonNode applyPatch(String ct, ObjectNode current, JsonNode patch, KindDef k) {
    return switch (ct) {
      case "application/json-patch+json" -> JsonPatch.apply(current, patch);
      case "application/merge-patch+json" -> MergePatch.apply(current, patch);
      default -> {
        if (k == null) {
          yield MergePatch.apply(current, patch);
        }
        yield StrategicMergePatch.apply(current, (ObjectNode) patch, k.schema());
      }
    };
  }

  // ------------------------------------------------------------------ delete

  private DeleteOptions deleteOptions(RoutingContext rc, RequestContext[] ctxOut) {
    HttpServerRequest req = rc.request();
    byte[] bytes = bodyBytes(rc);
    List<String> dryRun = new ArrayList<>(req.params().getAll("dryRun"));
    String uid = null;
    String rv = null;
    String policy = req.getParam("propagationPolicy");
    Long grace = null;
    if (req.getParam("gracePeriodSeconds") != null) {
      try {
        grace = Long.parseLong(req.getParam("gracePeriodSeconds"));
      } catch (NumberFormatException e) {
        throw Errors.badRequest(
            "invalid gracePeriodSeconds: " + req.getParam("gracePeriodSeconds"));
      }
    }
    if (bytes.length > 0) {
      JsonNode opts;
      if (mediaType(req.getHeader("Content-Type")).equals("application/vnd.kubernetes.protobuf")) {
        opts = ProtobufBodies.decode(bytes, "meta.k8s.io", "v1", "DeleteOptions");
      } else {
        opts = BodyParser.parse(bytes).tree();
      }
      if (!opts.isObject()) {
        throw Errors.badRequest("DeleteOptions must be a JSON object");
      }
      String kind = opts.path("kind").asText("DeleteOptions");
      if (!kind.equals("DeleteOptions")) {
        throw Errors.badRequest("expected DeleteOptions, got " + kind);
      }
      opts.path("dryRun").forEach(d -> dryRun.add(d.asText()));
      if (opts.path("preconditions").isObject()) {
        uid = textOrNull(opts.path("preconditions").path("uid"));
        rv = textOrNull(opts.path("preconditions").path("resourceVersion"));
      }
      if (opts.has("propagationPolicy") && !opts.get("propagationPolicy").isNull()) {
        policy = opts.get("propagationPolicy").asText();
      }
      if (opts.has("gracePeriodSeconds") && opts.get("gracePeriodSeconds").isNumber()) {
        grace = opts.get("gracePeriodSeconds").asLong();
      }
      if (opts.path("orphanDependents").isBoolean() && policy == null) {
        policy = opts.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
      }
    }
    List<FieldError> errs = new ArrayList<>();
    for (String d : dryRun) {
      if (!d.equals("All")) {
        errs.add(FieldError.notSupported("dryRun", d, List.of("All")));
      }
    }
    if (policy != null && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
      errs.add(
          FieldError.notSupported(
              "propagationPolicy", policy, List.of("Orphan", "Background", "Foreground")));
    }
    if (grace != null && grace < 0) {
      errs.add(
          FieldError.invalid("gracePeriodSeconds", grace, "must be greater than or equal to 0"));
    }
    if (!errs.isEmpty()) {
      throw Errors.invalid("meta.k8s.io", "DeleteOptions", "", errs);
    }
    ctxOut[0] =
        new RequestContext(rc.get(USER_KEY), !dryRun.isEmpty(), null, FieldValidation.IGNORE);
    return new DeleteOptions(uid, rv, policy, grace);
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
  }

  private void delete(RoutingContext rc, RequestInfo info, KindDef k) {
    if (!info.subresource().isEmpty()) {
      throw Errors.methodNotAllowed("delete", info.resource() + "/" + info.subresource());
    }
    RequestContext[] ctx = new RequestContext[1];
    DeleteOptions opts = deleteOptions(rc, ctx);
    ResourceStore.Deleted d = store.delete(ctx[0], k, info.namespace(), info.name(), opts);
    if (d.stillPresent() || k.returnDeletedObject()) {
      Responses.json(rc, 200, d.object(), ctx[0].warnings());
      return;
    }
    ObjectNode details = Json.object();
    details.put("name", info.name());
    if (!k.group().isEmpty()) {
      details.put("group", k.group());
    }
    details.put("kind", k.plural());
    details.put("uid", d.uid());
    Responses.json(rc, 200, Responses.success(details), ctx[0].warnings());
  }

  private void deleteCollection(RoutingContext rc, RequestInfo info, KindDef k) {
    RequestContext[] ctx = new RequestContext[1];
    DeleteOptions opts = deleteOptions(rc, ctx);
    ListOptions lo = ListOptions.parse(rc.request(), false);
    Selection sel = new Selection(k, info.namespace(), lo.labelSelector(), lo.fieldSelector());
    ListPage page =
        lists.runList(
            k,
            info.namespace(),
            sel,
            new ListOptions(
                lo.labelSelector(), lo.fieldSelector(), 0, null, 0, 0, lo.timeoutSeconds()));
    List<ObjectNode> items = new ArrayList<>();
    for (String s : page.items()) {
      ObjectNode o = Json.parseTrusted(s);
      try {
        ResourceStore.Deleted d =
            store.delete(
                ctx[0],
                k,
                o.path("metadata").path("namespace").asText(""),
                o.path("metadata").path("name").asText(),
                new DeleteOptions(null, null, opts.propagationPolicy(), opts.gracePeriodSeconds()));
        items.add(d.object());
      } catch (StatusException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    ObjectNode list = Json.object();
    list.put("kind", k.kind() + "List");
    list.put("apiVersion", k.apiVersion());
    list.putObject("metadata").put("resourceVersion", Long.toString(page.rv()));
    var arr = list.putArray("items");
    items.forEach(arr::add);
    Responses.json(rc, 200, list, ctx[0].warnings());
  }
}
