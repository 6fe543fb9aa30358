package io.kpg.storage.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.StorageException;
import io.kpg.storage.StorageException.Reason;
import io.kpg.storage.Stored;
import io.kpg.storage.WriteOp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Group commit: one thread takes every pending write, runs them in ONE transaction and commits
 * once. The transaction starts by locking the single {@code rv_counter} row, so transactions (of
 * this and every other replica) commit one after another and resourceVersions are handed out in
 * commit order. Each write is conditional (ON CONFLICT DO NOTHING / WHERE rv = expected), so one
 * failing write fails alone while the others of its batch commit. A NOTIFY per batch (not per
 * object) wakes the change feeds of all replicas.
 */
public final class Committer {
  private static final Logger LOG = Logger.getLogger(Committer.class);
  static final int MAX_BATCH = 256;

  private final DataSource ds;
  private final BlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>();
  private final Runnable afterCommit;
  private volatile boolean running = true;
  private final Thread thread;

  public Committer(DataSource ds, Runnable afterCommit) {
    this.ds = ds;
    this.afterCommit = afterCommit;
    this.thread = new Thread(this::loop, "kpg-committer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  public Stored submit(WriteOp op) {
    if (!running) {
      throw new StorageException(Reason.UNAVAILABLE, "storage is shutting down");
    }
    queue.add(op);
    try {
      return op.result().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(Reason.UNAVAILABLE, "interrupted");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new StorageException(Reason.UNAVAILABLE, "storage write timed out");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof StorageException se) {
        throw se;
      }
      throw new StorageException(Reason.UNAVAILABLE, String.valueOf(e.getCause()), e.getCause());
    }
  }

  public void stop() {
    running = false;
    thread.interrupt();
  }

  private void loop() {
    List<WriteOp> batch = new ArrayList<>();
    while (running) {
      try {
        WriteOp first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commitBatch(batch);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        LOG.error("committer failure", e);
      } finally {
        batch.clear();
      }
    }
    WriteOp op;
    while ((op = queue.poll()) != null) {
      op.result().completeExceptionally(new StorageException(Reason.UNAVAILABLE, "shutting down"));
    }
  }

  private void commitBatch(List<WriteOp> batch) {
    List<Stored> results = new ArrayList<>(batch.size());
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        runBatch(c, batch, results);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        safeRollback(c);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      if (batch.size() > 1) {
        // isolate the failing write: run each alone
        LOG.warnf("batch of %d failed (%s); retrying one by one", batch.size(), e.toString());
        for (WriteOp op : batch) {
          commitBatch(new ArrayList<>(List.of(op)));
        }
        return;
      }
      batch
          .get(0)
          .result()
          .completeExceptionally(
              new StorageException(Reason.UNAVAILABLE, "storage error: " + e.getMessage(), e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Stored s = results.get(i);
      if (s != null) {
        batch.get(i).result().complete(s);
      }
    }
    afterCommit.run();
  }

  private static void safeRollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is discarded by the pool when broken
    }
  }

  private static void runBatch(Connection c, List<WriteOp> batch, List<Stored> results)
      throws SQLException {
    long rv;
    try (PreparedStatement ps = c.prepareStatement(Sql.LOCK_COUNTER);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      rv = rs.getLong(1);
    }
    long startRv = rv;
    try (PreparedStatement ins = c.prepareStatement(Sql.INSERT_OBJECT);
        PreparedStatement upd = c.prepareStatement(Sql.UPDATE_OBJECT);
        PreparedStatement del = c.prepareStatement(Sql.DELETE_OBJECT);
        PreparedStatement log = c.prepareStatement(Sql.INSERT_CHANGE)) {
      for (WriteOp op : batch) {
        long next = rv + 1;
        ObjectNode obj = op.object();
        Json.obj(obj, "metadata").put("resourceVersion", Long.toString(next));
        String data = Json.write(obj);
        ResourceKey k = op.key();
        int n;
        switch (op.type()) {
          case CREATE -> {
            bindKey(ins, k);
            ins.setLong(6, next);
            ins.setString(7, labels(obj));
            ins.setString(8, data);
            ins.setArray(9, c.createArrayOf("text", ownerUids(obj)));
            n = ins.executeUpdate();
          }
          case UPDATE -> {
            upd.setLong(1, next);
            upd.setString(2, labels(obj));
            upd.setString(3, data);
            upd.setArray(4, c.createArrayOf("text", ownerUids(obj)));
            bindKeyAt(upd, 5, k);
            upd.setLong(10, op.expectedRv());
            n = upd.executeUpdate();
          }
          case DELETE -> {
            bindKey(del, k);
            del.setLong(6, op.expectedRv());
            n = del.executeUpdate();
          }
          default -> throw new IllegalStateException();
        }
        if (n == 0) {
          op.result()
              .completeExceptionally(
                  op.type() == WriteOp.Type.CREATE
                      ? new StorageException(Reason.KEY_EXISTS, "exists")
                      : new StorageException(Reason.CONFLICT, "changed"));
          results.add(null);
          continue;
        }
        rv = next;
        log.setLong(1, rv);
        bindKeyAt(log, 2, k);
        log.setString(7, String.valueOf(op.changeType()));
        log.setString(8, data);
        log.setString(9, op.prevData());
        log.addBatch();
        results.add(new Stored(rv, data));
      }
      if (rv != startRv) {
        log.executeBatch();
      }
    }
    if (rv != startRv) {
      try (PreparedStatement ps = c.prepareStatement(Sql.SET_COUNTER)) {
        ps.setLong(1, rv);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(Sql.NOTIFY)) {
        ps.execute();
      }
    }
  }

  private static String[] ownerUids(ObjectNode obj) {
    JsonNode refs = obj.path("metadata").path("ownerReferences");
    List<String> uids = new ArrayList<>();
    for (JsonNode r : refs) {
      String uid = r.path("uid").asText("");
      if (!uid.isEmpty()) {
        uids.add(uid);
      }
    }
    return uids.toArray(new String[0]);
  }

  private static String labels(ObjectNode obj) {
    JsonNode l = obj.path("metadata").path("labels");
    return l.isObject() ? Json.write(l) : "{}";
  }

  static void bindKey(PreparedStatement ps, ResourceKey k) throws SQLException {
    bindKeyAt(ps, 1, k);
  }

  static void bindKeyAt(PreparedStatement ps, int i, ResourceKey k) throws SQLException {
    ps.setString(i, k.cluster());
    ps.setString(i + 1, k.group());
    ps.setString(i + 2, k.resource());
    ps.setString(i + 3, k.namespace());
    ps.setString(i + 4, k.name());
  }
}
