package io.kpg.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.controller.Informer;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.server.Storage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * On every replica: follows the CustomResourceDefinitions in storage and serves their resources,
 * registering one {@link CustomKindDef} per served version in the {@link KindCatalog} once the
 * CRD's names are accepted, replacing them when the CRD changes and removing them when it is gone.
 * Discovery, OpenAPI and routing pick the change up from the catalog.
 */
@Singleton
public class CrdServing {
  private static final Logger LOG = Logger.getLogger(CrdServing.class);

  @Inject Storage storage;
  @Inject KindCatalog catalog;

  private Informer informer;

  void onStart(@Observes StartupEvent ev) {
    KindDef crdKind = catalog.find("apiextensions.k8s.io", "v1", "customresourcedefinitions");
    informer = new Informer(storage, crdKind);
    informer.addHandler(
        (old, obj, deleted) -> {
          String name = obj.path("metadata").path("name").asText();
          if (deleted) {
            catalog.register(name, List.of());
            return;
          }
          if (old != null && sameServing(old, obj)) {
            return; // e.g. a condition changed: the served kinds stay, and so do their watches
          }
          try {
            catalog.register(name, kinds(obj));
          } catch (RuntimeException e) {
            LOG.warnf("cannot serve CustomResourceDefinition %s: %s", name, e.toString());
            catalog.register(name, List.of());
          }
        });
    informer.start();
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (informer != null) {
      informer.stop();
    }
  }

  /**
   * Whether two states of a CRD serve the same kinds: same spec, accepted names, deletion state,
   * and (as upstream skips such updates) established in both.
   */
  static boolean sameServing(ObjectNode a, ObjectNode b) {
    return a.path("spec").equals(b.path("spec"))
        && a.path("status").path("acceptedNames").equals(b.path("status").path("acceptedNames"))
        && a.path("metadata").has("deletionTimestamp")
            == b.path("metadata").has("deletionTimestamp")
        && CrdStatus.isTrue(a, "Established")
        && CrdStatus.isTrue(b, "Established");
  }

  /** Whether the CRDs in storage have been read once (a readiness check). */
  public boolean synced() {
    return informer != null && informer.hasSynced();
  }

  /** The kinds a CRD serves: none until its names are accepted, then one per served version. */
  static List<KindDef> kinds(ObjectNode crd) {
    JsonNode names = crd.path("status").path("acceptedNames");
    if (names.path("plural").asText("").isEmpty()
        || !(CrdStatus.isTrue(crd, "NamesAccepted") || CrdStatus.isTrue(crd, "Established"))) {
      return List.of();
    }
    String storageVersion = null;
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("storage").asBoolean(false)) {
        storageVersion = v.path("name").asText();
      }
    }
    if (storageVersion == null) {
      return List.of();
    }
    CrdConversion conversion = CrdConversion.of(crd);
    List<KindDef> out = new ArrayList<>();
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (!v.path("served").asBoolean(false)) {
        continue;
      }
      out.add(
          new CustomKindDef(crd, v, names, storageVersion, deprecationWarning(crd, v), conversion));
    }
    return out;
  }

  /**
   * The warning of a deprecated version: its deprecationWarning, or upstream's default naming the
   * newest served, non-deprecated version of equal or greater stability.
   */
  static String deprecationWarning(JsonNode crd, JsonNode version) {
    if (!version.path("deprecated").asBoolean(false)) {
      return null;
    }
    if (version.hasNonNull("deprecationWarning")) {
      return version.path("deprecationWarning").asText();
    }
    String group = crd.path("spec").path("group").asText();
    String kind = crd.path("spec").path("names").path("kind").asText();
    String name = version.path("name").asText();
    String msg = group + "/" + name + " " + kind + " is deprecated";
    String mine = KindDef.versionPriority(name);
    String best = null;
    for (JsonNode v : crd.path("spec").path("versions")) {
      String vn = v.path("name").asText();
      if (!v.path("served").asBoolean(false) || v.path("deprecated").asBoolean(false)) {
        continue;
      }
      String p = KindDef.versionPriority(vn);
      if (p.charAt(0) <= mine.charAt(0)
          && p.compareTo(mine) < 0
          && (best == null || p.compareTo(KindDef.versionPriority(best)) < 0)) {
        best = vn;
      }
    }
    return best == null ? msg : msg + "; use " + group + "/" + best + " " + kind;
  }
}
