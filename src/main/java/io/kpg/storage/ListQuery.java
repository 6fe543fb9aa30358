package io.kpg.storage;

import java.util.function.Predicate;

/**
 * A LIST against one resource.
 *
 * @param namespace null for all namespaces
 * @param name exact name (a metadata.name field selector pushed down), or null
 * @param labelsContain JSON object every listed object's labels must contain (pushed down to the
 *     labels index), or null
 * @param filter the full selector check on the parsed object, or null when everything matches
 * @param snapshotRv 0 for the latest state, else the resourceVersion to list at
 * @param startAfter exclusive start key "namespace/name" (from a continue token), or null
 * @param limit 0 for no limit
 */
public record ListQuery(
    String cluster,
    String group,
    String resource,
    String namespace,
    String name,
    String labelsContain,
    Predicate<String> filter,
    long snapshotRv,
    String startAfter,
    int limit) {}
