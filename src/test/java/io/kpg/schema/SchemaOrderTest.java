package io.kpg.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import org.junit.jupiter.api.Test;

class SchemaOrderTest {
  @Test
  void fieldsInGoOrderAndMapKeysSorted() {
    ObjectNode cm =
        Json.parseTrusted(
            "{\"data\":{\"z\":\"1\",\"a\":\"2\"},\"extra\":1,\"metadata\":{\"uid\":\"u\",\"labels\":{\"b\":\"1\",\"a\":\"2\"},"
                + "\"name\":\"n\",\"namespace\":\"d\"},\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}");
    Schema s =
        SchemaRegistry.builtin().forMessage(SchemaRegistry.messageFor("", "v1", "ConfigMap"));
    ObjectNode out = SchemaOrder.apply(cm, s);
    assertEquals(
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"n\",\"namespace\":\"d\",\"uid\":\"u\","
            + "\"labels\":{\"a\":\"2\",\"b\":\"1\"}},\"data\":{\"a\":\"2\",\"z\":\"1\"},\"extra\":1}",
        Json.write(out));
  }

  @Test
  void nestedListsFollowTheirItemSchema() {
    ObjectNode pod =
        Json.parseTrusted(
            "{\"status\":{},\"spec\":{\"containers\":[{\"image\":\"i\",\"name\":\"c\"}]},\"metadata\":{\"name\":\"p\"}}");
    Schema s = SchemaRegistry.builtin().forMessage(SchemaRegistry.messageFor("", "v1", "Pod"));
    assertEquals(
        "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]},\"status\":{}}",
        Json.write(SchemaOrder.apply(pod, s)));
  }
}
