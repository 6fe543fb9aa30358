package io.kpg.crd.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CEL cost in the spirit of cel-go's (which cel-java lacks): a static estimate of the most an
 * expression can cost, derived from maxLength/maxItems/maxProperties, and a runtime tracker fed by
 * cel-java's evaluation listener.
 */
final class Cost {

  static final long PER_CALL_LIMIT = 1_000_000L;
  static final long STATIC_EXPRESSION_LIMIT = 10_000_000L;
  static final long STATIC_CRD_LIMIT = 100_000_000L;
  static final long RUNTIME_BUDGET = 10_000_000L;

  static final String LIMIT_EXCEEDED = "operation cancelled: actual cost limit exceeded";

  private static final long LIST_CREATE = 10;
  private static final long MAP_CREATE = 30;
  private static final long STRUCT_CREATE = 40;

  /** Functions whose cost grows with the size of their receiver/first argument. */
  private static final Set<String> SIZED =
      Set.of(
          "contains",
          "startsWith",
          "endsWith",
          "matches",
          "find",
          "findAll",
          "split",
          "replace",
          "lowerAscii",
          "upperAscii",
          "trim",
          "substring",
          "indexOf",
          "lastIndexOf",
          "join",
          "isSorted",
          "sum",
          "min",
          "max",
          "_==_",
          "_!=_",
          "_+_",
          "@in",
          "format",
          "sets.contains",
          "sets.equivalent",
          "sets.intersects",
          "url",
          "isURL",
          "quantity",
          "isQuantity",
          "string",
          "bytes",
          "ip",
          "isIP",
          "ip.isCanonical",
          "cidr",
          "isCIDR",
          "containsIP",
          "containsCIDR",
          "semver",
          "isSemver",
          "validate");

  /**
   * Sized functions whose cost follows their last argument (a string to parse or check) rather than
   * their receiver.
   */
  private static final Set<String> SIZED_BY_ARGUMENT =
      Set.of("containsIP", "containsCIDR", "validate");

  /**
   * What checking a string against a named format costs per unit of traversal: upstream charges for
   * the format's regex (at most 128 characters, a quarter unit each).
   */
  private static final long FORMAT_FACTOR = 32;

  private Cost() {}

  private static boolean free(String function) {
    return function.equals("_&&_")
        || function.equals("_||_")
        || function.equals("_?_:_")
        || function.equals("@not_strictly_false");
  }

  /** cel-go's cost of walking {@code size} characters or elements (a tenth each, rounded up). */
  private static long traversal(long size) {
    return (long) Math.ceil(size * 0.1);
  }

  private static long sized(long size) {
    return 1 + (long) Math.ceil(size * 0.1);
  }

  private static long argumentCost(String function, long size) {
    return function.equals("validate") ? mul(sized(size), FORMAT_FACTOR) : sized(size);
  }

  static long sat(long a, long b) {
    long r = a + b;
    return r < 0 || r < a ? Long.MAX_VALUE : r;
  }

