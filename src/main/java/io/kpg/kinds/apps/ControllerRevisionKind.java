package io.kpg.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.PodSpecs;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 ControllerRevision. */
@Singleton
public class ControllerRevisionKind extends KindDef {

  public ControllerRevisionKind() {
    super("apps", "v1", "ControllerRevision", "controllerrevisions", true);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    if (!PodSpecs.present(obj.get("data"))) {
      errs.add(FieldError.required("data", "data is mandatory"));
    }
    PodSpecs.nonNegative(obj.get("revision"), "revision", errs);
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    PodSpecs.immutable(obj.get("data"), old.get("data"), "data", errs);
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        Column.of("Controller", "string", "Controller of the object"),
        Column.of(
            "Revision",
            "string",
            "Revision indicates the revision of the state represented by Data."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    String controller = "<none>";
    for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        String apiVersion = ref.path("apiVersion").asText("");
        String group =
            apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = ref.path("kind").asText("");
        String gk = group.isEmpty() ? kind : kind + "." + group;
        String name = ref.path("name").asText("");
        controller = gk.isEmpty() ? name : gk.toLowerCase() + "/" + name;
        break;
      }
    }
    return List.of(
        obj.path("metadata").path("name").asText(""),
        controller,
        obj.path("revision").asLong(0),
        Tables.age(obj, now));
  }
}
