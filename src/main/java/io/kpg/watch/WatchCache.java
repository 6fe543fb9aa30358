package io.kpg.watch;

import io.kpg.storage.Change;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.pg.PgStore;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The per-replica watch cache: a window of the most recent changes (all resources) in rv order, fed
 * by the change feed, fanned out to the registered watchers from memory. A watch that starts before
 * the window is first replayed from the change log in PostgreSQL; one that starts before the
 * retained history gets 410 Expired.
 */
public final class WatchCache {
  private final int capacity;
  private final PgStore store;
  private final ArrayDeque<Change> window = new ArrayDeque<>();

  /** every change with rv > floor is in the window */
  private long floor;

  private long lastRv;
  private final Map<String, Set<Watcher>> watchers = new HashMap<>();

  /** watchers of every resource (the garbage collector) */
  private final Set<Watcher> global = new CopyOnWriteArraySet<>();

  public WatchCache(PgStore store, long startRv, int capacity) {
    this.store = store;
    this.floor = startRv;
    this.lastRv = startRv;
    this.capacity = capacity;
  }

  /** Called by the change feed with committed changes in rv order. */
  public void append(List<Change> changes) {
    synchronized (this) {
      for (Change c : changes) {
        if (c.rv() <= lastRv) {
          continue;
        }
        window.addLast(c);
        lastRv = c.rv();
        if (window.size() > capacity) {
          floor = window.removeFirst().rv();
        }
        for (Watcher w : global) {
          if (!w.offer(c)) {
            global.remove(w);
            w.close();
          }
        }
        Set<Watcher> ws = watchers.get(resourceId(c.key()));
        if (ws != null) {
          for (Iterator<Watcher> it = ws.iterator(); it.hasNext(); ) {
            Watcher w = it.next();
            if (!w.offer(c)) {
              ws.remove(w);
              w.close();
            }
          }
        }
      }
      notifyAll();
    }
  }

  /** Latest rv this replica has seen. */
  public synchronized long lastRv() {
    return lastRv;
  }

  /**
   * Registers {@code w} for changes of one resource with rv > fromRv: older ones are replayed first
   * (from the window, or from PostgreSQL before it), then live changes follow, without gap or
   * duplicate. Throws EXPIRED when fromRv is older than the retained history.
   */
  public void watch(String cluster, String group, String resource, long fromRv, Watcher w) {
    String id = resourceId(cluster, group, resource);
    long from = fromRv;
    while (true) {
      long upTo;
      synchronized (this) {
        if (from >= floor) {
          for (Change c : window) {
            if (c.rv() > from && id.equals(resourceId(c.key())) && !w.offer(c)) {
              w.close();
              return;
            }
          }
          watchers.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(w);
          return;
        }
        upTo = floor;
      }
      List<Change> old =
          store.changes(new ResourceKey(cluster, group, resource, "", ""), from, upTo);
      for (Change c : old) {
        if (!w.offer(c)) {
          w.close();
          return;
        }
      }
      from = upTo;
    }
  }

  /** Registers {@code w} for live changes of every resource, from now on. */
  public synchronized long watchAll(Watcher w) {
    global.add(w);
    return lastRv;
  }

  public synchronized void unwatchAll(Watcher w) {
    global.remove(w);
  }

  public synchronized void unwatch(String cluster, String group, String resource, Watcher w) {
    Set<Watcher> ws = watchers.get(resourceId(cluster, group, resource));
    if (ws != null) {
      ws.remove(w);
    }
  }

  public synchronized int watcherCount() {
    return watchers.values().stream().mapToInt(Set::size).sum();
  }

  private static String resourceId(ResourceKey k) {
    return resourceId(k.cluster(), k.group(), k.resource());
  }

  private static String resourceId(String cluster, String group, String resource) {
    return cluster + "/" + group + "/" + resource;
  }
}
