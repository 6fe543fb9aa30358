package io.kpg.storage;

/**
 * Where an object lives: logical cluster, API group, resource (plural), namespace ('' when
 * cluster-scoped) and name. The logical cluster is fixed to {@link #DEFAULT_CLUSTER} for now; it is
 * part of every key so that virtual clusters can come without a storage rewrite.
 */
public record ResourceKey(
    String cluster, String group, String resource, String namespace, String name) {
  public static final String DEFAULT_CLUSTER = "default";

  public static ResourceKey of(String group, String resource, String namespace, String name) {
    return new ResourceKey(
        DEFAULT_CLUSTER, group, resource, namespace == null ? "" : namespace, name);
  }
}
