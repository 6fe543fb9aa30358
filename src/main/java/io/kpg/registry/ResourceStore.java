package io.kpg.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.registry.admission.AdmissionChain;
import io.kpg.registry.validation.ObjectMetaValidation;
import io.kpg.server.Storage;
import io.kpg.ssa.ManagedEntry;
import io.kpg.ssa.Scope;
import io.kpg.ssa.Update;
import io.kpg.storage.ListPage;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.StorageException;
import io.kpg.storage.Stored;
import io.kpg.storage.WriteOp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The one write and read pipeline for every kind. Writes run: system metadata → mutating admission
 * → kind strategy (prepare, defaults) → validation (object meta + kind) → validating admission →
 * storage, and storage outcomes become Kubernetes errors here and nowhere else.
 */
@Singleton
public class ResourceStore {
  private static final int MAX_CONFLICT_RETRIES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  @Inject Storage storage;
  @Inject AdmissionChain admission;

  // ---------------------------------------------------------------- reads

  public Stored get(KindDef k, String ns, String name) {
    Stored s = storage.store().get(key(k, ns, name));
    if (s == null) {
      throw Errors.notFound(k.group(), k.plural(), name);
    }
    return k.convertsOnRead() ? new Stored(s.rv(), readView(k, s.data())) : s;
  }

  public ObjectNode getObject(KindDef k, String ns, String name) {
    return Json.parseTrusted(get(k, ns, name).data());
  }

  /** Runs a list; storage errors become 410/504 Status errors. */
  public ListPage list(KindDef k, ListQuery q) {
    ListPage page;
    try {
      page = storage.store().list(q);
    } catch (StorageException e) {
      throw translate(e, k, null);
    }
    if (!k.convertsOnRead()) {
      return page;
    }
    List<String> items = new ArrayList<>(page.items().size());
    page.items().forEach(i -> items.add(readView(k, i)));
    return new ListPage(page.rv(), items, page.lastKey(), page.remaining());
  }

  /** A stored object's JSON as the kind serves it (see {@link KindDef#fromStorage}). */
  public static String readView(KindDef k, String stored) {
    if (!k.convertsOnRead()) {
      return stored;
    }
    return Json.write(k.fromStorage(Json.parseTrusted(stored)));
  }

  /** Parses a stored object into the kind's served form. */
  private static ObjectNode served(KindDef k, String stored) {
    ObjectNode o = Json.parseTrusted(stored);
    return k.convertsOnRead() ? k.fromStorage(o) : o;
  }

  // ---------------------------------------------------------------- create

  public ObjectNode create(RequestContext ctx, KindDef k, String ns, ObjectNode obj) {
    ObjectNode md = Json.obj(obj, "metadata");
    obj.put("apiVersion", k.apiVersion());
    obj.put("kind", k.kind());
    if (k.virtual()) {
      k.applyDefaults(obj);
      failIfInvalid(k, obj, k.validate(obj));
      return k.order(k.review(ctx, obj));
    }
    if (k.namespaced()) {
      md.put("namespace", ns);
    } else {
      md.remove("namespace");
    }
    String generateName = md.path("generateName").asText("");
    if (md.path("name").asText("").isEmpty() && !generateName.isEmpty()) {
      md.put("name", generateName + randomSuffix());
    }
    fillSystemMeta(md);
    if (k.tracksGeneration()) {
      md.put("generation", 1);
    } else {
      md.remove("generation");
    }
    admission.admit(ctx, k, "CREATE", obj, null);
    k.prepareForCreate(obj);
    k.applyDefaults(obj);
    recordManagedFields(ctx, k, Target.MAIN, null, obj);
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(
        ObjectMetaValidation.validate(obj, k.namespaced(), k::validateName, !k.customResource()));
    errs.addAll(k.validate(obj));
    failIfInvalid(k, obj, errs);
    k.warnings(obj).forEach(ctx::warn);
    if (k.customResource()) {
      ObjectMetaValidation.finalizerWarnings(obj, null).forEach(ctx::warn);
    }
    admission.validate(ctx, k, "CREATE", obj, null);
    String name = md.path("name").asText();
    md.put("resourceVersion", ""); // a slot in upstream's field order; storage fills it in
    obj = k.order(obj);
    if (ctx.dryRun()) {
      ((ObjectNode) obj.get("metadata")).remove("resourceVersion");
      return obj;
    }
    try {
      Stored s = storage.store().write(WriteOp.create(key(k, ns, name), k.toStorage(obj)));
      return served(k, s.data());
    } catch (StorageException e) {
      throw translate(e, k, name);
    }
  }

