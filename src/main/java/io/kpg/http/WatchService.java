package io.kpg.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.registry.ResourceStore;
import io.kpg.server.Storage;
import io.kpg.storage.Change;
import io.kpg.storage.ListPage;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.StorageException;
import io.kpg.watch.WatchCache;
import io.kpg.watch.Watcher;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP watches: newline-delimited JSON events over a chunked (HTTP/1.1) or streamed (HTTP/2)
 * response, fed from the watch cache. Handles the resourceVersion semantics (unset/"0": the current
 * state as ADDED events first; N: every change after N), sendInitialEvents with the
 * initial-events-end bookmark, selector transitions, bookmarks, timeouts, and closes watchers that
 * cannot keep up.
 */
@Singleton
public class WatchService {
  static final int MAX_QUEUED = 10_000;
  static final long BOOKMARK_MILLIS = 60_000;

  @Inject Storage storage;
  @Inject ListService lists;
  @Inject Metrics metrics;
  @Inject KindCatalog catalog;

  private final java.util.Set<Session> sessions =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Watches of a kind whose definition changed or went away (a CRD updated or deleted) end, as
   * upstream ends them when it rebuilds a custom resource's storage; clients watch again.
   */
  @jakarta.annotation.PostConstruct
  void followCatalog() {
    catalog.onChange(
        () -> {
          for (Session s : sessions) {
            if (catalog.find(s.kind.group(), s.kind.version(), s.kind.plural()) != s.kind) {
              s.ctx.runOnContext(v -> s.finish());
            }
          }
        });
  }

  /** Serves a watch as a streamed HTTP response (chunked on HTTP/1.1). */
  void watch(RoutingContext rc, RequestInfo info, KindDef k) {
    Plan plan = plan(rc, info, k);
    start(plan, new WatchSink.Http(rc.response()));
  }

  /** What a watch request asks for, validated, with its initial state read. */
  final class Plan {
    RoutingContext rc;
    KindDef k;
    Selection sel;
    Output out;
    String includeObject;
    long rv;
    long from;
    boolean sendInitial;
    boolean bookmarks;
    long timeoutMs;
    List<String> initial;
  }

