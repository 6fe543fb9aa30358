package io.kpg.crd.columns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kpg.crd.columns.Ast.Actions;
import io.kpg.crd.columns.Ast.Node;
import io.kpg.errors.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A jsonpath template as client-go's {@code util/jsonpath} reads and evaluates it, over Jackson
 * trees. CRDs use it for {@code additionalPrinterColumns} and {@code selectableFields}, wrapping
 * the declared path in braces ({@link #expression}); a template may also mix text and several
 * {@code {...}} actions ({@link #parse}).
 *
 * <p>Evaluation gives one list of matches per action (and per text part), as upstream's {@code
 * FindResults}. Missing keys are an error ({@code x is not found}) unless {@link #allowMissingKeys}
 * is set, as it is for every CRD use.
 */
public final class JsonPath {
  private final String template;
  private final Actions root;
  private final boolean allowMissingKeys;

  private JsonPath(String template, Actions root, boolean allowMissingKeys) {
    this.template = template;
    this.root = root;
    this.allowMissingKeys = allowMissingKeys;
  }

  /** Parses a template such as {@code {.spec.replicas}} or {@code name={.metadata.name}}. */
  public static JsonPath parse(String template) {
    return new JsonPath(template, Parser.parse(template), false);
  }

  /** Parses a bare path such as {@code .spec.replicas} the way CRDs do: as {@code {<path>}}. */
  public static JsonPath expression(String path) {
    return parse("{" + path + "}");
  }

  /** A copy whose missing keys give no match instead of an error. */
  public JsonPath allowMissingKeys(boolean allow) {
    return new JsonPath(template, root, allow);
  }

  public String template() {
    return template;
  }

  /** The matches of each action and text part of the template, in order. */
  public List<List<JsonNode>> findResults(JsonNode data) {
    List<List<JsonNode>> out = new ArrayList<>();
    new Evaluation(allowMissingKeys).sequence(root.nodes, 0, root.nodes.size(), data, out);
    return out;
  }

  /** All matches, in order (the result lists of {@link #findResults} concatenated). */
  public List<JsonNode> find(JsonNode data) {
    List<JsonNode> all = new ArrayList<>();
    findResults(data).forEach(all::addAll);
    return all;
  }

  /**
   * The template's text output ({@code Execute}): the matches of one action separated by spaces,
   * containers as JSON, JSON null as {@code null}.
   */
  public String execute(JsonNode data) {
    StringBuilder sb = new StringBuilder();
    for (List<JsonNode> results : findResults(data)) {
      for (int i = 0; i < results.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(GoValues.text(results.get(i)));
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return template;
  }

  // ------------------------------------------------------------------ CRD validation

  /**
   * Upstream's check of the simple paths a CRD declares (printer columns, scale paths): not empty
   * and starting with a dot. Anything after the dot is accepted, as upstream does; a column that
   * then fails to parse is dropped when the table is built (see {@link PrinterColumns}).
   */
  public static List<FieldError> validateSimplePath(String path, String fieldPath) {
    if (path.isEmpty()) {
      return List.of(FieldError.invalid(fieldPath, path, "must not be empty"));
    } else if (path.charAt(0) != '.') {
      return List.of(
          FieldError.invalid(fieldPath, path, "must be a simple json path starting with ."));
    }
    return List.of();
  }

  /**
   * The {@code jsonPath} of one {@code additionalPrinterColumns} entry: required, then a simple
   * path. {@code fieldPath} names the field itself, e.g. {@code
   * spec.versions[0].additionalPrinterColumns[2].JSONPath} (upstream's spelling).
   */
  public static List<FieldError> validateColumnPath(String path, String fieldPath) {
    if (path == null || path.isEmpty()) {
      return List.of(FieldError.required(fieldPath, ""));
    }
    return validateSimplePath(path, fieldPath);
  }

  /**
   * The {@code jsonPath} of one {@code selectableFields} entry against the version's {@code
   * openAPIV3Schema}: required, a field path without brackets that the schema defines, not under
   * metadata, of type string, boolean or integer. Duplicates and the count limit are checked over
   * the whole list by {@link SelectableFields#validate}.
   */
  public static List<FieldError> validateSelectableFieldPath(
      String path, JsonNode schema, String fieldPath) {
    if (path == null || path.isEmpty()) {
      return List.of(FieldError.required(fieldPath, ""));
    }
    return SchemaFieldPath.check(path, schema, fieldPath).errors();
  }

  // ------------------------------------------------------------------ evaluation

  private static final class Evaluation {
    private final boolean allowMissingKeys;
    private int rangeDepth;

    Evaluation(boolean allowMissingKeys) {
      this.allowMissingKeys = allowMissingKeys;
    }

    /** Evaluates top-level nodes [from, to) against {@code data}; ranges repeat their body. */
    void sequence(List<Node> nodes, int from, int to, JsonNode data, List<List<JsonNode>> out) {
      int i = from;
      while (i < to) {
        Node node = nodes.get(i);
        List<JsonNode> results = walk(List.of(data), node);
        if (node instanceof Actions a && a.hasIdentifier("range")) {
          int end = matchingEnd(nodes, i + 1, to);
          rangeDepth++;
          for (JsonNode item : results) {
            sequence(nodes, i + 1, end, item, out);
          }
          rangeDepth--;
          i = end + 1;
          continue;
        }
        out.add(results);
        i++;
      }
    }

    /** Index of the {@code {end}} closing a range whose body starts at {@code from}, or to. */
    private static int matchingEnd(List<Node> nodes, int from, int to) {
      int depth = 0;
      for (int k = from; k < to; k++) {
        if (nodes.get(k) instanceof Actions a) {
          if (a.hasIdentifier("range")) {
            depth++;
          } else if (a.hasIdentifier("end")) {
            if (depth == 0) {
              return k;
            }
            depth--;
          }
        }
      }
      return to;
    }

    List<JsonNode> walk(List<JsonNode> input, Node node) {
      if (node instanceof Actions a) {
        return list(input, a);
      } else if (node instanceof Ast.Text t) {
        return List.of(TextNode.valueOf(t.text()));
      } else if (node instanceof Ast.Field f) {
        return field(input, f.name());
      } else if (node instanceof Ast.Slice s) {
        return slice(input, s);
      } else if (node instanceof Ast.Filter f) {
        return filter(input, f);
      } else if (node instanceof Ast.IntLit l) {
        return repeat(input, LongNode.valueOf(l.value()));
      } else if (node instanceof Ast.FloatLit l) {
        return repeat(input, DoubleNode.valueOf(l.value()));
      } else if (node instanceof Ast.BoolLit l) {
        return repeat(input, BooleanNode.valueOf(l.value()));
      } else if (node instanceof Ast.Wildcard) {
        return wildcard(input);
      } else if (node instanceof Ast.Recursive) {
        return recursive(input);
      } else if (node instanceof Ast.Union u) {
        return union(input, u);
      }
      return identifier(input, ((Ast.Identifier) node).name());
    }

    private List<JsonNode> list(List<JsonNode> input, Actions a) {
      List<JsonNode> cur = input;
      for (Node n : a.nodes) {
        cur = walk(cur, n);
      }
      return cur;
    }

    private static List<JsonNode> repeat(List<JsonNode> input, JsonNode value) {
      List<JsonNode> out = new ArrayList<>(input.size());
      for (int i = 0; i < input.size(); i++) {
        out.add(value);
      }
      return out;
    }

    private List<JsonNode> identifier(List<JsonNode> input, String name) {
      switch (name) {
        case "range":
          return input;
        case "end":
          if (rangeDepth > 0) {
            return List.of();
          }
          throw new JsonPathException("not in range, nothing to end");
        default:
          throw new JsonPathException("unrecognized identifier " + name);
      }
    }

    private List<JsonNode> field(List<JsonNode> input, String name) {
      List<JsonNode> results = new ArrayList<>();
      if (input.isEmpty()) {
        return results;
      }
      for (JsonNode v : input) {
        if (v.isObject() && v.has(name)) {
          results.add(v.get(name));
        }
      }
      if (results.isEmpty() && !allowMissingKeys) {
        throw new JsonPathException(name + " is not found");
      }
      return results;
    }

    private static List<JsonNode> slice(List<JsonNode> input, Ast.Slice s) {
      List<JsonNode> result = new ArrayList<>();
      for (JsonNode v : input) {
        if (v.isNull()) {
          continue;
        }
        if (!v.isArray()) {
          throw new JsonPathException(GoValues.typeName(v) + " is not array or slice");
        }
        long len = v.size();
        long start = s.start().known() ? s.start().value() : 0;
        if (start < 0) {
          start += len;
        }
        long end = s.end().known() ? s.end().value() : len;
        if (end < 0 || (end == 0 && s.end().derived())) {
          end += len;
        }
        if (end == start) {
          // asking for nothing is allowed; like upstream, the matches so far are what is left
          return result;
        }
        if (start >= len || start < 0) {
          throw outOfBounds(start, len);
        }
        if (end > len || end < 0) {
          throw outOfBounds(end - 1, len);
        }
        if (start > end) {
          throw new JsonPathException(
              "starting index " + start + " is greater than ending index " + end);
        }
        long step = 1;
        if (s.step().known()) {
          if (s.step().value() <= 0) {
            throw new JsonPathException("step must be > 0");
          }
          step = s.step().value();
        }
        for (long i = start; i < end; i += step) {
          result.add(v.get((int) i));
        }
      }
      return result;
    }

    private static JsonPathException outOfBounds(long index, long len) {
      return new JsonPathException("array index out of bounds: index " + index + ", length " + len);
    }

    private List<JsonNode> union(List<JsonNode> input, Ast.Union u) {
      List<JsonNode> result = new ArrayList<>();
      for (Actions branch : u.branches()) {
        result.addAll(list(input, branch));
      }
      return result;
    }

    /** The direct members of a value: object values, array items, or a string's UTF-8 bytes. */
    private static List<JsonNode> children(JsonNode v) {
      List<JsonNode> out = new ArrayList<>();
      if (v.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          out.add(it.next().getValue());
        }
      } else if (v.isArray()) {
        v.forEach(out::add);
      } else if (v.isTextual()) {
        for (byte b : v.textValue().getBytes(StandardCharsets.UTF_8)) {
          out.add(ShortNode.valueOf((short) (b & 0xff)));
        }
      }
      return out;
    }

    private static List<JsonNode> wildcard(List<JsonNode> input) {
      List<JsonNode> results = new ArrayList<>();
      for (JsonNode v : input) {
        results.addAll(children(v));
      }
      return results;
    }

    /** Every value with members, from the input down, each followed by its descendants. */
    private static List<JsonNode> recursive(List<JsonNode> input) {
      List<JsonNode> result = new ArrayList<>();
      for (JsonNode v : input) {
        List<JsonNode> members = children(v);
        if (!members.isEmpty()) {
          result.add(v);
          result.addAll(recursive(members));
        }
      }
      return result;
    }

    private List<JsonNode> filter(List<JsonNode> input, Ast.Filter f) {
      List<JsonNode> results = new ArrayList<>();
      for (JsonNode v : input) {
        if (!v.isArray()) {
          throw new JsonPathException(
              GoValues.sprint(v) + " is not array or slice and cannot be filtered");
        }
        for (JsonNode item : v) {
          List<JsonNode> self = List.of(item);
          if (f.operator().equals("exists")) {
            List<JsonNode> lefts;
            try {
              lefts = list(self, f.left());
            } catch (JsonPathException e) {
              lefts = List.of();
            }
            if (!lefts.isEmpty()) {
              results.add(item);
            }
            continue;
          }
          JsonNode left = single(list(self, f.left()));
          if (left == null) {
            continue;
          }
          JsonNode right = single(list(self, f.right()));
          if (right == null) {
            continue;
          }
          if (GoValues.compare(left, right, f.operator())) {
            results.add(item);
          }
        }
      }
      return results;
    }

    private static JsonNode single(List<JsonNode> values) {
      if (values.size() > 1) {
        throw new JsonPathException("can only compare one element at a time");
      }
      return values.isEmpty() ? null : values.get(0);
    }
  }
}
