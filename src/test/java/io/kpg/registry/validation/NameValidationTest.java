package io.kpg.registry.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameValidationTest {

  static final String SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  static final String LABEL_MSG =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  static final String KEY_NAME_MSG =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
          + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
          + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  static final String VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  @Test
  void subdomainAcceptsValidNames() {
    for (String s : List.of("a", "ab", "a-b", "0", "a.b", "example.com", "1.2.3", "a--b.c0")) {
      assertEquals(List.of(), NameValidation.isDns1123Subdomain(s), s);
    }
    assertEquals(List.of(), NameValidation.isDns1123Subdomain("a".repeat(253)));
  }

  @Test
  void subdomainRejectsWithUpstreamWording() {
    for (String s :
        List.of("", "Foo", "-a", "a-", "a..b", ".a", "a.", "a_b", "a b", "a/b", "ä", "a\n")) {
      assertEquals(List.of(SUBDOMAIN_MSG), NameValidation.isDns1123Subdomain(s), s);
    }
    assertEquals(
        List.of("must be no more than 253 characters"),
        NameValidation.isDns1123Subdomain("a".repeat(254)));
    assertEquals(
        List.of("must be no more than 253 characters", SUBDOMAIN_MSG),
        NameValidation.isDns1123Subdomain("A".repeat(254)));
  }

  @Test
  void dnsLabel() {
    assertEquals(List.of(), NameValidation.isDns1123Label("my-name"));
    assertEquals(List.of(), NameValidation.isDns1123Label("123-abc"));
    assertEquals(List.of(), NameValidation.isDns1123Label("a".repeat(63)));
    assertEquals(List.of("must not contain dots"), NameValidation.isDns1123Label("a.b"));
    assertEquals(List.of(LABEL_MSG), NameValidation.isDns1123Label("Foo"));
    assertEquals(List.of(LABEL_MSG), NameValidation.isDns1123Label(""));
    assertEquals(
        List.of("must be no more than 63 characters"),
        NameValidation.isDns1123Label("a".repeat(64)));
  }

  @Test
  void dns1035Label() {
    assertEquals(List.of(), NameValidation.isDns1035Label("abc-123"));
    assertEquals(
        List.of(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                + " with an alphabetic character, and end with an alphanumeric character (e.g."
                + " 'my-name',  or 'abc-123', regex used for validation is"
                + " '[a-z]([-a-z0-9]*[a-z0-9])?')"),
        NameValidation.isDns1035Label("1abc"));
  }

  @Test
  void qualifiedNames() {
    for (String s :
        List.of(
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "1-num.2-num/3-num",
            "UpperCase123",
            "a_b.c-d",
            "example.com/MyName",
            "a".repeat(63),
            "a".repeat(253) + "/" + "b".repeat(63))) {
      assertEquals(List.of(), NameValidation.isQualifiedName(s), s);
    }
  }

  @Test
  void qualifiedNameErrors() {
    assertEquals(
        List.of("name part must be non-empty", KEY_NAME_MSG), NameValidation.isQualifiedName(""));
    assertEquals(List.of(KEY_NAME_MSG), NameValidation.isQualifiedName("-a"));
    assertEquals(List.of(KEY_NAME_MSG), NameValidation.isQualifiedName("a b"));
    assertEquals(
        List.of("name part must be no more than 63 bytes"),
        NameValidation.isQualifiedName("a".repeat(64)));
    assertEquals(List.of("prefix part must be non-empty"), NameValidation.isQualifiedName("/a"));
    assertEquals(
        List.of("prefix part " + SUBDOMAIN_MSG), NameValidation.isQualifiedName("Example.com/a"));
    assertEquals(
        List.of("prefix part must be no more than 253 bytes"),
        NameValidation.isQualifiedName("a".repeat(254) + "/a"));
    assertEquals(
        List.of("name part must be non-empty", KEY_NAME_MSG),
        NameValidation.isQualifiedName("example.com/"));
    assertEquals(
        List.of(
            "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must"
                + " start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name', "
                + " or '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain"
                + " prefix and '/' (e.g. 'example.com/MyName')"),
        NameValidation.isQualifiedName("a/b/c"));
  }

  @Test
  void labelValues() {
    for (String s : List.of("", "simple", "now-with-dashes", "1234", "a_b.c", "A".repeat(63))) {
      assertEquals(List.of(), NameValidation.isValidLabelValue(s), s);
    }
    assertEquals(List.of(VALUE_MSG), NameValidation.isValidLabelValue("-a"));
    assertEquals(List.of(VALUE_MSG), NameValidation.isValidLabelValue("a/b"));
    assertEquals(List.of(VALUE_MSG), NameValidation.isValidLabelValue("a\n"));
    assertEquals(
        List.of("must be no more than 63 bytes"), NameValidation.isValidLabelValue("a".repeat(64)));
    // multi-byte characters count as bytes, as Go's len does
    assertEquals(
        List.of("must be no more than 63 bytes", VALUE_MSG),
        NameValidation.isValidLabelValue("é".repeat(32)));
  }

  @Test
  void pathSegmentNames() {
    assertEquals(List.of(), NameValidation.isValidPathSegmentName("a.b"));
    assertEquals(List.of(), NameValidation.isValidPathSegmentName("..."));
    assertEquals(List.of(), NameValidation.isValidPathSegmentName("Any Thing!"));
    assertEquals(List.of("may not be '.'"), NameValidation.isValidPathSegmentName("."));
    assertEquals(List.of("may not be '..'"), NameValidation.isValidPathSegmentName(".."));
    assertEquals(List.of("may not contain '/'"), NameValidation.isValidPathSegmentName("a/b"));
    assertEquals(List.of("may not contain '%'"), NameValidation.isValidPathSegmentName("a%b"));
    assertEquals(
        List.of("may not contain '/'", "may not contain '%'"),
        NameValidation.isValidPathSegmentName("%/"));
    assertEquals(List.of(), NameValidation.isValidPathSegmentPrefix(".."));
  }

  @Test
  void generateNamePrefixMasking() {
    assertEquals("foa", NameValidation.maskTrailingDash("foo-"));
    assertEquals("-", NameValidation.maskTrailingDash("-"));
    assertTrue(NameValidation.nameIsDnsSubdomain("foo-", true).isEmpty());
    assertEquals(List.of(SUBDOMAIN_MSG), NameValidation.nameIsDnsSubdomain("foo-", false));
    assertTrue(NameValidation.nameIsDnsLabel("web-", true).isEmpty());
    assertEquals(List.of(LABEL_MSG), NameValidation.nameIsDnsLabel("Web-", true));
  }
}
