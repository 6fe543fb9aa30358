package io.kpg.crd.cel;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes CEL libraries CRD rules use (k8s.io/apiserver/pkg/cel/library: lists, regex, urls,
 * quantity, ip, cidr, semver, format) and the strings extension's {@code format}, which cel-java
 * lacks.
 */
final class KubeLibrary {

  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");
  static final OpaqueType URL = OpaqueType.create("kubernetes.URL");
  static final OpaqueType IP = OpaqueType.create("net.IP");
  static final OpaqueType CIDR = OpaqueType.create("net.CIDR");
  static final OpaqueType SEMVER = OpaqueType.create("kubernetes.Semver");
  static final OpaqueType FORMAT = OpaqueType.create("kubernetes.NamedFormat");

  private static final TypeParamType T = TypeParamType.create("T");
  private static final ListType LIST_T = ListType.create(T);
  private static final CelType STRING = SimpleType.STRING;
  private static final CelType INT = SimpleType.INT;
  private static final CelType BOOL = SimpleType.BOOL;
  private static final CelType DOUBLE = SimpleType.DOUBLE;

  private KubeLibrary() {}

  static List<CelFunctionDecl> declarations() {
    List<CelFunctionDecl> d = new ArrayList<>();
    // lists
    d.add(fn("isSorted", member("kpg_list_is_sorted", BOOL, LIST_T)));
    d.add(
        fn(
            "sum",
            member("kpg_list_int_sum", INT, ListType.create(INT)),
            member("kpg_list_uint_sum", SimpleType.UINT, ListType.create(SimpleType.UINT)),
            member("kpg_list_double_sum", DOUBLE, ListType.create(DOUBLE)),
            member(
                "kpg_list_duration_sum",
                SimpleType.DURATION,
                ListType.create(SimpleType.DURATION))));
    d.add(fn("min", member("kpg_list_min", T, LIST_T)));
    d.add(fn("max", member("kpg_list_max", T, LIST_T)));
    d.add(fn("indexOf", member("kpg_list_index_of", INT, LIST_T, T)));
    d.add(fn("lastIndexOf", member("kpg_list_last_index_of", INT, LIST_T, T)));
    // regex
    d.add(fn("find", member("kpg_string_find", STRING, STRING, STRING)));
    d.add(
        fn(
            "findAll",
            member("kpg_string_find_all", ListType.create(STRING), STRING, STRING),
            member("kpg_string_find_all_n", ListType.create(STRING), STRING, STRING, INT)));
    // urls
    d.add(fn("url", global("kpg_string_to_url", URL, STRING)));
    d.add(fn("isURL", global("kpg_is_url", BOOL, STRING)));
    for (String getter :
        List.of("getScheme", "getHost", "getHostname", "getPort", "getEscapedPath")) {
      d.add(fn(getter, member("kpg_url_" + getter, STRING, URL)));
    }
    d.add(
        fn(
            "getQuery",
            member("kpg_url_getQuery", MapType.create(STRING, ListType.create(STRING)), URL)));
    // quantity
    d.add(fn("quantity", global("kpg_string_to_quantity", QUANTITY, STRING)));
    d.add(fn("isQuantity", global("kpg_is_quantity", BOOL, STRING)));
    d.add(fn("sign", member("kpg_quantity_sign", INT, QUANTITY)));
    d.add(fn("isInteger", member("kpg_quantity_is_integer", BOOL, QUANTITY)));
    d.add(fn("asInteger", member("kpg_quantity_as_integer", INT, QUANTITY)));
    d.add(fn("asApproximateFloat", member("kpg_quantity_as_float", DOUBLE, QUANTITY)));
    d.add(
        fn(
            "add",
            member("kpg_quantity_add", QUANTITY, QUANTITY, QUANTITY),
            member("kpg_quantity_add_int", QUANTITY, QUANTITY, INT)));
    d.add(
        fn(
            "sub",
            member("kpg_quantity_sub", QUANTITY, QUANTITY, QUANTITY),
            member("kpg_quantity_sub_int", QUANTITY, QUANTITY, INT)));
    d.add(
        fn(
            "isLessThan",
            member("kpg_quantity_less", BOOL, QUANTITY, QUANTITY),
            member("kpg_semver_less", BOOL, SEMVER, SEMVER)));
    d.add(
        fn(
            "isGreaterThan",
            member("kpg_quantity_greater", BOOL, QUANTITY, QUANTITY),
            member("kpg_semver_greater", BOOL, SEMVER, SEMVER)));
    d.add(
        fn(
            "compareTo",
            member("kpg_quantity_compare", INT, QUANTITY, QUANTITY),
            member("kpg_semver_compare", INT, SEMVER, SEMVER)));
    // ip and cidr
    d.add(fn("ip", global("kpg_string_to_ip", IP, STRING), member("kpg_cidr_ip", IP, CIDR)));
    d.add(fn("isIP", global("kpg_is_ip", BOOL, STRING)));
    d.add(fn("ip.isCanonical", global("kpg_ip_is_canonical", BOOL, STRING)));
    d.add(fn("family", member("kpg_ip_family", INT, IP)));
    for (String predicate : IP_PREDICATES) {
      d.add(fn(predicate, member("kpg_ip_" + predicate, BOOL, IP)));
    }
    d.add(fn("cidr", global("kpg_string_to_cidr", CIDR, STRING)));
    d.add(fn("isCIDR", global("kpg_is_cidr", BOOL, STRING)));
    d.add(
        fn(
            "containsIP",
            member("kpg_cidr_contains_ip_string", BOOL, CIDR, STRING),
            member("kpg_cidr_contains_ip", BOOL, CIDR, IP)));
    d.add(
        fn(
            "containsCIDR",
            member("kpg_cidr_contains_cidr_string", BOOL, CIDR, STRING),
            member("kpg_cidr_contains_cidr", BOOL, CIDR, CIDR)));
    d.add(fn("prefixLength", member("kpg_cidr_prefix_length", INT, CIDR)));
    d.add(fn("masked", member("kpg_cidr_masked", CIDR, CIDR)));
    d.add(
        fn(
            "string",
            global("kpg_ip_to_string", STRING, IP),
            global("kpg_cidr_to_string", STRING, CIDR)));
    // semver (library version 1: the normalizing overloads)
    d.add(
        fn(
            "semver",
            global("kpg_string_to_semver", SEMVER, STRING),
            global("kpg_string_to_semver_normalize", SEMVER, STRING, BOOL)));
    d.add(
        fn(
            "isSemver",
            global("kpg_is_semver", BOOL, STRING),
            global("kpg_is_semver_normalize", BOOL, STRING, BOOL)));
    for (String part : List.of("major", "minor", "patch")) {
      d.add(fn(part, member("kpg_semver_" + part, INT, SEMVER)));
    }
    // format
    d.add(
        fn(
            "validate",
            member(
                "kpg_format_validate",
                OptionalType.create(ListType.create(STRING)),
                FORMAT,
                STRING)));
    d.add(fn("format.named", global("kpg_format_named", OptionalType.create(FORMAT), STRING)));
    for (String name : NamedFormat.BY_NAME.keySet()) {
      d.add(fn("format." + name, global("kpg_format_" + name, FORMAT)));
    }
    // optional library version 2 (cel-java has optional.unwrap but not its member form)
    d.add(
        fn(
            "unwrapOpt",
            member("kpg_list_unwrap_opt", LIST_T, ListType.create(OptionalType.create(T)))));
    // strings extension: format
    d.add(
        fn("format", member("kpg_string_format", STRING, STRING, ListType.create(SimpleType.DYN))));
    return d;
  }

