package io.kpg.crd.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ip, cidr, semver and format libraries and the extension set of the CRD environment. */
class CelLibrariesTest {

  private static final String BASE = "spec.versions[0].schema.openAPIV3Schema";

  /** Compiles {@code rule} on an object with a string {@code s} and evaluates it once. */
  private static CelRules rules(String rule) {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode s = schema.putObject("properties").putObject("s");
    s.put("type", "string");
    s.put("maxLength", 64);
    schema.putArray("x-kubernetes-validations").addObject().put("rule", rule);
    return CelRules.compile(schema);
  }

  private static List<String> run(String rule, String value) {
    CelRules r = rules(rule);
    assertEquals(List.of(), r.compileErrors(BASE).stream().map(FieldError::message).toList());
    ObjectNode obj = Json.object();
    obj.put("s", value);
    return r.validate(obj, null).stream().map(FieldError::message).toList();
  }

  private static void holds(String rule) {
    assertEquals(List.of(), run(rule, ""), rule);
  }

  private static void fails(String rule) {
    assertEquals(List.of("<nil>: Invalid value: failed rule: " + rule), run(rule, ""), rule);
  }

  /** The evaluation error of {@code rule}, without the field and rule around it. */
  private static String error(String rule) {
    List<String> errs = run(rule, "");
    assertEquals(1, errs.size(), errs.toString());
    String prefix = "<nil>: Invalid value: \"object\": ";
    String suffix = " evaluating rule: " + rule;
    String m = errs.get(0);
    assertTrue(m.startsWith(prefix) && m.endsWith(suffix), m);
    return m.substring(prefix.length(), m.length() - suffix.length());
  }

  private static List<String> compileErrors(String rule) {
    return rules(rule).compileErrors(BASE).stream().map(FieldError::message).toList();
  }

  // ------------------------------------------------------------------ ip

  @Test
  void ipParsingAndPrinting() {
    holds("string(ip('192.168.0.1')) == '192.168.0.1'");
    holds("string(ip('2001:DB8:0:0:0:0:0:1')) == '2001:db8::1'");
    holds("string(ip('2001:db8:0:1:0:0:0:1')) == '2001:db8:0:1::1'");
    holds("string(ip('2001:0:0:1:0:0:0:1')) == '2001:0:0:1::1'");
    holds("string(ip('2001:0:0:1:0:0:1:1')) == '2001::1:0:0:1:1'");
    holds("string(ip('1:0:1:1:1:1:1:1')) == '1:0:1:1:1:1:1:1'");
    holds("string(ip('::')) == '::' && string(ip('::1')) == '::1' && string(ip('1::')) == '1::'");
    holds("string(ip('::1.2.3.4')) == '::102:304'");
    holds("isIP('1.2.3.4') && isIP('::1') && isIP('fe80::1:2:3:4')");
    holds("!isIP('1.2.3') && !isIP('1.2.3.04') && !isIP('256.0.0.1') && !isIP('')");
    holds("!isIP('fe80::1%eth0') && !isIP('::ffff:1.2.3.4') && !isIP('1:2:3:4:5:6:7:8:9')");
    holds("!isIP(' 1.2.3.4') && !isIP('1::2::3') && !isIP('1.2.3.4/32')");
  }

  @Test
  void ipErrorsAreUpstreams() {
    assertEquals(
        "IP Address \"1.2.3.04\" parse error during conversion from string: ParseAddr(\"1.2.3.04\"):"
            + " IPv4 field has octet with leading zero",
        error("ip('1.2.3.04').family() == 4"));
    assertEquals(
        "IP Address \"foo\" parse error during conversion from string: ParseAddr(\"foo\"): unable to"
            + " parse IP",
        error("ip('foo').family() == 4"));
    assertEquals(
        "IP Address \"1.2.3.4x\" parse error during conversion from string: ParseAddr(\"1.2.3.4x\"):"
            + " unexpected character (at \"x\")",
        error("ip('1.2.3.4x').family() == 4"));
    assertEquals(
        "IP Address \"1::2::3\" parse error during conversion from string: ParseAddr(\"1::2::3\"):"
            + " multiple :: in address (at \":3\")",
        error("ip('1::2::3').family() == 4"));
    assertEquals(
        "IP address \"fe80::1%eth0\" with zone value is not allowed",
        error("ip('fe80::1%eth0').family() == 6"));
    assertEquals(
        "IPv4-mapped IPv6 address \"::ffff:1.2.3.4\" is not allowed",
        error("ip('::ffff:1.2.3.4').family() == 6"));
  }

