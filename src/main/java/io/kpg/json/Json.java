package io.kpg.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The shared JSON mapper and small helpers for working with objects as JSON trees. */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = newMapper();

  private static ObjectMapper newMapper() {
    JsonMapper m = JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    m.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build());
    return m;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  public static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] writeBytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text that kpg itself wrote (stored objects); not for untrusted input. */
  public static ObjectNode parseTrusted(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text at a dotted path ({@code spec.nodeName}), or null when missing or not a scalar. */
  public static String text(JsonNode obj, String dottedPath) {
    JsonNode n = at(obj, dottedPath);
    if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
      return null;
    }
    return n.asText();
  }

  /** Node at a dotted path, or null. */
  public static JsonNode at(JsonNode obj, String dottedPath) {
    JsonNode n = obj;
    for (String p : dottedPath.split("\\.")) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(p);
    }
    return n;
  }

  /** The object at {@code key} in {@code parent}, created when missing or not an object. */
  public static ObjectNode obj(ObjectNode parent, String key) {
    JsonNode n = parent.get(key);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(key);
  }
}
