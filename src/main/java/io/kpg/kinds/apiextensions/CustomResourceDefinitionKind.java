package io.kpg.kinds.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.crd.CrdStatus;
import io.kpg.crd.CrdValidation;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.kinds.core.SecretKind;
import io.kpg.registry.KindDef;
import io.kpg.registry.ResourceStore;
import io.kpg.schema.Schema;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition: defaults, validation and status rules of
 * upstream's CRD strategy. Serving the defined resources is {@link io.kpg.crd.CrdServing}'s job;
 * names and conditions are kept by {@link io.kpg.crd.CrdController}.
 */
@Singleton
public class CustomResourceDefinitionKind extends KindDef {

  public CustomResourceDefinitionKind() {
    super(
        "apiextensions.k8s.io",
        "v1",
        "CustomResourceDefinition",
        "customresourcedefinitions",
        false);
    shortNames("crd", "crds");
    categories("api-extensions");
  }

  @Override
  public List<String> normalize(ObjectNode obj, String what) {
    List<String> unknown = new ArrayList<>(super.normalize(obj, what));
    Schema props =
        schema()
            .property("spec")
            .schema()
            .property("versions")
            .schema()
            .items()
            .property("schema")
            .schema()
            .property("openAPIV3Schema")
            .schema();
    unknown.addAll(SchemaPropsDecoding.check(obj, props, what));
    JsonNode ca =
        obj.path("spec").path("conversion").path("webhook").path("clientConfig").path("caBundle");
    if (ca.isTextual() && SecretKind.goBase64ErrorAt(ca.textValue()) >= 0) {
      throw Errors.badRequest(
          what
              + ": illegal base64 data at input byte "
              + SecretKind.goBase64ErrorAt(ca.textValue()));
    }
    return unknown;
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  /**
   * A new CRD's status is reset to upstream's zero value: conditions (a list without omitempty)
   * null, empty accepted names, and the storage version as the only stored version.
   */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    ObjectNode status = Json.object();
    status.putNull("conditions");
    ObjectNode accepted = status.putObject("acceptedNames");
    accepted.put("kind", "");
    accepted.put("plural", "");
    ArrayNode stored = status.putArray("storedVersions");
    for (JsonNode v : obj.path("spec").path("versions")) {
      if (v.path("storage").asBoolean(false)) {
        stored.add(v.path("name").asText());
      }
    }
    obj.set("status", status);
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    super.prepareForUpdate(obj, old);
    ObjectNode status = Json.obj(obj, "status");
    ArrayNode stored = status.withArray("storedVersions");
    for (JsonNode v : obj.path("spec").path("versions")) {
      String name = v.path("name").asText();
      if (v.path("storage").asBoolean(false) && !contains(stored, name)) {
        stored.add(name);
      }
    }
  }

  private static boolean contains(ArrayNode a, String s) {
    for (JsonNode n : a) {
      if (n.asText().equals(s)) {
        return true;
      }
    }
    return false;
  }

  /** Upstream's v1 defaults: singular and listKind names, conversion strategy, service port. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    if (!(obj.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (spec.get("names") instanceof ObjectNode names) {
      String kind = names.path("kind").asText("");
      if (names.path("singular").asText("").isEmpty() && !kind.isEmpty()) {
        names.put("singular", kind.toLowerCase());
      }
      if (names.path("listKind").asText("").isEmpty() && !kind.isEmpty()) {
        names.put("listKind", kind + "List");
      }
    }
    if (!(spec.get("conversion") instanceof ObjectNode)) {
      spec.putObject("conversion").put("strategy", "None");
    }
    JsonNode svc = spec.path("conversion").path("webhook").path("clientConfig").path("service");
    if (svc instanceof ObjectNode s && !s.has("port")) {
      s.put("port", 443);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return CrdValidation.validate(obj, null);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return CrdValidation.validate(obj, old);
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return new ArrayList<>(
        CrdValidation.names(obj.path("status").path("acceptedNames"), "status.acceptedNames"));
  }

  /**
   * Deleting a CRD first deletes its custom resources: the cleanup finalizer and a Terminating
   * condition are added, and the CRD controller removes the finalizer when the resources are gone.
   */
  @Override
  public boolean markForDeletion(ObjectNode obj) {
    ObjectNode md = Json.obj(obj, "metadata");
    if (md.has("deletionTimestamp")) {
      return false;
    }
    ArrayNode fins = md.withArray("finalizers");
    if (!contains(fins, CrdStatus.CLEANUP_FINALIZER)) {
      fins.add(CrdStatus.CLEANUP_FINALIZER);
    }
    CrdStatus.setCondition(
        obj,
        "Terminating",
        "True",
        "InstanceDeletionPending",
        "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
        ResourceStore.now());
    return true;
  }
}
