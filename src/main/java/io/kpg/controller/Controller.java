package io.kpg.controller;

import io.kpg.errors.StatusException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A level-triggered controller: informer handlers only map changes to keys on the {@link
 * WorkQueue}; {@link #reconcile} brings one key to its desired state from current state.
 */
public abstract class Controller {
  private static final Logger LOG = Logger.getLogger(Controller.class);

  /** What to do with a key after reconcile. */
  public record Result(long requeueAfterMs) {
    public static final Result DONE = new Result(-1);

    public static Result after(long ms) {
      return new Result(ms);
    }
  }

  protected final WorkQueue queue;
  private final String name;
  private volatile boolean running;
  private Thread worker;

  protected Controller(String name) {
    this.name = name;
    this.queue = new WorkQueue(name);
  }

  public String name() {
    return name;
  }

  /** Informers this controller needs synced before its worker starts. */
  public abstract List<Informer> informers();

  protected abstract Result reconcile(String key) throws Exception;

  /** Queues every key the controller should look at after starting (e.g. all namespaces). */
  protected abstract void enqueueAll();

  public void start() {
    running = true;
    enqueueAll();
    worker = new Thread(this::work, "kpg-controller-" + name);
    worker.setDaemon(true);
    worker.start();
  }

  public void stop() {
    running = false;
    queue.shutdown();
    if (worker != null) {
      worker.interrupt();
    }
  }

  private void work() {
    while (running) {
      String key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        return;
      }
      try {
        Result r = reconcile(key);
        queue.forget(key);
        if (r.requeueAfterMs() >= 0) {
          queue.addAfter(key, r.requeueAfterMs());
        }
      } catch (StatusException e) {
        LOG.debugf("%s: %s: %s", name, key, e.getMessage());
        queue.addRateLimited(key);
      } catch (Exception e) {
        LOG.warnf("%s: reconcile %s failed: %s", name, key, e.toString());
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }
}
