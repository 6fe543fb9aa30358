package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** core/v1 PodTemplate. */
@Singleton
public class PodTemplateKind extends KindDef {

  public PodTemplateKind() {
    super("", "v1", "PodTemplate", "podtemplates", true);
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    PodSpecs.applyPodTemplateDefaults(Json.obj(obj, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return PodSpecs.validatePodTemplate(obj.get("template"), "template");
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        Column.of("Containers", "string", PodSpecs.CONTAINERS_DESCRIPTION),
        Column.of("Images", "string", PodSpecs.IMAGES_DESCRIPTION),
        Column.of("Pod Labels", "string", "The labels for the pod template."));
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode template = obj.path("template");
    String[] cells = PodSpecs.containerCells(template.path("spec"));
    return List.of(
        obj.path("metadata").path("name").asText(""),
        cells[0],
        cells[1],
        PodSpecs.formatLabels(template.path("metadata").get("labels")));
  }
}
