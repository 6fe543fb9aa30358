package io.kpg.registry.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import io.kpg.server.Storage;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.Stored;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Upstream's NamespaceLifecycle: no new objects in a namespace that does not exist or is being
 * terminated, and the system namespaces cannot be deleted.
 */
@Singleton
public class NamespaceLifecycle implements AdmissionPlugin {
  static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

  @Inject Storage storage;

  @Override
  public void validate(RequestContext ctx, KindDef k, String op, ObjectNode obj, ObjectNode old) {
    if (k.group().isEmpty() && k.plural().equals("namespaces")) {
      if (op.equals("DELETE")) {
        String name = old.path("metadata").path("name").asText();
        if (IMMORTAL.contains(name)) {
          throw new StatusException(
              403,
              "Forbidden",
              "namespaces \"" + name + "\" is forbidden: this namespace may not be deleted",
              StatusException.details(name, "", "namespaces", null));
        }
      }
      return;
    }
    if (!k.namespaced() || !op.equals("CREATE")) {
      return;
    }
    String ns = obj.path("metadata").path("namespace").asText();
    Stored nsObj = storage.store().get(ResourceKey.of("", "namespaces", "", ns));
    if (nsObj == null) {
      throw Errors.notFound("", "namespaces", ns);
    }
    if (Json.parseTrusted(nsObj.data()).path("metadata").has("deletionTimestamp")) {
      String name = obj.path("metadata").path("name").asText();
      throw new StatusException(
          403,
          "Forbidden",
          Errors.qualified(k.group(), k.plural())
              + " \""
              + name
              + "\" is forbidden: unable to create new content in namespace "
              + ns
              + " because it is being terminated",
          StatusException.details(name, k.group(), k.plural(), null));
    }
  }
}