  @Test
  void ipPredicates() {
    holds("ip('1.2.3.4').family() == 4 && ip('::1').family() == 6");
    holds("ip('0.0.0.0').isUnspecified() && ip('::').isUnspecified()");
    holds("!ip('0.0.0.1').isUnspecified() && !ip('::1').isUnspecified()");
    holds("ip('127.0.0.1').isLoopback() && ip('127.9.9.9').isLoopback() && ip('::1').isLoopback()");
    holds("!ip('128.0.0.1').isLoopback() && !ip('::2').isLoopback()");
    holds("ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast()");
    holds("!ip('224.0.1.1').isLinkLocalMulticast() && !ip('ff05::1').isLinkLocalMulticast()");
    holds("ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast()");
    holds("!ip('169.253.1.1').isLinkLocalUnicast() && !ip('fec0::1').isLinkLocalUnicast()");
    holds("ip('10.0.0.1').isGlobalUnicast() && ip('2001:db8::1').isGlobalUnicast()");
    holds("!ip('255.255.255.255').isGlobalUnicast() && !ip('0.0.0.0').isGlobalUnicast()");
    holds("!ip('224.0.0.1').isGlobalUnicast() && !ip('ff00::1').isGlobalUnicast()");
    holds("!ip('fe80::1').isGlobalUnicast() && !ip('127.0.0.1').isGlobalUnicast()");
  }

  @Test
  void ipCanonicalAndEquality() {
    holds("ip.isCanonical('127.0.0.1') && ip.isCanonical('2001:db8::1')");
    holds("!ip.isCanonical('2001:DB8::1') && !ip.isCanonical('2001:db8:0:0:0:0:0:1')");
    holds("ip('2001:db8::1') == ip('2001:DB8:0::1') && ip('1.2.3.4') != ip('1.2.3.5')");
    holds("ip('::1.2.3.4') != ip('1.2.3.4')");
    holds("[ip('1.2.3.4'), ip('::1')].exists(i, i == ip('::1'))");
    assertEquals(
        "IP Address \"x\" parse error during conversion from string: ParseAddr(\"x\"): unable to"
            + " parse IP",
        error("ip.isCanonical('x')"));
  }

  @Test
  void ipFromData() {
    String rule = "isIP(self.s) && ip(self.s).family() == 6";
    assertEquals(List.of(), run(rule, "fd00::1"));
    assertEquals(List.of("<nil>: Invalid value: failed rule: " + rule), run(rule, "10.0.0.1"));
    assertEquals(List.of("<nil>: Invalid value: failed rule: " + rule), run(rule, "nope"));
  }

  // ------------------------------------------------------------------ cidr

  @Test
  void cidrParsingAndAccessors() {
    holds("string(cidr('192.168.0.0/24')) == '192.168.0.0/24'");
    holds("string(cidr('192.168.0.1/24')) == '192.168.0.1/24'");
    holds("string(cidr('192.168.0.1/24').masked()) == '192.168.0.0/24'");
    holds("string(cidr('2001:DB8::1/32').masked()) == '2001:db8::/32'");
    holds("cidr('10.1.2.3/8').ip() == ip('10.1.2.3') && cidr('10.0.0.0/8').prefixLength() == 8");
    holds("cidr('::/0').prefixLength() == 0 && cidr('::1/128').ip().family() == 6");
    holds("cidr('10.0.0.1/8').masked() == cidr('10.0.0.0/8')");
    holds("cidr('10.0.0.1/8') != cidr('10.0.0.0/8') && cidr('10.0.0.0/8') != cidr('10.0.0.0/9')");
    holds("isCIDR('10.0.0.0/8') && isCIDR('::/0') && isCIDR('1.2.3.4/32')");
    holds("!isCIDR('10.0.0.0') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0/08')");
    holds("!isCIDR('::/129') && !isCIDR('fe80::%eth0/64') && !isCIDR('::ffff:1.2.3.4/120')");
    holds("!isCIDR('10.0.0.0/+8') && !isCIDR('10.0.0.0/') && !isCIDR('010.0.0.0/8')");
  }

