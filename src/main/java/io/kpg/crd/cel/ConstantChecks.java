package io.kpg.crd.cel;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExprFactory;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.validator.CelAstValidator;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks of constant arguments that upstream makes before a rule is accepted.
 *
 * <p>At compile time ({@link #validator}) these are cel-go's AST validators that the Kubernetes
 * base environment enables: duration and timestamp literals must convert, a literal {@code matches}
 * pattern must be a valid RE2 expression, and list and map literals must be homogeneous (outside
 * {@code format} calls). At program creation ({@link #programError}) these are cel-go's
 * optimisations that Kubernetes turns on: literal regex patterns of {@code matches}, {@code find}
 * and {@code findAll} are compiled, and type conversions of constants are folded.
 */
final class ConstantChecks {

  private ConstantChecks() {}

  /** Functions whose list and map arguments may mix types (the strings extension's format). */
  private static final Set<String> HETEROGENEOUS_OK = Set.of("format");

  /** cel-go's type conversion functions, folded when their argument is constant. */
  private static final Set<String> CONVERSIONS =
      Set.of(
          "bool",
          "bytes",
          "double",
          "duration",
          "dyn",
          "int",
          "string",
          "timestamp",
          "type",
          "uint");

  /** The functions whose constant regex argument is compiled when a program is made. */
  private static final Set<String> REGEX_FUNCTIONS = Set.of("matches", "find", "findAll");

  /** A validator running upstream's compile-time checks, for rules compiled in {@code env}. */
  static CelValidator validator(Cel env) {
    return CelValidatorFactory.standardCelValidatorBuilder(env)
        .addAstValidators(new LiteralValidator())
        .build();
  }

  private record Issue(long id, String message) {}

  /** cel-go's duration, timestamp, regex and homogeneous-literal validators in one walk. */
  private static final class LiteralValidator implements CelAstValidator {
    @Override
    public void validate(CelNavigableAst navigable, Cel cel, IssuesFactory factory) {
      CelAbstractSyntaxTree ast = navigable.getAst();
      List<Issue> issues = new ArrayList<>();
      walk(ast.getExpr(), false, ast, cel, issues);
      // cel-go prints its issues ordered by position
      Map<Long, Integer> positions = ast.getSource().getPositionsMap();
      issues.stream()
          .sorted(Comparator.comparingInt(i -> positions.getOrDefault(i.id(), 0)))
          .forEach(i -> factory.addError(i.id(), i.message()));
    }
  }

  private static void walk(
      CelExpr e, boolean exempt, CelAbstractSyntaxTree ast, Cel cel, List<Issue> out) {
    switch (e.getKind()) {
      case CALL -> {
        CelExpr.CelCall call = e.call();
        String fn = call.function();
        List<CelExpr> args = call.args();
        // as cel-go, the first argument in the AST (the pattern of a receiver-style call)
        if (!args.isEmpty() && isConstant(args.get(0))) {
          CelExpr lit = args.get(0);
          switch (fn) {
            case "duration", "timestamp" -> {
              if (!converts(fn, lit.constant(), cel)) {
                out.add(new Issue(lit.id(), "invalid " + fn + " argument"));
              }
            }
            case "matches" -> {
              if (lit.constant().getKind() == CelConstant.Kind.STRING_VALUE
                  && regexError(lit.constant().stringValue()) != null) {
                out.add(new Issue(lit.id(), "invalid matches argument"));
              }
            }
            default -> {}
          }
        }
        boolean inner = exempt || HETEROGENEOUS_OK.contains(fn);
        call.target().ifPresent(t -> walk(t, inner, ast, cel, out));
        for (CelExpr a : args) {
          walk(a, inner, ast, cel, out);
        }
      }
      case LIST -> {
        CelExpr.CelList list = e.list();
        if (!exempt) {
          CelType first = null;
          for (int i = 0; i < list.elements().size(); i++) {
            CelExpr el = list.elements().get(i);
            CelType t = typeOf(ast, el, list.optionalIndices().contains(i));
            if (first == null) {
              first = t;
            } else if (!equivalent(first, t)) {
              out.add(new Issue(el.id(), mismatch(first, t)));
              break;
            }
          }
        }
        for (CelExpr el : list.elements()) {
          walk(el, exempt, ast, cel, out);
        }
      }
      case MAP -> {
        if (!exempt) {
          CelType firstKey = null;
          CelType firstValue = null;
          for (CelExpr.CelMap.Entry en : e.map().entries()) {
            CelType k = typeOf(ast, en.key(), false);
            CelType v = typeOf(ast, en.value(), en.optionalEntry());
            if (firstKey == null) {
              firstKey = k;
              firstValue = v;
              continue;
            }
            if (!equivalent(firstKey, k)) {
              out.add(new Issue(en.key().id(), mismatch(firstKey, k)));
            }
            if (!equivalent(firstValue, v)) {
              out.add(new Issue(en.value().id(), mismatch(firstValue, v)));
            }
          }
        }
        for (CelExpr.CelMap.Entry en : e.map().entries()) {
          walk(en.key(), exempt, ast, cel, out);
          walk(en.value(), exempt, ast, cel, out);
        }
      }
      case SELECT -> walk(e.select().operand(), exempt, ast, cel, out);
      case STRUCT -> {
        for (CelExpr.CelStruct.Entry en : e.struct().entries()) {
          walk(en.value(), exempt, ast, cel, out);
        }
      }
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = e.comprehension();
        walk(c.iterRange(), exempt, ast, cel, out);
        walk(c.accuInit(), exempt, ast, cel, out);
        walk(c.loopCondition(), exempt, ast, cel, out);
        walk(c.loopStep(), exempt, ast, cel, out);
        walk(c.result(), exempt, ast, cel, out);
      }
      default -> {}
    }
  }

  private static boolean isConstant(CelExpr e) {
    return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT;
  }

  /** Whether {@code fn(constant)} evaluates without error (cel-go evaluates the call). */
  private static boolean converts(String fn, CelConstant constant, Cel cel) {
    CelExprFactory f = CelExprFactory.newInstance();
    CelExpr call = f.newGlobalCall(fn, f.newConstant(constant));
    try {
      CelAbstractSyntaxTree checked =
          cel.check(CelAbstractSyntaxTree.newParsedAst(call, CelSource.newBuilder().build()))
              .getAst();
      cel.createProgram(checked).eval();
      return true;
    } catch (Exception ex) {
      return false;
    }
  }

  private static CelType typeOf(CelAbstractSyntaxTree ast, CelExpr e, boolean optional) {
    CelType t = ast.getType(e.id()).orElseThrow();
    if (optional && !t.parameters().isEmpty()) {
      return t.parameters().get(0);
    }
    return t;
  }

  /** cel-go's Type.IsEquivalentType: same kind, name and (recursively) parameters. */
  private static boolean equivalent(CelType a, CelType b) {
    if (a.kind() != b.kind() || a.parameters().size() != b.parameters().size()) {
      return false;
    }
    if (a.kind() != CelKind.TYPE_PARAM && !a.name().equals(b.name())) {
      return false;
    }
    for (int i = 0; i < a.parameters().size(); i++) {
      if (!equivalent(a.parameters().get(i), b.parameters().get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String mismatch(CelType expected, CelType actual) {
    return "expected type '" + format(expected) + "' but found '" + format(actual) + "'";
  }

  /** A type as cel-go's FormatCELType prints it. */
  static String format(CelType t) {
    String name =
        switch (t.kind()) {
          case ANY -> "any";
          case DURATION -> "duration";
          case TIMESTAMP -> "timestamp";
          case NULL_TYPE -> "null";
          case ERROR -> "!error!";
          case DYN -> "dyn";
          default -> t.name();
        };
    if (t.kind() == CelKind.TYPE_PARAM || t.parameters().isEmpty()) {
      return name;
    }
    return name
        + "("
        + t.parameters().stream().map(ConstantChecks::format).collect(Collectors.joining(", "))
        + ")";
  }

  /** RE2's complaint about {@code pattern} (Go's regexp message), or null when it compiles. */
  static String regexError(String pattern) {
    try {
      Pattern.compile(pattern);
      return null;
    } catch (PatternSyntaxException ex) {
      if ("stack underflow".equals(ex.getPattern())) {
        // RE2J fails on an unmatched ')' where Go's parser names it
        return "error parsing regexp: unexpected ): `" + pattern + "`";
      }
      return ex.getMessage();
    }
  }

  /**
   * The error cel-go's program planner (with Kubernetes' options) raises for a checked rule: the
   * first, in evaluation-plan order, constant regex pattern that does not compile or type
   * conversion of a constant that fails; null when there is none.
   */
  static String programError(CelAbstractSyntaxTree ast, Cel env) {
    String[] found = {null};
    plan(ast.getExpr(), ast, env, found);
    return found[0];
  }

  /**
   * Visits {@code e} children first, as the planner does; returns whether {@code e} plans to a
   * constant (a literal, a folded conversion, or a list or map of constants).
   */
  private static boolean plan(CelExpr e, CelAbstractSyntaxTree ast, Cel env, String[] found) {
    if (found[0] != null) {
      return false;
    }
    switch (e.getKind()) {
      case CONSTANT -> {
        return true;
      }
      case CALL -> {
        CelExpr.CelCall call = e.call();
        List<CelExpr> all = new ArrayList<>();
        call.target().ifPresent(all::add);
        all.addAll(call.args());
        boolean[] constant = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
          constant[i] = plan(all.get(i), ast, env, found);
          if (found[0] != null) {
            return false;
          }
        }
        String fn = call.function();
        if (CONVERSIONS.contains(fn) && all.size() == 1 && constant[0]) {
          String err = conversionError(e, all.get(0), ast, env);
          if (err != null) {
            found[0] = err;
            return false;
          }
          return true;
        }
        if (REGEX_FUNCTIONS.contains(fn) && all.size() >= 2 && isConstant(all.get(1))) {
          CelConstant p = all.get(1).constant();
          if (p.getKind() == CelConstant.Kind.STRING_VALUE) {
            found[0] = regexError(p.stringValue());
          }
        }
        return false;
      }
      case LIST -> {
        boolean constant = true;
        for (CelExpr el : e.list().elements()) {
          constant &= plan(el, ast, env, found);
        }
        return constant && found[0] == null;
      }
      case MAP -> {
        boolean constant = true;
        for (CelExpr.CelMap.Entry en : e.map().entries()) {
          constant &= plan(en.key(), ast, env, found);
          constant &= plan(en.value(), ast, env, found);
        }
        return constant && found[0] == null;
      }
      case SELECT -> {
        plan(e.select().operand(), ast, env, found);
        return false;
      }
      case STRUCT -> {
        for (CelExpr.CelStruct.Entry en : e.struct().entries()) {
          plan(en.value(), ast, env, found);
        }
        return false;
      }
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = e.comprehension();
        plan(c.iterRange(), ast, env, found);
        plan(c.accuInit(), ast, env, found);
        plan(c.loopCondition(), ast, env, found);
        plan(c.loopStep(), ast, env, found);
        plan(c.result(), ast, env, found);
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** Evaluates the constant conversion {@code call}; its error in cel-go's words, or null. */
  private static String conversionError(
      CelExpr call, CelExpr arg, CelAbstractSyntaxTree ast, Cel env) {
    CelAbstractSyntaxTree sub =
        CelAbstractSyntaxTree.newCheckedAst(
            call, ast.getSource(), ast.getReferenceMap(), ast.getTypeMap());
    try {
      env.createProgram(sub).eval();
      return null;
    } catch (CelEvaluationException ex) {
      CelType from = ast.getType(arg.id()).orElseThrow();
      CelType to = ast.getType(call.id()).orElseThrow();
      if (from.kind() == CelKind.STRING) {
        return "type conversion error from '" + format(from) + "' to '" + format(to) + "'";
      }
      return switch (to.kind()) {
        case INT -> "integer overflow";
        case UINT -> "unsigned integer overflow";
        case STRING -> "invalid UTF-8 in bytes, cannot convert to string";
        default -> CelRules.evaluationMessage(ex);
      };
    }
  }
}
