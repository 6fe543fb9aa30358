package io.kpg.crd.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuralSchemaValidateTest {

  static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** a root schema whose spec has the given properties */
  static StructuralSchema spec(String props) {
    return StructuralSchema.parse(
        json(
            "{'type':'object','properties':{'spec':{'type':'object','properties':"
                + props
                + "}}}"));
  }

  static List<String> errors(StructuralSchema s, String spec) {
    return s
        .validate(
            json("{'apiVersion':'x.io/v1','kind':'K','metadata':{'name':'a'},'spec':" + spec + "}"))
        .stream()
        .map(FieldError::message)
        .toList();
  }

  @Test
  void typeMismatch() {
    StructuralSchema s = spec("{'replicas':{'type':'integer'},'on':{'type':'boolean'}}");
    assertEquals(
        List.of(
            "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""),
        errors(s, "{'replicas':'3'}"));
    assertEquals(
        List.of(
            "spec.on: Invalid value: \"integer\": spec.on in body must be of type boolean: \"integer\""),
        errors(s, "{'on':1}"));
    assertEquals(List.of(), errors(s, "{'replicas':3.0}"));
    assertEquals(
        List.of(
            "spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"",
            "<nil>: Invalid value: \"\": Checked value must be of type integer (default format) in spec.replicas"),
        errors(s, "{'replicas':3.5}"));
  }

  @Test
  void enumRequiredAndNull() {
    StructuralSchema s =
        StructuralSchema.parse(
            json(
                "{'type':'object','properties':{'spec':{'type':'object','required':['name'],'properties':{"
                    + "'color':{'type':'string','enum':['red','blue']},'name':{'type':'string'},"
                    + "'n':{'type':'string','nullable':true},'level':{'type':'integer','enum':[1,2]}}}}}"));
    assertEquals(
        List.of(
            "spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"",
            "spec.name: Required value"),
        errors(s, "{'color':'green'}"));
    assertEquals(
        List.of("spec.level: Unsupported value: 3: supported values: \"1\", \"2\""),
        errors(s, "{'name':'a','level':3}"));
    assertEquals(List.of(), errors(s, "{'name':'a','n':null}"));
    assertEquals(
        List.of(
            "spec.name: Invalid value: \"null\": spec.name in body must be of type string: \"null\""),
        errors(s, "{'name':null}"));
  }

  @Test
  void numbers() {
    StructuralSchema s =
        spec(
            "{'size':{'type':'integer','maximum':10,'minimum':1},'ex':{'type':'integer','maximum':10,'exclusiveMaximum':true,"
                + "'minimum':0,'exclusiveMinimum':true},'f':{'type':'number','maximum':1.5,'multipleOf':0.5},"
                + "'m':{'type':'integer','multipleOf':3},'i32':{'type':'integer','format':'int32'}}");
    assertEquals(
        List.of(
            "spec.size: Invalid value: 20: spec.size in body should be less than or equal to 10"),
        errors(s, "{'size':20}"));
    assertEquals(
        List.of(
            "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"),
        errors(s, "{'size':0}"));
    assertEquals(
        List.of("spec.ex: Invalid value: 10: spec.ex in body should be less than 10"),
        errors(s, "{'ex':10}"));
    assertEquals(
        List.of("spec.ex: Invalid value: 0: spec.ex in body should be greater than 0"),
        errors(s, "{'ex':0}"));
    assertEquals(
        List.of(
            "spec.f: Invalid value: 1.7: spec.f in body should be a multiple of 0.5",
            "spec.f: Invalid value: 1.7: spec.f in body should be less than or equal to 1.5"),
        errors(s, "{'f':1.7}"));
    assertEquals(
        List.of("spec.m: Invalid value: 4: spec.m in body should be a multiple of 3"),
        errors(s, "{'m':4}"));
    assertEquals(
        List.of(
            "<nil>: Invalid value: \"\": Checked value must be of type integer with format int32 in spec.i32"),
        errors(s, "{'i32':3000000000}"));
  }

  @Test
  void strings() {
    StructuralSchema s =
        spec(
            "{'s':{'type':'string','maxLength':3,'minLength':2},'p':{'type':'string','pattern':'^[a-z]+$'}}");
    assertEquals(
        List.of("spec.s: Too long: may not be more than 3 bytes"), errors(s, "{'s':'abcd'}"));
    assertEquals(List.of(), errors(s, "{'s':'äöü'}"));
    assertEquals(
        List.of("spec.s: Invalid value: \"a\": spec.s in body should be at least 2 chars long"),
        errors(s, "{'s':'a'}"));
    assertEquals(
        List.of("spec.p: Invalid value: \"A1\": spec.p in body should match '^[a-z]+$'"),
        errors(s, "{'p':'A1'}"));
  }

  @Test
  void formats() {
    StructuralSchema s =
        spec(
            "{'t':{'type':'string','format':'date-time'},'d':{'type':'string','format':'date'},"
                + "'u':{'type':'string','format':'uuid'},'ip':{'type':'string','format':'ipv4'},"
                + "'ip6':{'type':'string','format':'ipv6'},'c':{'type':'string','format':'cidr'},"
                + "'h':{'type':'string','format':'hostname'},'b':{'type':'string','format':'byte'},"
                + "'dur':{'type':'string','format':'duration'},'mac':{'type':'string','format':'mac'},"
                + "'uri':{'type':'string','format':'uri'},'e':{'type':'string','format':'email'},"
                + "'x':{'type':'string','format':'no-such-format'},'i':{'type':'integer','format':'int64'}}");
    assertEquals(
        List.of(),
        errors(
            s,
            "{'t':'2024-01-02T03:04:05Z','d':'2024-02-29','u':'123e4567-e89b-12d3-a456-426614174000',"
                + "'ip':'10.0.0.1','ip6':'::1','c':'10.0.0.0/8','h':'example.com','b':'aGVsbG8=',"
                + "'dur':'1h30m','mac':'00:1a:2b:3c:4d:5e','uri':'https://x.io/a','e':'a@b.io','x':'anything','i':5}"));
    assertEquals(
        List.of(
            "spec.t: Invalid value: \"yesterday\": spec.t in body must be of type date-time: \"yesterday\"",
            "spec.d: Invalid value: \"2023-02-29\": spec.d in body must be of type date: \"2023-02-29\"",
            "spec.u: Invalid value: \"nope\": spec.u in body must be of type uuid: \"nope\"",
            "spec.ip: Invalid value: \"::1\": spec.ip in body must be of type ipv4: \"::1\"",
            "spec.ip6: Invalid value: \"1.2.3.4\": spec.ip6 in body must be of type ipv6: \"1.2.3.4\"",
            "spec.c: Invalid value: \"10.0.0.0\": spec.c in body must be of type cidr: \"10.0.0.0\"",
            "spec.h: Invalid value: \"-bad-\": spec.h in body must be of type hostname: \"-bad-\"",
            "spec.b: Invalid value: \"!!\": spec.b in body must be of type byte: \"!!\"",
            "spec.dur: Invalid value: \"soon\": spec.dur in body must be of type duration: \"soon\"",
            "spec.mac: Invalid value: \"zz\": spec.mac in body must be of type mac: \"zz\"",
            "spec.uri: Invalid value: \"rel\": spec.uri in body must be of type uri: \"rel\"",
            "spec.e: Invalid value: \"nobody\": spec.e in body must be of type email: \"nobody\""),
        errors(
            s,
            "{'t':'yesterday','d':'2023-02-29','u':'nope','ip':'::1','ip6':'1.2.3.4','c':'10.0.0.0',"
                + "'h':'-bad-','b':'!!','dur':'soon','mac':'zz','uri':'rel','e':'nobody'}"));
  }

  @Test
  void arraysAndObjects() {
    StructuralSchema s =
        spec(
            "{'l':{'type':'array','items':{'type':'string'},'minItems':1,'maxItems':2,'uniqueItems':true},"
                + "'o':{'type':'object','minProperties':1,'maxProperties':1,'additionalProperties':{'type':'integer'}}}");
    assertEquals(
        List.of(
            "spec.l[1]: Invalid value: \"integer\": spec.l[1] in body must be of type string: \"integer\"",
            "spec.l: Too many: 3: must have at most 2 items",
            "spec.l: Invalid value: \"\": spec.l in body shouldn't contain duplicates"),
        errors(s, "{'l':['a',1,'a']}"));
    assertEquals(
        List.of("spec.l: Invalid value: 0: spec.l in body should have at least 1 items"),
        errors(s, "{'l':[]}"));
    assertEquals(
        List.of("spec.o: Invalid value: 0: spec.o in body should have at least 1 properties"),
        errors(s, "{'o':{}}"));
    assertEquals(
        List.of(
            "spec.o: Too many: 2: must have at most 1 item",
            "spec.o.b: Invalid value: \"string\": spec.o.b in body must be of type integer: \"string\""),
        errors(s, "{'o':{'a':1,'b':'x'}}"));
  }

  @Test
  void compositions() {
    StructuralSchema s =
        spec(
            "{'a':{'type':'string','anyOf':[{'pattern':'^a'},{'pattern':'^b'}]},"
                + "'o':{'type':'integer','oneOf':[{'minimum':5},{'maximum':10}]},"
                + "'all':{'type':'integer','allOf':[{'minimum':5},{'maximum':10}]},"
                + "'n':{'type':'string','not':{'enum':['x']}}}");
    assertEquals(
        List.of(
            "<nil>: Invalid value: \"\": \"spec.a\" must validate at least one schema (anyOf)",
            "spec.a: Invalid value: \"c\": spec.a in body should match '^a'"),
        errors(s, "{'a':'c'}"));
    assertEquals(List.of(), errors(s, "{'a':'b'}"));
    assertEquals(
        List.of(
            "<nil>: Invalid value: \"\": \"spec.o\" must validate one and only one schema (oneOf). Found 2 valid alternatives"),
        errors(s, "{'o':7}"));
    assertEquals(
        List.of(
            "spec.all: Invalid value: 11: spec.all in body should be less than or equal to 10",
            "<nil>: Invalid value: \"\": \"spec.all\" must validate all the schemas (allOf)"),
        errors(s, "{'all':11}"));
    assertEquals(
        List.of("<nil>: Invalid value: \"\": \"spec.n\" must not validate the schema (not)"),
        errors(s, "{'n':'x'}"));
  }

  @Test
  void intOrString() {
    StructuralSchema s = spec("{'port':{'x-kubernetes-int-or-string':true}}");
    assertEquals(List.of(), errors(s, "{'port':80}"));
    assertEquals(List.of(), errors(s, "{'port':'http'}"));
    assertEquals(
        List.of(
            "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\""),
        errors(s, "{'port':true}"));
  }

  @Test
  void listTypes() {
    StructuralSchema s =
        spec(
            "{'set':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},"
                + "'m':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
                + "'items':{'type':'object','required':['name'],'properties':{'name':{'type':'string'},'v':{'type':'integer'}}}},"
                + "'m2':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['a','b'],"
                + "'items':{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'integer'}}}}}");
    assertEquals(
        List.of(
            "spec.set[2]: Duplicate value: \"a\"",
            "spec.m[1]: Duplicate value: map[string]interface {}{\"name\":\"a\"}",
            "spec.m2[1]: Duplicate value: map[string]interface {}{\"a\":\"x\", \"b\":1}"),
        errors(
            s,
            "{'set':['a','b','a','a'],'m':[{'name':'a','v':1},{'name':'a','v':2}],"
                + "'m2':[{'a':'x','b':1},{'b':1,'a':'x'}]}"));
  }

  @Test
  void embeddedResource() {
    StructuralSchema s =
        spec(
            "{'tpl':{'type':'object','x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true}}");
    assertEquals(
        List.of("spec.tpl.apiVersion: Required value", "spec.tpl.kind: Required value"),
        errors(s, "{'tpl':{}}"));
    assertEquals(
        List.of(
            "spec.tpl.kind: Invalid value: \"Foo_Bar\": may have mixed case, but should otherwise match: "
                + "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.tpl.metadata.labels: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        errors(s, "{'tpl':{'apiVersion':'v1','kind':'Foo_Bar','metadata':{'labels':{'-x':'y'}}}}"));
    assertEquals(
        List.of(
            "spec.tpl.metadata: Invalid value: \"x\": json: cannot unmarshal string into Go value of type v1.ObjectMeta"),
        errors(s, "{'tpl':{'apiVersion':'v1','kind':'Pod','metadata':'x'}}"));
  }

  @Test
  void goFloatFormatting() {
    assertEquals("1e+06", GoFmt.floatV(1000000));
    assertEquals("1.5", GoFmt.floatV(1.5));
    assertEquals("123456", GoFmt.floatV(123456));
    assertEquals("1e-05", GoFmt.floatV(0.00001));
    assertEquals("0.0001", GoFmt.floatV(0.0001));
  }
}