  @Test
  void cidrErrorsAreUpstreams() {
    assertEquals(
        "network address parse error during conversion from string: network address parse error"
            + " during conversion from string: netip.ParsePrefix(\"192.168.0.0/\"): bad bits after"
            + " slash: \"\"",
        error("cidr('192.168.0.0/').prefixLength() == 24"));
    assertEquals(
        "network address parse error during conversion from string: network address parse error"
            + " during conversion from string: netip.ParsePrefix(\"10.0.0.0\"): no '/'",
        error("cidr('10.0.0.0').prefixLength() == 24"));
    assertEquals(
        "network address parse error during conversion from string: network address parse error"
            + " during conversion from string: netip.ParsePrefix(\"10.0.0.0/33\"): prefix length"
            + " out of range",
        error("cidr('10.0.0.0/33').prefixLength() == 24"));
    assertEquals(
        "network address parse error during conversion from string: network address parse error"
            + " during conversion from string: netip.ParsePrefix(\"fe80::1%eth0/64\"): IPv6 zones"
            + " cannot be present in a prefix",
        error("cidr('fe80::1%eth0/64').prefixLength() == 64"));
    assertEquals(
        "network address parse error during conversion from string: network address parse error"
            + " during conversion from string: netip.ParsePrefix(\"1.2.3.256/8\"): ParseAddr("
            + "\"1.2.3.256\"): IPv4 field has value >255",
        error("cidr('1.2.3.256/8').prefixLength() == 8"));
    assertEquals(
        "network address parse error during conversion from string: IPv4-mapped IPv6 address"
            + " \"::ffff:1.2.3.4/120\" is not allowed",
        error("cidr('::ffff:1.2.3.4/120').prefixLength() == 120"));
  }

  @Test
  void cidrContainment() {
    holds("cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))");
    holds("cidr('192.168.0.0/24').containsIP('192.168.0.255')");
    holds("!cidr('192.168.0.0/24').containsIP('192.168.1.0')");
    holds(
        "!cidr('192.168.0.0/24').containsIP('2001:db8::1') && !cidr('::/0').containsIP('1.2.3.4')");
    holds(
        "cidr('0.0.0.0/0').containsIP('8.8.8.8') && cidr('2001:db8::/32').containsIP('2001:db8::1')");
    holds("cidr('10.1.2.3/8').containsIP('10.200.0.1')");
    holds("cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))");
    holds("cidr('192.168.0.0/16').containsCIDR('192.168.0.0/16')");
    holds("!cidr('192.168.0.0/24').containsCIDR('192.168.0.0/16')");
    holds(
        "!cidr('192.168.0.0/16').containsCIDR('10.0.0.0/24') && !cidr('::/0').containsCIDR('0.0.0.0/0')");
    holds("cidr('2001:db8::/32').containsCIDR('2001:db8:1::/48')");
    assertEquals(
        "'no such overload': call arguments did not match a supported operator, function or macro"
            + " signature for rule: cidr('10.0.0.0/8').containsIP('x')",
        run("cidr('10.0.0.0/8').containsIP('x')", "")
            .get(0)
            .substring("<nil>: Invalid value: \"object\": ".length()));
    assertEquals(
        "network address parse error during conversion from string: network address parse error"
            + " during conversion from string: netip.ParsePrefix(\"x\"): no '/'",
        error("cidr('10.0.0.0/8').containsCIDR('x')"));
  }

  // ------------------------------------------------------------------ semver

