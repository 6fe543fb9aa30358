package io.kpg.storage.pg;

import io.kpg.storage.Change;
import io.kpg.storage.ListPage;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.StorageException;
import io.kpg.storage.StorageException.Reason;
import io.kpg.storage.Stored;
import io.kpg.storage.WriteOp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The PostgreSQL store: reads run directly against the database, writes go through the {@link
 * Committer}. Lists read one consistent snapshot (REPEATABLE READ) in key order; a list at an older
 * resourceVersion R takes objects unchanged since R from {@code objects} and the state at R of
 * changed or deleted ones from the change log's {@code prev_data}.
 */
public final class PgStore {
  private final DataSource ds;
  private final Committer committer;
  private final ChangeLogMaintenance maintenance = new ChangeLogMaintenance();

  public PgStore(DataSource ds, Runnable afterCommit) {
    this.ds = ds;
    this.committer = new Committer(ds, afterCommit);
  }

  public void stop() {
    committer.stop();
  }

  public Stored write(WriteOp op) {
    return committer.submit(op);
  }

  public Stored get(ResourceKey key) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(Sql.GET_OBJECT)) {
      Committer.bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Stored(rs.getLong(1), rs.getString(2)) : null;
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Objects (any resource) naming {@code ownerUid} in their ownerReferences: key and JSON. */
  public List<java.util.Map.Entry<ResourceKey, String>> dependents(
      String cluster, String ownerUid) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(Sql.DEPENDENTS)) {
      ps.setString(1, cluster);
      ps.setString(2, ownerUid);
      List<java.util.Map.Entry<ResourceKey, String>> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              java.util.Map.entry(
                  new ResourceKey(
                      cluster, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                  rs.getString(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  public long currentRv() {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(Sql.CURRENT_RV)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Changes of one resource with from < rv <= to, in rv order; EXPIRED if compacted. */
  public List<Change> changes(ResourceKey prefix, long from, long to) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        long compacted;
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery(Sql.COMPACTED_RV)) {
          rs.next();
          compacted = rs.getLong(1);
        }
        if (from < compacted) {
          throw new StorageException(Reason.EXPIRED, Long.toString(compacted));
        }
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.CHANGES_RANGE)) {
          ps.setLong(1, from);
          ps.setLong(2, to);
          ps.setString(3, prefix.cluster());
          ps.setString(4, prefix.group());
          ps.setString(5, prefix.resource());
          ps.setFetchSize(500);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(change(rs));
            }
          }
        }
        return out;
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  static Change change(ResultSet rs) throws SQLException {
    return new Change(
        rs.getLong(1),
        new ResourceKey(
            rs.getString(9), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
        rs.getString(6).charAt(0),
        rs.getString(7),
        rs.getString(8));
  }

  /**
   * Lists at {@code q.snapshotRv()} (0 = now). Throws EXPIRED when that rv's history is gone and a
   * "too large" UNAVAILABLE when the rv is in the future.
   */
  public ListPage list(ListQuery q) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        long current;
        long compacted;
        try (Statement st = c.createStatement();
            ResultSet rs =
                st.executeQuery(
                    "SELECT r.rv, c.compacted_rv FROM rv_counter r, compaction c /* listRvs */")) {
          rs.next();
          current = rs.getLong(1);
          compacted = rs.getLong(2);
        }
        long at = q.snapshotRv() == 0 ? current : q.snapshotRv();
        if (at > current) {
          throw new StorageException(
              Reason.TOO_LARGE, "Too large resource version: " + at + ", current: " + current);
        }
        if (at < current && at < compacted) {
          throw new StorageException(Reason.EXPIRED, Long.toString(compacted));
        }
        return readPage(c, q, at, current);
      } finally {
        c.rollback();
        c.setReadOnly(false);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private ListPage readPage(Connection c, ListQuery q, long at, long current) throws SQLException {
    StringBuilder where = new StringBuilder("cluster = ? AND api_group = ? AND resource = ?");
    List<Object> args = new ArrayList<>(List.of(q.cluster(), q.group(), q.resource()));
    if (q.namespace() != null) {
      where.append(" AND namespace = ?");
      args.add(q.namespace());
    }
    if (q.name() != null) {
      where.append(" AND name = ?");
      args.add(q.name());
    }
    if (q.startAfter() != null) {
      int slash = q.startAfter().indexOf('/');
      where.append(" AND (namespace, name) > (?, ?)");
      args.add(q.startAfter().substring(0, Math.max(slash, 0)));
      args.add(q.startAfter().substring(slash + 1));
    }
    String labelCond = q.labelsContain() != null ? " AND labels @> ?::jsonb" : "";
    String sql;
    List<Object> all = new ArrayList<>();
    if (at == current) {
      sql =
          "SELECT namespace, name, data FROM objects WHERE "
              + where
              + labelCond
              + " ORDER BY namespace, name /* listObjects */";
      all.addAll(args);
      if (q.labelsContain() != null) {
        all.add(q.labelsContain());
      }
    } else {
      sql =
          "SELECT namespace, name, data FROM ("
              + " SELECT namespace, name, data FROM objects WHERE "
              + where
              + labelCond
              + " AND rv <= ?"
              + " UNION ALL"
              + " (SELECT DISTINCT ON (namespace, name) namespace, name, prev_data FROM changes"
              + " WHERE "
              + where
              + " AND rv > ? ORDER BY namespace, name, rv)"
              + ") t WHERE data IS NOT NULL ORDER BY namespace, name /* listAtRv */";
      all.addAll(args);
      if (q.labelsContain() != null) {
        all.add(q.labelsContain());
      }
      all.add(at);
      all.addAll(args);
      all.add(at);
    }
    List<String> items = new ArrayList<>();
    String lastKey = null;
    long remaining = 0;
    boolean countInSql = q.filter() == null && q.limit() > 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, all);
      ps.setFetchSize(500);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String data = rs.getString(3);
          if (q.filter() != null && !q.filter().test(data)) {
            continue;
          }
          if (q.limit() > 0 && items.size() >= q.limit()) {
            remaining++;
            if (countInSql) {
              break; // the database counts the rest (no rows shipped for that)
            }
            continue;
          }
          items.add(data);
          if (q.limit() > 0 && items.size() == q.limit()) {
            lastKey = rs.getString(1) + "/" + rs.getString(2);
          }
        }
      }
    }
    if (remaining == 0) {
      return new ListPage(at, items, null, 0);
    }
    if (countInSql) {
      int slash = lastKey.indexOf('/');
      List<Object> countArgs = new ArrayList<>(all);
      countArgs.add(lastKey.substring(0, slash));
      countArgs.add(lastKey.substring(slash + 1));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT count(*) FROM (" + sql + ") t WHERE (t.namespace, t.name) > (?, ?)")) {
        bind(ps, countArgs);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          remaining = rs.getLong(1);
        }
      }
    }
    return new ListPage(at, items, lastKey, remaining);
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }

  /** Live objects per resource ({@code deployments.apps}), for apiserver_storage_objects. */
  public java.util.Map<String, Long> countObjects() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(Sql.COUNT_OBJECTS)) {
      while (rs.next()) {
        String g = rs.getString(1);
        out.put(g.isEmpty() ? rs.getString(2) : rs.getString(2) + "." + g, rs.getLong(3));
      }
      return out;
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * Maintains the change log (one replica at a time): partitions created ahead, history older than
   * the retention window dropped; returns the compacted rv.
   */
  public long compact(long retentionSeconds) {
    try {
      return maintenance.run(ds, retentionSeconds).compactedRv();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  static StorageException unavailable(SQLException e) {
    return new StorageException(Reason.UNAVAILABLE, "database error: " + e.getMessage(), e);
  }
}
