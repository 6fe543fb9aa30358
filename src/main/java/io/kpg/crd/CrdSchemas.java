package io.kpg.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.crd.cel.CelRules;
import io.kpg.crd.schema.StructuralSchema;
import io.kpg.errors.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Checks of a CRD version's openAPIV3Schema: structural rules, status-root rules, CEL rules. */
final class CrdSchemas {
  private CrdSchemas() {}

  /** JSON keywords upstream allows at the root when the status subresource is on. */
  private static final Map<String, String> ROOT_ALLOWED =
      Map.ofEntries(
          Map.entry("description", "Description"),
          Map.entry("type", "Type"),
          Map.entry("format", "Format"),
          Map.entry("title", "Title"),
          Map.entry("maximum", "Maximum"),
          Map.entry("exclusiveMaximum", "ExclusiveMaximum"),
          Map.entry("minimum", "Minimum"),
          Map.entry("exclusiveMinimum", "ExclusiveMinimum"),
          Map.entry("maxLength", "MaxLength"),
          Map.entry("minLength", "MinLength"),
          Map.entry("pattern", "Pattern"),
          Map.entry("maxItems", "MaxItems"),
          Map.entry("minItems", "MinItems"),
          Map.entry("uniqueItems", "UniqueItems"),
          Map.entry("multipleOf", "MultipleOf"),
          Map.entry("required", "Required"),
          Map.entry("items", "Items"),
          Map.entry("properties", "Properties"),
          Map.entry("externalDocs", "ExternalDocs"),
          Map.entry("example", "Example"),
          Map.entry("x-kubernetes-preserve-unknown-fields", "XPreserveUnknownFields"),
          Map.entry("x-kubernetes-validations", "XValidations"));

  private static final String ROOT_LIST =
      "[Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength"
          + " MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties"
          + " ExternalDocs Example XPreserveUnknownFields XValidations]";

  static List<FieldError> validate(JsonNode schema, String path, boolean statusEnabled) {
    List<FieldError> errs = new ArrayList<>();
    if (statusEnabled) {
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isZero(e.getValue())) {
          continue;
        }
        if (e.getKey().equals("type")) {
          if (!e.getValue().asText().equals("object")) {
            errs.add(
                FieldError.invalid(
                    path + ".type",
                    e.getValue().asText(),
                    "only \"object\" is allowed as the type at the root of the schema if the"
                        + " status subresource is enabled"));
            break;
          }
          continue;
        }
        if (!ROOT_ALLOWED.containsKey(e.getKey())) {
          errs.add(
              FieldError.invalid(
                  path,
                  "",
                  "only "
                      + ROOT_LIST
                      + " fields are allowed at the root of the schema if the status subresource"
                      + " is enabled"));
          break;
        }
      }
    }
    List<FieldError> structural = StructuralSchema.validateSchema(schema, path);
    errs.addAll(structural);
    if (structural.isEmpty()) {
      errs.addAll(CelRules.compile(schema).compileErrors(path));
    }
    return errs;
  }

  private static boolean isZero(JsonNode v) {
    return v.isNull()
        || (v.isBoolean() && !v.asBoolean())
        || (v.isTextual() && v.asText().isEmpty())
        || (v.isContainerNode() && v.isEmpty());
  }
}
