package io.kpg.crd.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.kpg.errors.FieldError;
import io.kpg.json.GoStrings;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The x-kubernetes-validations rules of one CRD version's openAPIV3Schema, compiled once and
 * evaluated for every object (upstream's apiextensions-apiserver schema/cel).
 */
public final class CelRules {

  private static final AtomicLong SCHEMAS = new AtomicLong();
  private static final Set<String> REASONS =
      new TreeSet<>(
          List.of(
              "FieldValueRequired",
              "FieldValueForbidden",
              "FieldValueInvalid",
              "FieldValueDuplicate"));
  private static final int MAX_MESSAGE_BYTES = 5 * 1024;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .enableTimestampEpoch(true)
          .build();

  private final SchemaNode root;
  private final Map<SchemaNode, List<Rule>> rules = new IdentityHashMap<>();

  /** Compile problems relative to openAPIV3Schema: (suffix path, error without base). */
  private final List<Problem> problems = new ArrayList<>();

  private record Problem(String suffix, FieldError.Type type, Object value, String detail) {}

  /** One compiled rule. */
  private static final class Rule {
    final JsonNode spec;
    final String rule;
    final String message;
    final String messageExpression;
    final String reason;
    final boolean optionalOldSelf;
    String fieldPath = "";
    CelRuntime.Program program;
    CelRuntime.Program messageProgram;
    Set<Long> sizedIds = Set.of();
    Set<Long> messageSizedIds = Set.of();
    boolean usesOldSelf;
    String compileError;

    Rule(JsonNode spec) {
      this.spec = spec;
      this.rule = spec.path("rule").asText("");
      this.message = spec.path("message").asText("");
      this.messageExpression = spec.path("messageExpression").asText("");
      this.reason = spec.hasNonNull("reason") ? spec.get("reason").asText() : null;
      this.optionalOldSelf = spec.path("optionalOldSelf").asBoolean(false);
    }

    String errorString() {
      return !message.isEmpty() ? message.trim() : rule.trim();
    }

    String messageOrDefault() {
      return message.isEmpty() ? "failed rule: " + errorString() : message.trim();
    }
  }

  /** Cardinality of a node below a list or map without maxItems/maxProperties. */
  private static final long UNBOUNDED = -1;

  private CelRules(SchemaNode root) {
    this.root = root;
  }

  /** Compiles every x-kubernetes-validations rule in the schema. Never throws for bad rules. */
  public static CelRules compile(JsonNode openAPIV3Schema) {
    SchemaNode.TypeRegistry types = new SchemaNode.TypeRegistry("kpg" + SCHEMAS.incrementAndGet());
    JsonNode schema =
        openAPIV3Schema == null || !openAPIV3Schema.isObject()
            ? JsonNodeFactory.instance.objectNode()
            : openAPIV3Schema;
    SchemaNode root = SchemaNode.build(schema, true, types);
    CelRules r = new CelRules(root);
    if (root.rulesBelow) {
      Cel base = baseEnvironment(types);
      long[] total = {0};
      List<Object[]> costs = new ArrayList<>();
      r.compileNode(root, base, 1, null, total, costs);
      if (total[0] > Cost.STATIC_CRD_LIMIT) {
        // upstream names the (at most 4) most expensive expressions of at least 1% of the limit
        costs.sort((a, b) -> Long.compare((Long) b[1], (Long) a[1]));
        int named = 0;
        for (Object[] c : costs) {
          if (named == 4 || (Long) c[1] < Cost.STATIC_CRD_LIMIT / 100) {
            break;
          }
          named++;
          r.problems.add(
              new Problem(
                  (String) c[0],
                  FieldError.Type.FORBIDDEN,
                  null,
                  "contributed to estimated rule cost total exceeding cost limit for entire"
                      + " OpenAPIv3 schema"));
        }
        r.problems.add(
            new Problem(
                "",
                FieldError.Type.FORBIDDEN,
                null,
                costErrorMessage(
                    "x-kubernetes-validations estimated rule cost total for entire OpenAPIv3"
                        + " schema",
                    total[0],
                    Cost.STATIC_CRD_LIMIT)));
      }
    }
    return r;
  }

  /**
   * The strings extension as upstream enables it for CRDs at 1.33 (version 2: {@code quote}, no
   * {@code reverse}); {@code format} comes from {@link KubeLibrary}. The lists extension is not
   * enabled before 1.34.
   */
  private static final Set<CelStringExtensions.Function> STRINGS_V2 =
      EnumSet.complementOf(EnumSet.of(CelStringExtensions.Function.REVERSE));

  private static Cel baseEnvironment(SchemaNode.TypeRegistry types) {
    return CelFactory.standardCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setTypeProvider(types)
        .addCompilerLibraries(
            CelExtensions.strings(STRINGS_V2),
            CelExtensions.sets(OPTIONS),
            CelExtensions.optional(),
            CelExtensions.comprehensions())
        .addRuntimeLibraries(
            CelExtensions.strings(STRINGS_V2),
            CelExtensions.sets(OPTIONS),
            CelExtensions.optional(),
            CelExtensions.comprehensions())
        .addFunctionDeclarations(KubeLibrary.declarations())
        .addFunctionBindings(KubeLibrary.bindings())
        .build();
  }

  private void compileNode(
      SchemaNode n,
      Cel base,
      long cardinality,
      String uncorrelatable,
      long[] total,
      List<Object[]> costs) {
    if (!n.rulesBelow) {
      return;
    }
    if (n.rules != null && n.celType != null) {
      List<Rule> compiled = new ArrayList<>();
      Cel env = null;
      Cel optionalEnv = null;
      for (int i = 0; i < n.rules.size(); i++) {
        Rule rule = new Rule(n.rules.get(i));
        String at = n.schemaPath + ".x-kubernetes-validations[" + i + "]";
        if (!shapeOk(rule, n, at)) {
          continue;
        }
        if (rule.optionalOldSelf) {
          if (optionalEnv == null) {
            optionalEnv =
                base.toCelBuilder()
                    .addVar("self", n.celType)
                    .addVar("oldSelf", OptionalType.create(n.celType))
                    .build();
          }
        } else if (env == null) {
          env = base.toCelBuilder().addVar("self", n.celType).addVar("oldSelf", n.celType).build();
        }
        Cel ruleEnv = rule.optionalOldSelf ? optionalEnv : env;
        compileRule(rule, ruleEnv, n, at, cardinality, uncorrelatable, total, costs);
        compiled.add(rule);
      }
      rules.put(n, compiled);
    }
    for (Map.Entry<String, SchemaNode> p : n.properties.entrySet()) {
      String unc = uncorrelatable;
      if (unc == null && !correlatableMap(n)) {
        unc = n.schemaPath;
      }
      compileNode(p.getValue(), base, cardinality, unc, total, costs);
    }
    if (n.additional != null) {
      compileNode(
          n.additional,
          base,
          childCardinality(cardinality, n.schema.get("maxProperties")),
          uncorrelatable,
          total,
          costs);
    }
    if (n.items != null) {
      String unc = uncorrelatable;
      if (unc == null && !n.listType.equals("map")) {
        unc = n.schemaPath;
      }
      compileNode(
          n.items,
          base,
          childCardinality(cardinality, n.schema.get("maxItems")),
          unc,
          total,
          costs);
    }
  }

  /**
   * How many times a rule below a list or map can run: the parent's count times the declared
   * maxItems/maxProperties, or {@link #UNBOUNDED} once any of them is not declared (as upstream's
   * CEL schema context).
   */
  private static long childCardinality(long cardinality, JsonNode max) {
    if (cardinality == UNBOUNDED || max == null || !max.canConvertToLong()) {
      return UNBOUNDED;
    }
    return Cost.mul(cardinality, Math.max(0, max.asLong()));
  }

  /**
   * The cost multiplier of a rule on {@code n}: its bounded cardinality, or when unbounded the
   * number of smallest values of {@code n} that fit in a request (upstream's maxCardinality).
   */
  private static long ruleCardinality(long cardinality, SchemaNode n) {
    if (cardinality != UNBOUNDED) {
      return cardinality;
    }
    return SchemaNode.MAX_REQUEST_BYTES / (n.minSerializedSize + 1);
  }

  private static boolean correlatableMap(SchemaNode n) {
    return n.mapType.equals("granular") || n.mapType.equals("atomic");
  }

  private static final Pattern NEWLINES = Pattern.compile("[\\n\\r]+");

  /** Upstream's checks of the rule's fields, before any CEL. */
  private boolean shapeOk(Rule rule, SchemaNode n, String at) {
    int before = problems.size();
    String trimmedMsg = rule.message.trim();
    if (rule.rule.trim().isEmpty()) {
      problems.add(
          new Problem(at + ".rule", FieldError.Type.REQUIRED, null, "rule is not specified"));
    } else if (!rule.message.isEmpty() && trimmedMsg.isEmpty()) {
      problems.add(
          new Problem(
              at + ".message",
              FieldError.Type.INVALID,
              rule.message,
              "must be non-empty if specified"));
    } else if (NEWLINES.matcher(trimmedMsg).find()) {
      problems.add(
          new Problem(
              at + ".message",
              FieldError.Type.INVALID,
              rule.message,
              "must not contain line breaks"));
    } else if (NEWLINES.matcher(rule.rule.trim()).find() && trimmedMsg.isEmpty()) {
      problems.add(
          new Problem(
              at + ".message",
              FieldError.Type.REQUIRED,
              null,
              "message must be specified if rule contains line breaks"));
    }
    if (!rule.messageExpression.isEmpty() && rule.messageExpression.trim().isEmpty()) {
      problems.add(
          new Problem(
              at + ".messageExpression",
              FieldError.Type.REQUIRED,
              null,
              "messageExpression must be non-empty if specified"));
    }
    if (rule.reason != null && !REASONS.contains(rule.reason)) {
      problems.add(new Problem(at + ".reason", FieldError.Type.NOT_SUPPORTED, rule.reason, null));
    }
    String fp = rule.spec.path("fieldPath").asText("");
    if (!fp.isEmpty() && fp.trim().isEmpty()) {
      problems.add(
          new Problem(
              at + ".fieldPath", FieldError.Type.INVALID, fp, "must be non-empty if specified"));
    }
    if (NEWLINES.matcher(fp).find()) {
      problems.add(
          new Problem(
              at + ".fieldPath", FieldError.Type.INVALID, fp, "must not contain line breaks"));
    }
    if (!fp.isEmpty()) {
      String normalized = FieldPaths.normalize(fp, n);
      if (normalized == null) {
        problems.add(
            new Problem(at + ".fieldPath", FieldError.Type.INVALID, fp, "must be a valid path"));
      } else {
        rule.fieldPath = normalized;
      }
    }
    return problems.size() == before;
  }

  private void compileRule(
      Rule rule,
      Cel env,
      SchemaNode n,
      String at,
      long cardinality,
      String uncorrelatable,
      long[] total,
      List<Object[]> costs) {
    CelAbstractSyntaxTree ast;
    CelValidationResult res = validated(env, env.compile(rule.rule));
    long ruleCost = 0;
    if (res.hasError()) {
      rule.compileError = "compilation failed: " + res.getErrorString();
    } else {
      ast = astOf(res);
      if (!ast.getResultType().equals(SimpleType.BOOL)) {
        rule.compileError = "cel expression must evaluate to a bool";
      } else {
        for (CelReference ref : ast.getReferenceMap().values()) {
          if (ref.name().equals("oldSelf")) {
            rule.usesOldSelf = true;
            break;
          }
        }
        try {
          rule.program = env.createProgram(ast);
          String planError = ConstantChecks.programError(ast, env);
          if (planError != null) {
            rule.compileError = "program instantiation failed: " + planError;
          } else {
            rule.sizedIds = Cost.sizedArgumentIds(ast.getExpr());
            ruleCost = Cost.mul(Cost.estimate(ast.getExpr(), n), ruleCardinality(cardinality, n));
          }
        } catch (CelEvaluationException e) {
          rule.compileError = "program instantiation failed: " + e.getMessage();
        }
      }
    }
    if (ruleCost > Cost.STATIC_EXPRESSION_LIMIT) {
      problems.add(
          new Problem(
              at + ".rule",
              FieldError.Type.FORBIDDEN,
              null,
              costErrorMessage("estimated rule cost", ruleCost, Cost.STATIC_EXPRESSION_LIMIT)));
    }
    total[0] = Cost.sat(total[0], ruleCost);
    costs.add(new Object[] {at + ".rule", ruleCost});
    if (rule.compileError != null) {
      problems.add(
          new Problem(at + ".rule", FieldError.Type.INVALID, goJson(rule.spec), rule.compileError));
      rule.program = null;
      return;
    }
    if (!rule.messageExpression.isEmpty()) {
      String msgError = null;
      CelValidationResult mres = validated(env, env.compile(rule.messageExpression));
      long msgCost = 0;
      if (mres.hasError()) {
        msgError = "messageExpression compilation failed: " + mres.getErrorString();
      } else {
        CelAbstractSyntaxTree mast = astOf(mres);
        if (!mast.getResultType().equals(SimpleType.STRING)) {
          msgError = "messageExpression must evaluate to a string";
        } else {
          try {
            rule.messageProgram = env.createProgram(mast);
            String planError = ConstantChecks.programError(mast, env);
            if (planError != null) {
              msgError = "messageExpression instantiation failed: " + planError;
            } else {
              rule.messageSizedIds = Cost.sizedArgumentIds(mast.getExpr());
              msgCost = Cost.mul(Cost.estimate(mast.getExpr(), n), ruleCardinality(cardinality, n));
            }
          } catch (CelEvaluationException e) {
            msgError = "messageExpression instantiation failed: " + e.getMessage();
          }
        }
      }
      if (msgError != null) {
        problems.add(
            new Problem(
                at + ".messageExpression", FieldError.Type.INVALID, goJson(rule.spec), msgError));
      } else {
        if (msgCost > Cost.STATIC_EXPRESSION_LIMIT) {
          problems.add(
              new Problem(
                  at + ".messageExpression",
                  FieldError.Type.FORBIDDEN,
                  null,
                  costErrorMessage(
                      "estimated messageExpression cost", msgCost, Cost.STATIC_EXPRESSION_LIMIT)));
        }
        total[0] = Cost.sat(total[0], msgCost);
        costs.add(new Object[] {at + ".messageExpression", msgCost});
      }
    }
    if (rule.usesOldSelf) {
      if (uncorrelatable != null) {
        problems.add(
            new Problem(
                at + ".rule",
                FieldError.Type.INVALID,
                rule.rule,
                "oldSelf cannot be used on the uncorrelatable portion of the schema within "
                    + "%BASE%"
                    + uncorrelatable));
      }
    } else if (rule.spec.has("optionalOldSelf") && !rule.spec.get("optionalOldSelf").isNull()) {
      problems.add(
          new Problem(
              at + ".optionalOldSelf",
              FieldError.Type.INVALID,
              rule.spec.get("optionalOldSelf").asBoolean(),
              "may not be set if oldSelf is not used in rule"));
    }
  }

  /**
   * The compile result with upstream's AST validators applied (cel-go runs them as part of
   * Compile).
   */
  private static CelValidationResult validated(Cel env, CelValidationResult res) {
    if (res.hasError()) {
      return res;
    }
    return ConstantChecks.validator(env).validate(astOf(res));
  }

  private static CelAbstractSyntaxTree astOf(CelValidationResult res) {
    try {
      return res.getAst();
    } catch (CelValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  static String costErrorMessage(String name, long cost, long limit) {
    double factor = (double) cost / (double) limit;
    String f;
    if (factor > 100.0) {
      f = "more than 100x";
    } else if (factor < 1.5) {
      f = String.format(java.util.Locale.ROOT, "%fx", factor);
    } else {
      f = String.format(java.util.Locale.ROOT, "%.1fx", factor);
    }
    return name
        + " exceeds budget by factor of "
        + f
        + " (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where"
        + " arrays, maps, and strings are declared)";
  }

  /**
   * A rule as upstream prints it in compile errors: Go's JSON of its internal struct (no json tags,
   * HTML characters escaped).
   */
  private static Object goJson(JsonNode spec) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("Rule", spec.path("rule").asText(""));
    o.put("Message", spec.path("message").asText(""));
    o.put("MessageExpression", spec.path("messageExpression").asText(""));
    if (spec.hasNonNull("reason")) {
      o.put("Reason", spec.get("reason").asText());
    } else {
      o.putNull("Reason");
    }
    o.put("FieldPath", spec.path("fieldPath").asText(""));
    if (spec.hasNonNull("optionalOldSelf")) {
      o.put("OptionalOldSelf", spec.get("optionalOldSelf").asBoolean());
    } else {
      o.putNull("OptionalOldSelf");
    }
    String json =
        o.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    return new Object() {
      @Override
      public String toString() {
        return json;
      }
    };
  }

  /** Compile problems with paths under {@code basePath} (the openAPIV3Schema's path). */
  public List<FieldError> compileErrors(String basePath) {
    List<FieldError> out = new ArrayList<>();
    for (Problem p : problems) {
      String detail = p.detail == null ? null : p.detail.replace("%BASE%", basePath);
      String field = basePath + p.suffix;
      if (p.type == FieldError.Type.NOT_SUPPORTED) {
        out.add(FieldError.notSupported(field, p.value, REASONS));
      } else {
        out.add(new FieldError(p.type, field, p.value, detail));
      }
    }
    return out;
  }

  /** Whether there are any rules at all. */
  public boolean isEmpty() {
    return !root.rulesBelow;
  }

  // ------------------------------------------------------------------ evaluation

  /**
   * Evaluates all rules for a whole custom resource and, on update, its old version (null on
   * create).
   */
  public List<FieldError> validate(JsonNode object, JsonNode oldObject) {
    List<FieldError> errs = new ArrayList<>();
    if (!root.rulesBelow || object == null || object.isNull()) {
      return errs;
    }
    Evaluation ev = new Evaluation(errs);
    JsonNode old = oldObject == null || oldObject.isNull() ? null : oldObject;
    ev.visit(root, "", object, old, old != null, old != null && old.equals(object));
    return errs;
  }

  /** State of one validate call: errors and the remaining runtime budget. */
  private final class Evaluation {
    final List<FieldError> errs;
    long budget = Cost.RUNTIME_BUDGET;
    final IdentityHashMap<JsonNode, Object> converted = new IdentityHashMap<>();

    Evaluation(List<FieldError> errs) {
      this.errs = errs;
    }

    /**
     * Visits one value. {@code correlated}: whether old values can be matched here; {@code
     * ratchet}: whether errors of non-transition rules are dropped (upstream makes them warnings)
     * because the value (or its nearest correlatable ancestor) did not change.
     */
    boolean visit(
        SchemaNode n, String path, JsonNode v, JsonNode old, boolean correlated, boolean ratchet) {
      if (v == null || v.isNull() || !n.rulesBelow) {
        return true;
      }
      if (old != null && old.isNull()) {
        old = null;
      }
      List<Rule> rs = rules.get(n);
      if (rs != null && !rs.isEmpty() && !evaluate(n, rs, path, v, old, ratchet)) {
        return false;
      }
      if (v.isObject()) {
        boolean mapCorrelatable = correlatableMap(n);
        if (n.additional != null) {
          var it = v.fields();
          while (it.hasNext()) {
            var e = it.next();
            JsonNode o = correlated && mapCorrelatable && old != null ? old.get(e.getKey()) : null;
            boolean childCorrelated = correlated && mapCorrelatable;
            if (!visit(
                n.additional,
                path + "[" + e.getKey() + "]",
                e.getValue(),
                o,
                childCorrelated,
                childCorrelated ? o != null && o.equals(e.getValue()) : ratchet)) {
              return false;
            }
          }
        }
        for (Map.Entry<String, SchemaNode> p : n.properties.entrySet()) {
          JsonNode child = v.get(p.getKey());
          if (child == null) {
            continue;
          }
          JsonNode o = correlated && mapCorrelatable && old != null ? old.get(p.getKey()) : null;
          boolean childCorrelated = correlated && mapCorrelatable;
          if (!visit(
              p.getValue(),
              path.isEmpty() ? p.getKey() : path + "." + p.getKey(),
              child,
              o,
              childCorrelated,
              childCorrelated ? o != null && o.equals(child) : ratchet)) {
            return false;
          }
        }
      } else if (v.isArray() && n.items != null) {
        boolean mapList = n.listType.equals("map") && correlated && old != null && old.isArray();
        for (int i = 0; i < v.size(); i++) {
          JsonNode item = v.get(i);
          JsonNode o = mapList ? matchByKeys(n, item, old) : null;
          if (!visit(
              n.items,
              path + "[" + i + "]",
              item,
              o,
              mapList,
              mapList ? o != null && o.equals(item) : ratchet)) {
            return false;
          }
        }
      }
      return true;
    }

    private JsonNode matchByKeys(SchemaNode n, JsonNode item, JsonNode oldList) {
      for (JsonNode o : oldList) {
        boolean same = true;
        for (String k : n.listMapKeys) {
          JsonNode a = item.get(k);
          JsonNode b = o.get(k);
          if (a == null ? b != null : !a.equals(b)) {
            same = false;
            break;
          }
        }
        if (same) {
          return o;
        }
      }
      return null;
    }

    private String at(String path) {
      return path.isEmpty() ? "<nil>" : path;
    }

    /** Runs the rules of one node; false when the budget ran out (stop everything). */
    private boolean evaluate(
        SchemaNode n, List<Rule> rs, String path, JsonNode v, JsonNode old, boolean ratchet) {
      if (budget <= 0) {
        errs.add(
            FieldError.invalid(
                at(path),
                n.type,
                "validation failed due to running out of cost budget, no further validation rules"
                    + " will be run"));
        return false;
      }
      Object self = convert(n, v);
      Object oldSelf = old == null ? null : convert(n, old);
      for (Rule rule : rs) {
        if (rule.program == null) {
          if (rule.compileError != null) {
            errs.add(
                FieldError.invalid(at(path), n.type, "rule compile error: " + rule.compileError));
          }
          continue;
        }
        if (rule.usesOldSelf && oldSelf == null && !rule.optionalOldSelf) {
          continue;
        }
        Map<String, Object> vars = new LinkedHashMap<>(4);
        vars.put("self", self);
        if (rule.optionalOldSelf) {
          vars.put("oldSelf", oldSelf == null ? Optional.empty() : Optional.of(oldSelf));
        } else if (oldSelf != null) {
          vars.put("oldSelf", oldSelf);
        }
        Cost.Tracker tracker = new Cost.Tracker(rule.sizedIds, Cost.PER_CALL_LIMIT);
        Object result;
        String evalError = null;
        boolean limitHit = false;
        try {
          result = rule.program.trace(vars, tracker);
        } catch (CelEvaluationException e) {
          result = null;
          if (e.getCause() instanceof Cost.LimitExceeded) {
            limitHit = true;
          } else {
            evalError = evaluationMessage(e);
          }
        }
        if (tracker.cost > budget) {
          errs.add(
              FieldError.invalid(
                  at(path),
                  n.type,
                  "validation failed due to running out of cost budget, no further validation"
                      + " rules will be run"));
          budget = -1;
          return false;
        }
        budget -= tracker.cost;
        if (limitHit) {
          errs.add(
              FieldError.invalid(
                  at(path),
                  n.type,
                  "'"
                      + Cost.LIMIT_EXCEEDED
                      + "': no further validation rules will be run due to call cost exceeds limit"
                      + " for rule: "
                      + rule.errorString()));
          budget = -1;
          return false;
        }
        if (evalError != null) {
          if (evalError.startsWith("no such overload")) {
            errs.add(
                FieldError.invalid(
                    at(path),
                    n.type,
                    "'"
                        + evalError
                        + "': call arguments did not match a supported operator, function or"
                        + " macro signature for rule: "
                        + rule.errorString()));
          } else {
            errs.add(
                FieldError.invalid(
                    at(path), n.type, evalError + " evaluating rule: " + rule.errorString()));
          }
          continue;
        }
        if (Boolean.TRUE.equals(result)) {
          continue;
        }
        String field = path;
        if (!rule.fieldPath.isEmpty()) {
          field = path.isEmpty() ? rule.fieldPath : path + "." + rule.fieldPath;
        }
        String detail = null;
        if (rule.messageProgram != null) {
          Map<String, Object> mvars = new LinkedHashMap<>(4);
          mvars.put("self", self);
          if (oldSelf != null) {
            mvars.put("oldSelf", rule.optionalOldSelf ? Optional.of(oldSelf) : oldSelf);
          } else if (rule.optionalOldSelf) {
            mvars.put("oldSelf", Optional.empty());
          }
          Cost.Tracker mt = new Cost.Tracker(rule.messageSizedIds, Cost.PER_CALL_LIMIT);
          Object msg = null;
          boolean msgLimit = false;
          boolean msgFailed = false;
          try {
            msg = rule.messageProgram.trace(mvars, mt);
          } catch (CelEvaluationException e) {
            msgLimit = e.getCause() instanceof Cost.LimitExceeded;
            msgFailed = true;
          }
          if (mt.cost > budget) {
            errs.add(
                FieldError.invalid(
                    at(field),
                    n.type,
                    "messageExpression evaluation failed due to running out of cost budget, no"
                        + " further validation rules will be run"));
            budget = -1;
            return false;
          }
          if (msgLimit) {
            errs.add(
                FieldError.invalid(
                    at(field),
                    n.type,
                    "no further validation rules will be run due to call cost exceeds limit for"
                        + " messageExpression: "
                        + GoStrings.quote(rule.messageExpression)));
            budget = -1;
            return false;
          }
          budget -= mt.cost;
          if (!msgFailed && msg instanceof String s) {
            String t = s.trim();
            if (!t.isEmpty()
                && t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES
                && t.indexOf('\n') < 0) {
              detail = t;
            }
          }
        }
        if (detail == null) {
          detail = rule.messageOrDefault();
        }
        if (ratchet && !rule.usesOldSelf) {
          continue;
        }
        Object value =
            n.type.equals("object") || n.type.equals("array") ? FieldError.OMIT_VALUE : v;
        errs.add(errorFor(rule.reason, at(field), value, detail));
      }
      return true;
    }

    private Object convert(SchemaNode n, JsonNode v) {
      Object c = converted.get(v);
      if (c == null) {
        c = toCel(n, v);
        converted.put(v, c);
      }
      return c;
    }
  }

  private static FieldError errorFor(String reason, String field, Object value, String detail) {
    if (reason == null) {
      return FieldError.invalid(field, value, detail);
    }
    return switch (reason) {
      case "FieldValueForbidden" -> FieldError.forbidden(field, detail);
      case "FieldValueRequired" -> FieldError.required(field, detail);
      case "FieldValueDuplicate" -> FieldError.duplicate(field, value);
      default -> FieldError.invalid(field, value, detail);
    };
  }

  private static final Pattern EVAL_PREFIX =
      Pattern.compile("^evaluation error(?: at [^:]*(?::\\d+)*)?: ");

  /** cel-java's evaluation error in cel-go's words where they differ. */
  static String evaluationMessage(CelEvaluationException e) {
    if (e.getCause() instanceof dev.cel.common.exceptions.CelAttributeNotFoundException nf) {
      return "no such key: " + nf.getMessage();
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    Matcher pm = EVAL_PREFIX.matcher(m);
    if (pm.find()) {
      m = m.substring(pm.end());
    }
    if (m.contains("/ by zero")) {
      return "division by zero";
    }
    if (m.contains("% by zero")) {
      return "modulus by zero";
    }
    if (m.startsWith("No matching overload") || m.contains("No matching overload")) {
      return "no such overload";
    }
    if (m.startsWith("Index out of bounds: ")) {
      return "index out of bounds: " + m.substring("Index out of bounds: ".length());
    }
    return m;
  }

  /** The CEL value of JSON data typed by a schema node (upstream's UnstructuredToVal). */
  static Object toCel(SchemaNode n, JsonNode v) {
    if (v == null || v.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (n.intOrString) {
      return v.isIntegralNumber() ? (Object) v.asLong() : scalar(v);
    }
    switch (n.type) {
      case "object" -> {
        if (!v.isObject()) {
          return scalar(v);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (n.additional != null) {
          var it = v.fields();
          while (it.hasNext()) {
            var e = it.next();
            m.put(e.getKey(), toCel(n.additional, e.getValue()));
          }
        } else {
          for (Map.Entry<String, SchemaNode> p : n.properties.entrySet()) {
            JsonNode child = v.get(p.getKey());
            if (child != null && !child.isNull()) {
              m.put(n.celNames.get(p.getKey()), toCel(p.getValue(), child));
            }
          }
        }
        return m;
      }
      case "array" -> {
        if (!v.isArray() || n.items == null) {
          return scalar(v);
        }
        List<Object> l = new ArrayList<>(v.size());
        for (JsonNode item : v) {
          l.add(toCel(n.items, item));
        }
        return l;
      }
      case "integer" -> {
        return v.isIntegralNumber() ? (Object) v.asLong() : scalar(v);
      }
      case "number" -> {
        return v.isNumber() ? (Object) v.asDouble() : scalar(v);
      }
      case "string" -> {
        if (!v.isTextual()) {
          return scalar(v);
        }
        String s = v.textValue();
        switch (n.format) {
          case "byte" -> {
            try {
              return CelByteString.of(Base64.getDecoder().decode(s));
            } catch (IllegalArgumentException e) {
              return s;
            }
          }
          case "duration" -> {
            try {
              return Duration.ofNanos(io.kpg.proto.GoDuration.parse(s));
            } catch (IllegalArgumentException e) {
              return s;
            }
          }
          case "date-time" -> {
            try {
              return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
              return s;
            }
          }
          case "date" -> {
            try {
              return Instant.parse(s + "T00:00:00Z");
            } catch (DateTimeParseException e) {
              return s;
            }
          }
          default -> {
            return s;
          }
        }
      }
      default -> {
        return scalar(v);
      }
    }
  }

  private static Object scalar(JsonNode v) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isArray()) {
      List<Object> l = new ArrayList<>();
      v.forEach(x -> l.add(scalar(x)));
      return l;
    }
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      v.fields().forEachRemaining(e -> m.put(e.getKey(), scalar(e.getValue())));
      return m;
    }
    return NullValue.NULL_VALUE;
  }
}
