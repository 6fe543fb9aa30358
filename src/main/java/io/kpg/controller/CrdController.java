package io.kpg.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.crd.CrdStatus;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.registry.ResourceStore;
import io.kpg.server.Storage;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps CustomResourceDefinitions' status as upstream's naming, establishing and finalizing
 * controllers do: accepted names (refusing names another CRD of the group already uses), the
 * NamesAccepted and Established conditions, and on deletion the removal of every custom resource
 * before the cleanup finalizer goes.
 */
final class CrdController extends Controller {
  private static final String GROUP = "apiextensions.k8s.io";

  private final Informer crds;
  private final LocalClient client;
  private final KindCatalog catalog;
  private final Storage storage;
  private final KindDef crdKind;

  CrdController(ControllerManager cm, LocalClient client, KindCatalog catalog, Storage storage) {
    super("customresourcedefinition");
    // upstream runs the CRD controllers inside kube-apiserver: its writes carry that manager name
    this.client = client.as("kube-apiserver");
    this.catalog = catalog;
    this.storage = storage;
    this.crds = cm.informer(GROUP, "v1", "customresourcedefinitions");
    this.crdKind = client.kind(GROUP, "v1", "customresourcedefinitions");
    crds.addHandler(
        (old, obj, deleted) -> {
          queue.add(obj.path("metadata").path("name").asText());
          // a change of one CRD's names may free or take names of others in the group
          String group = obj.path("spec").path("group").asText();
          for (ObjectNode other : crds.list()) {
            if (other.path("spec").path("group").asText().equals(group)) {
              queue.add(other.path("metadata").path("name").asText());
            }
          }
        });
  }

  @Override
  public List<Informer> informers() {
    return List.of(crds);
  }

  @Override
  protected void enqueueAll() {
    crds.list().forEach(c -> queue.add(c.path("metadata").path("name").asText()));
  }

  @Override
  protected Result reconcile(String name) {
    ObjectNode crd = crds.get("", name);
    if (crd == null) {
      return Result.DONE;
    }
    if (crd.path("metadata").has("deletionTimestamp")) {
      return cleanup(crd);
    }
    ObjectNode next = crd.deepCopy();
    acceptNames(next);
    boolean installing =
        CrdStatus.isTrue(next, "NamesAccepted") && !CrdStatus.isTrue(next, "Established");
    if (!next.path("status").equals(crd.path("status"))) {
      try {
        client.updateStatus(crdKind, "", name, cur -> withStatus(cur, next));
      } catch (StatusException e) {
        if (e.code() == 404) {
          return Result.DONE;
        }
        throw e;
      }
    }
    // the serving side registers the kinds when it sees NamesAccepted: look again shortly
    return installing ? Result.after(20) : Result.DONE;
  }

  private static ObjectNode withStatus(ObjectNode cur, ObjectNode next) {
    cur.set("status", next.path("status").deepCopy());
    return cur;
  }