  @Test
  void semverParsingAndAccessors() {
    holds(
        "semver('1.2.3').major() == 1 && semver('1.2.3').minor() == 2 && semver('1.2.3').patch() == 3");
    holds("isSemver('1.2.3-beta.1+build.1') && isSemver('0.0.0') && isSemver('1.2.3-0a.x-y')");
    holds("!isSemver('') && !isSemver('v1.0.0') && !isSemver(' 1.0.0') && !isSemver('1.0.0 ')");
    holds("!isSemver('01.01.01') && !isSemver('1') && !isSemver('1.1') && !isSemver('1. 0.0')");
    holds(
        "!isSemver('1.2.3-01') && !isSemver('1.2.3-') && !isSemver('1.2.3+') && !isSemver('1.2.3+a_b')");
    holds("isSemver('v1.0.0', true) && isSemver('01.01.01', true) && isSemver('1', true)");
    holds("isSemver('1.1', true) && !isSemver('', true) && !isSemver(' 1.0.0', true)");
    holds(
        "!isSemver('1.0-beta', true) && !isSemver('1.0.0 ', true) && !isSemver('1.2.3', false) == false");
    holds("semver('v01.01', true) == semver('1.1.0') && semver('v1.2.03', true).patch() == 3");
  }

  @Test
  void semverComparison() {
    holds("semver('1.2.3') == semver('1.2.3') && semver('1.2.3') != semver('1.0.0')");
    holds("semver('1.2.3+a') == semver('1.2.3+b')");
    holds(
        "semver('1.0.0').isLessThan(semver('1.2.3')) && !semver('1.0.0').isLessThan(semver('1.0.0'))");
    holds(
        "semver('1.2.3').isGreaterThan(semver('1.0.0')) && !semver('1.0.0').isGreaterThan(semver('1.0.0'))");
    holds("semver('1.2.3').compareTo(semver('1.2.3')) == 0");
    holds("semver('1.0.0').compareTo(semver('1.2.3')) == -1");
    holds("semver('1.2.3').compareTo(semver('1.0.0')) == 1");
    holds("semver('1.0.0-alpha').isLessThan(semver('1.0.0'))");
    holds("semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1'))");
    holds("semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta'))");
    holds("semver('1.0.0-beta.2').isLessThan(semver('1.0.0-beta.11'))");
    holds(
        "semver('1.0.0-rc.1').isLessThan(semver('1.0.0')) && semver('10.0.0').isGreaterThan(semver('9.9.9'))");
  }

  @Test
  void semverErrorsAreBlangs() {
    assertEquals("No Major.Minor.Patch elements found", error("semver('v1.0').major() == 1"));
    assertEquals("Version string empty", error("semver('').major() == 1"));
    assertEquals(
        "Invalid character(s) found in major number \"v1\"",
        error("semver('v1.0.0').major() == 1"));
    assertEquals(
        "Minor number must not contain leading zeroes \"01\"",
        error("semver('1.01.0').major() == 1"));
    assertEquals(
        "Invalid character(s) found in patch number \"0 \"",
        error("semver('1.0.0 ').major() == 1"));
    assertEquals(
        "Numeric PreRelease version must not contain leading zeroes \"01\"",
        error("semver('1.0.0-01').major() == 1"));
    assertEquals("Build meta data is empty", error("semver('1.0.0+').major() == 1"));
    assertEquals(
        "short version cannot contain PreRelease/Build meta data",
        error("semver('1.0-rc', true).major() == 1"));
    assertEquals(
        "strconv.ParseUint: parsing \"99999999999999999999\": value out of range",
        error("semver('99999999999999999999.0.0').major() == 1"));
    assertTrue(
        compileErrors("isSemver([1])")
            .get(0)
            .contains(
                "compilation failed: ERROR: <input>:1:9: found no matching overload for 'isSemver'"
                    + " applied to '(list(int))'"));
  }

  // ------------------------------------------------------------------ format

  @Test
  void namedFormats() {
    holds("!format.dns1123Label().validate('my-name').hasValue()");
    holds("format.dns1123Label().validate('My_Name').hasValue()");
    holds("format.named('dns1123Label').hasValue() && !format.named('nope').hasValue()");
    holds("format.named('dns1123Label').value() == format.dns1123Label()");
    holds("format.named('uri').value() != format.dns1123Label()");
    holds("!format.dns1123Subdomain().validate('a.b.c').hasValue()");
    holds(
        "!format.dns1035Label().validate('abc-1').hasValue() && format.dns1035Label().validate('1abc').hasValue()");
    holds("!format.qualifiedName().validate('example.com/Name').hasValue()");
    holds(
        "!format.labelValue().validate('').hasValue() && format.labelValue().validate('-x').hasValue()");
    holds(
        "!format.dns1123LabelPrefix().validate('abc-').hasValue() && format.dns1123Label().validate('abc-').hasValue()");
    holds("!format.dns1123SubdomainPrefix().validate('a.b-').hasValue()");
    holds("!format.dns1035LabelPrefix().validate('a-').hasValue()");
    holds(
        "!format.uri().validate('https://example.com/x').hasValue() && !format.uri().validate('/x').hasValue()");
    holds("!format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()");
    holds(
        "!format.byte().validate('aGVsbG8=').hasValue() && !format.date().validate('2024-02-29').hasValue()");
    holds("!format.datetime().validate('2024-02-29T10:00:00Z').hasValue()");
    holds("format.named('labelValue').value().validate('a b').value().size() == 1");
  }

