package io.kpg.storage.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps the change log's rv-range partitions ahead of the counter and retires history by dropping
 * whole partitions once they have been closed (the counter passed their end) for longer than the
 * retention window. Rows that landed in the default partition are deleted by the same rule. The
 * highest removed rv becomes {@code compaction.compacted_rv}.
 */
final class ChangeLogMaintenance {
  /** the smallest partition, in resourceVersions */
  static final long MIN_WIDTH = 10_000;

  /** partitions are sized to hold about this many seconds of writes */
  static final long SECONDS_PER_PARTITION = 120;

  private static final long LOCK_KEY = 0x6b70676368616e67L; // "kpgchang"

  private final long minWidth;
  private long lastRv = -1;
  private long lastAt;

  ChangeLogMaintenance() {
    this(MIN_WIDTH);
  }

  ChangeLogMaintenance(long minWidth) {
    this.minWidth = minWidth;
  }

  /** What one run did. */
  record Result(long compactedRv, int created, int dropped) {}

  synchronized Result run(DataSource ds, long retentionSeconds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        Result r = runLocked(c, retentionSeconds);
        c.commit();
        return r;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private Result runLocked(Connection c, long retentionSeconds) throws SQLException {
    if (!queryBoolean(c, "SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")")) {
      return new Result(queryLong(c, Sql.COMPACTED_RV), 0, 0); // another replica is at it
    }
    long current = queryLong(c, Sql.CURRENT_RV);
    long width = width(current);
    try (PreparedStatement ps = c.prepareStatement(Sql.CLOSE_PARTITIONS)) {
      ps.setLong(1, current);
      ps.executeUpdate();
    }
    int created = 0;
    long highest = queryLong(c, Sql.HIGHEST_PARTITION_END);
    if (highest - current < width / 2) {
      // start where the last partition ends, unless the counter already ran past it: then
      // leave room for writes committing while this runs (they go to the default partition)
      long lo = highest > current ? highest : current + 1 + width / 10;
      long hi = lo + width;
      String name = "changes_p" + lo;
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE "
                + name
                + " PARTITION OF changes FOR VALUES FROM ("
                + lo
                + ") TO ("
                + hi
                + ")");
      }
      try (PreparedStatement ps = c.prepareStatement(Sql.ADD_PARTITION)) {
        ps.setString(1, name);
        ps.setLong(2, lo);
        ps.setLong(3, hi);
        ps.executeUpdate();
      }
      created++;
    }
    long compacted = 0;
    int dropped = 0;
    List<long[]> old = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(Sql.EXPIRED_PARTITIONS)) {
      ps.setLong(1, retentionSeconds);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
          old.add(new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    for (int i = 0; i < names.size(); i++) {
      long hi = old.get(i)[1];
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE " + names.get(i));
      }
      try (PreparedStatement ps = c.prepareStatement(Sql.REMOVE_PARTITION)) {
        ps.setString(1, names.get(i));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(Sql.DELETE_DEFAULT_BELOW)) {
        ps.setLong(1, hi);
        ps.executeUpdate();
      }
      compacted = Math.max(compacted, hi - 1);
      dropped++;
    }
    // rows that landed in the default partition retire by age
    long defaultBoundary;
    try (PreparedStatement ps = c.prepareStatement(Sql.DEFAULT_BOUNDARY)) {
      ps.setLong(1, retentionSeconds);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        defaultBoundary = rs.getLong(1);
      }
    }
    if (defaultBoundary > 0) {
      try (PreparedStatement ps = c.prepareStatement(Sql.DELETE_DEFAULT_BELOW)) {
        ps.setLong(1, defaultBoundary + 1);
        ps.executeUpdate();
      }
      compacted = Math.max(compacted, defaultBoundary);
    }
    if (compacted > 0) {
      try (PreparedStatement ps = c.prepareStatement(Sql.COMPACT_MARK)) {
        ps.setLong(1, compacted);
        ps.executeUpdate();
      }
    }
    return new Result(queryLong(c, Sql.COMPACTED_RV), created, dropped);
  }

  /** Partition width from the observed write rate (rvs per second since the last run). */
  private long width(long current) {
    long now = System.nanoTime();
    long w = minWidth;
    if (lastRv >= 0 && now > lastAt) {
      double perSecond = (current - lastRv) / ((now - lastAt) / 1e9);
      w = Math.max(minWidth, (long) (perSecond * SECONDS_PER_PARTITION));
    }
    lastRv = current;
    lastAt = now;
    return w;
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean queryBoolean(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
