package io.kpg.storage.pg;

import io.kpg.storage.Change;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * The one listening connection of a replica. NOTIFY is only a doorbell: on every ring (and at least
 * once a second, to cover a lost notification or a reconnect) it reads the change log after the
 * last rv it delivered, in rv order, and hands the rows to the watch cache.
 */
public final class ChangeFeed {
  private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
  private static final int PAGE = 1000;

  private final String url;
  private final String user;
  private final String password;
  private final Consumer<List<Change>> sink;
  private volatile long lastRv;
  private volatile boolean running = true;
  private final Object wake = new Object();
  private boolean woken;
  private final Thread thread;

  public ChangeFeed(
      String url, String user, String password, long startRv, Consumer<List<Change>> sink) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.lastRv = startRv;
    this.sink = sink;
    this.thread = new Thread(this::run, "kpg-change-feed");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  public long lastRv() {
    return lastRv;
  }

  /** Local writes ring this directly, saving the NOTIFY round trip. */
  public void ring() {
    synchronized (wake) {
      woken = true;
      wake.notifyAll();
    }
  }

  public void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        try (Statement st = c.createStatement()) {
          st.execute(Sql.LISTEN);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          int n = readOnce(c);
          if (n >= PAGE) {
            continue;
          }
          boolean local;
          synchronized (wake) {
            local = woken;
            woken = false;
          }
          if (!local) {
            // blocks until a NOTIFY arrives or 50ms pass; then checks the local bell again
            for (int i = 0; i < 20 && running; i++) {
              var notes = pg.getNotifications(50);
              if (notes != null && notes.length > 0) {
                break;
              }
              synchronized (wake) {
                if (woken) {
                  woken = false;
                  break;
                }
              }
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warnf("change feed connection lost (%s); reconnecting", e.getMessage());
          sleep(500);
        }
      } catch (RuntimeException e) {
        LOG.error("change feed failure", e);
        sleep(500);
      }
    }
  }

  private int readOnce(Connection c) throws SQLException {
    List<Change> batch = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(Sql.CHANGES_AFTER)) {
      ps.setLong(1, lastRv);
      ps.setInt(2, PAGE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          batch.add(PgStore.change(rs));
        }
      }
    }
    if (!batch.isEmpty()) {
      sink.accept(batch);
      lastRv = batch.get(batch.size() - 1).rv();
    }
    return batch.size();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
