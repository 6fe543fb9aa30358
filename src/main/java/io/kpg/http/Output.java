package io.kpg.http;

import io.kpg.errors.Errors;
import java.util.HashMap;
import java.util.Map;

/**
 * The representation a client asked for in its Accept header: the plain object, a meta.k8s.io
 * Table, or PartialObjectMetadata. Media ranges are tried in order; the first one kpg can produce
 * wins; none producible is 406.
 */
public record Output(Form form, String metaVersion) {
  public enum Form {
    OBJECT,
    /** the plain object as YAML */
    YAML,
    TABLE,
    METADATA
  }

  public static final Output OBJECT = new Output(Form.OBJECT, null);
  public static final Output YAML = new Output(Form.YAML, null);

  public static Output negotiate(String accept, boolean tableAllowed) {
    if (accept == null || accept.isBlank()) {
      return OBJECT;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase();
      Map<String, String> params = new HashMap<>();
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].trim().split("=", 2);
        if (kv.length == 2) {
          params.put(kv[0].trim().toLowerCase(), kv[1].trim());
        }
      }
      if (type.equals("application/yaml") && !params.containsKey("as")) {
        return YAML;
      }
      boolean jsonish =
          type.equals("application/json") || type.equals("*/*") || type.equals("application/*");
      if (!jsonish) {
        continue;
      }
      String as = params.get("as");
      if (as == null) {
        return OBJECT;
      }
      String g = params.getOrDefault("g", "");
      String v = params.getOrDefault("v", "");
      if (!g.equals("meta.k8s.io") || !(v.equals("v1") || v.equals("v1beta1"))) {
        continue;
      }
      if (as.equals("Table") && tableAllowed) {
        return new Output(Form.TABLE, v);
      }
      if (as.equals("PartialObjectMetadata") || as.equals("PartialObjectMetadataList")) {
        return new Output(Form.METADATA, v);
      }
    }
    throw Errors.notAcceptable("only the following media types are accepted: application/json");
  }
}
