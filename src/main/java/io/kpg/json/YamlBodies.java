package io.kpg.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.Errors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML request bodies ({@code application/yaml}), read as upstream's decoder does (YAML 1.1
 * scalars, anchors, aliases and merge keys expanded, one document). Timestamps stay strings, so RFC
 * 3339 fields are not reinterpreted. Duplicate keys are reported like duplicate JSON fields.
 */
public final class YamlBodies {
  private YamlBodies() {}

  /** Parses a single-document YAML body into a JSON tree, noting duplicate keys. */
  public static BodyParser.Parsed parse(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    List<String> dups = new ArrayList<>();
    Object doc;
    try {
      doc = load(text, false);
    } catch (DuplicateKeyException e) {
      dups.add(
          e.getProblem() == null
              ? "(duplicate key)"
              : e.getProblem().replaceFirst("^found duplicate key ", ""));
      doc = load(text, true);
    } catch (YAMLException e) {
      throw Errors.badRequest("the request body is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (doc == null) {
      throw Errors.badRequest("the request body is empty");
    }
    JsonNode tree = Json.MAPPER.valueToTree(doc);
    return new BodyParser.Parsed(tree, dups);
  }

  private static Object load(String text, boolean allowDuplicates) {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(allowDuplicates);
    opts.setMaxAliasesForCollections(50);
    opts.setNestingDepthLimit(1000);
    Yaml yaml = new Yaml(new StringTimestamps(opts));
    Iterator<Object> docs;
    try {
      docs = yaml.loadAll(text).iterator();
      Object first = docs.hasNext() ? docs.next() : null;
      if (docs.hasNext() && docs.next() != null) {
        throw Errors.badRequest("the request body must hold a single YAML document");
      }
      return first;
    } catch (DuplicateKeyException e) {
      throw e;
    } catch (YAMLException | IllegalArgumentException e) {
      throw Errors.badRequest("the request body is not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** SafeConstructor that keeps timestamps as the strings they were written as. */
  private static final class StringTimestamps extends SafeConstructor {
    StringTimestamps(LoaderOptions opts) {
      super(opts);
      this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    }
  }
}
