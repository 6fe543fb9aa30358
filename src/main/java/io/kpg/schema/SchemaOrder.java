package io.kpg.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Puts an object's fields in the order upstream's Go encoder writes them: struct fields in
 * declaration order (the schema's property order, kind and apiVersion first), map keys sorted.
 * Fields the schema does not know keep their place after the known ones.
 */
public final class SchemaOrder {
  private SchemaOrder() {}

  public static ObjectNode apply(ObjectNode obj, Schema schema) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String f : List.of("kind", "apiVersion")) {
      if (obj.has(f)) {
        out.set(f, obj.get(f));
      }
    }
    copyObject(obj, schema, out);
    return out;
  }

  private static void copyObject(ObjectNode in, Schema schema, ObjectNode out) {
    for (Schema.Field f : schema.properties().values()) {
      JsonNode v = in.get(f.name());
      if (v != null) {
        out.set(f.name(), order(v, f.schema()));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    }
  }

  private static JsonNode order(JsonNode v, Schema s) {
    switch (s.type) {
      case OBJECT -> {
        if (v instanceof ObjectNode o) {
          ObjectNode out = JsonNodeFactory.instance.objectNode();
          copyObject(o, s, out);
          return out;
        }
        return v;
      }
      case MAP -> {
        if (v instanceof ObjectNode o) {
          List<String> keys = new ArrayList<>();
          o.fieldNames().forEachRemaining(keys::add);
          keys.sort(null);
          ObjectNode out = JsonNodeFactory.instance.objectNode();
          for (String k : keys) {
            out.set(k, order(o.get(k), s.items()));
          }
          return out;
        }
        return v;
      }
      case ARRAY -> {
        if (v instanceof ArrayNode a) {
          ArrayNode out = JsonNodeFactory.instance.arrayNode();
          for (JsonNode item : a) {
            out.add(order(item, s.items()));
          }
          return out;
        }
        return v;
      }
      default -> {
        return v;
      }
    }
  }
}
