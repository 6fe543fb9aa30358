package io.kpg.crd.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpg.errors.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CelRulesTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final String BASE = "spec.versions[0].schema.openAPIV3Schema";

  private static JsonNode j(String json) {
    try {
      return M.readTree(quotes(json));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Single quotes outside double-quoted strings stand for double quotes (keeps tests short). */
  private static String quotes(String s) {
    StringBuilder sb = new StringBuilder();
    boolean inDouble = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && inDouble) {
        sb.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '"') {
        inDouble = !inDouble;
      }
      sb.append(c == '\'' && !inDouble ? '"' : c);
    }
    return sb.toString();
  }

  /** A schema whose spec has the given properties and rules. */
  private static JsonNode spec(String properties, String rules) {
    return j(
        "{'type':'object','properties':{'spec':{'type':'object','properties':"
            + properties
            + ",'x-kubernetes-validations':"
            + rules
            + "}}}");
  }

  private static List<String> messages(List<FieldError> errs) {
    return errs.stream().map(FieldError::message).toList();
  }

  private static List<String> check(JsonNode schema, String obj) {
    CelRules r = CelRules.compile(schema);
    assertEquals(List.of(), messages(r.compileErrors(BASE)));
    return messages(r.validate(j(obj), null));
  }

  @Test
  void passingAndFailingRuleWithDefaultMessage() {
    JsonNode s =
        spec(
            "{'min':{'type':'integer'},'max':{'type':'integer'}}",
            "[{'rule':'self.min <= self.max'}]");
    assertEquals(List.of(), check(s, "{'spec':{'min':1,'max':2}}"));
    assertEquals(
        List.of("spec: Invalid value: failed rule: self.min <= self.max"),
        check(s, "{'spec':{'min':3,'max':2}}"));
  }

  @Test
  void messageReasonAndFieldPath() {
    JsonNode s =
        spec(
            "{'name':{'type':'string'},'replicas':{'type':'integer'}}",
            "[{'rule':'self.replicas < 10','message':'too many','fieldPath':'.replicas',"
                + "'reason':'FieldValueForbidden'},"
                + "{'rule':'has(self.name)','message':'name is needed','reason':'FieldValueRequired',"
                + "'fieldPath':\"['name']\"}]");
    CelRules r = CelRules.compile(s);
    List<FieldError> errs = r.validate(j("{'spec':{'replicas':12}}"), null);
    assertEquals(
        List.of("spec.replicas: Forbidden: too many", "spec.name: Required value: name is needed"),
        messages(errs));
    assertEquals("FieldValueForbidden", errs.get(0).type().reason);
  }

  @Test
  void scalarRuleShowsTheValueAndRootRuleHasNilPath() {
    JsonNode s =
        j(
            "{'type':'object','x-kubernetes-validations':[{'rule':\"self.metadata.name.startsWith('a')\"}],"
                + "'properties':{'spec':{'type':'object','properties':{'name':{'type':'string',"
                + "'x-kubernetes-validations':[{'rule':'self.size() < 3'}]}}}}}");
    assertEquals(
        List.of(
            "<nil>: Invalid value: failed rule: self.metadata.name.startsWith('a')",
            "spec.name: Invalid value: \"long\": failed rule: self.size() < 3"),
        check(
            s, "{'apiVersion':'x/v1','kind':'K','metadata':{'name':'b'},'spec':{'name':'long'}}"));
  }

  @Test
  void messageExpression() {
    JsonNode s =
        spec(
            "{'replicas':{'type':'integer'},'name':{'type':'string'}}",
            "[{'rule':'self.replicas < 5','messageExpression':"
                + "\"'replicas of ' + self.name + ' must be below 5, not ' + string(self.replicas)\"},"
                + "{'rule':'self.replicas < 4','messageExpression':\"'%s has %d'.format([self.name, self.replicas])\"},"
                + "{'rule':'self.replicas < 3','message':'fallback','messageExpression':\"''\"}]");
    assertEquals(
        List.of(
            "spec: Invalid value: replicas of x must be below 5, not 7",
            "spec: Invalid value: x has 7",
            "spec: Invalid value: fallback"),
        check(s, "{'spec':{'replicas':7,'name':'x'}}"));
  }

  @Test
  void transitionRulesRunOnlyWithAnOldValue() {
    JsonNode s =
        spec(
            "{'mode':{'type':'string','x-kubernetes-validations':[{'rule':'self == oldSelf','message':'immutable'}]}}",
            "[{'rule':'!has(oldSelf.mode) || has(self.mode)','message':'mode cannot be removed'}]");
    CelRules r = CelRules.compile(s);
    assertEquals(List.of(), messages(r.compileErrors(BASE)));
    assertEquals(List.of(), messages(r.validate(j("{'spec':{'mode':'a'}}"), null)));
    assertEquals(
        List.of("spec.mode: Invalid value: \"b\": immutable"),
        messages(r.validate(j("{'spec':{'mode':'b'}}"), j("{'spec':{'mode':'a'}}"))));
    assertEquals(
        List.of("spec: Invalid value: mode cannot be removed"),
        messages(r.validate(j("{'spec':{}}"), j("{'spec':{'mode':'a'}}"))));
    // a field added on update has no old value: its transition rule does not run
    assertEquals(List.of(), messages(r.validate(j("{'spec':{'mode':'b'}}"), j("{'spec':{}}"))));
  }

  @Test
  void optionalOldSelf() {
    JsonNode s =
        spec(
            "{'v':{'type':'integer'}}",
            "[{'rule':'oldSelf.hasValue() ? self.v >= oldSelf.value().v : self.v == 0',"
                + "'optionalOldSelf':true,'message':'must start at 0 and grow'}]");
    CelRules r = CelRules.compile(s);
    assertEquals(List.of(), messages(r.compileErrors(BASE)));
    assertEquals(1, r.validate(j("{'spec':{'v':1}}"), null).size());
    assertEquals(0, r.validate(j("{'spec':{'v':0}}"), null).size());
    assertEquals(0, r.validate(j("{'spec':{'v':3}}"), j("{'spec':{'v':2}}")).size());
    assertEquals(1, r.validate(j("{'spec':{'v':1}}"), j("{'spec':{'v':2}}")).size());
  }

  @Test
  void unchangedValuesRatchet() {
    JsonNode s =
        spec("{'v':{'type':'integer','x-kubernetes-validations':[{'rule':'self < 5'}]}}", "[]");
    CelRules r = CelRules.compile(s);
    assertEquals(1, r.validate(j("{'spec':{'v':7}}"), null).size());
    assertEquals(0, r.validate(j("{'spec':{'v':7}}"), j("{'spec':{'v':7}}")).size());
    assertEquals(1, r.validate(j("{'spec':{'v':7}}"), j("{'spec':{'v':6}}")).size());
  }

  @Test
  void compileErrors() {
    JsonNode s =
        spec(
            "{'a':{'type':'string'}}",
            "[{'rule':'self.b == 1'},{'rule':'self.a'},{'rule':'self.a == oldSelf.a','optionalOldSelf':false},"
                + "{'rule':'true','optionalOldSelf':true},{'rule':'true','messageExpression':'1'},"
                + "{'rule':'true','reason':'Nope'},{'rule':' '},{'rule':'true','fieldPath':'.zzz'}]");
    CelRules r = CelRules.compile(s);
    List<String> m = messages(r.compileErrors(BASE));
    String p = BASE + ".properties[spec].x-kubernetes-validations";
    assertEquals(
        List.of(
            p
                + "[0].rule: Invalid value: {\"Rule\":\"self.b == 1\",\"Message\":\"\",\"MessageExpression\":\"\",\"Reason\":null,\"FieldPath\":\"\",\"OptionalOldSelf\":null}: compilation failed: ERROR: <input>:1:5: undefined field 'b'\n | self.b == 1\n | ....^",
            p
                + "[1].rule: Invalid value: {\"Rule\":\"self.a\",\"Message\":\"\",\"MessageExpression\":\"\",\"Reason\":null,\"FieldPath\":\"\",\"OptionalOldSelf\":null}: cel expression must evaluate to a bool",
            p
                + "[3].optionalOldSelf: Invalid value: true: may not be set if oldSelf is not used in rule",
            p
                + "[4].messageExpression: Invalid value: {\"Rule\":\"true\",\"Message\":\"\",\"MessageExpression\":\"1\",\"Reason\":null,\"FieldPath\":\"\",\"OptionalOldSelf\":null}: messageExpression must evaluate to a string",
            p
                + "[5].reason: Unsupported value: \"Nope\": supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"",
            p + "[6].rule: Required value: rule is not specified",
            p + "[7].fieldPath: Invalid value: \".zzz\": must be a valid path"),
        m);
    assertFalse(r.isEmpty());
    assertTrue(CelRules.compile(j("{'type':'object'}")).isEmpty());
  }

  @Test
  void oldSelfForbiddenUnderAtomicList() {
    JsonNode s =
        spec(
            "{'l':{'type':'array','maxItems':5,'items':{'type':'string','maxLength':5,"
                + "'x-kubernetes-validations':[{'rule':'self == oldSelf'}]}}}",
            "[]");
    assertEquals(
        List.of(
            BASE
                + ".properties[spec].properties[l].items.x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf\": oldSelf cannot be used on the uncorrelatable portion of the schema within "
                + BASE
                + ".properties[spec].properties[l]"),
        messages(CelRules.compile(s).compileErrors(BASE)));
  }

  @Test
  void estimatedCostLimit() {
    JsonNode unbounded =
        spec(
            "{'l':{'type':'array','items':{'type':'string'}}}",
            "[{'rule':\"self.l.all(x, self.l.all(y, x.contains(y)))\"}]");
    List<String> m = messages(CelRules.compile(unbounded).compileErrors(BASE));
    assertTrue(
        m.get(0)
            .startsWith(
                BASE
                    + ".properties[spec].x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x"),
        m.toString());
    JsonNode bounded =
        spec(
            "{'l':{'type':'array','maxItems':10,'items':{'type':'string','maxLength':10}}}",
            "[{'rule':\"self.l.all(x, self.l.all(y, x.contains(y)))\"}]");
    assertEquals(List.of(), messages(CelRules.compile(bounded).compileErrors(BASE)));
  }

  @Test
  void estimatedComparisonCostIsThatOfTheShorterOperand() {
    // gateway-api's listener rules compare unbounded strings with short literals
    String listeners =
        "{'l':{'type':'array','maxItems':64,'items':{'type':'object','properties':"
            + "{'mode':{'type':'string'},'protocol':{'type':'string'}}}}}";
    JsonNode literal =
        spec(
            listeners,
            "[{'rule':\"self.l.all(x, x.protocol == 'HTTPS' ? (x.mode == '' || x.mode =="
                + " 'Terminate') : true)\"}]");
    assertEquals(List.of(), messages(CelRules.compile(literal).compileErrors(BASE)));
    JsonNode unbounded =
        spec(listeners, "[{'rule':\"self.l.all(x, self.l.all(y, x.mode == y.mode))\"}]");
    List<String> m = messages(CelRules.compile(unbounded).compileErrors(BASE));
    assertTrue(
        m.get(0)
            .startsWith(
                BASE
                    + ".properties[spec].x-kubernetes-validations[0].rule: Forbidden: estimated"
                    + " rule cost exceeds budget by factor of more than 100x"),
        m.toString());
  }

  @Test
  void cardinalityBelowUnboundedListsIsBoundedByTheRequestSize() {
    // a rule below two lists without maxItems can run at most once per smallest value that fits
    // in a request (3 MiB / 3 bytes), not once per product of the lists' sizes
    JsonNode s =
        spec(
            "{'outer':{'type':'array','items':{'type':'object','properties':{'inner':"
                + "{'type':'array','items':{'type':'string','maxLength':5,"
                + "'x-kubernetes-validations':[{'rule':'self.size() < 3'}]}}}}}}",
            "[]");
    assertEquals(List.of(), messages(CelRules.compile(s).compileErrors(BASE)));
  }

  @Test
  void runtimePerCallLimit() {
    JsonNode s =
        spec(
            "{'n':{'type':'integer'}}",
            "[{'rule':'[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, [0,1,2,3,4,5,6,7,8,9].all(c,"
                + " [0,1,2,3,4,5,6,7,8,9].all(d, [0,1,2,3,4,5,6,7,8,9].all(e, [0,1,2,3,4,5,6,7,8,9].all(f, self.n >= 0))))))'},"
                + "{'rule':'self.n < 0'}]");
    CelRules r = CelRules.compile(s);
    assertEquals(
        List.of(
            "spec: Invalid value: \"object\": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: "
                + s.at("/properties/spec/x-kubernetes-validations/0/rule").asText()),
        messages(r.validate(j("{'spec':{'n':1}}"), null)));
  }

  @Test
  void runtimeBudgetAcrossItems() {
    JsonNode s =
        spec(
            "{'l':{'type':'array','items':{'type':'object','properties':{'s':{'type':'string'}},"
                + "'x-kubernetes-validations':[{'rule':\"[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, [0,1,2,3,4,5,6,7,8,9].all(c, [0,1,2,3,4,5,6,7,8,9].all(d, self.s != 'x'))))\"}]}}}",
            "[]");
    CelRules r = CelRules.compile(s);
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      items.append(i > 0 ? "," : "").append("{'s':'a'}");
    }
    List<String> m = messages(r.validate(j("{'spec':{'l':[" + items + "]}}"), null));
    assertEquals(1, m.size());
    assertTrue(
        m.get(0)
            .endsWith(
                "Invalid value: \"object\": validation failed due to running out of cost budget, no further validation rules will be run"),
        m.get(0));
  }

  @Test
  void evaluationErrors() {
    JsonNode s =
        spec(
            "{'n':{'type':'integer'},'m':{'type':'object','additionalProperties':{'type':'string'}},"
                + "'ios':{'x-kubernetes-int-or-string':true}}",
            "[{'rule':'1 / self.n == 1'},{'rule':\"self.m['x'] == 'y'\"},{'rule':'self.ios > 1'}]");
    assertEquals(
        List.of(
            "spec: Invalid value: \"object\": division by zero evaluating rule: 1 / self.n == 1",
            "spec: Invalid value: \"object\": no such key: x evaluating rule: self.m['x'] == 'y'",
            "spec: Invalid value: \"object\": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.ios > 1"),
        check(s, "{'spec':{'n':0,'m':{},'ios':'5%'}}"));
  }

  @Test
  void typesFromFormatsMapsAndIntOrString() {
    JsonNode s =
        spec(
            "{'t':{'type':'string','format':'date-time'},'d':{'type':'string','format':'duration'},"
                + "'b':{'type':'string','format':'byte'},'f':{'type':'number'},"
                + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
                + "'port':{'x-kubernetes-int-or-string':true},'my-field':{'type':'string'}}",
            "[{'rule':\"self.t < timestamp('2030-01-01T00:00:00Z') && self.d == duration('90s')\"},"
                + "{'rule':'size(self.b) == 3 && self.f > 1 && self.f < 2'},"
                + "{'rule':\"'app' in self.labels && self.labels.all(k, self.labels[k].size() > 0)\"},"
                + "{'rule':\"type(self.port) == string ? self.port.endsWith('%') : self.port > 0\"},"
                + "{'rule':\"self.my__dash__field == 'x'\"}]");
    assertEquals(
        List.of(),
        check(
            s,
            "{'spec':{'t':'2024-05-01T10:00:00Z','d':'1m30s','b':'AQID','f':1.5,"
                + "'labels':{'app':'x'},'port':'50%','my-field':'x'}}"));
    // f is not above 1, port is not above 0
    assertEquals(
        2,
        check(
                s,
                "{'spec':{'t':'2024-05-01T10:00:00Z','d':'1m30s','b':'AQID','f':1,"
                    + "'labels':{'app':'x'},'port':0,'my-field':'x'}}")
            .size());
  }

  @Test
  void libraryFunctions() {
    JsonNode s =
        spec(
            "{'l':{'type':'array','maxItems':100,'items':{'type':'integer'}},'s':{'type':'string'},"
                + "'q':{'type':'string'},'u':{'type':'string'}}",
            "[{'rule':'self.l.isSorted() && self.l.sum() == 6 && self.l.min() == 1 && self.l.max() == 3'},"
                + "{'rule':'self.l.indexOf(2) == 1 && self.l.lastIndexOf(9) == -1'},"
                + "{'rule':\"self.s.find('[0-9]+') == '12' && self.s.findAll('[a-z]') == ['a','b']\"},"
                + "{'rule':\"isQuantity(self.q) && quantity(self.q).isLessThan(quantity('1Gi'))"
                + " && quantity(self.q).compareTo(quantity('512Mi')) == 0"
                + " && quantity(self.q).add(quantity('512Mi')) == quantity('1Gi')"
                + " && quantity('1500m').asApproximateFloat() == 1.5 && quantity('2k').asInteger() == 2000"
                + " && !isQuantity('1.2.3')\"},"
                + "{'rule':\"isURL(self.u) && url(self.u).getHost() == 'example.com:8080'"
                + " && url(self.u).getScheme() == 'https' && url(self.u).getQuery()['a'] == ['1']\"},"
                + "{'rule':\"self.s.upperAscii() == 'A12B' && self.s.lowerAscii().charAt(0) == 'a'"
                + " && 'a,b'.split(',') == ['a','b'] && ['x','y'].join('-') == 'x-y'"
                + " && self.s.substring(1, 3) == '12' && ' x '.trim() == 'x' && self.s.replace('12', '') == 'ab'\"},"
                + "{'rule':'sets.contains(self.l, [1, 2]) && sets.intersects(self.l, [3, 4])'},"
                + "{'rule':\"self.?s.orValue('d') == 'a12b' && self.?u.hasValue()\"},"
                + "{'rule':'self.l.exists_one(x, x == 2) && self.l.map(x, x * 2) == [2, 4, 6] && self.l.filter(x, x > 1).size() == 2'}]");
    assertEquals(
        List.of(),
        check(
            s,
            "{'spec':{'l':[1,2,3],'s':'a12b','q':'512Mi','u':'https://example.com:8080/p?a=1'}}"));
  }

  @Test
  void tenRulesValidateRepeatedly() {
    StringBuilder rules = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      rules
          .append(i > 0 ? "," : "")
          .append("{'rule':\"self.replicas >= ")
          .append(i)
          .append(" && self.name.startsWith('app') && self.tags.all(t, t.size() < 20)\"}");
    }
    rules.append("]");
    JsonNode s =
        spec(
            "{'replicas':{'type':'integer'},'name':{'type':'string','maxLength':63},"
                + "'tags':{'type':'array','maxItems':10,'items':{'type':'string','maxLength':20}}}",
            rules.toString());
    CelRules r = CelRules.compile(s);
    assertEquals(List.of(), messages(r.compileErrors(BASE)));
    JsonNode good = j("{'spec':{'replicas':20,'name':'app-1','tags':['a','b','c']}}");
    JsonNode bad = j("{'spec':{'replicas':5,'name':'app-1','tags':['a','b','c']}}");
    for (int i = 0; i < 2000; i++) {
      assertEquals(0, r.validate(good, null).size());
    }
    assertEquals(4, r.validate(bad, null).size());
  }
}