  private static void fillSystemMeta(ObjectNode md) {
    md.put("uid", UUID.randomUUID().toString());
    md.put("creationTimestamp", now());
    md.remove("resourceVersion");
    md.remove("deletionTimestamp");
    md.remove("deletionGracePeriodSeconds");
    md.remove("selfLink");
  }

  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String randomSuffix() {
    StringBuilder sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- update / patch

  /** Which part of the object a write targets. */
  public enum Target {
    MAIN,
    STATUS,
    /** a kind-specific subresource: the kind built the new object, no main-resource rules */
    SUBRESOURCE
  }

  /**
   * PUT: replaces the object. The body's resourceVersion, when set, must match the stored one.
   * Returns the stored result and whether it was created (for 201).
   */
  public Written update(
      RequestContext ctx, KindDef k, String ns, String name, ObjectNode body, Target target) {
    String bodyRv = body.path("metadata").path("resourceVersion").asText("");
    return guaranteedUpdate(
        ctx,
        k,
        ns,
        name,
        target,
        current -> {
          if (!bodyRv.isEmpty()
              && !bodyRv.equals(current.path("metadata").path("resourceVersion").asText())) {
            throw Errors.conflict(k.group(), k.plural(), name, Errors.MODIFIED);
          }
          return body.deepCopy();
        },
        body,
        !bodyRv.isEmpty());
  }

  /** The result of a write and whether it created the object. */
  public record Written(ObjectNode object, boolean created) {}

  /**
   * Read-modify-write with optimistic concurrency: {@code change} builds the new object from the
   * current one and is re-run on a conflict (unless the client pinned the resourceVersion).
   *
   * @param createBody when the object is missing and the kind allows create-on-update, the body to
   *     create (null: 404)
   */
  public Written guaranteedUpdate(
      RequestContext ctx,
      KindDef k,
      String ns,
      String name,
      Target target,
      UnaryOperator<ObjectNode> change,
      ObjectNode createBody,
      boolean pinnedRv) {
    ResourceKey key = key(k, ns, name);
    for (int attempt = 0; ; attempt++) {
      Stored cur = storage.store().get(key);
      if (cur == null) {
        if (createBody != null && target == Target.MAIN && k.allowCreateOnUpdate()) {
          ObjectNode obj = createBody.deepCopy();
          Json.obj(obj, "metadata").put("name", name);
          return new Written(create(ctx, k, ns, obj), true);
        }
        throw Errors.notFound(k.group(), k.plural(), name);
      }
      ObjectNode old = served(k, cur.data());
      ObjectNode next = change.apply(old.deepCopy());
      try {
        ObjectNode result = finishUpdate(ctx, k, ns, name, target, old, next, cur);
        return new Written(result, false);
      } catch (StorageException e) {
        if (e.reason() == StorageException.Reason.CONFLICT
            && !pinnedRv
            && attempt < MAX_CONFLICT_RETRIES) {
          continue;
        }
        throw translate(e, k, name);
      }
    }
  }

  private ObjectNode finishUpdate(
      RequestContext ctx,
      KindDef k,
      String ns,
      String name,
      Target target,
      ObjectNode old,
      ObjectNode next,
      Stored cur) {
    ObjectNode md = Json.obj(next, "metadata");
    ObjectNode oldMd = (ObjectNode) old.get("metadata");
    String nextName = md.path("name").asText("");
    if (!nextName.isEmpty() && !nextName.equals(name)) {
      throw Errors.badRequest(
          "the name of the object ("
              + nextName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    String nextNs = md.path("namespace").asText("");
    if (k.namespaced() && !nextNs.isEmpty() && !nextNs.equals(ns)) {
      throw Errors.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    next.put("apiVersion", k.apiVersion());
    next.put("kind", k.kind());
    md.put("name", name);
    if (k.namespaced()) {
      md.put("namespace", ns);
    }
    // system-owned metadata always comes from the stored object
    for (String f :
        List.of(
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation")) {
      JsonNode v = oldMd.get(f);
      if (v == null) {
        md.remove(f);
      } else {
        md.set(f, v.deepCopy());
      }
    }
    md.put("resourceVersion", oldMd.path("resourceVersion").asText());
    if (target == Target.STATUS) {
      ObjectNode merged = old.deepCopy();
      JsonNode st = next.get("status");
      if (st == null) {
        merged.remove("status");
      } else {
        merged.set("status", st);
      }
      JsonNode applied = md.get("managedFields");
      if (ctx.apply() && applied != null) {
        ((ObjectNode) merged.get("metadata")).set("managedFields", applied);
      }
      // metadata changes other than labels/annotations are not taken through /status
      next = merged;
    } else if (target == Target.MAIN) {
      admission.admit(ctx, k, "UPDATE", next, old);
      k.prepareForUpdate(next, old);
      if (k.tracksGeneration() && k.generationChanged(next, old)) {
        md.put("generation", oldMd.path("generation").asLong(0) + 1);
      }
    }
    k.applyDefaults(next);
    recordManagedFields(ctx, k, target, old, next);
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(
        ObjectMetaValidation.validateUpdate(
            next, old, k.namespaced(), k::validateName, !k.customResource()));
    errs.addAll(
        target == Target.STATUS ? k.validateStatusUpdate(next, old) : k.validateUpdate(next, old));
    failIfInvalid(k, next, errs);
    if (target == Target.MAIN) {
      k.warnings(next).forEach(ctx::warn);
    }
    if (k.customResource()) {
      ObjectMetaValidation.finalizerWarnings(next, old).forEach(ctx::warn);
    }
    admission.validate(ctx, k, "UPDATE", next, old);
    next = k.order(next);
    ResourceKey key = key(k, ns, name);
    boolean marked = oldMd.has("deletionTimestamp");
    if (marked && finalizers(next).isEmpty() && k.readyToRemove(next)) {
      if (ctx.dryRun()) {
        return next;
      }
      Stored s = storage.store().write(WriteOp.delete(key, k.toStorage(next), cur));
      return served(k, s.data());
    }
    if (next.equals(old)) {
      return old; // nothing changed: no write, no new resourceVersion
    }
    if (ctx.dryRun()) {
      return next;
    }
    Stored s = storage.store().write(WriteOp.update(key, k.toStorage(next), cur));
    return served(k, s.data());
  }

  /**
   * Records the writer's ownership in metadata.managedFields (upstream's fieldmanager for non-apply
   * writes): a client may send managedFields to replace them, {@code []} keeps the stored ones and
   * {@code [{}]} clears them. Apply and scale writes arrive with their managedFields already
   * computed.
   */
  private static void recordManagedFields(
      RequestContext ctx, KindDef k, Target target, ObjectNode old, ObjectNode next) {
    ObjectNode md = Json.obj(next, "metadata");
    JsonNode oldManaged = old == null ? null : old.path("metadata").get("managedFields");
    if (target == Target.SUBRESOURCE) {
      return;
    }
    if (ctx.managedFieldsSet()) {
      return;
    }
    JsonNode sent = md.get("managedFields");
    if (sent != null && sent.isArray() && !sent.isEmpty()) {
      boolean allEmpty = true;
      for (JsonNode e : sent) {
        allEmpty &= e.isObject() && e.isEmpty();
      }
      if (allEmpty) {
        md.remove("managedFields");
        return;
      }
    }
    List<ManagedEntry> base = null;
    if (target == Target.MAIN && sent != null && sent.isArray() && !sent.isEmpty()) {
      try {
        base = ManagedEntry.parse(sent);
      } catch (IllegalArgumentException e) {
        base = null; // upstream falls back to the stored managedFields
      }
    }
    if (base == null || base.isEmpty()) {
      try {
        base = ManagedEntry.parse(oldManaged);
      } catch (IllegalArgumentException e) {
        base = List.of();
      }
    }
    List<ManagedEntry> entries = base;
    String manager = ctx.fieldManager();
    if (manager != null) {
      boolean status = target == Target.STATUS;
      entries =
          Update.record(
              old,
              next,
              manager,
              k.apiVersion(),
              status ? "status" : null,
              now(),
              k.schema(),
              base,
              status ? Scope.status() : Scope.main(k.hasStatus()));
    }
    ManagedEntry.store(next, entries);
  }

  static List<String> finalizers(ObjectNode obj) {
    List<String> out = new ArrayList<>();
    JsonNode f = obj.path("metadata").path("finalizers");
    if (f.isArray()) {
      f.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /**
   * A write to a kind-specific subresource (pods/binding, pods/eviction, namespaces/finalize): the
   * kind builds the new object; when it returns null the object is deleted (eviction).
   */
  public Written subresource(
      RequestContext ctx, KindDef k, String ns, String name, String sub, ObjectNode body) {
    ObjectNode[] deleted = new ObjectNode[1];
    Written w =
        guaranteedUpdate(
            ctx,
            k,
            ns,
            name,
            Target.SUBRESOURCE,
            current -> {
              ObjectNode next = k.updateSubresource(sub, body, current);
              if (next == null) {
                deleted[0] = current;
                return current;
              }
              return next;
            },
            null,
            false);
    if (deleted[0] != null) {
      delete(ctx, k, ns, name, DeleteOptions.NONE);
      return null;
    }
    return w;
  }

  // ---------------------------------------------------------------- delete

  /** What a DELETE answered: the object (still present or deleted) or null for a Status. */
  public record Deleted(ObjectNode object, boolean stillPresent, String uid) {}

  public Deleted delete(RequestContext ctx, KindDef k, String ns, String name, DeleteOptions opts) {
    ResourceKey key = key(k, ns, name);
    for (int attempt = 0; ; attempt++) {
      Stored cur = storage.store().get(key);
      if (cur == null) {
        throw Errors.notFound(k.group(), k.plural(), name);
      }
      ObjectNode obj = served(k, cur.data());
      ObjectNode md = (ObjectNode) obj.get("metadata");
      String uid = md.path("uid").asText();
      if (opts.uid() != null && !opts.uid().equals(uid)) {
        throw Errors.conflict(
            k.group(),
            k.plural(),
            name,
            "Precondition failed: UID in precondition: "
                + opts.uid()
                + ", UID in object meta: "
                + uid);
      }
      if (opts.resourceVersion() != null
          && !opts.resourceVersion().equals(md.path("resourceVersion").asText())) {
        throw Errors.conflict(
            k.group(),
            k.plural(),
            name,
            "Precondition failed: ResourceVersion in precondition: "
                + opts.resourceVersion()
                + ", ResourceVersion in object meta: "
                + md.path("resourceVersion").asText());
      }
      admission.validate(ctx, k, "DELETE", null, obj);
      try {
        boolean alreadyMarked = md.has("deletionTimestamp");
        ObjectNode marked = obj.deepCopy();
        // Orphan and Foreground are carried out by the garbage collector, through finalizers
        String gcFinalizer =
            switch (opts.propagationPolicy() == null ? "" : opts.propagationPolicy()) {
              case "Orphan" -> ORPHAN_FINALIZER;
              case "Foreground" -> FOREGROUND_FINALIZER;
              default -> null;
            };
        if (gcFinalizer != null && !alreadyMarked && !finalizers(marked).contains(gcFinalizer)) {
          ((ObjectNode) marked.get("metadata")).withArray("finalizers").add(gcFinalizer);
        }
        boolean kindKeeps = k.markForDeletion(marked);
        boolean keep = kindKeeps || !finalizers(marked).isEmpty();
        if (keep) {
          if (alreadyMarked && marked.equals(obj)) {
            return new Deleted(obj, true, uid);
          }
          ObjectNode mmd = (ObjectNode) marked.get("metadata");
          if (!alreadyMarked) {
            mmd.put("deletionTimestamp", now());
            mmd.put("deletionGracePeriodSeconds", 0);
          }
          if (ctx.dryRun()) {
            return new Deleted(marked, true, uid);
          }
          Stored s = storage.store().write(WriteOp.update(key, k.toStorage(marked), cur));
          return new Deleted(served(k, s.data()), true, uid);
        }
        if (ctx.dryRun()) {
          return new Deleted(obj, false, uid);
        }
        Stored s = storage.store().write(WriteOp.delete(key, k.toStorage(obj), cur));
        return new Deleted(served(k, s.data()), false, uid);
      } catch (StorageException e) {
        if (e.reason() == StorageException.Reason.CONFLICT
            && attempt < MAX_CONFLICT_RETRIES
            && opts.resourceVersion() == null) {
          continue;
        }
        throw translate(e, k, name);
      }
    }
  }

  public static final String ORPHAN_FINALIZER = "orphan";
  public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

  /** DeleteOptions as far as kpg acts on them. */
  public record DeleteOptions(
      String uid, String resourceVersion, String propagationPolicy, Long gracePeriodSeconds) {
    public static final DeleteOptions NONE = new DeleteOptions(null, null, null, null);
  }

  // ---------------------------------------------------------------- helpers

  public static ResourceKey key(KindDef k, String ns, String name) {
    return ResourceKey.of(k.group(), k.plural(), k.namespaced() ? ns : "", name);
  }

  private static void failIfInvalid(KindDef k, ObjectNode obj, List<FieldError> errs) {
    if (!errs.isEmpty()) {
      String name = obj.path("metadata").path("name").asText("");
      throw Errors.invalid(k.group(), k.kind(), name, errs);
    }
  }

  /** The single place storage outcomes become Kubernetes errors. */
  public static StatusException translate(StorageException e, KindDef k, String name) {
    return switch (e.reason()) {
      case KEY_EXISTS -> Errors.alreadyExists(k.group(), k.plural(), name);
      case NOT_FOUND -> Errors.notFound(k.group(), k.plural(), name);
      case TOO_LARGE -> Errors.timeout("Timeout: " + e.getMessage(), 1);
      case CONFLICT -> Errors.conflict(k.group(), k.plural(), name, Errors.MODIFIED);
      case EXPIRED -> Errors.gone("The resourceVersion for the provided list is too old.");
      case UNAVAILABLE -> Errors.serviceUnavailable(e.getMessage());
    };
  }
}
