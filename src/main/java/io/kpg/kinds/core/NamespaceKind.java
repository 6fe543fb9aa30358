package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * core/v1 Namespace: cluster-scoped, status subresource (plus {@code /finalize}), name is a DNS
 * label. Mirrors pkg/registry/core/namespace/strategy.go and pkg/apis/core/v1/defaults.go.
 */
@Singleton
public class NamespaceKind extends KindDef {
  public static final String FINALIZER_KUBERNETES = "kubernetes";
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  public NamespaceKind() {
    super("", "v1", "Namespace", "namespaces", false);
    shortNames("ns");
    fieldSelector("status.phase", o -> RestKinds.str(o, "status", "phase"));
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public boolean tracksGeneration() {
    return false;
  }

  @Override
  public List<String> extraSubresources() {
    return List.of("finalize");
  }

  /** Status is reset to Active and the {@code kubernetes} finalizer is always added on create. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
    obj.putObject("status").put("phase", "Active");
    ObjectNode spec = RestKinds.obj(obj, "spec");
    JsonNode fin = spec.get("finalizers");
    ArrayNode arr = fin instanceof ArrayNode a ? a : spec.putArray("finalizers");
    boolean has = false;
    for (JsonNode f : arr) {
      if (FINALIZER_KUBERNETES.equals(f.asText())) {
        has = true;
      }
    }
    if (!has) {
      arr.add(FINALIZER_KUBERNETES);
    }
  }

  /** Spec finalizers change only through {@code /finalize}; status only through /status. */
  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    super.prepareForUpdate(obj, old);
    JsonNode oldSpec = old.get("spec");
    if (oldSpec == null) {
      obj.remove("spec");
    } else {
      JsonNode fins = oldSpec.get("finalizers");
      ObjectNode spec = RestKinds.obj(obj, "spec");
      if (fins == null) {
        spec.remove("finalizers");
      } else {
        spec.set("finalizers", fins.deepCopy());
      }
    }
  }

  /** SetDefaults_Namespace (name label) and SetDefaults_NamespaceStatus (phase Active). */
  @Override
  public void applyDefaults(ObjectNode obj) {
    String name = RestKinds.name(obj);
    if (!name.isEmpty()) {
      ObjectNode md = RestKinds.obj(obj, "metadata");
      RestKinds.obj(md, "labels").put(NAME_LABEL, name);
    }
    JsonNode st = obj.get("status");
    if (st instanceof ObjectNode s && RestKinds.str(s, "phase").isEmpty()) {
      s.put("phase", "Active");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(validateFinalizers(RestKinds.node(obj, "spec", "finalizers"), "spec.finalizers"));
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    // upstream's ValidateNamespaceUpdate only checks object meta; the name never changes
    errs.addAll(validateFinalizers(RestKinds.node(obj, "spec", "finalizers"), "spec.finalizers"));
    return errs;
  }

  @Override
  public List<String> validateName(String name) {
    return NameValidation.isDns1123Label(name);
  }

  /** A namespace is deleted in two steps: it turns Terminating until its contents are gone. */
  @Override
  public boolean markForDeletion(ObjectNode obj) {
    Json.obj(obj, "status").put("phase", "Terminating");
    return RestKinds.items(RestKinds.node(obj, "spec", "finalizers")).iterator().hasNext();
  }

  @Override
  public boolean readyToRemove(ObjectNode obj) {
    return !RestKinds.items(RestKinds.node(obj, "spec", "finalizers")).iterator().hasNext();
  }

  /** {@code /finalize}: only spec.finalizers change (the namespace controller empties them). */
  @Override
  public ObjectNode updateSubresource(String subresource, ObjectNode body, ObjectNode old) {
    if (!subresource.equals("finalize")) {
      throw new UnsupportedOperationException(subresource);
    }
    ObjectNode next = old.deepCopy();
    JsonNode fins = body.path("spec").path("finalizers");
    ObjectNode spec = Json.obj(next, "spec");
    if (fins.isArray()) {
      spec.set("finalizers", fins.deepCopy());
    } else {
      spec.remove("finalizers");
    }
    List<FieldError> errs = validateFinalizeUpdate(next, old);
    if (!errs.isEmpty()) {
      throw io.kpg.errors.Errors.invalid("", "Namespace", RestKinds.name(old), errs);
    }
    return next;
  }

  /** Validation of a {@code /finalize} update (ValidateNamespaceFinalizeUpdate). */
  public List<FieldError> validateFinalizeUpdate(ObjectNode obj, ObjectNode old) {
    return validateFinalizers(RestKinds.node(obj, "spec", "finalizers"), "spec.finalizers");
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    String phase = RestKinds.str(obj, "status", "phase");
    boolean deleting = !RestKinds.str(obj, "metadata", "deletionTimestamp").isEmpty();
    if (!deleting && !"Active".equals(phase)) {
      errs.add(
          FieldError.invalid(
              "status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"));
    } else if (deleting && !"Terminating".equals(phase)) {
      errs.add(
          FieldError.invalid(
              "status.Phase",
              phase,
              "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    return errs;
  }

  /** validateFinalizerName: a qualified name; without a '/', only the standard "kubernetes". */
  static List<FieldError> validateFinalizers(JsonNode fins, String path) {
    List<FieldError> errs = new ArrayList<>();
    int i = 0;
    for (JsonNode f : RestKinds.items(fins)) {
      String v = f.asText();
      String p = path + "[" + i++ + "]";
      List<String> msgs = NameValidation.isQualifiedName(v);
      for (String m : msgs) {
        errs.add(FieldError.invalid(p, v, m));
      }
      if (msgs.isEmpty() && !v.contains("/") && !v.equals(FINALIZER_KUBERNETES)) {
        errs.add(
            FieldError.invalid(
                p, v, "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col("Status", "string", "The status of the namespace"),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(
        RestKinds.name(obj), RestKinds.str(obj, "status", "phase"), Tables.age(obj, now));
  }
}