  @Test
  void namedFormatMessagesAreUpstreams() {
    holds("format.dns1123Label().validate('a.b').value() == ['must not contain dots']");
    holds(
        "format.dns1123Label().validate('A').value() == [\"a lowercase RFC 1123 label must consist"
            + " of lower case alphanumeric characters or '-', and must start and end with an"
            + " alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\"]");
    holds("format.uri().validate('x').value() == ['parse \"x\": invalid URI for request']");
    holds("format.uuid().validate('x').value() == ['does not match the UUID format']");
    holds("format.byte().validate('!').value() == ['invalid base64']");
    holds("format.date().validate('2023-02-29').value() == ['invalid date']");
    holds("format.datetime().validate('x').value() == ['invalid datetime']");
  }

  // ------------------------------------------------------------------ environment

  @Test
  void extensionsAsUpstreamEnablesThemAt133() {
    holds("strings.quote('a\"b') == '\"a\\\\\"b\"'");
    holds("'abc'.indexOf('c') == 2 && ['a', 'b'].join('-') == 'a-b'");
    holds("{'a': 1}.all(k, v, v == 1) && [5, 6].exists(i, v, i == 1 && v == 6)");
    holds("[1, 2].transformList(i, v, v * 2) == [2, 4]");
    holds("sets.contains([1, 2], [2]) && optional.of(1).orValue(2) == 1");
    holds("1 < 1.5 && 2u > 1");
    holds("[1, 2].first().value() == 1 && [1, 2].last().value() == 2");
    holds("[optional.of(1), optional.none(), optional.of(3)].unwrapOpt() == [1, 3]");
    holds("optional.unwrap([optional.none(), optional.of('a')]) == ['a']");
    assertTrue(
        compileErrors("'abc'.reverse() == 'cba'")
            .get(0)
            .matches("(?s).*compilation failed: .*'reverse'.*"));
    assertTrue(
        compileErrors("[[1]].flatten().size() == 1")
            .get(0)
            .matches("(?s).*compilation failed: .*'flatten'.*"));
    assertTrue(
        compileErrors("[2, 1].sort() == [1, 2]")
            .get(0)
            .matches("(?s).*compilation failed: .*'sort'.*"));
  }

  @Test
  void costsOfTheNewFunctions() {
    // parsing costs by the string's length, a named format check 32 times that
    assertEquals(2, Cost.estimate(parse("isIP('1.2.3.4')"), null));
    assertEquals(4, Cost.estimate(parse("isCIDR('" + "1".repeat(25) + "')"), null));
    assertEquals(65, Cost.estimate(parse("format.dns1123Label().validate('abcdefghij')"), null));
    assertEquals(4, Cost.estimate(parse("cidr('1.0.0.0/8').containsIP('1.2.3.4')"), null));
    CelRules r = rules("isIP(self.s) || !format.dns1123Label().validate(self.s).hasValue()");
    assertEquals(List.of(), r.compileErrors(BASE).stream().map(FieldError::message).toList());
    assertEquals(
        List.of(),
        run("isIP(self.s) || !format.dns1123Label().validate(self.s).hasValue()", "my-name"));
  }

  private static dev.cel.common.ast.CelExpr parse(String expr) {
    try {
      return dev.cel.bundle.CelFactory.standardCelBuilder()
          .addFunctionDeclarations(KubeLibrary.declarations())
          .addCompilerLibraries(dev.cel.extensions.CelExtensions.optional())
          .build()
          .compile(expr)
          .getAst()
          .getExpr();
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException(e);
    }
  }
}
