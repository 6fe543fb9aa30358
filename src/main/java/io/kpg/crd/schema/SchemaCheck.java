package io.kpg.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.kpg.errors.FieldError;
import io.kpg.json.GoStrings;
import io.kpg.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's CRD-creation checks of an openAPIV3Schema, in upstream's order: nullable at the root,
 * the structural rules (sorted by message, as upstream sorts them), when those pass the defaults
 * (valid against their schema and unchanged by pruning), then the per-node keyword rules.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  private static final List<String> TYPES =
      List.of("array", "boolean", "integer", "number", "object", "string");
  private static final Set<String> META = Set.of("metadata", "kind", "apiVersion");

  static List<FieldError> validate(JsonNode schema, String base) {
    List<FieldError> errs = new ArrayList<>();
    if (schema == null || !schema.isObject()) {
      return errs;
    }
    if (schema.path("nullable").asBoolean(false)) {
      errs.add(FieldError.forbidden(base + ".nullable", "nullable cannot be true at the root"));
    }
    List<FieldError> structural = new ArrayList<>();
    invariants(schema, Level.ROOT, base, structural);
    structural.sort(Comparator.comparing(FieldError::message));
    errs.addAll(structural);
    if (structural.isEmpty()) {
      defaults(schema, base, true, false, errs);
    }
    keywords(schema, base, new Ssv(true, null, false), true, errs);
    return errs;
  }

  // ------------------------------------------------------------------ structural invariants

  enum Level {
    ROOT,
    ITEM,
    FIELD
  }

  private static String key(String path, String k) {
    return path + ".properties[" + k + "]";
  }

  private static String type(JsonNode s) {
    return s.path("type").asText("");
  }

  private static boolean flag(JsonNode s, String f) {
    return s.path(f).asBoolean(false);
  }

  private static void invariants(JsonNode s, Level lvl, String path, List<FieldError> errs) {
    String t = type(s);
    JsonNode items = s.get("items");
    if (t.equals("array") && (items == null || !items.isObject())) {
      errs.add(FieldError.required(path + ".items", "must be specified"));
    }
    if (items != null && items.isObject()) {
      invariants(items, Level.ITEM, path + ".items", errs);
    }
    JsonNode props = s.get("properties");
    if (props != null && props.isObject()) {
      props
          .fields()
          .forEachRemaining(
              e -> invariants(e.getValue(), Level.FIELD, key(path, e.getKey()), errs));
    }
    JsonNode ap = s.get("additionalProperties");
    if (ap != null) {
      if (lvl == Level.ROOT) {
        errs.add(
            FieldError.forbidden(path + ".additionalProperties", "must not be used at the root"));
      }
      if (ap.isObject()) {
        invariants(ap, Level.FIELD, path + ".additionalProperties", errs);
      }
    }
    boolean intOrString = flag(s, "x-kubernetes-int-or-string");
    boolean preserve = flag(s, "x-kubernetes-preserve-unknown-fields");
    boolean embedded = flag(s, "x-kubernetes-embedded-resource");
    if (intOrString && preserve) {
      errs.add(
          FieldError.invalid(
              path + ".x-kubernetes-preserve-unknown-fields",
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    if (intOrString && embedded) {
      errs.add(
          FieldError.invalid(
              path + ".x-kubernetes-embedded-resource",
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    valueValidation(s, isIntOrStringAnyOf(s.get("anyOf")), firstAllOfIsIntOrString(s), path, errs);
    boolean checkMetadata = lvl == Level.ROOT || embedded;
    if (embedded && !t.equals("object")) {
      if (t.isEmpty()) {
        errs.add(
            FieldError.required(
                path + ".type", "must be object if x-kubernetes-embedded-resource is true"));
      } else {
        errs.add(
            FieldError.invalid(
                path + ".type", t, "must be object if x-kubernetes-embedded-resource is true"));
      }
    } else if (t.isEmpty() && !intOrString && !preserve) {
      String detail =
          switch (lvl) {
            case ROOT -> "must not be empty at the root";
            case ITEM -> "must not be empty for specified array items";
            case FIELD -> "must not be empty for specified object fields";
          };
      errs.add(FieldError.required(path + ".type", detail));
    }
    if (embedded && ap != null) {
      errs.add(
          FieldError.forbidden(
              path + ".additionalProperties",
              "must not be used if x-kubernetes-embedded-resource is set"));
    }
    if (lvl == Level.ROOT && !t.isEmpty() && !t.equals("object")) {
      errs.add(FieldError.invalid(path + ".type", t, "must be object at the root"));
    }
    if (props != null && props.isObject()) {
      for (String f : List.of("kind", "apiVersion")) {
        JsonNode p = props.get(f);
        if (p != null && checkMetadata && !type(p).equals("string")) {
          errs.add(FieldError.invalid(key(path, f) + ".type", type(p), "must be string"));
        }
      }
      JsonNode md = props.get("metadata");
      if (md != null) {
        String mp = key(path, "metadata");
        if (checkMetadata && !type(md).equals("object")) {
          errs.add(FieldError.invalid(mp + ".type", type(md), "must be object"));
        }
        if (lvl == Level.ROOT && !onlyNameAndGenerateName(md)) {
          errs.add(
              FieldError.forbidden(
                  mp,
                  "must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }
      }
    }
    if (embedded && !preserve && (props == null || props.isEmpty())) {
      errs.add(
          FieldError.required(
              path + ".properties",
              "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
    }
  }

  private static boolean onlyNameAndGenerateName(JsonNode md) {
    Set<String> keys = new HashSet<>();
    md.fieldNames().forEachRemaining(keys::add);
    keys.remove("type");
    keys.remove("default");
    JsonNode props = md.get("properties");
    if (props != null && props.isObject()) {
      Set<String> names = new HashSet<>();
      props.fieldNames().forEachRemaining(names::add);
      names.remove("name");
      names.remove("generateName");
      if (names.isEmpty() && !props.isEmpty()) {
        keys.remove("properties");
      }
    }
    return keys.isEmpty();
  }

  private static boolean isIntOrStringAnyOf(JsonNode anyOf) {
    return anyOf != null
        && anyOf.equals(
            Json.MAPPER
                .createArrayNode()
                .add(Json.object().put("type", "integer"))
                .add(Json.object().put("type", "string")));
  }

  private static boolean firstAllOfIsIntOrString(JsonNode s) {
    JsonNode allOf = s.get("allOf");
    return allOf != null
        && allOf.isArray()
        && allOf.size() >= 1
        && isIntOrStringAnyOf(allOf.get(0).get("anyOf"));
  }

  private static void valueValidation(
      JsonNode v,
      boolean skipAnyOf,
      boolean skipFirstAllOfAnyOf,
      String path,
      List<FieldError> errs) {
    if (!skipAnyOf) {
      each(v.get("anyOf"), path + ".anyOf", (n, p, i) -> nested(n, false, p, errs));
    }
    each(
        v.get("allOf"),
        path + ".allOf",
        (n, p, i) -> nested(n, skipFirstAllOfAnyOf && i == 0, p, errs));
    each(v.get("oneOf"), path + ".oneOf", (n, p, i) -> nested(n, false, p, errs));
    JsonNode not = v.get("not");
    if (not != null && not.isObject()) {
      nested(not, false, path + ".not", errs);
    }
    JsonNode pattern = v.get("pattern");
    if (pattern != null && pattern.isTextual() && !pattern.textValue().isEmpty()) {
      try {
        Pattern.compile(pattern.textValue());
      } catch (PatternSyntaxException e) {
        errs.add(
            FieldError.invalid(
                path + ".pattern",
                pattern.textValue(),
                "must be a valid regular expression, but isn't: error parsing regexp: "
                    + e.getDescription()));
      }
    }
  }

  interface Each {
    void visit(JsonNode n, String path, int index);
  }

  private static void each(JsonNode list, String path, Each f) {
    if (list != null && list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        f.visit(list.get(i), path + "[" + i + "]", i);
      }
    }
  }

  private static final List<String[]> NESTED_FORBIDDEN =
      List.of(
          new String[] {"title", "must be empty to be structural"},
          new String[] {"description", "must be empty to be structural"},
          new String[] {"x-kubernetes-list-map-keys", "must be empty to be structural"},
          new String[] {"x-kubernetes-list-type", "must be undefined to be structural"},
          new String[] {"x-kubernetes-map-type", "must be undefined to be structural"},
          new String[] {"x-kubernetes-validations", "must be empty to be structural"});

  /** a schema inside allOf/anyOf/oneOf/not: value validations only */
  private static void nested(JsonNode v, boolean skipAnyOf, String path, List<FieldError> errs) {
    if (v == null || !v.isObject()) {
      return;
    }
    valueValidation(v, skipAnyOf, false, path, errs);
    JsonNode items = v.get("items");
    if (items != null && items.isObject()) {
      nested(items, false, path + ".items", errs);
    }
    JsonNode props = v.get("properties");
    if (props != null && props.isObject()) {
      props
          .fields()
          .forEachRemaining(e -> nested(e.getValue(), false, key(path, e.getKey()), errs));
    }
    if (!type(v).isEmpty()) {
      errs.add(FieldError.forbidden(path + ".type", "must be empty to be structural"));
    }
    if (v.has("additionalProperties")) {
      errs.add(
          FieldError.forbidden(
              path + ".additionalProperties", "must be undefined to be structural"));
    }
    if (v.has("default") && !v.get("default").isNull()) {
      errs.add(FieldError.forbidden(path + ".default", "must be undefined to be structural"));
    }
    for (String[] f : NESTED_FORBIDDEN) {
      JsonNode x = v.get(f[0]);
      if (x != null
          && !x.isNull()
          && !(x.isContainerNode() && x.isEmpty())
          && !(x.isTextual() && x.textValue().isEmpty() && !f[0].startsWith("x-"))) {
        errs.add(FieldError.forbidden(path + "." + f[0], f[1]));
      }
    }
    if (flag(v, "nullable")) {
      errs.add(FieldError.forbidden(path + ".nullable", "must be false to be structural"));
    }
    for (String f :
        List.of(
            "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource",
            "x-kubernetes-int-or-string")) {
      if (flag(v, f)) {
        errs.add(FieldError.forbidden(path + "." + f, "must be false to be structural"));
      }
    }
    if (props != null && props.has("metadata")) {
      errs.add(
          FieldError.forbidden(key(path, "metadata"), "must not be specified in a nested context"));
    }
  }

  // ------------------------------------------------------------------ defaults

  private static void defaults(
      JsonNode s, String path, boolean root, boolean insideMeta, List<FieldError> errs) {
    boolean embedded = root || flag(s, "x-kubernetes-embedded-resource");
    if (flag(s, "x-kubernetes-embedded-resource")) {
      insideMeta = false;
    }
    JsonNode def = s.get("default");
    if (def != null && !def.isNull() && !insideMeta) {
      String dp = path + ".default";
      StructuralSchema node = StructuralSchema.parse(s);
      JsonNode pruned = def.deepCopy();
      if (pruned instanceof ObjectNode o) {
        pruneDefault(o, node, flag(s, "x-kubernetes-embedded-resource"));
      } else if (pruned.isArray()) {
        ObjectNode holder = Json.object();
        holder.set("v", pruned);
        StructuralSchema wrap =
            StructuralSchema.parse(
                Json.object().put("type", "object").set("properties", Json.object().set("v", s)));
        wrap.prune(holder);
        pruned = holder.get("v");
      }
      if (!pruned.equals(def)) {
        errs.add(FieldError.invalid(dp, GoFmt.value(def), "must not have unknown fields"));
      }
      List<FieldError> metaErrs = EmbeddedMeta.validate(node, def);
      if (!metaErrs.isEmpty()) {
        metaErrs.forEach(
            e ->
                errs.add(new FieldError(e.type(), dp + "." + e.field(), e.badValue(), e.detail())));
      } else {
        for (FieldError e : ValueValidator.validate(node, def)) {
          String f = e.field().equals("<nil>") ? dp : dp + "." + e.field();
          errs.add(new FieldError(e.type(), f, e.badValue(), e.detail()));
        }
      }
    }
    JsonNode items = s.get("items");
    if (items != null && items.isObject()) {
      defaults(items, path + ".items", false, insideMeta, errs);
    }
    JsonNode props = s.get("properties");
    if (props != null && props.isObject()) {
      for (Map.Entry<String, JsonNode> e : iterable(props)) {
        boolean sub = insideMeta || (embedded && META.contains(e.getKey()));
        defaults(e.getValue(), key(path, e.getKey()), false, sub, errs);
      }
    }
    JsonNode ap = s.get("additionalProperties");
    if (ap != null && ap.isObject()) {
      defaults(ap, path + ".additionalProperties", false, insideMeta, errs);
    }
  }

  private static void pruneDefault(ObjectNode o, StructuralSchema node, boolean embedded) {
    if (embedded) {
      node.prune(o);
      return;
    }
    ObjectNode holder = Json.object();
    holder.set("v", o);
    StructuralSchema wrap =
        StructuralSchema.parse(
            Json.object()
                .put("type", "object")
                .set("properties", Json.object().set("v", node.raw())));
    wrap.prune(holder);
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
    return n::fields;
  }

  // ------------------------------------------------------------------ keyword rules

  /** upstream's specStandardValidator state */
  record Ssv(boolean allowDefaults, String disallowReason, boolean insideResourceMeta) {
    Ssv forbidDefaults(String reason) {
      return new Ssv(false, reason, insideResourceMeta);
    }

    Ssv insideMeta() {
      return new Ssv(allowDefaults, disallowReason, true);
    }
  }

  private static void standard(JsonNode s, String path, Ssv ssv, List<FieldError> errs) {
    String t = type(s);
    if (!t.isEmpty() && !TYPES.contains(t)) {
      errs.add(FieldError.notSupported(path + ".type", t, TYPES));
    }
    if (s.has("default") && !s.get("default").isNull() && !ssv.allowDefaults()) {
      errs.add(
          FieldError.forbidden(
              path + ".default",
              "must not be set"
                  + (ssv.disallowReason() == null ? "" : " " + ssv.disallowReason())));
    }
    if (!s.path("id").asText("").isEmpty()) {
      errs.add(FieldError.forbidden(path + ".id", "id is not supported"));
    }
    if (s.has("additionalItems")) {
      errs.add(FieldError.forbidden(path + ".additionalItems", "additionalItems is not supported"));
    }
    if (s.path("patternProperties").size() > 0) {
      errs.add(
          FieldError.forbidden(path + ".patternProperties", "patternProperties is not supported"));
    }
    if (s.path("definitions").size() > 0) {
      errs.add(FieldError.forbidden(path + ".definitions", "definitions is not supported"));
    }
    if (s.has("dependencies")) {
      errs.add(FieldError.forbidden(path + ".dependencies", "dependencies is not supported"));
    }
    if (s.has("$ref")) {
      errs.add(FieldError.forbidden(path + ".$ref", "$ref is not supported"));
    }
    if (t.equals("null")) {
      errs.add(
          FieldError.forbidden(
              path + ".type", "type cannot be set to null, use nullable as an alternative"));
    }
    if (s.path("items").isArray()) {
      errs.add(
          FieldError.forbidden(path + ".items", "items must be a schema object and not an array"));
    }
    if (ssv.insideResourceMeta() && flag(s, "x-kubernetes-embedded-resource")) {
      errs.add(
          FieldError.forbidden(
              path + ".x-kubernetes-embedded-resource",
              "must not be used inside of resource meta"));
    }
  }

  private static void keywords(
      JsonNode s, String path, Ssv ssv, boolean root, List<FieldError> errs) {
    if (s == null || !s.isObject()) {
      return;
    }
    standard(s, path, ssv, errs);
    if (flag(s, "uniqueItems")) {
      errs.add(
          FieldError.forbidden(
              path + ".uniqueItems",
              "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
    }
    JsonNode ap = s.get("additionalProperties");
    JsonNode props = s.get("properties");
    boolean hasProps = props != null && props.size() > 0;
    if (ap != null) {
      if (hasProps && !(ap.isBoolean() && ap.booleanValue())) {
        errs.add(
            FieldError.forbidden(
                path + ".additionalProperties",
                "additionalProperties and properties are mutual exclusive"));
      }
      Ssv sub =
          ssv.insideResourceMeta()
              ? ssv.forbidDefaults("inside additionalProperties applying to object metadata")
              : ssv;
      if (ap.isObject()) {
        keywords(ap, path + ".additionalProperties", sub, false, errs);
      }
    }
    if (hasProps) {
      for (Map.Entry<String, JsonNode> e : iterable(props)) {
        Ssv sub = ssv;
        if ((root || flag(s, "x-kubernetes-embedded-resource")) && META.contains(e.getKey())) {
          sub = sub.insideMeta();
          if (root) {
            sub = sub.forbidDefaults("in top-level " + e.getKey());
          }
        }
        keywords(e.getValue(), key(path, e.getKey()), sub, false, errs);
      }
    }
    JsonNode not = s.get("not");
    if (not != null) {
      keywords(not, path + ".not", ssv, false, errs);
    }
    for (String c : List.of("allOf", "oneOf", "anyOf")) {
      each(s.get(c), path + "." + c, (n, p, i) -> keywords(n, p, ssv, false, errs));
    }
    JsonNode defs = s.get("definitions");
    if (defs != null && defs.isObject()) {
      for (Map.Entry<String, JsonNode> e : iterable(defs)) {
        keywords(e.getValue(), path + ".definitions[" + e.getKey() + "]", ssv, false, errs);
      }
    }
    JsonNode items = s.get("items");
    if (items != null) {
      if (items.isObject()) {
        keywords(items, path + ".items", ssv, false, errs);
      } else if (items.isArray()) {
        each(items, path + ".items", (n, p, i) -> keywords(n, p, ssv, false, errs));
      }
    }
    listAndMapTypes(s, path, errs);
  }

  private static void listAndMapTypes(JsonNode s, String path, List<FieldError> errs) {
    String t = type(s);
    JsonNode preserve = s.get("x-kubernetes-preserve-unknown-fields");
    if (preserve != null && preserve.isBoolean() && !preserve.booleanValue()) {
      errs.add(
          FieldError.invalid(
              path + ".x-kubernetes-preserve-unknown-fields", false, "must be true or undefined"));
    }
    String mapType =
        s.path("x-kubernetes-map-type").isTextual()
            ? s.get("x-kubernetes-map-type").textValue()
            : null;
    if (mapType != null && !t.equals("object")) {
      if (t.isEmpty()) {
        errs.add(
            FieldError.required(
                path + ".type", "must be object if x-kubernetes-map-type is specified"));
      } else {
        errs.add(
            FieldError.invalid(
                path + ".type", t, "must be object if x-kubernetes-map-type is specified"));
      }
    }
    if (mapType != null && !mapType.equals("atomic") && !mapType.equals("granular")) {
      errs.add(
          FieldError.notSupported(
              path + ".x-kubernetes-map-type", mapType, List.of("atomic", "granular")));
    }
    String listType =
        s.path("x-kubernetes-list-type").isTextual()
            ? s.get("x-kubernetes-list-type").textValue()
            : null;
    JsonNode items = s.get("items");
    JsonNode itemSchema = items != null && items.isObject() ? items : null;
    if (listType != null && !t.equals("array")) {
      if (t.isEmpty()) {
        errs.add(
            FieldError.required(
                path + ".type", "must be array if x-kubernetes-list-type is specified"));
      } else {
        errs.add(
            FieldError.invalid(
                path + ".type", t, "must be array if x-kubernetes-list-type is specified"));
      }
    } else if ("set".equals(listType) && itemSchema != null) {
      String it = type(itemSchema);
      if (it.equals("array")) {
        String ilt = itemSchema.path("x-kubernetes-list-type").asText(null);
        if (ilt != null && !ilt.equals("atomic")) {
          errs.add(
              FieldError.invalid(
                  path + ".items.x-kubernetes-list-type",
                  ilt,
                  "must be atomic as item of a list with x-kubernetes-list-type=set"));
        }
      } else if (it.equals("object")) {
        String imt = itemSchema.path("x-kubernetes-map-type").asText(null);
        if (imt == null || !imt.equals("atomic")) {
          errs.add(
              FieldError.invalid(
                  path + ".items.x-kubernetes-map-type",
                  itemSchema.path("x-kubernetes-list-type").asText(null),
                  "must be atomic as item of a list with x-kubernetes-list-type=set"));
        }
      }
    }
    if (listType != null && !List.of("atomic", "set", "map").contains(listType)) {
      errs.add(
          FieldError.notSupported(
              path + ".x-kubernetes-list-type", listType, List.of("atomic", "set", "map")));
    }
    JsonNode keys = s.get("x-kubernetes-list-map-keys");
    List<String> mapKeys = new ArrayList<>();
    if (keys != null && keys.isArray()) {
      keys.forEach(k -> mapKeys.add(k.asText()));
    }
    if (!mapKeys.isEmpty()) {
      if (listType == null) {
        errs.add(
            FieldError.required(
                path + ".x-kubernetes-list-type",
                "must be map if x-kubernetes-list-map-keys is non-empty"));
      } else if (!listType.equals("map")) {
        errs.add(
            FieldError.invalid(
                path + ".x-kubernetes-list-type",
                listType,
                "must be map if x-kubernetes-list-map-keys is non-empty"));
      }
    }
    if ("map".equals(listType)) {
      if (mapKeys.isEmpty()) {
        errs.add(
            FieldError.required(
                path + ".x-kubernetes-list-map-keys",
                "must not be empty if x-kubernetes-list-type is map"));
      }
      if (items == null) {
        errs.add(
            FieldError.required(
                path + ".items", "must have a schema if x-kubernetes-list-type is map"));
      } else if (itemSchema == null) {
        errs.add(
            FieldError.invalid(
                path + ".items",
                GoFmt.value(items),
                "must only have a single schema if x-kubernetes-list-type is map"));
      } else if (!type(itemSchema).equals("object")) {
        errs.add(
            FieldError.invalid(
                path + ".items.type",
                type(itemSchema),
                "must be object if parent array's x-kubernetes-list-type is map"));
      } else {
        Set<String> seen = new HashSet<>();
        JsonNode ip = itemSchema.path("properties");
        Object shownKeys =
            new GoFmt.Rendered(
                "[]string{"
                    + String.join(", ", mapKeys.stream().map(GoStrings::quote).toList())
                    + "}");
        for (String k : mapKeys) {
          JsonNode ks = ip.get(k);
          if (ks != null) {
            if (type(ks).equals("array") || type(ks).equals("object")) {
              errs.add(
                  FieldError.invalid(
                      key(path + ".items", k) + ".type",
                      type(itemSchema),
                      "must be a scalar type if parent array's x-kubernetes-list-type is map"));
            }
          } else {
            errs.add(
                FieldError.invalid(
                    path + ".x-kubernetes-list-map-keys",
                    shownKeys,
                    "entries must all be names of item properties"));
          }
          if (!seen.add(k)) {
            errs.add(
                FieldError.invalid(
                    path + ".x-kubernetes-list-map-keys",
                    shownKeys,
                    "must not contain duplicate entries"));
          }
        }
      }
    }
    if (itemSchema != null && ("set".equals(listType) || "map".equals(listType))) {
      if (flag(itemSchema, "nullable")) {
        errs.add(
            FieldError.forbidden(
                path + ".items.nullable",
                "cannot be nullable when x-kubernetes-list-type is " + listType));
      }
      if (listType.equals("map")) {
        Set<String> required = new HashSet<>();
        itemSchema.path("required").forEach(r -> required.add(r.asText()));
        for (String k : mapKeys) {
          JsonNode ks = itemSchema.path("properties").get(k);
          if (ks == null) {
            continue;
          }
          if (!required.contains(k) && (!ks.has("default") || ks.get("default").isNull())) {
            errs.add(
                FieldError.required(
                    key(path + ".items", k) + ".default",
                    "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
          }
          if (flag(ks, "nullable")) {
            errs.add(
                FieldError.forbidden(
                    key(path + ".items", k) + ".nullable",
                    "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
          }
        }
      }
    }
  }
}