  static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return Long.MAX_VALUE / a < b ? Long.MAX_VALUE : a * b;
  }

  // ---------------------------------------------------------------- static estimate

  /** Estimated cost and the largest size of the value, and its schema node when known. */
  private record Est(long cost, long size, SchemaNode node) {}

  /** The largest size of a value of {@code n}: 1 for scalars (their maxSize is unset). */
  private static long sizeOf(SchemaNode n) {
    return n.celType instanceof SimpleType t
            && (t == SimpleType.INT
                || t == SimpleType.DOUBLE
                || t == SimpleType.BOOL
                || t == SimpleType.DURATION
                || t == SimpleType.TIMESTAMP)
        ? 1
        : n.maxSize;
  }

  /** The largest cost an expression over {@code self} (typed by {@code node}) can have. */
  static long estimate(CelExpr expr, SchemaNode node) {
    return est(expr, node, new HashMap<>()).cost;
  }

  private static Est est(CelExpr e, SchemaNode self, Map<String, Est> scope) {
    switch (e.getKind()) {
      case CONSTANT -> {
        var c = e.constant();
        long size =
            switch (c.getKind()) {
              case STRING_VALUE -> c.stringValue().length();
              case BYTES_VALUE -> c.bytesValue().size();
              default -> 1;
            };
        return new Est(0, size, null);
      }
      case IDENT -> {
        String name = e.ident().name();
        Est local = scope.get(name);
        if (local != null) {
          return new Est(1, local.size, local.node);
        }
        if (name.equals("self") || name.equals("oldSelf")) {
          return new Est(1, sizeOf(self), self);
        }
        return new Est(1, 1, null);
      }
      case SELECT -> {
        Est op = est(e.select().operand(), self, scope);
        SchemaNode child = null;
        if (op.node != null) {
          String field = e.select().field();
          if (op.node.additional != null) {
            child = op.node.additional;
          } else {
            for (Map.Entry<String, String> n : op.node.celNames.entrySet()) {
              if (n.getValue().equals(field)) {
                child = op.node.properties.get(n.getKey());
              }
            }
          }
        }
        long cost = e.select().testOnly() ? op.cost : sat(op.cost, 1);
        return new Est(cost, child == null ? 1 : sizeOf(child), child);
      }
      case LIST -> {
        long cost = LIST_CREATE;
        for (CelExpr el : e.list().elements()) {
          cost = sat(cost, est(el, self, scope).cost);
        }
        return new Est(cost, e.list().elements().size(), null);
      }
      case MAP -> {
        long cost = MAP_CREATE;
        for (var en : e.map().entries()) {
          cost = sat(cost, sat(est(en.key(), self, scope).cost, est(en.value(), self, scope).cost));
        }
        return new Est(cost, e.map().entries().size(), null);
      }
      case STRUCT -> {
        long cost = STRUCT_CREATE;
        for (var en : e.struct().entries()) {
          cost = sat(cost, est(en.value(), self, scope).cost);
        }
        return new Est(cost, 1, null);
      }
      case CALL -> {
        var call = e.call();
        List<Est> args = new java.util.ArrayList<>();
        call.target().ifPresent(t -> args.add(est(t, self, scope)));
        for (CelExpr a : call.args()) {
          args.add(est(a, self, scope));
        }
        long cost = 0;
        long sizes = 0;
        for (Est a : args) {
          cost = sat(cost, a.cost);
          sizes = sat(sizes, a.size);
        }
        long firstSize = args.isEmpty() ? 1 : args.get(0).size;
        String f = call.function();
        switch (f) {
          case "_&&_", "_||_", "@not_strictly_false" -> {
            return new Est(cost, 1, null);
          }
          case "_?_:_" -> {
            if (args.size() == 3) {
              Est t = args.get(1);
              Est o = args.get(2);
              return new Est(
                  sat(args.get(0).cost, Math.max(t.cost, o.cost)), Math.max(t.size, o.size), null);
            }
          }
          case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_" -> {
            // comparing stops at the end of the shorter operand
            if (args.size() == 2) {
              long shorter = Math.min(args.get(0).size, args.get(1).size);
              return new Est(sat(cost, traversal(shorter)), 1, null);
            }
          }
          case "@in" -> {
            // a linear search of the collection (the second operand)
            if (args.size() == 2) {
              return new Est(sat(cost, args.get(1).size), 1, null);
            }
          }
          case "matches" -> {
            // string length times regex length: each pattern character may be a state to track
            if (args.size() == 2) {
              long str = traversal(sat(args.get(0).size, 1));
              long regex = (long) Math.ceil(args.get(1).size * 0.25);
              return new Est(sat(cost, mul(str, regex)), 1, null);
            }
          }
          case "contains" -> {
            if (args.size() == 2) {
              long product = mul(traversal(args.get(0).size), traversal(args.get(1).size));
              return new Est(sat(cost, product), 1, null);
            }
          }
          default -> {}
        }
        long size = f.equals("_+_") || f.equals("split") || f.equals("findAll") ? sizes : 1;
        if (appendsToAccumulator(e)) {
          return new Est(sat(cost, 1), size, null);
        }
        if (SIZED_BY_ARGUMENT.contains(f)) {
          long lastSize = args.isEmpty() ? 1 : args.get(args.size() - 1).size;
          return new Est(sat(cost, argumentCost(f, lastSize)), size, null);
        }
        return new Est(sat(cost, SIZED.contains(f) ? sized(firstSize) : 1), size, null);
      }
      case COMPREHENSION -> {
        var c = e.comprehension();
        Est range = est(c.iterRange(), self, scope);
        SchemaNode elem = null;
        if (range.node != null) {
          elem = range.node.items;
        }
        Map<String, Est> inner = new HashMap<>(scope);
        inner.put(c.iterVar(), elem != null ? new Est(0, sizeOf(elem), elem) : new Est(0, 1, null));
        if (!c.iterVar2().isEmpty()) {
          SchemaNode v =
              range.node == null
                  ? null
                  : (range.node.items != null ? range.node.items : range.node.additional);
          inner.put(c.iterVar2(), v != null ? new Est(0, sizeOf(v), v) : new Est(0, 1, null));
        }
        Est init = est(c.accuInit(), self, scope);
        inner.put(c.accuVar(), new Est(0, range.size, null));
        long perIteration =
            sat(est(c.loopCondition(), self, inner).cost, est(c.loopStep(), self, inner).cost);
        long cost = sat(sat(range.cost, init.cost), mul(range.size, perIteration));
        cost = sat(cost, est(c.result(), self, inner).cost);
        return new Est(cost, range.size, null);
      }
      default -> {
        return new Est(1, 1, null);
      }
    }
  }

  /**
   * Whether a call appends to a comprehension's accumulator (the step of map/filter): that costs 1,
   * as the accumulator grows in place.
   */
  private static boolean appendsToAccumulator(CelExpr e) {
    if (!e.call().function().equals("_+_") || e.call().args().size() != 2) {
      return false;
    }
    CelExpr first = e.call().args().get(0);
    if (first.getKind() != CelExpr.ExprKind.Kind.IDENT) {
      return false;
    }
    String name = first.ident().name();
    return name.startsWith("@") || name.equals("__result__");
  }

  // ---------------------------------------------------------------- runtime tracking

  /** Ids of the expressions whose values a sized call needs at runtime. */
  static Set<Long> sizedArgumentIds(CelExpr root) {
    Set<Long> ids = new HashSet<>();
    collect(root, ids);
    return ids;
  }

  private static void collect(CelExpr e, Set<Long> ids) {
    switch (e.getKind()) {
      case CALL -> {
        var call = e.call();
        if (SIZED_BY_ARGUMENT.contains(call.function()) && !call.args().isEmpty()) {
          ids.add(call.args().get(call.args().size() - 1).id());
        } else if (SIZED.contains(call.function())) {
          if (call.target().isPresent()) {
            ids.add(call.target().get().id());
          } else if (!call.args().isEmpty()) {
            ids.add(call.args().get(0).id());
          }
          if (call.function().equals("@in") && call.args().size() == 2) {
            ids.add(call.args().get(1).id());
          }
        }
        call.target().ifPresent(t -> collect(t, ids));
        call.args().forEach(a -> collect(a, ids));
      }
      case SELECT -> collect(e.select().operand(), ids);
      case LIST -> e.list().elements().forEach(a -> collect(a, ids));
      case MAP ->
          e.map()
              .entries()
              .forEach(
                  en -> {
                    collect(en.key(), ids);
                    collect(en.value(), ids);
                  });
      case STRUCT -> e.struct().entries().forEach(en -> collect(en.value(), ids));
      case COMPREHENSION -> {
        var c = e.comprehension();
        collect(c.iterRange(), ids);
        collect(c.accuInit(), ids);
        collect(c.loopCondition(), ids);
        collect(c.loopStep(), ids);
        collect(c.result(), ids);
      }
      default -> {}
    }
  }

  /** Thrown from the listener when one evaluation goes over the per-call limit. */
  static final class LimitExceeded extends RuntimeException {
    LimitExceeded() {
      super(LIMIT_EXCEEDED, null, false, false);
    }
  }

  /** Adds up the cost of one evaluation, as each evaluated expression reports its value. */
  static final class Tracker implements CelEvaluationListener {
    private final Set<Long> sizedIds;
    private final long limit;
    private Map<Long, Object> values;
    long cost;

    Tracker(Set<Long> sizedIds, long limit) {
      this.sizedIds = sizedIds;
      this.limit = limit;
    }

    @Override
    public void callback(CelExpr e, Object result) {
      long c;
      switch (e.getKind()) {
        case CONSTANT, COMPREHENSION -> c = 0;
        case IDENT -> c = 1;
        case SELECT -> c = e.select().testOnly() ? 0 : 1;
        case LIST -> c = LIST_CREATE;
        case MAP -> c = MAP_CREATE;
        case STRUCT -> c = STRUCT_CREATE;
        case CALL -> c = callCost(e);
        default -> c = 1;
      }
      if (!sizedIds.isEmpty() && sizedIds.contains(e.id())) {
        if (values == null) {
          values = new HashMap<>();
        }
        values.put(e.id(), result);
      }
      cost += c;
      if (cost > limit) {
        throw new LimitExceeded();
      }
    }

    private long callCost(CelExpr e) {
      var call = e.call();
      String f = call.function();
      if (free(f)) {
        return 0;
      }
      if (!SIZED.contains(f) || values == null || appendsToAccumulator(e)) {
        return 1;
      }
      CelExpr first =
          call.target().isPresent()
              ? call.target().get()
              : (call.args().isEmpty() ? null : call.args().get(0));
      if (f.equals("@in") && call.args().size() == 2) {
        first = call.args().get(1);
      }
      if (SIZED_BY_ARGUMENT.contains(f) && !call.args().isEmpty()) {
        CelExpr last = call.args().get(call.args().size() - 1);
        return argumentCost(f, sizeOf(values.get(last.id())));
      }
      return first == null ? 1 : sized(sizeOf(values.get(first.id())));
    }

    private static long sizeOf(Object v) {
      if (v instanceof String s) {
        return s.length();
      }
      if (v instanceof CelByteString b) {
        return b.size();
      }
      if (v instanceof List<?> l) {
        return l.size();
      }
      if (v instanceof Map<?, ?> m) {
        return m.size();
      }
      return 1;
    }
  }
}
