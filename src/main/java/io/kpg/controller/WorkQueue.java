package io.kpg.controller;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A controller work queue with client-go's guarantees: a key is never processed by two workers at
 * once, repeated adds before processing collapse into one, a key added while it is processed runs
 * again afterwards, and failures retry with per-key exponential backoff.
 */
public final class WorkQueue {
  private static final long BASE_DELAY_MS = 50;
  private static final long MAX_DELAY_MS = 60_000;

  private final LinkedHashSet<String> queue = new LinkedHashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final ScheduledExecutorService delays;
  private boolean shutdown;

  public WorkQueue(String name) {
    this.delays =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kpg-queue-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  public synchronized void add(String key) {
    if (shutdown) {
      return;
    }
    if (processing.contains(key)) {
      dirty.add(key);
      return;
    }
    if (queue.add(key)) {
      notifyAll();
    }
  }

  public void addAfter(String key, long delayMs) {
    delays.schedule(() -> add(key), delayMs, TimeUnit.MILLISECONDS);
  }

  /** Retries a failed key with exponential backoff. */
  public void addRateLimited(String key) {
    int n;
    synchronized (this) {
      n = failures.merge(key, 1, Integer::sum);
    }
    long delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(n - 1, 20));
    addAfter(key, delay);
  }

  public synchronized void forget(String key) {
    failures.remove(key);
  }

  /** Next key to process, or null when shut down. */
  public synchronized String take() throws InterruptedException {
    while (queue.isEmpty() && !shutdown) {
      wait();
    }
    if (shutdown) {
      return null;
    }
    var it = queue.iterator();
    String key = it.next();
    it.remove();
    processing.add(key);
    return key;
  }

  public synchronized void done(String key) {
    processing.remove(key);
    if (dirty.remove(key)) {
      queue.add(key);
      notifyAll();
    }
  }

  public synchronized int length() {
    return queue.size();
  }

  public synchronized void shutdown() {
    shutdown = true;
    delays.shutdownNow();
    notifyAll();
  }
}
