package io.kpg.registry;

import io.quarkus.arc.All;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every served kind: the built-in {@link KindDef} beans plus the kinds registered at run time
 * (custom resources of CustomResourceDefinitions). Discovery, OpenAPI, routing and the watch
 * machinery all read from here; nothing else lists kinds.
 *
 * <p>Reads are lock-free against an immutable snapshot; a registration swaps in a new snapshot and
 * bumps {@link #generation()}, which caches (OpenAPI documents, discovery) compare against.
 */
@Singleton
public class KindCatalog {
  /** Upstream's preferred order of groups in discovery. */
  private static final List<String> GROUP_ORDER =
      List.of(
          "",
          "apps",
          "events.k8s.io",
          "authentication.k8s.io",
          "authorization.k8s.io",
          "autoscaling",
          "batch",
          "certificates.k8s.io",
          "networking.k8s.io",
          "policy",
          "rbac.authorization.k8s.io",
          "storage.k8s.io",
          "admissionregistration.k8s.io",
          "apiextensions.k8s.io",
          "scheduling.k8s.io",
          "coordination.k8s.io",
          "node.k8s.io",
          "discovery.k8s.io",
          "flowcontrol.apiserver.k8s.io");

  /** An immutable view of the served kinds. */
  private record Snapshot(
      List<KindDef> kinds,
      Map<String, KindDef> byPath,
      Map<String, KindDef> byResource,
      long generation) {}

  private final List<KindDef> builtins;
  private final Map<String, List<KindDef>> dynamic = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot snap;

  @Inject
  public KindCatalog(@All List<KindDef> defs) {
    this.builtins = List.copyOf(defs);
    this.snap = build(0);
  }

  private Snapshot build(long generation) {
    List<KindDef> all = new ArrayList<>(builtins);
    dynamic.values().forEach(all::addAll);
    List<KindDef> kinds = sorted(all);
    Map<String, KindDef> byPath = new LinkedHashMap<>();
    Map<String, KindDef> byResource = new LinkedHashMap<>();
    for (KindDef k : kinds) {
      byPath.putIfAbsent(key(k.group(), k.version(), k.plural()), k);
      String rk = k.group() + "/" + k.plural();
      KindDef prev = byResource.get(rk);
      if (prev == null || (k.storageVersion() && !prev.storageVersion())) {
        byResource.put(rk, k);
      }
    }
    return new Snapshot(List.copyOf(kinds), Map.copyOf(byPath), Map.copyOf(byResource), generation);
  }

  private static List<KindDef> sorted(List<KindDef> defs) {
    List<KindDef> out = new ArrayList<>(defs);
    out.sort(
        Comparator.comparingInt((KindDef k) -> groupRank(k.group()))
            .thenComparing(KindDef::group)
            .thenComparing(KindDef::versionPriority)
            .thenComparing(KindDef::plural));
    return out;
  }

  private static int groupRank(String group) {
    int i = GROUP_ORDER.indexOf(group);
    return i < 0 ? GROUP_ORDER.size() : i;
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }

  /**
   * Serves {@code defs} under {@code owner} (e.g. a CustomResourceDefinition's name), replacing
   * what that owner served before; an empty list stops serving them.
   */
  public void register(String owner, List<KindDef> defs) {
    // a run-time kind never takes over a built-in resource (it would share its storage)
    defs =
        defs.stream()
            .filter(
                d ->
                    builtins.stream()
                        .noneMatch(
                            b -> b.group().equals(d.group()) && b.plural().equals(d.plural())))
            .toList();
    synchronized (this) {
      List<KindDef> before = dynamic.get(owner);
      if (defs.isEmpty()) {
        if (before == null) {
          return;
        }
        dynamic.remove(owner);
      } else {
        dynamic.put(owner, List.copyOf(defs));
      }
      snap = build(snap.generation() + 1);
    }
    listeners.forEach(Runnable::run);
  }

  /** The kinds compiled into kpg (not registered at run time). */
  public List<KindDef> builtins() {
    return builtins;
  }

  /** Called after every change of the served kinds. */
  public void onChange(Runnable r) {
    listeners.add(r);
  }

  /** Bumped on every change of the served kinds. */
  public long generation() {
    return snap.generation();
  }

  public List<KindDef> all() {
    return snap.kinds();
  }

  /** The kind served at {@code /apis/<group>/<version>/<plural>}, or null. */
  public KindDef find(String group, String version, String plural) {
    return snap.byPath().get(key(group, version, plural));
  }

  /**
   * The kind stored as {@code group/plural} (the storage key has no version), or null; of a kind
   * served in several versions, the storage version.
   */
  public KindDef byResource(String group, String plural) {
    return snap.byResource().get(group + "/" + plural);
  }

  /** Group names in discovery order. */
  public List<String> groups() {
    List<String> out = new ArrayList<>();
    for (KindDef k : snap.kinds()) {
      if (!out.contains(k.group())) {
        out.add(k.group());
      }
    }
    return out;
  }

  /** Versions of a group, preferred first. */
  public List<String> versions(String group) {
    List<String> out = new ArrayList<>();
    for (KindDef k : snap.kinds()) {
      if (k.group().equals(group) && !out.contains(k.version())) {
        out.add(k.version());
      }
    }
    return out;
  }

  public List<KindDef> inGroupVersion(String group, String version) {
    return snap.kinds().stream()
        .filter(k -> k.group().equals(group) && k.version().equals(version))
        .toList();
  }
}
