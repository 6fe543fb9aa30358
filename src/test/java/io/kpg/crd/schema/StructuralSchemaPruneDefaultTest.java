package io.kpg.crd.schema;

import static io.kpg.crd.schema.StructuralSchemaValidateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuralSchemaPruneDefaultTest {

  static final StructuralSchema SCHEMA =
      StructuralSchema.parse(
          json(
              "{'type':'object','properties':{'spec':{'type':'object','properties':{"
                  + "'replicas':{'type':'integer','default':1},"
                  + "'list':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
                  + "'items':{'type':'object','properties':{'name':{'type':'string'},'proto':{'type':'string','default':'TCP'}}}},"
                  + "'tags':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},"
                  + "'plain':{'type':'array','items':{'type':'string'}},"
                  + "'labels':{'type':'object','additionalProperties':{'type':'object','properties':{'v':{'type':'string','default':'x'}}}},"
                  + "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true},"
                  + "'atomic':{'type':'object','x-kubernetes-map-type':'atomic','properties':{'a':{'type':'string'}}},"
                  + "'port':{'x-kubernetes-int-or-string':true},"
                  + "'obj':{'type':'object','default':{'a':{'b':1}},'properties':{'a':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}},"
                  + "'nn':{'type':'string'},'nd':{'type':'string','default':'d'},'nl':{'type':'string','nullable':true},"
                  + "'tpl':{'type':'object','x-kubernetes-embedded-resource':true,'properties':{'spec':{'type':'object'}}}"
                  + "}},'status':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'properties':{'n':{'type':'object','properties':{'k':{'type':'string'}}}}}}}"));

  @Test
  void pruneRemovesUnknownFieldsAndReportsPaths() {
    ObjectNode cr =
        (ObjectNode)
            json(
                "{'apiVersion':'x.io/v1','kind':'K','metadata':{'name':'a','junk':1},'extra':1,"
                    + "'spec':{'foo':1,'list':[{'name':'a','bar':2}],'free':{'any':{'deep':1}},"
                    + "'labels':{'k':{'v':'1','z':2}},'tpl':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'x':1},'other':1}},"
                    + "'status':{'kept':1,'n':{'k':'v','drop':1}}}");
    List<String> removed = SCHEMA.prune(cr);
    assertEquals(
        List.of(
            "extra",
            "spec.foo",
            "spec.labels.k.z",
            "spec.list[0].bar",
            "spec.tpl.other",
            "spec.tpl.spec.x",
            "status.n.drop"),
        removed);
    assertEquals(
        json(
            "{'apiVersion':'x.io/v1','kind':'K','metadata':{'name':'a','junk':1},"
                + "'spec':{'list':[{'name':'a'}],'free':{'any':{'deep':1}},'labels':{'k':{'v':'1'}},"
                + "'tpl':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{}}},"
                + "'status':{'kept':1,'n':{'k':'v'}}}"),
        cr);
  }

  @Test
  void pruneOfObjectWithoutSchemaEmptiesIt() {
    StructuralSchema s =
        StructuralSchema.parse(
            json(
                "{'type':'object','properties':{'m':{'type':'object','additionalProperties':true}}}"));
    ObjectNode cr = (ObjectNode) json("{'m':{'a':1,'b':{'c':1}}}");
    assertEquals(List.of("m.b.c"), s.prune(cr));
    assertEquals(json("{'m':{'a':1,'b':{}}}"), cr);
  }

  @Test
  void defaultsFillMissingAndDropNonNullableNulls() {
    ObjectNode cr =
        (ObjectNode)
            json(
                "{'spec':{'list':[{'name':'a'},{'name':'b','proto':'UDP'}],'labels':{'x':{}},"
                    + "'nn':null,'nd':null,'nl':null,'replicas':null}}");
    SCHEMA.applyDefaults(cr);
    assertEquals(
        json(
            "{'spec':{'list':[{'name':'a','proto':'TCP'},{'name':'b','proto':'UDP'}],'labels':{'x':{'v':'x'}},"
                + "'nd':'d','nl':null,'replicas':1,'obj':{'a':{'b':1}}}}"),
        cr);
    // defaults are copies: changing one object's default must not change the schema's
    ((ObjectNode) cr.get("spec").get("obj").get("a")).put("b", 2);
    ObjectNode other = (ObjectNode) json("{'spec':{}}");
    SCHEMA.applyDefaults(other);
    assertEquals(1, other.get("spec").get("obj").get("a").get("b").intValue());
    assertNotSame(cr.get("spec").get("obj"), other.get("spec").get("obj"));
  }

  @Test
  void defaultsOfItemsAndAdditionalPropertiesReplaceNulls() {
    StructuralSchema s =
        StructuralSchema.parse(
            json(
                "{'type':'object','properties':{'l':{'type':'array','items':{'type':'string','default':'z'}},"
                    + "'m':{'type':'object','additionalProperties':{'type':'integer','default':7}}}}"));
    ObjectNode cr = (ObjectNode) json("{'l':['a',null],'m':{'a':null,'b':2}}");
    s.applyDefaults(cr);
    assertEquals(json("{'l':['a','z'],'m':{'a':7,'b':2}}"), cr);
  }

  @Test
  void toSchemaMapsStructure() {
    Schema root = SCHEMA.toSchema("io.x.v1.K");
    assertEquals(Schema.Type.OBJECT, root.type);
    assertEquals("io.x.v1.K", root.definition);
    assertEquals(
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        root.property("metadata").schema().definition);
    assertEquals(Schema.Type.STRING, root.property("apiVersion").schema().type);
    Schema spec = root.property("spec").schema();
    Schema.Field list = spec.property("list");
    assertEquals(Schema.Type.ARRAY, list.schema().type);
    assertEquals("map", list.listType());
    assertEquals(List.of("name"), list.listMapKeys());
    assertEquals(Schema.Type.OBJECT, list.schema().items().type);
    assertEquals("set", spec.property("tags").listType());
    assertEquals("atomic", spec.property("plain").listType());
    assertEquals(Schema.Type.MAP, spec.property("labels").schema().type);
    assertSame(Schema.deduced(), spec.property("free").schema());
    assertEquals(Schema.Type.ANY, spec.property("atomic").schema().type);
    assertEquals(Schema.Type.INT_OR_STRING, spec.property("port").schema().type);
    assertEquals(Schema.Type.INTEGER, spec.property("replicas").schema().type);
    assertNull(spec.property("replicas").listType());
    Schema tpl = spec.property("tpl").schema();
    assertSame(root.property("metadata").schema(), tpl.property("metadata").schema());
    // status has properties and preserves unknown fields: a struct
    assertEquals(Schema.Type.OBJECT, root.property("status").schema().type);
  }
}
