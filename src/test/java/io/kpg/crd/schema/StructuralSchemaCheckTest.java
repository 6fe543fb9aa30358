package io.kpg.crd.schema;

import static io.kpg.crd.schema.StructuralSchemaValidateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpg.errors.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuralSchemaCheckTest {
  static final String B = "spec.versions[0].schema.openAPIV3Schema";

  static List<String> check(String schema) {
    return StructuralSchema.validateSchema(json(schema), B).stream()
        .map(FieldError::message)
        .toList();
  }

  @Test
  void validSchemaHasNoErrors() {
    assertEquals(
        List.of(),
        check(
            "{'type':'object','properties':{'metadata':{'type':'object','properties':{'name':{'type':'string','maxLength':10}}},"
                + "'spec':{'type':'object','properties':{'port':{'x-kubernetes-int-or-string':true},"
                + "'l':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
                + "'items':{'type':'object','required':['name'],'properties':{'name':{'type':'string'}}}},"
                + "'r':{'type':'integer','default':3,'minimum':1},"
                + "'x':{'x-kubernetes-preserve-unknown-fields':true},"
                + "'v':{'type':'string','x-kubernetes-validations':[{'rule':'self.size() > 1'}]}}}}}"));
  }

  @Test
  void structuralRules() {
    assertEquals(
        List.of(
            B
                + ".properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified",
            B
                + ".properties[spec].properties[a].type: Required value: must not be empty for specified object fields",
            B
                + ".properties[spec].properties[e].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
            B
                + ".properties[spec].properties[i].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true",
            B + ".properties[spec].properties[l].items: Required value: must be specified",
            B
                + ".properties[spec].properties[n].anyOf[0].type: Forbidden: must be empty to be structural"),
        check(
            "{'type':'object','properties':{'metadata':{'type':'object','properties':{'labels':{'type':'object'}}},"
                + "'spec':{'type':'object','properties':{'a':{'description':'x'},"
                + "'e':{'type':'object','x-kubernetes-embedded-resource':true},"
                + "'i':{'x-kubernetes-int-or-string':true,'x-kubernetes-preserve-unknown-fields':true},"
                + "'l':{'type':'array'},"
                + "'n':{'type':'string','anyOf':[{'type':'string'}]}}}}}"));
  }

  @Test
  void forbiddenKeywords() {
    assertEquals(
        List.of(
            B
                + ".properties[s].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
            B
                + ".properties[s].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive",
            B + ".properties[t].$ref: Forbidden: $ref is not supported",
            B + ".properties[u].id: Forbidden: id is not supported",
            B
                + ".properties[w].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined"),
        check(
            "{'type':'object','properties':{"
                + "'s':{'type':'object','uniqueItems':true,'properties':{'a':{'type':'string'}},'additionalProperties':{'type':'string'}},"
                + "'t':{'type':'string','$ref':'#/x'},'u':{'type':'string','id':'x'},"
                + "'w':{'type':'object','x-kubernetes-preserve-unknown-fields':false}}}"));
  }

  @Test
  void listTypeRules() {
    assertEquals(
        List.of(
            B
                + ".properties[l].x-kubernetes-list-map-keys: Invalid value: []string{\"nope\"}: entries must all be names of item properties",
            B
                + ".properties[m].items.properties[k].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            B
                + ".properties[n].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map",
            B
                + ".properties[o].type: Invalid value: \"string\": must be array if x-kubernetes-list-type is specified"),
        check(
            "{'type':'object','properties':{"
                + "'l':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['nope'],'items':{'type':'object','properties':{'a':{'type':'string'}}}},"
                + "'m':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['k'],'items':{'type':'object','properties':{'k':{'type':'string'}}}},"
                + "'n':{'type':'array','x-kubernetes-list-type':'map','items':{'type':'object'}},"
                + "'o':{'type':'string','x-kubernetes-list-type':'set'}}}"));
  }

  @Test
  void defaultsMustValidateAndBePruned() {
    assertEquals(
        List.of(
            // the default is validated at its own root, whose name is empty: upstream prints two
            // spaces
            B
                + ".properties[a].default: Invalid value: 20:  in body should be less than or equal to 10",
            B
                + ".properties[b].default: Invalid value: map[string]interface {}{\"x\":1, \"y\":2}: must not have unknown fields",
            B + ".properties[metadata].default: Forbidden: must not be set in top-level metadata"),
        check(
            "{'type':'object','properties':{'a':{'type':'integer','maximum':10,'default':20},"
                + "'b':{'type':'object','properties':{'x':{'type':'integer'}},'default':{'x':1,'y':2}},"
                + "'metadata':{'type':'object','default':{}}}}"));
  }
}
