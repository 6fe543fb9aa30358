package io.kpg.storage.pg;

/** Every SQL statement kpg runs, named; the only SQL outside migrations/. */
final class Sql {
  private Sql() {}

  static final String LOCK_COUNTER =
      "SELECT rv FROM rv_counter WHERE id = 1 FOR UPDATE /* lockCounter */";
  static final String SET_COUNTER = "UPDATE rv_counter SET rv = ? WHERE id = 1 /* setCounter */";
  static final String CURRENT_RV = "SELECT rv FROM rv_counter WHERE id = 1 /* currentRv */";
  static final String NOTIFY = "SELECT pg_notify('kpg_changes', '') /* notify */";
  static final String LISTEN = "LISTEN kpg_changes";

  static final String INSERT_OBJECT =
      "INSERT INTO objects (cluster, api_group, resource, namespace, name, rv, labels, data,"
          + " owner_uids) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING"
          + " /* insertObject */";
  static final String UPDATE_OBJECT =
      "UPDATE objects SET rv = ?, labels = ?::jsonb, data = ?, owner_uids = ? WHERE cluster = ?"
          + " AND api_group = ? AND resource = ? AND namespace = ? AND name = ? AND rv = ?"
          + " /* updateObject */";
  static final String DELETE_OBJECT =
      "DELETE FROM objects WHERE cluster = ? AND api_group = ? AND resource = ? AND namespace = ?"
          + " AND name = ? AND rv = ? /* deleteObject */";
  static final String INSERT_CHANGE =
      "INSERT INTO changes (rv, cluster, api_group, resource, namespace, name, type, data,"
          + " prev_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) /* insertChange */";
  static final String DEPENDENTS =
      "SELECT api_group, resource, namespace, name, data FROM objects WHERE cluster = ? AND"
          + " owner_uids @> ARRAY[?::text] /* dependents */";
  static final String GET_OBJECT =
      "SELECT rv, data FROM objects WHERE cluster = ? AND api_group = ? AND resource = ? AND"
          + " namespace = ? AND name = ? /* getObject */";
  static final String CHANGES_AFTER =
      "SELECT rv, api_group, resource, namespace, name, type, data, prev_data, cluster FROM changes"
          + " WHERE rv > ? ORDER BY rv LIMIT ? /* changesAfter */";
  static final String CHANGES_RANGE =
      "SELECT rv, api_group, resource, namespace, name, type, data, prev_data, cluster FROM changes"
          + " WHERE rv > ? AND rv <= ? AND cluster = ? AND api_group = ? AND resource = ?"
          + " ORDER BY rv /* changesRange */";
  static final String COUNT_OBJECTS =
      "SELECT api_group, resource, count(*) FROM objects GROUP BY 1, 2 /* countObjects */";
  static final String COMPACTED_RV =
      "SELECT compacted_rv FROM compaction WHERE id = 1 /* compactedRv */";
  static final String CLOSE_PARTITIONS =
      "UPDATE change_partitions SET closed_at = now() WHERE closed_at IS NULL AND hi <= ? + 1"
          + " /* closePartitions */";
  static final String HIGHEST_PARTITION_END =
      "SELECT coalesce(max(hi), 0) FROM change_partitions /* highestPartitionEnd */";
  static final String ADD_PARTITION =
      "INSERT INTO change_partitions (name, lo, hi) VALUES (?, ?, ?) /* addPartition */";
  static final String EXPIRED_PARTITIONS =
      "SELECT name, lo, hi FROM change_partitions WHERE closed_at < now() - make_interval(secs => ?)"
          + " ORDER BY lo /* expiredPartitions */";
  static final String REMOVE_PARTITION =
      "DELETE FROM change_partitions WHERE name = ? /* removePartition */";
  static final String DELETE_DEFAULT_BELOW =
      "DELETE FROM changes_default WHERE rv < ? /* deleteDefaultBelow */";
  static final String DEFAULT_BOUNDARY =
      "SELECT coalesce(max(rv), 0) FROM changes_default WHERE created_at < now()"
          + " - make_interval(secs => ?) /* defaultBoundary */";
  static final String COMPACT_MARK =
      "UPDATE compaction SET compacted_rv = greatest(compacted_rv, ?) WHERE id = 1"
          + " /* compactMark */";
}
