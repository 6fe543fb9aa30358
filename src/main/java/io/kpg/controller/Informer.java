package io.kpg.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.server.Storage;
import io.kpg.storage.Change;
import io.kpg.storage.ListPage;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import io.kpg.watch.Watcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * An in-process informer: lists one resource from the store, then follows the watch cache, keeping
 * an indexed copy of every object in memory (the lister) and calling handlers on each change. No
 * HTTP involved. A watch that is dropped or expires leads to a fresh list.
 */
public final class Informer {
  private static final Logger LOG = Logger.getLogger(Informer.class);

  /** Change callbacks; {@code old} is null for adds, {@code obj} is the last state for deletes. */
  public interface Handler {
    void onChange(ObjectNode old, ObjectNode obj, boolean deleted);
  }

  private final Storage storage;
  private final KindDef kind;
  private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
  private final List<Handler> handlers = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private volatile boolean synced;
  private volatile boolean running = true;
  private final Thread thread;

  private static final Object RELIST = new Object();

  public Informer(Storage storage, KindDef kind) {
    this.storage = storage;
    this.kind = kind;
    this.thread = new Thread(this::run, "kpg-informer-" + kind.plural());
    this.thread.setDaemon(true);
  }

  public void addHandler(Handler h) {
    handlers.add(h);
  }

  public void start() {
    thread.start();
  }

  public void stop() {
    running = false;
    thread.interrupt();
  }

  public boolean hasSynced() {
    return synced;
  }

  public KindDef kind() {
    return kind;
  }

  /** The cached object {@code namespace/name} (or {@code name} for cluster-scoped), or null. */
  public ObjectNode get(String namespace, String name) {
    return objects.get(key(namespace, name));
  }

  public List<ObjectNode> list() {
    return new ArrayList<>(objects.values());
  }

  public List<ObjectNode> list(String namespace) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : objects.values()) {
      if (namespace.equals(o.path("metadata").path("namespace").asText(""))) {
        out.add(o);
      }
    }
    return out;
  }

  static String key(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  public static String keyOf(ObjectNode o) {
    return key(
        o.path("metadata").path("namespace").asText(""), o.path("metadata").path("name").asText());
  }

  private void run() {
    while (running) {
      Watcher w = null;
      try {
        long rv = relist();
        w =
            new Watcher() {
              @Override
              public boolean offer(Change change) {
                return events.offer(change);
              }

              @Override
              public void close() {
                events.offer(RELIST);
              }
            };
        storage.cache().watch(ResourceKey.DEFAULT_CLUSTER, kind.group(), kind.plural(), rv, w);
        synced = true;
        while (running) {
          Object e = events.take();
          if (e == RELIST) {
            break;
          }
          apply((Change) e);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.debugf("informer %s restarting: %s", kind, e.toString());
        sleep();
      } finally {
        if (w != null) {
          storage.cache().unwatch(ResourceKey.DEFAULT_CLUSTER, kind.group(), kind.plural(), w);
        }
      }
    }
  }

  private long relist() {
    events.clear();
    ListPage page =
        storage
            .store()
            .list(
                new ListQuery(
                    ResourceKey.DEFAULT_CLUSTER,
                    kind.group(),
                    kind.plural(),
                    null,
                    null,
                    null,
                    null,
                    0,
                    null,
                    0));
    Map<String, ObjectNode> fresh = new ConcurrentHashMap<>();
    for (String s : page.items()) {
      ObjectNode o = Json.parseTrusted(s);
      fresh.put(keyOf(o), o);
    }
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      if (!fresh.containsKey(e.getKey())) {
        objects.remove(e.getKey());
        fire(e.getValue(), e.getValue(), true);
      }
    }
    for (Map.Entry<String, ObjectNode> e : fresh.entrySet()) {
      ObjectNode old = objects.put(e.getKey(), e.getValue());
      if (old == null || !old.equals(e.getValue())) {
        fire(old, e.getValue(), false);
      }
    }
    return page.rv();
  }

  private void apply(Change c) {
    ObjectNode obj = Json.parseTrusted(c.data());
    String k = keyOf(obj);
    if (c.type() == 'D') {
      ObjectNode old = objects.remove(k);
      fire(old, obj, true);
    } else {
      ObjectNode old = objects.put(k, obj);
      fire(old, obj, false);
    }
  }

  private void fire(ObjectNode old, ObjectNode obj, boolean deleted) {
    for (Handler h : handlers) {
      try {
        h.onChange(old, obj, deleted);
      } catch (RuntimeException e) {
        LOG.warnf(e, "informer handler for %s failed", kind);
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
