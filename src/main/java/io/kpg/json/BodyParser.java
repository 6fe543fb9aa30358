package io.kpg.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses untrusted JSON request bodies into trees, noting duplicate keys (with their field path, as
 * upstream's strict decoding reports them) instead of silently keeping one. The last occurrence
 * wins, as in Go's decoder.
 */
public final class BodyParser {
  private BodyParser() {}

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
          .build();

  private static final java.math.BigDecimal MAX_FLOAT64 =
      new java.math.BigDecimal(Double.MAX_VALUE);

  public record Parsed(JsonNode tree, List<String> duplicates) {}

  public static Parsed parse(byte[] body) {
    List<String> dups = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw Errors.badRequest("the request body is empty");
      }
      JsonNode tree = read(p, t, "", dups);
      if (p.nextToken() != null) {
        throw Errors.badRequest(
            "the request body is not valid JSON: unexpected content after the top-level value");
      }
      return new Parsed(tree, dups);
    } catch (StreamConstraintsException e) {
      throw Errors.badRequest("the request body is nested too deeply");
    } catch (IOException e) {
      throw Errors.badRequest("the request body is not valid JSON: " + shortMessage(e));
    }
  }

  private static String shortMessage(IOException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }

  private static JsonNode read(JsonParser p, JsonToken t, String path, List<String> dups)
      throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          String child = path.isEmpty() ? name : path + "." + name;
          JsonNode v = read(p, p.nextToken(), child, dups);
          if (o.has(name)) {
            dups.add(child);
          }
          o.set(name, v);
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        int i = 0;
        for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
          a.add(read(p, k, path + "[" + i + "]", dups));
          i++;
        }
        return a;
      }
      case VALUE_STRING -> {
        return f.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> f.numberNode(p.getIntValue());
          case LONG -> f.numberNode(p.getLongValue());
          default -> f.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        java.math.BigDecimal d = p.getDecimalValue();
        if (d.abs().compareTo(MAX_FLOAT64) > 0) {
          // Go's decoder cannot hold it in a float64 either
          throw Errors.badRequest(
              "json: cannot unmarshal number "
                  + p.getText()
                  + " into Go value of type float64 (field "
                  + path
                  + ")");
        }
        return f.numberNode(d);
      }
      case VALUE_TRUE -> {
        return f.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return f.booleanNode(false);
      }
      case VALUE_NULL -> {
        return f.nullNode();
      }
      default -> throw Errors.badRequest("the request body is not valid JSON");
    }
  }
}
