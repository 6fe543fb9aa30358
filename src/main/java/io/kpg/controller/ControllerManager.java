package io.kpg.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.server.Storage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the controllers on exactly one replica: every replica creates the system namespaces it
 * needs, then competes for the {@code kube-system/kpg-controller-manager} Lease; the holder renews
 * it every {@link #RENEW_MS}, and a replica takes over once a lease has not been renewed for its
 * duration. Controllers start after their informers have synced and stop when leadership is lost.
 */
@Singleton
public class ControllerManager {
  private static final Logger LOG = Logger.getLogger(ControllerManager.class);
  static final String LEASE_NAMESPACE = "kube-system";
  static final String LEASE_NAME = "kpg-controller-manager";
  static final int LEASE_SECONDS = 10;
  static final long RENEW_MS = 2000;
  static final List<String> SYSTEM_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");
  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  @Inject Storage storage;
  @Inject KindCatalog catalog;
  @Inject LocalClient client;

  @ConfigProperty(name = "kpg.controllers.enabled", defaultValue = "true")
  boolean enabled;

  /** How long the change log keeps history (watches and continue tokens reach back this far). */
  @ConfigProperty(name = "kpg.changelog.retention-seconds", defaultValue = "600")
  long retentionSeconds;

  @ConfigProperty(name = "kpg.tls.dir")
  String tlsDir;

  private final String identity = hostname() + "_" + UUID.randomUUID();
  private volatile boolean running = true;
  private Thread elector;
  private final Map<String, Informer> informers = new HashMap<>();
  private final List<Controller> controllers = new ArrayList<>();
  private volatile boolean leading;

  void onStart(@Observes StartupEvent ev) {
    if (!enabled) {
      return;
    }
    elector = new Thread(this::electionLoop, "kpg-leader-election");
    elector.setDaemon(true);
    elector.start();
  }

  void onStop(@Observes ShutdownEvent ev) {
    running = false;
    if (elector != null) {
      elector.interrupt();
    }
    stopControllers();
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "kpg";
    }
  }

  private void electionLoop() {
    boolean namespacesReady = false;
    long lastCompaction = System.currentTimeMillis();
    while (running) {
      try {
        if (!namespacesReady) {
          ensureSystemNamespaces();
          namespacesReady = true;
        }
        boolean held = tryAcquireOrRenew();
        if (held && !leading) {
          LOG.infof("%s became the controller leader", identity);
          leading = true;
          startControllers();
        } else if (!held && leading) {
          LOG.infof("%s lost controller leadership", identity);
          leading = false;
          stopControllers();
        }
        if (leading && System.currentTimeMillis() - lastCompaction > 30_000) {
          lastCompaction = System.currentTimeMillis();
          storage.store().compact(retentionSeconds);
        }
      } catch (RuntimeException e) {
        LOG.debugf("leader election: %s", e.toString());
      }
      try {
        Thread.sleep(RENEW_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void ensureSystemNamespaces() {
    KindDef ns = client.kind("", "v1", "namespaces");
    for (String name : SYSTEM_NAMESPACES) {
      if (storage.store().get(io.kpg.registry.ResourceStore.key(ns, "", name)) != null) {
        continue;
      }
      ObjectNode o = Json.object();
      o.putObject("metadata").put("name", name);
      try {
        client.create(ns, "", o);
      } catch (StatusException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  static String microTime(Instant t) {
    return MICRO.format(t.truncatedTo(ChronoUnit.MICROS));
  }

  private boolean tryAcquireOrRenew() {
    KindDef leases = client.kind("coordination.k8s.io", "v1", "leases");
    Instant now = Instant.now();
    io.kpg.storage.Stored stored =
        storage.store().get(io.kpg.registry.ResourceStore.key(leases, LEASE_NAMESPACE, LEASE_NAME));
    ObjectNode current = stored == null ? null : Json.parseTrusted(stored.data());
    if (current == null) {
      ObjectNode l = Json.object();
      l.putObject("metadata").put("name", LEASE_NAME);
      ObjectNode spec = l.putObject("spec");
      spec.put("holderIdentity", identity);
      spec.put("leaseDurationSeconds", LEASE_SECONDS);
      spec.put("acquireTime", microTime(now));
      spec.put("renewTime", microTime(now));
      spec.put("leaseTransitions", 0);
      try {
        client.create(leases, LEASE_NAMESPACE, l);
        return true;
      } catch (StatusException e) {
        return false;
      }
    }
    ObjectNode spec = (ObjectNode) current.path("spec");
    String holder = spec.path("holderIdentity").asText("");
    Instant renew;
    try {
      renew = Instant.parse(spec.path("renewTime").asText());
    } catch (RuntimeException e) {
      renew = Instant.EPOCH;
    }
    int duration = spec.path("leaseDurationSeconds").asInt(LEASE_SECONDS);
    boolean mine = holder.equals(identity);
    if (!mine && renew.plusSeconds(duration).isAfter(now) && !holder.isEmpty()) {
      return false;
    }
    String rv = current.path("metadata").path("resourceVersion").asText();
    try {
      client.update(
          leases,
          LEASE_NAMESPACE,
          LEASE_NAME,
          l -> {
            if (!rv.equals(l.path("metadata").path("resourceVersion").asText())) {
              throw io.kpg.errors.Errors.conflict(
                  "coordination.k8s.io", "leases", LEASE_NAME, "lease changed");
            }
            ObjectNode s = Json.obj(l, "spec");
            if (!mine) {
              s.put("holderIdentity", identity);
              s.put("acquireTime", microTime(now));
              s.put("leaseTransitions", s.path("leaseTransitions").asInt(0) + 1);
            }
            s.put("leaseDurationSeconds", LEASE_SECONDS);
            s.put("renewTime", microTime(now));
            return l;
          });
      return true;
    } catch (StatusException e) {
      return false;
    }
  }

  Informer informer(String group, String version, String plural) {
    synchronized (informers) {
      return informers.computeIfAbsent(
          group + "/" + version + "/" + plural,
          k -> {
            Informer i = new Informer(storage, client.kind(group, version, plural));
            i.start();
            return i;
          });
    }
  }

  private synchronized void startControllers() {
    String caPem;
    try {
      caPem = Files.readString(Path.of(tlsDir, "ca.crt"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the cluster CA", e);
    }
    controllers.add(new NamespaceController(this, client, catalog, storage));
    controllers.add(new ServiceAccountController(this, client, caPem));
    controllers.add(new GarbageCollector(storage, client, catalog));
    controllers.add(new CrdController(this, client, catalog, storage));
    for (Controller c : controllers) {
      waitForSync(c);
      c.start();
    }
  }

  private void waitForSync(Controller c) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (c.informers().stream().allMatch(Informer::hasSynced)) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.warnf("informers of %s did not sync in time", c.name());
  }

  private synchronized void stopControllers() {
    controllers.forEach(Controller::stop);
    controllers.clear();
    synchronized (informers) {
      informers.values().forEach(Informer::stop);
      informers.clear();
    }
  }
}
