package io.kpg.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.server.Storage;
import io.kpg.storage.ListPage;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import java.util.List;

/**
 * Namespace lifecycle: when a namespace is marked for deletion, deletes everything in it (every
 * namespaced kind), waits until it is all gone (objects with finalizers keep it), then finalizes
 * the namespace (removes the {@code kubernetes} finalizer) so that it is removed.
 */
final class NamespaceController extends Controller {
  static final String FINALIZER = "kubernetes";

  private final Informer namespaces;
  private final LocalClient client;
  private final KindCatalog catalog;
  private final Storage storage;
  private final KindDef nsKind;

  NamespaceController(
      ControllerManager cm, LocalClient client, KindCatalog catalog, Storage storage) {
    super("namespace");
    this.client = client;
    this.catalog = catalog;
    this.storage = storage;
    this.namespaces = cm.informer("", "v1", "namespaces");
    this.nsKind = namespaces.kind();
    namespaces.addHandler(
        (old, obj, deleted) -> {
          if (!deleted && obj.path("metadata").has("deletionTimestamp")) {
            queue.add(obj.path("metadata").path("name").asText());
          }
        });
  }

  @Override
  public List<Informer> informers() {
    return List.of(namespaces);
  }

  @Override
  protected void enqueueAll() {
    for (ObjectNode ns : namespaces.list()) {
      if (ns.path("metadata").has("deletionTimestamp")) {
        queue.add(ns.path("metadata").path("name").asText());
      }
    }
  }

  @Override
  protected Result reconcile(String name) {
    ObjectNode ns = namespaces.get("", name);
    if (ns == null || !ns.path("metadata").has("deletionTimestamp")) {
      return Result.DONE;
    }
    int remaining = 0;
    for (KindDef k : catalog.all()) {
      if (!k.namespaced() || !k.verbs().contains("delete")) {
        continue;
      }
      if (catalog.byResource(k.group(), k.plural()) != k) {
        continue; // another version of a resource already visited
      }
      ListPage page =
          storage
              .store()
              .list(
                  new ListQuery(
                      ResourceKey.DEFAULT_CLUSTER,
                      k.group(),
                      k.plural(),
                      name,
                      null,
                      null,
                      null,
                      0,
                      null,
                      0));
      for (String item : page.items()) {
        remaining++;
        ObjectNode o = Json.parseTrusted(item);
        if (o.path("metadata").has("deletionTimestamp")) {
          continue; // already being deleted; its finalizers decide
        }
        try {
          client.delete(k, name, o.path("metadata").path("name").asText());
        } catch (StatusException e) {
          if (e.code() != 404 && e.code() != 409) {
            throw e;
          }
        }
      }
    }
    if (remaining > 0) {
      return Result.after(remaining > 0 ? 500 : 0);
    }
    boolean hasFinalizer = false;
    for (var f : ns.path("spec").path("finalizers")) {
      hasFinalizer |= f.asText().equals(FINALIZER);
    }
    if (hasFinalizer) {
      ObjectNode body = ns.deepCopy();
      var fins = Json.obj(body, "spec").putArray("finalizers");
      for (var f : ns.path("spec").path("finalizers")) {
        if (!f.asText().equals(FINALIZER)) {
          fins.add(f.asText());
        }
      }
      client.updateSubresource(nsKind, "", name, "finalize", body);
    }
    return Result.DONE;
  }
}
