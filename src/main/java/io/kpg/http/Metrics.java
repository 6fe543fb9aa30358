package io.kpg.http;

import io.kpg.registry.KindDef;
import io.kpg.server.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Prometheus metrics under kube-apiserver's names: apiserver_request_total,
 * apiserver_request_duration_seconds, apiserver_storage_objects, apiserver_registered_watchers and
 * apiserver_longrunning_requests.
 */
@Singleton
public class Metrics {
  private static final double[] BUCKETS = {
    0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30,
    45, 60
  };

  @Inject Storage storage;

  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> durations = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> watchers = new ConcurrentHashMap<>();

  private static final class Histogram {
    final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length);
    final AtomicLong count = new AtomicLong();
    final AtomicLong sumNanos = new AtomicLong();
  }

  void observe(
      String verb,
      String group,
      String version,
      String resource,
      String sub,
      int code,
      long nanos) {
    String v = verb.toUpperCase();
    String labels =
        "component=\"apiserver\",group=\""
            + esc(group)
            + "\",resource=\""
            + esc(resource)
            + "\",subresource=\""
            + esc(sub)
            + "\",verb=\""
            + v
            + "\",version=\""
            + esc(version)
            + "\"";
    requests
        .computeIfAbsent(labels + ",code=\"" + code + "\"", x -> new AtomicLong())
        .incrementAndGet();
    if (verb.equals("watch")) {
      return;
    }
    Histogram h = durations.computeIfAbsent(labels, x -> new Histogram());
    double secs = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (secs <= BUCKETS[i]) {
        h.counts.incrementAndGet(i);
      }
    }
    h.count.incrementAndGet();
    h.sumNanos.addAndGet(nanos);
  }

  void watchStarted(KindDef k) {
    watchers.computeIfAbsent(watchLabels(k), x -> new AtomicLong()).incrementAndGet();
  }

  void watchEnded(KindDef k) {
    watchers.computeIfAbsent(watchLabels(k), x -> new AtomicLong()).decrementAndGet();
  }

  private static String watchLabels(KindDef k) {
    return "group=\"" + k.group() + "\",kind=\"" + k.kind() + "\",version=\"" + k.version() + "\"";
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** The Prometheus text exposition of everything. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, group, version, resource, subresource and HTTP response code.\n");
    sb.append("# TYPE apiserver_request_total counter\n");
    requests.forEach(
        (l, v) ->
            sb.append("apiserver_request_total{")
                .append(l)
                .append("} ")
                .append(v.get())
                .append('\n'));
    sb.append(
        "# HELP apiserver_request_duration_seconds Response latency distribution in seconds for each verb, group, version, resource, subresource.\n");
    sb.append("# TYPE apiserver_request_duration_seconds histogram\n");
    durations.forEach(
        (l, h) -> {
          for (int i = 0; i < BUCKETS.length; i++) {
            sb.append("apiserver_request_duration_seconds_bucket{")
                .append(l)
                .append(",le=\"")
                .append(BUCKETS[i])
                .append("\"} ")
                .append(h.counts.get(i))
                .append('\n');
          }
          sb.append("apiserver_request_duration_seconds_bucket{")
              .append(l)
              .append(",le=\"+Inf\"} ")
              .append(h.count.get())
              .append('\n');
          sb.append("apiserver_request_duration_seconds_sum{")
              .append(l)
              .append("} ")
              .append(h.sumNanos.get() / 1e9)
              .append('\n');
          sb.append("apiserver_request_duration_seconds_count{")
              .append(l)
              .append("} ")
              .append(h.count.get())
              .append('\n');
        });
    sb.append(
        "# HELP apiserver_registered_watchers Number of currently registered watchers for a given resources\n");
    sb.append("# TYPE apiserver_registered_watchers gauge\n");
    watchers.forEach(
        (l, v) ->
            sb.append("apiserver_registered_watchers{")
                .append(l)
                .append("} ")
                .append(v.get())
                .append('\n'));
    sb.append(
        "# HELP apiserver_longrunning_requests Gauge of all active long-running apiserver requests.\n");
    sb.append("# TYPE apiserver_longrunning_requests gauge\n");
    sb.append("apiserver_longrunning_requests{component=\"apiserver\",verb=\"WATCH\"} ")
        .append(storage.cache().watcherCount())
        .append('\n');
    sb.append(
        "# HELP apiserver_storage_objects Number of stored objects at the time of last check split by kind.\n");
    sb.append("# TYPE apiserver_storage_objects gauge\n");
    storage
        .store()
        .countObjects()
        .forEach(
            (res, n) ->
                sb.append("apiserver_storage_objects{resource=\"")
                    .append(esc(res))
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    return sb.toString();
  }
}
