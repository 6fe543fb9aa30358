package io.kpg.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaOrder;
import io.kpg.schema.SchemaRegistry;
import java.time.Instant;
import java.util.List;

/** Renders objects as meta.k8s.io Tables with the kind's columns. */
final class TableWriter {
  private TableWriter() {}

  static ObjectNode table(
      KindDef k,
      List<ObjectNode> objects,
      String metaVersion,
      String includeObject,
      boolean headers) {
    ObjectNode t = Json.object();
    t.put("kind", "Table");
    t.put("apiVersion", "meta.k8s.io/" + metaVersion);
    t.putObject("metadata");
    ArrayNode cols = t.putArray("columnDefinitions");
    if (headers) {
      for (KindDef.Column c : k.columns()) {
        ObjectNode cd = cols.addObject();
        cd.put("name", c.name());
        cd.put("type", c.type());
        cd.put("format", c.format());
        cd.put("description", c.description());
        cd.put("priority", c.priority());
      }
    }
    ArrayNode rows = t.putArray("rows");
    Instant now = Instant.now();
    for (ObjectNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object cell : k.row(o, now)) {
        cells.add(Json.MAPPER.<JsonNode>valueToTree(cell));
      }
      switch (includeObject == null ? "Metadata" : includeObject) {
        case "None" -> {}
        case "Object" -> row.set("object", o);
        default -> row.set("object", partial(o, metaVersion));
      }
    }
    return t;
  }

  private static final Schema OBJECT_META =
      SchemaRegistry.builtin()
          .forMessage(SchemaRegistry.messageFor("meta.k8s.io", "v1", "ObjectMeta"));

  /**
   * The object's metadata as a PartialObjectMetadata: upstream copies it into a typed ObjectMeta,
   * so its fields come in Go struct order even when the object's own keys are sorted (custom
   * resources).
   */
  static ObjectNode partial(ObjectNode o, String metaVersion) {
    ObjectNode p = Json.object();
    p.put("kind", "PartialObjectMetadata");
    p.put("apiVersion", "meta.k8s.io/" + metaVersion);
    JsonNode md = o.path("metadata");
    p.set(
        "metadata",
        md instanceof ObjectNode m ? SchemaOrder.apply(m.deepCopy(), OBJECT_META) : Json.object());
    return p;
  }
}
