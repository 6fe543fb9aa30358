package io.kpg.registry;

import io.quarkus.arc.All;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every served kind, collected from the {@link KindDef} beans. Discovery, OpenAPI, routing and the
 * watch machinery all read from here; nothing else lists kinds.
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

  private final List<KindDef> kinds;
  private final Map<String, KindDef> byResource = new LinkedHashMap<>();

  @Inject
  public KindCatalog(@All List<KindDef> defs) {
    this.kinds = sorted(defs);
    for (KindDef k : kinds) {
      byResource.put(key(k.group(), k.version(), k.plural()), k);
    }
  }

  private static List<KindDef> sorted(List<KindDef> defs) {
    List<KindDef> out = new ArrayList<>(defs);
    out.sort(
        Comparator.comparingInt((KindDef k) -> groupRank(k.group()))
            .thenComparing(KindDef::group)
            .thenComparing(KindDef::plural));
    return List.copyOf(out);
  }

  private static int groupRank(String group) {
    int i = GROUP_ORDER.indexOf(group);
    return i < 0 ? GROUP_ORDER.size() : i;
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }

  public List<KindDef> all() {
    return kinds;
  }

  /** The kind served at {@code /apis/<group>/<version>/<plural>}, or null. */
  public KindDef find(String group, String version, String plural) {
    return byResource.get(key(group, version, plural));
  }

  /** The kind stored as {@code group/plural} (the storage key has no version), or null. */
  public KindDef byResource(String group, String plural) {
    for (KindDef k : kinds) {
      if (k.group().equals(group) && k.plural().equals(plural)) {
        return k;
      }
    }
    return null;
  }

  /** Group names in discovery order. */
  public List<String> groups() {
    List<String> out = new ArrayList<>();
    for (KindDef k : kinds) {
      if (!out.contains(k.group())) {
        out.add(k.group());
      }
    }
    return out;
  }

  /** Versions of a group, preferred first. */
  public List<String> versions(String group) {
    List<String> out = new ArrayList<>();
    for (KindDef k : kinds) {
      if (k.group().equals(group) && !out.contains(k.version())) {
        out.add(k.version());
      }
    }
    return out;
  }

  public List<KindDef> inGroupVersion(String group, String version) {
    return kinds.stream()
        .filter(k -> k.group().equals(group) && k.version().equals(version))
        .toList();
  }
}