  /** Validates the request and reads the initial state (blocking: runs on a worker). */
  Plan plan(RoutingContext rc, RequestInfo info, KindDef k) {
    HttpServerRequest req = rc.request();
    Output out = Output.negotiate(req.getHeader("Accept"), true);
    if (out.form() == Output.Form.YAML) {
      throw Errors.notAcceptable("watches are served as application/json");
    }
    String rvParam = req.getParam("resourceVersion");
    String match = req.getParam("resourceVersionMatch");
    boolean sendInitial = "true".equals(req.getParam("sendInitialEvents"));
    boolean bookmarks = "true".equals(req.getParam("allowWatchBookmarks"));
    List<FieldError> errs = new ArrayList<>();
    if (req.getParam("sendInitialEvents") != null && !"NotOlderThan".equals(match)) {
      errs.add(
          FieldError.forbidden(
              "resourceVersionMatch",
              "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
    } else if (match != null && !match.isEmpty() && req.getParam("sendInitialEvents") == null) {
      errs.add(
          FieldError.forbidden(
              "resourceVersionMatch",
              "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
    }
    if (match != null && !match.isEmpty() && !match.equals("NotOlderThan")) {
      errs.add(FieldError.notSupported("resourceVersionMatch", match, List.of("NotOlderThan")));
    }
    if (!errs.isEmpty()) {
      throw Errors.invalid("meta.k8s.io", "ListOptions", "", errs);
    }
    long rv = ListOptions.resourceVersion(rvParam);
    String fieldSel = req.getParam("fieldSelector");
    if (!info.name().isEmpty()) {
      String byName = "metadata.name=" + info.name();
      fieldSel = fieldSel == null || fieldSel.isEmpty() ? byName : fieldSel + "," + byName;
    }
    Selection sel = new Selection(k, info.namespace(), req.getParam("labelSelector"), fieldSel);
    Long timeoutParam = ListOptions.timeoutSeconds(req);
    long timeoutMs =
        timeoutParam != null && timeoutParam > 0
            ? timeoutParam * 1000
            : (1800 + ThreadLocalRandom.current().nextLong(1800)) * 1000;

    Plan plan = new Plan();
    plan.rc = rc;
    plan.k = k;
    plan.sel = sel;
    plan.out = out;
    plan.includeObject = req.getParam("includeObject");
    plan.rv = rv;
    plan.from = rv;
    plan.sendInitial = sendInitial;
    plan.bookmarks = bookmarks;
    plan.timeoutMs = timeoutMs;
    if (sendInitial || rv == 0) {
      if (sendInitial && rv > 0) {
        lists.awaitRv(rv);
      }
      ListPage page =
          lists.runList(k, info.namespace(), sel, new ListOptions(null, null, 0, null, 0, 0, null));
      plan.initial = page.items();
      plan.from = page.rv();
    }
    return plan;
  }

  /** Starts streaming a planned watch into {@code sink} (blocking: may replay from the log). */
  void start(Plan plan, WatchSink sink) {
    KindDef k = plan.k;
    Session s = new Session(plan.rc, sink, k, plan.sel, plan.out, plan.includeObject);
    sessions.add(s);
    s.start(plan.timeoutMs);
    if (catalog.find(k.group(), k.version(), k.plural()) != k) {
      s.ctx.runOnContext(v -> s.finish()); // the kind changed while the watch was being set up
      return;
    }
    metrics.watchStarted(k);
    if (plan.initial != null) {
      for (String item : plan.initial) {
        s.enqueueEncoded("ADDED", Json.parseTrusted(item));
      }
      if (plan.sendInitial) {
        s.enqueueInitialEnd(plan.from);
      }
    }
    WatchCache cache = storage.cache();
    try {
      cache.watch(ResourceKey.DEFAULT_CLUSTER, k.group(), k.plural(), plan.from, s);
    } catch (StorageException e) {
      if (e.reason() == StorageException.Reason.EXPIRED) {
        s.error(Errors.gone("too old resource version: " + plan.rv + " (" + e.getMessage() + ")"));
        return;
      }
      s.error(Errors.serviceUnavailable(e.getMessage()));
      return;
    }
    if (plan.bookmarks) {
      s.bookmarkTimer = plan.rc.vertx().setPeriodic(BOOKMARK_MILLIS, id -> s.bookmark());
    }
  }

  /** One HTTP watch. Events are queued from any thread and written on the request's context. */
  final class Session implements Watcher {
    private final RoutingContext rc;
    private final WatchSink resp;
    private final Context ctx;
    private final KindDef kind;
    private final Selection sel;
    private final Output out;
    private final String includeObject;
    private final boolean plain;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long timer = -1;
    long bookmarkTimer = -1;
    private long lastRv;

    Session(
        RoutingContext rc,
        WatchSink sink,
        KindDef kind,
        Selection sel,
        Output out,
        String includeObject) {
      this.rc = rc;
      this.resp = sink;
      this.ctx = rc.vertx().getOrCreateContext();
      this.kind = kind;
      this.sel = sel;
      this.out = out;
      this.includeObject = includeObject;
      this.plain = sel.isEverything() && sel.namespace == null;
    }

    void start(long timeoutMs) {
      ctx.runOnContext(
          v -> {
            resp.open(this::close);
            rc.request().connection().closeHandler(x -> close());
            timer = rc.vertx().setTimer(timeoutMs, id -> finish());
          });
    }

    @Override
    public boolean offer(Change c) {
      if (closed.get()) {
        return false;
      }
      if (queued.incrementAndGet() > MAX_QUEUED) {
        return false;
      }
      queue.add(c);
      schedule();
      return true;
    }

    void enqueueEncoded(String type, ObjectNode obj) {
      queued.incrementAndGet();
      queue.add(new Object[] {type, obj});
      schedule();
    }

    void enqueueInitialEnd(long rv) {
      ObjectNode o = bookmarkObject(rv);
      ((ObjectNode) o.get("metadata"))
          .putObject("annotations")
          .put("k8s.io/initial-events-end", "true");
      queued.incrementAndGet();
      queue.add(new Object[] {"BOOKMARK", o});
      schedule();
    }

    void bookmark() {
      WatchCache cache = storage.cache();
      synchronized (cache) {
        long rv = Math.max(cache.lastRv(), lastRv);
        queued.incrementAndGet();
        queue.add(new Object[] {"BOOKMARK", bookmarkObject(rv)});
      }
      schedule();
    }

    private ObjectNode bookmarkObject(long rv) {
      ObjectNode o = Json.object();
      o.put("kind", kind.kind());
      o.put("apiVersion", kind.apiVersion());
      o.putObject("metadata").put("resourceVersion", Long.toString(rv));
      return o;
    }

    void error(StatusException e) {
      ctx.runOnContext(
          v -> {
            ObjectNode ev = Json.object();
            ev.put("type", "ERROR");
            ev.set("object", e.toStatus());
            if (!resp.ended()) {
              resp.send(List.of(Json.write(ev) + "\n"));
            }
            finish();
          });
    }

    private void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        ctx.runOnContext(v -> drain());
      }
    }

    private void drain() {
      if (closed.get() || resp.ended()) {
        scheduled.set(false);
        return;
      }
      List<Object> items = new ArrayList<>();
      Object item;
      while (items.size() < 256 && (item = queue.poll()) != null) {
        queued.decrementAndGet();
        items.add(item);
      }
      if (!kind.readMayBlock()) {
        scheduled.set(false);
        List<String> events;
        try {
          events = encodeAll(items);
        } catch (StatusException e) {
          error(e);
          return;
        }
        sendAndContinue(events);
        return;
      }
      // conversion may call a webhook: encode off the event loop, in order, one batch at a time
      rc.vertx()
          .executeBlocking(() -> encodeAll(items), true)
          .onComplete(
              ar -> {
                scheduled.set(false);
                if (ar.failed()) {
                  error(
                      ar.cause() instanceof StatusException se
                          ? se
                          : Errors.internal(String.valueOf(ar.cause().getMessage())));
                  return;
                }
                if (!closed.get() && !resp.ended()) {
                  sendAndContinue(ar.result());
                }
              });
    }

    private List<String> encodeAll(List<Object> items) {
      List<String> events = new ArrayList<>();
      for (Object it : items) {
        StringBuilder sb = new StringBuilder();
        encode(it, sb);
        if (sb.length() > 0) {
          events.add(sb.toString());
        }
      }
      return events;
    }

    private void sendAndContinue(List<String> events) {
      if (!events.isEmpty()) {
        resp.send(events);
      }
      if (!queue.isEmpty()) {
        if (resp.full()) {
          resp.onDrain(this::schedule);
        } else {
          schedule();
        }
      }
    }

    private void encode(Object item, StringBuilder sb) {
      if (item instanceof Object[] pair) {
        ObjectNode obj = (ObjectNode) pair[1];
        String type = (String) pair[0];
        if (type.equals("BOOKMARK")) {
          sb.append("{\"type\":\"BOOKMARK\",\"object\":").append(Json.write(obj)).append("}\n");
          return;
        }
        appendEvent(sb, type, obj, null);
        return;
      }
      Change c = (Change) item;
      lastRv = c.rv();
      if (plain) {
        String type =
            switch (c.type()) {
              case 'A' -> "ADDED";
              case 'M' -> "MODIFIED";
              default -> "DELETED";
            };
        appendEvent(sb, type, null, ResourceStore.readView(kind, c.data()));
        return;
      }
      if (sel.namespace != null && !sel.namespace.equals(c.key().namespace())) {
        return;
      }
      ObjectNode cur = Json.parseTrusted(c.data());
      if (kind.convertsOnRead()) {
        cur = kind.fromStorage(cur);
      }
      boolean curMatch = sel.matches(cur);
      switch (c.type()) {
        case 'A' -> {
          if (curMatch) {
            appendEvent(sb, "ADDED", cur, null);
          }
        }
        case 'D' -> {
          if (curMatch) {
            appendEvent(sb, "DELETED", cur, null);
          }
        }
        default -> {
          boolean prevMatch = c.prevData() != null && sel.matches(Json.parseTrusted(c.prevData()));
          if (curMatch && prevMatch) {
            appendEvent(sb, "MODIFIED", cur, null);
          } else if (curMatch) {
            appendEvent(sb, "ADDED", cur, null);
          } else if (prevMatch) {
            appendEvent(sb, "DELETED", cur, null);
          }
        }
      }
    }

    private boolean tableHeaderSent;

    private void appendEvent(StringBuilder sb, String type, ObjectNode obj, String raw) {
      sb.append("{\"type\":\"").append(type).append("\",\"object\":");
      switch (out.form()) {
        case TABLE -> {
          ObjectNode o = obj != null ? obj : Json.parseTrusted(raw);
          ObjectNode t =
              TableWriter.table(
                  kind, List.of(o), out.metaVersion(), includeObject, !tableHeaderSent);
          ((ObjectNode) t.get("metadata"))
              .put("resourceVersion", o.path("metadata").path("resourceVersion").asText());
          tableHeaderSent = true;
          sb.append(Json.write(t));
        }
        case METADATA ->
            sb.append(
                Json.write(
                    TableWriter.partial(
                        obj != null ? obj : Json.parseTrusted(raw), out.metaVersion())));
        default -> sb.append(raw != null ? raw : Json.write(obj));
      }
      sb.append("}\n");
    }

    /** Ends the stream cleanly (timeout or server-side end). */
    private void finish() {
      resp.end();
      close();
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      sessions.remove(this);
      storage.cache().unwatch(ResourceKey.DEFAULT_CLUSTER, kind.group(), kind.plural(), this);
      metrics.watchEnded(kind);
      ctx.runOnContext(
          v -> {
            if (timer >= 0) {
              rc.vertx().cancelTimer(timer);
            }
            if (bookmarkTimer >= 0) {
              rc.vertx().cancelTimer(bookmarkTimer);
            }
            resp.end();
          });
    }
  }
}