  static List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> b = new ArrayList<>();
    b.add(CelFunctionBinding.from("kpg_list_is_sorted", List.class, KubeLibrary::isSorted));
    for (String id :
        List.of(
            "kpg_list_int_sum",
            "kpg_list_uint_sum",
            "kpg_list_double_sum",
            "kpg_list_duration_sum")) {
      b.add(CelFunctionBinding.from(id, List.class, l -> sum(id, l)));
    }
    b.add(CelFunctionBinding.from("kpg_list_min", List.class, l -> extreme(l, -1, "min")));
    b.add(CelFunctionBinding.from("kpg_list_max", List.class, l -> extreme(l, 1, "max")));
    b.add(
        CelFunctionBinding.from(
            "kpg_list_index_of", List.of(List.class, Object.class), a -> indexOf(a, false)));
    b.add(
        CelFunctionBinding.from(
            "kpg_list_last_index_of", List.of(List.class, Object.class), a -> indexOf(a, true)));

    b.add(
        CelFunctionBinding.from(
            "kpg_string_find",
            String.class,
            String.class,
            (s, re) -> {
              Matcher m = compile(re).matcher(s);
              return m.find() ? m.group() : "";
            }));
    b.add(
        CelFunctionBinding.from(
            "kpg_string_find_all", String.class, String.class, (s, re) -> findAll(s, re, -1)));
    b.add(
        CelFunctionBinding.from(
            "kpg_string_find_all_n",
            List.of(String.class, String.class, Long.class),
            a -> findAll((String) a[0], (String) a[1], (Long) a[2])));