  /** Computes status.acceptedNames and the NamesAccepted and Established conditions. */
  private void acceptNames(ObjectNode crd) {
    String name = crd.path("metadata").path("name").asText();
    String group = crd.path("spec").path("group").asText();
    Set<String> resources = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    for (ObjectNode other : crds.list()) {
      if (other.path("metadata").path("name").asText().equals(name)
          || !other.path("spec").path("group").asText().equals(group)) {
        continue;
      }
      JsonNode an = other.path("status").path("acceptedNames");
      add(resources, an.path("plural"));
      add(resources, an.path("singular"));
      an.path("shortNames").forEach(s -> add(resources, s));
      add(kinds, an.path("kind"));
      add(kinds, an.path("listKind"));
    }
    // built-in resources of the group hold their names too: a CRD may not shadow or share their
    // storage (upstream leaves this to chance; kpg stores every resource under group/plural)
    for (KindDef k : catalog.builtins()) {
      if (k.group().equals(group)) {
        resources.add(k.plural());
        resources.add(k.singular());
        resources.addAll(k.shortNames());
        kinds.add(k.kind());
        kinds.add(k.kind() + "List");
      }
    }
    JsonNode want = crd.path("spec").path("names");
    ObjectNode status = Json.obj(crd, "status");
    JsonNode had = status.path("acceptedNames");
    ObjectNode accepted = had instanceof ObjectNode a ? a.deepCopy() : Json.object();
    // each name is taken unless another CRD of the group holds it; the last conflict is reported
    String[] conflict = new String[2];
    for (String f : List.of("plural", "singular")) {
      String w = want.path(f).asText("");
      String err = fresh(w, had.path(f).asText(""), resources);
      if (err != null) {
        conflict[0] = f.equals("plural") ? "PluralConflict" : "SingularConflict";
        conflict[1] = err;
      } else if (!w.isEmpty() || accepted.has(f)) {
        accepted.put(f, w);
      }
    }
    if (!want.path("shortNames").equals(had.path("shortNames"))) {
      Set<String> ours = new HashSet<>();
      had.path("shortNames").forEach(n -> ours.add(n.asText()));
      List<String> errs = new java.util.ArrayList<>();
      for (JsonNode n : want.path("shortNames")) {
        if (!ours.contains(n.asText())) {
          String err = fresh(n.asText(), "", resources);
          if (err != null) {
            errs.add(err);
          }
        }
      }
      if (!errs.isEmpty()) {
        conflict[0] = "ShortNamesConflict";
        conflict[1] = errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]";
      } else if (want.path("shortNames").isArray() && !want.path("shortNames").isEmpty()) {
        accepted.set("shortNames", want.path("shortNames").deepCopy());
      } else {
        accepted.remove("shortNames");
      }
    }
    for (String f : List.of("kind", "listKind")) {
      String w = want.path(f).asText("");
      String err = fresh(w, had.path(f).asText(""), kinds);
      if (err != null) {
        conflict[0] = f.equals("kind") ? "KindConflict" : "ListKindConflict";
        conflict[1] = err;
      } else if (!w.isEmpty() || accepted.has(f)) {
        accepted.put(f, w);
      }
    }
    if (want.path("categories").isArray() && !want.path("categories").isEmpty()) {
      accepted.set("categories", want.path("categories").deepCopy());
    } else {
      accepted.remove("categories");
    }
    if (!accepted.has("plural")) {
      accepted.put("plural", "");
    }
    if (!accepted.has("kind")) {
      accepted.put("kind", "");
    }
    status.set("acceptedNames", ordered(accepted));
    String reason = conflict[0];
    String message = conflict[1];
    String now = ResourceStore.now();
    if (reason == null) {
      CrdStatus.setCondition(
          crd, "NamesAccepted", "True", "NoConflicts", "no conflicts found", now);
      if (!CrdStatus.isTrue(crd, "Established")) {
        // Established only once this replica serves the names (upstream's establishing step)
        boolean served = servedHere(crd, accepted.path("plural").asText());
        CrdStatus.setCondition(
            crd,
            "Established",
            served ? "True" : "False",
            served ? "InitialNamesAccepted" : "Installing",
            "the initial names have been accepted",
            now);
      }
    } else {
      CrdStatus.setCondition(crd, "NamesAccepted", "False", reason, message, now);
      if (!CrdStatus.isTrue(crd, "Established")) {
        CrdStatus.setCondition(
            crd, "Established", "False", "NotAccepted", "not all names are accepted", now);
      }
    }
  }

  /** Whether a served version of the CRD is in this replica's catalog under {@code plural}. */
  private boolean servedHere(ObjectNode crd, String plural) {
    String group = crd.path("spec").path("group").asText();
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("served").asBoolean(false)
          && catalog.find(group, v.path("name").asText(), plural) != null) {
        return true;
      }
    }
    return false;
  }

  /** acceptedNames in the order upstream serializes CustomResourceDefinitionNames. */
  private static ObjectNode ordered(ObjectNode names) {
    ObjectNode o = Json.object();
    for (String f : List.of("plural", "singular", "shortNames", "kind", "listKind", "categories")) {
      if (names.has(f)) {
        o.set(f, names.get(f));
      }
    }
    return o;
  }

  private static void add(Set<String> s, JsonNode n) {
    if (n.isTextual() && !n.asText().isEmpty()) {
      s.add(n.asText());
    }
  }

  /** Upstream's equalToAcceptedOrFresh: null when the name may be taken, else the problem. */
  private static String fresh(String requested, String accepted, Set<String> used) {
    if (requested.equals(accepted) || !used.contains(requested)) {
      return null;
    }
    return "\"" + requested + "\" is already in use";
  }

  /** Deletes every custom resource of a deleted CRD, then lets the CRD go. */
  private Result cleanup(ObjectNode crd) {
    String name = crd.path("metadata").path("name").asText();
    boolean hasFinalizer = false;
    for (JsonNode f : crd.path("metadata").path("finalizers")) {
      hasFinalizer |= f.asText().equals(CrdStatus.CLEANUP_FINALIZER);
    }
    if (!hasFinalizer) {
      return Result.DONE;
    }
    String group = crd.path("spec").path("group").asText();
    String plural = crd.path("status").path("acceptedNames").path("plural").asText("");
    KindDef k = plural.isEmpty() ? null : catalog.byResource(group, plural);
    int remaining = 0;
    if (k != null) {
      List<String> items =
          storage
              .store()
              .list(
                  new ListQuery(
                      ResourceKey.DEFAULT_CLUSTER,
                      group,
                      plural,
                      null,
                      null,
                      null,
                      null,
                      0,
                      null,
                      0))
              .items();
      for (String item : items) {
        remaining++;
        ObjectNode o = Json.parseTrusted(item);
        if (o.path("metadata").has("deletionTimestamp")) {
          continue;
        }
        try {
          client.delete(
              k,
              o.path("metadata").path("namespace").asText(""),
              o.path("metadata").path("name").asText());
        } catch (StatusException e) {
          if (e.code() != 404 && e.code() != 409) {
            throw e;
          }
        }
      }
    }
    if (remaining > 0) {
      if (!hasReason(crd, "InstanceDeletionInProgress")) {
        client.updateStatus(
            crdKind,
            "",
            name,
            cur -> {
              CrdStatus.setCondition(
                  cur,
                  "Terminating",
                  "True",
                  "InstanceDeletionInProgress",
                  "CustomResource deletion is in progress",
                  ResourceStore.now());
              return cur;
            });
      }
      return Result.after(500);
    }
    try {
      client.update(
          crdKind,
          "",
          name,
          cur -> {
            ArrayNode keep = Json.MAPPER.createArrayNode();
            for (JsonNode f : cur.path("metadata").path("finalizers")) {
              if (!f.asText().equals(CrdStatus.CLEANUP_FINALIZER)) {
                keep.add(f);
              }
            }
            if (keep.isEmpty()) {
              ((ObjectNode) cur.get("metadata")).remove("finalizers");
            } else {
              ((ObjectNode) cur.get("metadata")).set("finalizers", keep);
            }
            return cur;
          });
    } catch (StatusException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
    return Result.DONE;
  }

  private static boolean hasReason(JsonNode crd, String reason) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("reason").asText().equals(reason)) {
        return true;
      }
    }
    return false;
  }
}
