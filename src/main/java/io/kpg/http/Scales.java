package io.kpg.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import io.kpg.registry.ResourceStore;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaRegistry;
import io.kpg.ssa.Apply;
import io.kpg.ssa.FieldSet;
import io.kpg.ssa.ManagedEntry;
import io.kpg.ssa.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The autoscaling/v1 Scale subresource, generic over {@link KindDef#scale()}. */
final class Scales {
  private Scales() {}

  static ObjectNode toScale(KindDef k, ObjectNode obj) {
    KindDef.ScaleSpec spec = k.scale();
    ObjectNode s = Json.object();
    s.put("kind", "Scale");
    s.put("apiVersion", "autoscaling/v1");
    ObjectNode md = s.putObject("metadata");
    JsonNode om = obj.path("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (om.has(f)) {
        md.set(f, om.get(f));
      }
    }
    JsonNode specReplicas = Json.at(obj, spec.specReplicasPath());
    int want = specReplicas == null ? 0 : specReplicas.asInt();
    ObjectNode scaleSpec = s.putObject("spec");
    if (want != 0) {
      scaleSpec.put("replicas", want); // omitempty in autoscaling/v1 ScaleSpec
    }
    ObjectNode st = s.putObject("status");
    JsonNode statusReplicas = Json.at(obj, spec.statusReplicasPath());
    st.put("replicas", statusReplicas == null ? 0 : statusReplicas.asInt());
    String sel = spec.selector().apply(obj);
    if (sel != null && !sel.isEmpty()) {
      st.put("selector", sel);
    }
    return s;
  }

  /** Validates a Scale body from a client; returns it as an object. */
  static ObjectNode checkScale(KindDef k, JsonNode body, String name) {
    if (!(body instanceof ObjectNode s)) {
      throw Errors.badRequest("the request body must be a Scale object");
    }
    String kind = s.path("kind").asText("Scale");
    if (!kind.equals("Scale")) {
      throw Errors.badRequest("expected a Scale object, got " + kind);
    }
    JsonNode replicas = s.path("spec").path("replicas");
    if (!replicas.isMissingNode() && !replicas.isNull() && !replicas.isIntegralNumber()) {
      throw Errors.badRequest(
          "Scale in version \"v1\" cannot be handled as a Scale: spec.replicas must be an integer");
    }
    if (replicas.isIntegralNumber() && replicas.asLong() < 0) {
      throw Errors.invalid(
          "autoscaling",
          "Scale",
          name,
          List.of(
              FieldError.invalid(
                  "spec.replicas", replicas.asLong(), "must be greater than or equal to 0")));
    }
    if (replicas.isIntegralNumber() && replicas.asLong() > Integer.MAX_VALUE) {
      throw Errors.invalid(
          "autoscaling",
          "Scale",
          name,
          List.of(
              FieldError.invalid(
                  "spec.replicas", replicas.asLong(), "must be less than or equal to 2147483647")));
    }
    return s;
  }

  static ObjectNode update(
      ResourceStore store,
      RequestContext ctx,
      KindDef k,
      String ns,
      String name,
      ObjectNode scale) {
    String rv = scale.path("metadata").path("resourceVersion").asText("");
    return patch(
        store,
        ctx,
        k,
        ns,
        name,
        current -> {
          if (!rv.isEmpty()
              && !rv.equals(current.path("metadata").path("resourceVersion").asText())) {
            throw Errors.conflict(k.group(), k.plural(), name, Errors.MODIFIED);
          }
          return scale;
        });
  }

  /**
   * Applies a change to the Scale view (a PUT or a non-apply patch of the Scale) and writes the new
   * replica count into the object. Ownership is recorded as upstream's scale subresource does it:
   * the parent's managedFields are seen through the Scale (see {@link #toSubresource}), the
   * writer's Update entry (version autoscaling/v1, subresource "scale") is recorded against the
   * Scale, and the result goes back to the parent (see {@link #toParent}). Managed fields a client
   * sends in the Scale are ignored, as upstream ignores them on every subresource.
   */
  static ObjectNode patch(
      ResourceStore store,
      RequestContext ctx,
      KindDef k,
      String ns,
      String name,
      Function<ObjectNode, JsonNode> changeScale) {
    List<String> parentPath = FieldSet.fields(k.scale().specReplicasPath());
    RequestContext sctx =
        new RequestContext(ctx.user(), ctx.dryRun(), ctx.fieldManager(), ctx.fieldValidation())
            .markManagedFieldsSet();
    ResourceStore.Written w =
        store.guaranteedUpdate(
            sctx,
            k,
            ns,
            name,
            ResourceStore.Target.MAIN,
            current -> {
              ObjectNode before = toScale(k, current);
              JsonNode changed = changeScale.apply(before.deepCopy());
              ObjectNode scale = checkScale(k, changed, name);
              JsonNode replicas = scale.path("spec").path("replicas");
              int count = replicas.isIntegralNumber() ? replicas.asInt() : 0;
              setPath(current, k.scale().specReplicasPath(), count);
              String manager = ctx.fieldManager();
              if (manager != null) {
                List<ManagedEntry> parent = parentEntries(current);
                ObjectNode after = before.deepCopy();
                ((ObjectNode) after.get("spec")).put("replicas", count);
                List<ManagedEntry> scaleEntries =
                    Update.record(
                        ownershipView(before),
                        ownershipView(after),
                        manager,
                        SCALE_VERSION,
                        "scale",
                        ResourceStore.now(),
                        scaleSchema(),
                        toSubresource(parent, parentPath),
                        Scales::inSpec);
                ManagedEntry.store(
                    current, toParent(parent, scaleEntries, parentPath, k.apiVersion()));
              }
              return current;
            },
            null,
            false);
    sctx.warnings().forEach(ctx::warn);
    return toScale(k, w.object());
  }

  /**
   * The Scale as upstream's field manager sees it: its typed Scale leaves out a replica count of 0,
   * so scaling to 0 removes {@code spec.replicas} rather than changing it.
   */
  private static ObjectNode ownershipView(ObjectNode scale) {
    ObjectNode v = scale.deepCopy();
    JsonNode spec = v.get("spec");
    if (spec instanceof ObjectNode o && o.path("replicas").asLong(0) == 0) {
      o.remove("replicas");
    }
    return v;
  }

  /** the Scale fields whose ownership reaches the parent: those under spec */
  private static boolean inSpec(List<String> path) {
    return !path.isEmpty() && path.get(0).equals("f:spec");
  }

  private static List<ManagedEntry> parentEntries(ObjectNode obj) {
    try {
      return ManagedEntry.parse(obj.path("metadata").get("managedFields"));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  static final String SCALE_VERSION = "autoscaling/v1";
  static final List<String> SCALE_REPLICAS = FieldSet.fields("spec.replicas");

  private static Schema scaleSchema() {
    return SchemaRegistry.builtin()
        .forMessage(SchemaRegistry.messageFor("autoscaling", "v1", "Scale"));
  }

  /**
   * Server-side apply of a Scale configuration, as upstream's scale subresource does it: the
   * parent's managedFields are seen through the Scale (owners of the replicas field own {@code
   * spec.replicas} there), the apply runs on the Scale, and ownership of the replicas field is
   * written back to the parent (see {@link #toParent}).
   *
   * @param ctx an apply context (the store records no Update entry)
   */
  static ObjectNode apply(
      ResourceStore store,
      RequestContext ctx,
      KindDef k,
      String ns,
      String name,
      ObjectNode config,
      String manager,
      boolean force) {
    checkScale(k, config, name);
    String rv = config.path("metadata").path("resourceVersion").asText("");
    List<String> parentPath = FieldSet.fields(k.scale().specReplicasPath());
    ResourceStore.Written w =
        store.guaranteedUpdate(
            ctx,
            k,
            ns,
            name,
            ResourceStore.Target.MAIN,
            current -> {
              if (!rv.isEmpty()
                  && !rv.equals(current.path("metadata").path("resourceVersion").asText())) {
                throw Errors.conflict(k.group(), k.plural(), name, Errors.MODIFIED);
              }
              List<ManagedEntry> parent = parentEntries(current);
              Apply.Result r =
                  Apply.apply(
                      toScale(k, current),
                      config,
                      manager,
                      force,
                      scaleSchema(),
                      toSubresource(parent, parentPath),
                      SCALE_VERSION,
                      "scale",
                      Scales::inSpec,
                      ResourceStore.now());
              if (!r.ok()) {
                throw Apply.conflictError(r.conflicts());
              }
              ObjectNode scale = checkScale(k, r.object(), name);
              JsonNode replicas = scale.path("spec").path("replicas");
              setPath(
                  current,
                  k.scale().specReplicasPath(),
                  replicas.isIntegralNumber() ? replicas.asInt() : 0);
              ManagedEntry.store(
                  current, toParent(parent, r.managed(), parentPath, k.apiVersion()));
              return current;
            },
            null,
            !rv.isEmpty());
    return toScale(k, w.object());
  }

  /**
   * upstream's {@code ScaleHandler.ToSubresource}: the parent's entries that own the replicas
   * field, as Scale entries owning {@code spec.replicas}
   */
  static List<ManagedEntry> toSubresource(List<ManagedEntry> parent, List<String> replicasPath) {
    List<ManagedEntry> out = new ArrayList<>();
    for (ManagedEntry e : parent) {
      if (e.fields().contains(replicasPath)) {
        out.add(
            new ManagedEntry(
                e.manager(),
                e.operation(),
                SCALE_VERSION,
                e.time(),
                e.subresource(),
                FieldSet.of(List.of(SCALE_REPLICAS))));
      }
    }
    return out;
  }

  /**
   * upstream's {@code ScaleHandler.ToParent}: parent entries that still own the replicas field
   * through the Scale stay as they are, the others lose it; a Scale owner new to the parent gets an
   * entry of the parent's version with just the replicas field, and (as upstream) the time of a
   * parent entry of the same identity, if any.
   */
  static List<ManagedEntry> toParent(
      List<ManagedEntry> parent,
      List<ManagedEntry> scale,
      List<String> replicasPath,
      String parentVersion) {
    List<ManagedEntry> left = new ArrayList<>(scale);
    List<ManagedEntry> out = new ArrayList<>();
    for (ManagedEntry p : parent) {
      if (!p.fields().contains(replicasPath)) {
        out.add(p);
        continue;
      }
      ManagedEntry same = null;
      for (ManagedEntry s : left) {
        if (sameManager(p, s)) {
          same = s;
        }
      }
      if (same != null) {
        out.add(p);
        left.remove(same);
      } else {
        FieldSet rest = p.fields().difference(FieldSet.of(List.of(replicasPath)));
        if (!rest.isEmpty()) {
          out.add(p.withFields(rest));
        }
      }
    }
    for (ManagedEntry s : left) {
      if (!s.fields().contains(SCALE_REPLICAS)) {
        continue;
      }
      String time = null;
      for (ManagedEntry p : parent) {
        if (sameManager(p, s)) {
          time = p.time();
        }
      }
      out.removeIf(p -> sameManager(p, s));
      out.add(
          new ManagedEntry(
              s.manager(),
              s.operation(),
              parentVersion,
              time,
              s.subresource(),
              FieldSet.of(List.of(replicasPath))));
    }
    return out;
  }

  /** upstream's manager identity: the API version counts for updates only */
  private static boolean sameManager(ManagedEntry a, ManagedEntry b) {
    return Objects.equals(a.manager(), b.manager())
        && Objects.equals(a.operation(), b.operation())
        && Objects.equals(a.subresource(), b.subresource())
        && (ManagedEntry.APPLY.equals(a.operation())
            || Objects.equals(a.apiVersion(), b.apiVersion()));
  }

  private static void setPath(ObjectNode obj, String dotted, int value) {
    String[] parts = dotted.split("\\.");
    ObjectNode n = obj;
    for (int i = 0; i < parts.length - 1; i++) {
      n = Json.obj(n, parts[i]);
    }
    n.put(parts[parts.length - 1], value);
  }
}