    b.add(CelFunctionBinding.from("kpg_string_to_url", String.class, KubeLibrary::url));
    b.add(
        CelFunctionBinding.from(
            "kpg_is_url",
            String.class,
            s -> {
              try {
                url(s);
                return true;
              } catch (CelEvaluationException e) {
                return false;
              }
            }));
    b.add(CelFunctionBinding.from("kpg_url_getScheme", URI.class, u -> nz(u.getScheme())));
    b.add(CelFunctionBinding.from("kpg_url_getHost", URI.class, KubeLibrary::host));
    b.add(CelFunctionBinding.from("kpg_url_getHostname", URI.class, KubeLibrary::hostname));
    b.add(
        CelFunctionBinding.from(
            "kpg_url_getPort", URI.class, u -> u.getPort() < 0 ? "" : String.valueOf(u.getPort())));
    b.add(CelFunctionBinding.from("kpg_url_getEscapedPath", URI.class, u -> nz(u.getRawPath())));
    b.add(CelFunctionBinding.from("kpg_url_getQuery", URI.class, KubeLibrary::query));

    b.add(
        CelFunctionBinding.from(
            "kpg_string_to_quantity",
            String.class,
            s -> {
              try {
                return Quantity.parse(s);
              } catch (IllegalArgumentException | ArithmeticException e) {
                throw error(Quantity.SYNTAX_ERROR);
              }
            }));
    b.add(CelFunctionBinding.from("kpg_is_quantity", String.class, Quantity::isValid));
    b.add(CelFunctionBinding.from("kpg_quantity_sign", Quantity.class, Quantity::sign));
    b.add(CelFunctionBinding.from("kpg_quantity_is_integer", Quantity.class, Quantity::isInteger));
    b.add(
        CelFunctionBinding.from(
            "kpg_quantity_as_integer",
            Quantity.class,
            q -> {
              try {
                return q.asInteger();
              } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
              }
            }));
    b.add(
        CelFunctionBinding.from(
            "kpg_quantity_as_float", Quantity.class, Quantity::asApproximateFloat));
    b.add(
        CelFunctionBinding.from("kpg_quantity_add", Quantity.class, Quantity.class, Quantity::add));
    b.add(
        CelFunctionBinding.from(
            "kpg_quantity_add_int",
            Quantity.class,
            Long.class,
            (q, i) -> q.add(Quantity.of(BigDecimal.valueOf(i)))));
    b.add(
        CelFunctionBinding.from("kpg_quantity_sub", Quantity.class, Quantity.class, Quantity::sub));
    b.add(
        CelFunctionBinding.from(
            "kpg_quantity_sub_int",
            Quantity.class,
            Long.class,
            (q, i) -> q.sub(Quantity.of(BigDecimal.valueOf(i)))));
    b.add(
        CelFunctionBinding.from(
            "kpg_quantity_less", Quantity.class, Quantity.class, (x, y) -> x.compareTo(y) < 0));
    b.add(
        CelFunctionBinding.from(
            "kpg_quantity_greater", Quantity.class, Quantity.class, (x, y) -> x.compareTo(y) > 0));
    b.add(
        CelFunctionBinding.from(
            "kpg_quantity_compare",
            Quantity.class,
            Quantity.class,
            (x, y) -> (long) Integer.signum(x.compareTo(y))));
    b.add(
        CelFunctionBinding.from(
            "kpg_string_format", String.class, List.class, KubeLibrary::format));
    b.add(CelFunctionBinding.from("kpg_list_unwrap_opt", List.class, KubeLibrary::unwrapOpt));
    ipBindings(b);
    semverBindings(b);
    formatBindings(b);
    return b;
  }

  /** The values of the present optionals of a list, in order. */
  private static List<Object> unwrapOpt(List<?> l) {
    List<Object> out = new ArrayList<>();
    for (Object o : l) {
      if (o instanceof Optional<?> opt && opt.isPresent()) {
        out.add(opt.get());
      }
    }
    return out;
  }

  private static final List<String> IP_PREDICATES =
      List.of(
          "isUnspecified",
          "isLoopback",
          "isLinkLocalMulticast",
          "isLinkLocalUnicast",
          "isGlobalUnicast");

  private static void ipBindings(List<CelFunctionBinding> b) {
    b.add(CelFunctionBinding.from("kpg_string_to_ip", String.class, KubeLibrary::ip));
    b.add(CelFunctionBinding.from("kpg_cidr_ip", NetIp.Prefix.class, NetIp.Prefix::addr));
    b.add(
        CelFunctionBinding.from(
            "kpg_is_ip",
            String.class,
            s -> {
              try {
                NetIp.parseLibraryAddr(s);
                return true;
              } catch (NetIp.ParseError e) {
                return false;
              }
            }));
    b.add(
        CelFunctionBinding.from(
            "kpg_ip_is_canonical", String.class, s -> ip(s).toString().equals(s)));
    b.add(CelFunctionBinding.from("kpg_ip_family", NetIp.Addr.class, a -> a.v4() ? 4L : 6L));
    b.add(
        CelFunctionBinding.from(
            "kpg_ip_isUnspecified", NetIp.Addr.class, NetIp.Addr::isUnspecified));
    b.add(CelFunctionBinding.from("kpg_ip_isLoopback", NetIp.Addr.class, NetIp.Addr::isLoopback));
    b.add(
        CelFunctionBinding.from(
            "kpg_ip_isLinkLocalMulticast", NetIp.Addr.class, NetIp.Addr::isLinkLocalMulticast));
    b.add(
        CelFunctionBinding.from(
            "kpg_ip_isLinkLocalUnicast", NetIp.Addr.class, NetIp.Addr::isLinkLocalUnicast));
    b.add(
        CelFunctionBinding.from(
            "kpg_ip_isGlobalUnicast", NetIp.Addr.class, NetIp.Addr::isGlobalUnicast));
    b.add(CelFunctionBinding.from("kpg_string_to_cidr", String.class, KubeLibrary::cidr));
    b.add(
        CelFunctionBinding.from(
            "kpg_is_cidr",
            String.class,
            s -> {
              try {
                NetIp.parseLibraryPrefix(s);
                return true;
              } catch (NetIp.ParseError e) {
                return false;
              }
            }));
    b.add(
        CelFunctionBinding.from(
            "kpg_cidr_contains_ip_string",
            NetIp.Prefix.class,
            String.class,
            (p, s) -> {
              NetIp.Addr a;
              try {
                a = NetIp.parseLibraryAddr(s);
              } catch (NetIp.ParseError e) {
                // upstream hands the parse error to an IP-only overload, which answers this
                throw error("no such overload");
              }
              return p.contains(a);
            }));
    b.add(
        CelFunctionBinding.from(
            "kpg_cidr_contains_ip", NetIp.Prefix.class, NetIp.Addr.class, NetIp.Prefix::contains));
    b.add(
        CelFunctionBinding.from(
            "kpg_cidr_contains_cidr_string",
            NetIp.Prefix.class,
            String.class,
            (p, s) -> containsCidr(p, cidr(s))));
    b.add(
        CelFunctionBinding.from(
            "kpg_cidr_contains_cidr",
            NetIp.Prefix.class,
            NetIp.Prefix.class,
            KubeLibrary::containsCidr));
    b.add(
        CelFunctionBinding.from(
            "kpg_cidr_prefix_length", NetIp.Prefix.class, p -> (long) p.bits()));
    b.add(CelFunctionBinding.from("kpg_cidr_masked", NetIp.Prefix.class, NetIp.Prefix::masked));
    b.add(CelFunctionBinding.from("kpg_ip_to_string", NetIp.Addr.class, NetIp.Addr::toString));
    b.add(
        CelFunctionBinding.from("kpg_cidr_to_string", NetIp.Prefix.class, NetIp.Prefix::toString));
  }

  private static NetIp.Addr ip(String s) throws CelEvaluationException {
    try {
      return NetIp.parseLibraryAddr(s);
    } catch (NetIp.ParseError e) {
      throw error(e.getMessage());
    }
  }

  private static NetIp.Prefix cidr(String s) throws CelEvaluationException {
    try {
      return NetIp.parseLibraryPrefix(s);
    } catch (NetIp.ParseError e) {
      throw error("network address parse error during conversion from string: " + e.getMessage());
    }
  }

  /** Whether {@code inner} lies wholly inside {@code outer}. */
  private static boolean containsCidr(NetIp.Prefix outer, NetIp.Prefix inner) {
    return outer.overlaps(inner) && outer.bits() <= inner.bits();
  }

  private static void semverBindings(List<CelFunctionBinding> b) {
    b.add(CelFunctionBinding.from("kpg_string_to_semver", String.class, s -> semver(s, false)));
    b.add(
        CelFunctionBinding.from(
            "kpg_string_to_semver_normalize", String.class, Boolean.class, KubeLibrary::semver));
    b.add(CelFunctionBinding.from("kpg_is_semver", String.class, s -> isSemver(s, false)));
    b.add(
        CelFunctionBinding.from(
            "kpg_is_semver_normalize", String.class, Boolean.class, KubeLibrary::isSemver));
    b.add(CelFunctionBinding.from("kpg_semver_major", Semver.class, v -> v.major));
    b.add(CelFunctionBinding.from("kpg_semver_minor", Semver.class, v -> v.minor));
    b.add(CelFunctionBinding.from("kpg_semver_patch", Semver.class, v -> v.patch));
    b.add(
        CelFunctionBinding.from(
            "kpg_semver_less", Semver.class, Semver.class, (x, y) -> x.compareTo(y) < 0));
    b.add(
        CelFunctionBinding.from(
            "kpg_semver_greater", Semver.class, Semver.class, (x, y) -> x.compareTo(y) > 0));
    b.add(
        CelFunctionBinding.from(
            "kpg_semver_compare", Semver.class, Semver.class, (x, y) -> (long) x.compareTo(y)));
  }

  private static Semver semver(String s, boolean normalize) throws CelEvaluationException {
    try {
      return normalize ? Semver.parseNormalized(s) : Semver.parse(s);
    } catch (Semver.ParseError e) {
      throw error(e.getMessage());
    }
  }

  private static boolean isSemver(String s, boolean normalize) {
    try {
      semver(s, normalize);
      return true;
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  private static void formatBindings(List<CelFunctionBinding> b) {
    b.add(
        CelFunctionBinding.from(
            "kpg_format_validate", NamedFormat.class, String.class, NamedFormat::validate));
    b.add(
        CelFunctionBinding.from(
            "kpg_format_named",
            String.class,
            name -> Optional.ofNullable(NamedFormat.BY_NAME.get(name))));
    NamedFormat.BY_NAME.forEach(
        (name, f) -> b.add(CelFunctionBinding.from("kpg_format_" + name, List.of(), args -> f)));
  }

  private static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
    return CelFunctionDecl.newFunctionDeclaration(name, overloads);
  }

  private static CelOverloadDecl member(String id, CelType result, CelType... args) {
    return CelOverloadDecl.newMemberOverload(id, result, args);
  }

  private static CelOverloadDecl global(String id, CelType result, CelType... args) {
    return CelOverloadDecl.newGlobalOverload(id, result, args);
  }

  static CelEvaluationException error(String message) {
    return CelEvaluationExceptionBuilder.newBuilder("%s", message).build();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  // ---- lists

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) throws CelEvaluationException {
    if (a instanceof Number x && b instanceof Number y) {
      if ((x instanceof Long || x instanceof com.google.common.primitives.UnsignedLong)
          && (y instanceof Long || y instanceof com.google.common.primitives.UnsignedLong)
          && x.getClass() == y.getClass()) {
        return ((Comparable) x).compareTo(y);
      }
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof CelByteString x && b instanceof CelByteString y) {
      return CelByteString.unsignedLexicographicalComparator().compare(x, y);
    }
    if ((a instanceof String
            || a instanceof Boolean
            || a instanceof Instant
            || a instanceof Duration
            || a instanceof Quantity)
        && a.getClass() == b.getClass()) {
      return ((Comparable) a).compareTo(b);
    }
    throw error("no such overload");
  }

  private static boolean isSorted(List<?> l) throws CelEvaluationException {
    for (int i = 1; i < l.size(); i++) {
      if (compare(l.get(i - 1), l.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static Object sum(String id, List<?> l) {
    switch (id) {
      case "kpg_list_double_sum" -> {
        double s = 0;
        for (Object o : l) {
          s += ((Number) o).doubleValue();
        }
        return s;
      }
      case "kpg_list_duration_sum" -> {
        Duration s = Duration.ZERO;
        for (Object o : l) {
          s = s.plus((Duration) o);
        }
        return s;
      }
      case "kpg_list_uint_sum" -> {
        long s = 0;
        for (Object o : l) {
          s += ((Number) o).longValue();
        }
        return com.google.common.primitives.UnsignedLong.fromLongBits(s);
      }
      default -> {
        long s = 0;
        for (Object o : l) {
          s = Math.addExact(s, ((Number) o).longValue());
        }
        return s;
      }
    }
  }

  private static Object extreme(List<?> l, int sign, String name) throws CelEvaluationException {
    if (l.isEmpty()) {
      throw error(name + " called on empty list");
    }
    Object best = l.get(0);
    for (Object o : l) {
      if (Integer.signum(compare(o, best)) == sign) {
        best = o;
      }
    }
    return best;
  }

  private static Object indexOf(Object[] a, boolean last) {
    List<?> l = (List<?>) a[0];
    return (long) (last ? l.lastIndexOf(a[1]) : l.indexOf(a[1]));
  }

  // ---- regex

  private static Pattern compile(String re) throws CelEvaluationException {
    try {
      return Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      throw error("Illegal regex: " + e.getMessage());
    }
  }

  private static List<String> findAll(String s, String re, long limit)
      throws CelEvaluationException {
    List<String> out = new ArrayList<>();
    if (limit == 0) {
      return out;
    }
    Matcher m = compile(re).matcher(s);
    while (m.find() && (limit < 0 || out.size() < limit)) {
      out.add(m.group());
    }
    return out;
  }

  // ---- urls (Go's url.ParseRequestURI: an absolute URI or an absolute path)

  private static URI url(String s) throws CelEvaluationException {
    try {
      URI u = new URI(s);
      if (u.isOpaque() || (u.getScheme() == null && !s.startsWith("/"))) {
        throw error(
            "URL parse error during conversion from string: parse \""
                + s
                + "\": invalid URI for request");
      }
      return u;
    } catch (URISyntaxException e) {
      throw error("URL parse error during conversion from string: " + e.getMessage());
    }
  }

  private static String host(URI u) {
    String authority = u.getRawAuthority();
    if (authority == null) {
      return "";
    }
    int at = authority.lastIndexOf('@');
    return at >= 0 ? authority.substring(at + 1) : authority;
  }

  private static String hostname(URI u) {
    String h = u.getHost();
    if (h == null) {
      return "";
    }
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static Map<String, List<String>> query(URI u) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String q = u.getRawQuery();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String part : q.split("[&;]")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      out.computeIfAbsent(decode(k), x -> new ArrayList<>()).add(decode(v));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  // ---- format (cel-go strings extension)

  private static String format(String f, List<?> args) throws CelEvaluationException {
    StringBuilder sb = new StringBuilder();
    int argi = 0;
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      if (++i >= f.length()) {
        throw error("unexpected end of format string");
      }
      if (f.charAt(i) == '%') {
        sb.append('%');
        continue;
      }
      Integer precision = null;
      if (f.charAt(i) == '.') {
        int start = ++i;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
          i++;
        }
        precision = Integer.parseInt(f.substring(start, i));
        if (i >= f.length()) {
          throw error("unexpected end of format string");
        }
      }
      char verb = f.charAt(i);
      if (argi >= args.size()) {
        throw error("index " + argi + " out of range");
      }
      Object a = args.get(argi++);
      sb.append(formatOne(verb, precision, a));
    }
    return sb.toString();
  }

  private static String formatOne(char verb, Integer precision, Object a)
      throws CelEvaluationException {
    switch (verb) {
      case 's':
        return stringOf(a);
      case 'd':
        if (a instanceof Long || a instanceof com.google.common.primitives.UnsignedLong) {
          return a.toString();
        }
        if (a instanceof Double d && (d.isNaN() || d.isInfinite())) {
          return d.isNaN() ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");
        }
        throw error(
            "error during formatting: decimal clause can only be used on integers, was given "
                + typeName(a));
      case 'f':
      case 'e':
        if (!(a instanceof Number n)) {
          throw error(
              "error during formatting: fixed-point clause can only be used on doubles, was given "
                  + typeName(a));
        }
        int p = precision == null ? 6 : precision;
        return String.format(Locale.ROOT, "%." + p + verb, n.doubleValue());
      case 'b':
        if (a instanceof Long l) {
          return Long.toBinaryString(l);
        }
        if (a instanceof Boolean bo) {
          return bo ? "1" : "0";
        }
        throw error(
            "error during formatting: only integers and bools can be formatted as binary, was given "
                + typeName(a));
      case 'o':
        if (a instanceof Long l) {
          return Long.toOctalString(l);
        }
        throw error(
            "error during formatting: octal clause can only be used on integers, was given "
                + typeName(a));
      case 'x':
      case 'X':
        String h;
        if (a instanceof Long l) {
          h = l < 0 ? "-" + Long.toHexString(-l) : Long.toHexString(l);
        } else if (a instanceof String s) {
          h = hex(s.getBytes(StandardCharsets.UTF_8));
        } else if (a instanceof CelByteString bs) {
          h = hex(bs.toByteArray());
        } else {
          throw error(
              "error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given "
                  + typeName(a));
        }
        return verb == 'X' ? h.toUpperCase(Locale.ROOT) : h;
      default:
        throw error(
            "could not parse formatting clause: unrecognized formatting clause \"" + verb + "\"");
    }
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x & 0xff));
    }
    return sb.toString();
  }

  private static String typeName(Object a) {
    if (a instanceof String) {
      return "string";
    }
    if (a instanceof Long) {
      return "int";
    }
    if (a instanceof Double) {
      return "double";
    }
    if (a instanceof Boolean) {
      return "bool";
    }
    if (a instanceof List) {
      return "list";
    }
    if (a instanceof Map) {
      return "map";
    }
    return a.getClass().getSimpleName();
  }

  private static String stringOf(Object a) {
    if (a instanceof String s) {
      return s;
    }
    if (a instanceof Double d) {
      if (d.isNaN()) {
        return "NaN";
      }
      if (d.isInfinite()) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
      return d == Math.rint(d) && Math.abs(d) < 1e21
          ? BigDecimal.valueOf(d).toBigInteger().toString()
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (a instanceof CelByteString bs) {
      return new String(bs.toByteArray(), StandardCharsets.UTF_8);
    }
    if (a instanceof Duration d) {
      return BigDecimal.valueOf(d.getSeconds())
              .add(BigDecimal.valueOf(d.getNano(), 9))
              .stripTrailingZeros()
              .toPlainString()
          + "s";
    }
    if (a instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(quoted(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (a instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      int i = 0;
      for (Map.Entry<?, ?> e : new java.util.TreeMap<>(stringKeys(m)).entrySet()) {
        sb.append(i++ > 0 ? ", " : "").append(e.getKey()).append(": ").append(quoted(e.getValue()));
      }
      return sb.append('}').toString();
    }
    if (a instanceof dev.cel.common.values.NullValue) {
      return "null";
    }
    return String.valueOf(a);
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(quoted(k), v));
    return out;
  }

  private static String quoted(Object a) {
    return a instanceof String s ? "\"" + s + "\"" : stringOf(a);
  }
}
