package io.kpg.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.registry.ResourceStore;
import io.kpg.server.Storage;
import io.kpg.storage.Change;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.Stored;
import io.kpg.watch.Watcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The garbage collector, for ownerReferences: when an owner is gone its dependents go too
 * (background), an owner deleted with propagationPolicy Orphan ({@code orphan} finalizer) first
 * loses its dependents' references to it, and one deleted with Foreground ({@code
 * foregroundDeletion}) stays until its dependents are gone. Dependents are found through the
 * owner-uid index; all writes go through the front door.
 */
final class GarbageCollector extends Controller {
  /** where an owner uid was last seen */
  record Owner(String group, String resource, String namespace, String name) {}

  private final Storage storage;
  private final LocalClient client;
  private final KindCatalog catalog;
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  private final Watcher feed =
      new Watcher() {
        @Override
        public boolean offer(Change c) {
          observe(c);
          return true;
        }

        @Override
        public void close() {
          // never dropped: offer always accepts
        }
      };

  GarbageCollector(Storage storage, LocalClient client, KindCatalog catalog) {
    super("garbage-collector");
    this.storage = storage;
    this.client = client;
    this.catalog = catalog;
  }

  @Override
  public List<Informer> informers() {
    return List.of();
  }

  @Override
  public void start() {
    storage.cache().watchAll(feed);
    super.start();
  }

  @Override
  public void stop() {
    storage.cache().unwatchAll(feed);
    super.stop();
  }

  /** Objects already waiting for the collector when this replica became leader. */
  @Override
  protected void enqueueAll() {
    for (KindDef k : catalog.all()) {
      if (k.virtual()) {
        continue;
      }
      if (catalog.byResource(k.group(), k.plural()) != k) {
        continue; // another version of a resource already visited
      }
      for (String s :
          storage
              .store()
              .list(
                  new ListQuery(
                      ResourceKey.DEFAULT_CLUSTER,
                      k.group(),
                      k.plural(),
                      null,
                      null,
                      null,
                      d -> d.contains("\"deletionTimestamp\""),
                      0,
                      null,
                      0))
              .items()) {
        ObjectNode o = Json.parseTrusted(s);
        if (waitsForCollector(o)) {
          track(k.group(), k.plural(), o);
        }
      }
    }
  }

  private void observe(Change c) {
    if (c.type() == 'D'
        || (c.data().contains("\"" + ResourceStore.ORPHAN_FINALIZER + "\"")
            || c.data().contains("\"" + ResourceStore.FOREGROUND_FINALIZER + "\""))) {
      ObjectNode o = Json.parseTrusted(c.data());
      if (c.type() == 'D' || waitsForCollector(o)) {
        track(c.key().group(), c.key().resource(), o);
      }
    }
  }

  private void track(String group, String resource, ObjectNode o) {
    JsonNode md = o.path("metadata");
    String uid = md.path("uid").asText("");
    if (uid.isEmpty()) {
      return;
    }
    owners.put(
        uid, new Owner(group, resource, md.path("namespace").asText(""), md.path("name").asText()));
    queue.add(uid);
  }

  private static boolean waitsForCollector(ObjectNode o) {
    if (!o.path("metadata").has("deletionTimestamp")) {
      return false;
    }
    for (JsonNode f : o.path("metadata").path("finalizers")) {
      String s = f.asText();
      if (s.equals(ResourceStore.ORPHAN_FINALIZER)
          || s.equals(ResourceStore.FOREGROUND_FINALIZER)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Result reconcile(String uid) {
    Owner where = owners.get(uid);
    if (where == null) {
      return Result.DONE;
    }
    KindDef ownerKind = catalog.byResource(where.group(), where.resource());
    Stored cur =
        ownerKind == null
            ? null
            : storage
                .store()
                .get(
                    new ResourceKey(
                        ResourceKey.DEFAULT_CLUSTER,
                        where.group(),
                        where.resource(),
                        where.namespace(),
                        where.name()));
    ObjectNode owner = cur == null ? null : Json.parseTrusted(cur.data());
    if (owner != null && !uid.equals(owner.path("metadata").path("uid").asText())) {
      owner = null; // a new object with the same name: the old owner is gone
    }
    List<Map.Entry<ResourceKey, String>> deps =
        storage.store().dependents(ResourceKey.DEFAULT_CLUSTER, uid);
    if (owner == null) {
      // owner gone: dependents lose the reference; those left without owners are deleted
      for (Map.Entry<ResourceKey, String> d : deps) {
        ObjectNode dep = Json.parseTrusted(d.getValue());
        if (remainingOwners(dep, uid) == 0) {
          deleteQuietly(d.getKey());
        } else {
          dropReference(d.getKey(), uid);
        }
      }
      owners.remove(uid);
      return Result.DONE;
    }
    List<String> fins = finalizers(owner);
    if (fins.contains(ResourceStore.ORPHAN_FINALIZER)) {
      for (Map.Entry<ResourceKey, String> d : deps) {
        dropReference(d.getKey(), uid);
      }
      removeFinalizer(ownerKind, where, ResourceStore.ORPHAN_FINALIZER);
      return Result.DONE;
    }
    if (fins.contains(ResourceStore.FOREGROUND_FINALIZER)) {
      if (!deps.isEmpty()) {
        for (Map.Entry<ResourceKey, String> d : deps) {
          if (!Json.parseTrusted(d.getValue()).path("metadata").has("deletionTimestamp")) {
            deleteQuietly(d.getKey());
          }
        }
        return Result.after(500);
      }
      removeFinalizer(ownerKind, where, ResourceStore.FOREGROUND_FINALIZER);
    }
    return Result.DONE;
  }

  private static int remainingOwners(ObjectNode dep, String goneUid) {
    int n = 0;
    for (JsonNode r : dep.path("metadata").path("ownerReferences")) {
      if (!goneUid.equals(r.path("uid").asText())) {
        n++;
      }
    }
    return n;
  }

  private static List<String> finalizers(ObjectNode o) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    o.path("metadata").path("finalizers").forEach(f -> out.add(f.asText()));
    return out;
  }

  private void deleteQuietly(ResourceKey key) {
    KindDef k = catalog.byResource(key.group(), key.resource());
    if (k == null) {
      return;
    }
    try {
      client.delete(k, key.namespace(), key.name());
    } catch (StatusException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private void dropReference(ResourceKey key, String uid) {
    KindDef k = catalog.byResource(key.group(), key.resource());
    if (k == null) {
      return;
    }
    try {
      client.update(
          k,
          key.namespace(),
          key.name(),
          o -> {
            ObjectNode md = Json.obj(o, "metadata");
            JsonNode refs = md.path("ownerReferences");
            ArrayNode kept = Json.array();
            refs.forEach(
                r -> {
                  if (!uid.equals(r.path("uid").asText())) {
                    kept.add(r);
                  }
                });
            if (kept.isEmpty()) {
              md.remove("ownerReferences");
            } else {
              md.set("ownerReferences", kept);
            }
            return o;
          });
    } catch (StatusException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private void removeFinalizer(KindDef k, Owner where, String finalizer) {
    try {
      client.update(
          k,
          where.namespace(),
          where.name(),
          o -> {
            ObjectNode md = Json.obj(o, "metadata");
            ArrayNode kept = Json.array();
            md.path("finalizers")
                .forEach(
                    f -> {
                      if (!finalizer.equals(f.asText())) {
                        kept.add(f);
                      }
                    });
            if (kept.isEmpty()) {
              md.remove("finalizers");
            } else {
              md.set("finalizers", kept);
            }
            return o;
          });
    } catch (StatusException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }
}
