package io.kpg.crd.cel;

import io.kpg.crd.schema.Formats;
import io.kpg.json.GoStrings;
import io.kpg.registry.validation.NameValidation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of the named string formats of the Kubernetes CEL format library ({@code format.named(name)},
 * {@code format.dns1123Label()}, ...). {@code validate} answers the problems with a string, in
 * upstream's words, or nothing when it is fine. Two formats are equal when their names are.
 */
record NamedFormat(String name, Function<String, List<String>> check) {

  /** The formats by the name CEL uses for them. */
  static final Map<String, NamedFormat> BY_NAME =
      Map.ofEntries(
          entry("dns1123Label", "DNS1123Label", s -> NameValidation.nameIsDnsLabel(s, false)),
          entry(
              "dns1123Subdomain",
              "DNS1123Subdomain",
              s -> NameValidation.nameIsDnsSubdomain(s, false)),
          entry("dns1035Label", "DNS1035Label", s -> NameValidation.nameIsDns1035Label(s, false)),
          entry("qualifiedName", "QualifiedName", NameValidation::isQualifiedName),
          entry(
              "dns1123LabelPrefix",
              "DNS1123LabelPrefix",
              s -> NameValidation.nameIsDnsLabel(s, true)),
          entry(
              "dns1123SubdomainPrefix",
              "DNS1123SubdomainPrefix",
              s -> NameValidation.nameIsDnsSubdomain(s, true)),
          entry(
              "dns1035LabelPrefix",
              "DNS1035LabelPrefix",
              s -> NameValidation.nameIsDns1035Label(s, true)),
          entry("labelValue", "LabelValue", NameValidation::isValidLabelValue),
          entry("uri", "URI", NamedFormat::uriProblems),
          entry("uuid", "uuid", s -> strfmt("uuid", s, "does not match the UUID format")),
          entry("byte", "byte", s -> strfmt("byte", s, "invalid base64")),
          entry("date", "date", s -> strfmt("date", s, "invalid date")),
          entry("datetime", "datetime", s -> strfmt("datetime", s, "invalid datetime")));

  private static Map.Entry<String, NamedFormat> entry(
      String celName, String name, Function<String, List<String>> check) {
    return Map.entry(celName, new NamedFormat(name, check));
  }

  /** The problems with {@code s}, or empty when it has this format. */
  Optional<List<String>> validate(String s) {
    List<String> problems = check.apply(s);
    return problems.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(problems));
  }

  private static List<String> strfmt(String format, String s, String problem) {
    return Formats.valid(format, s) ? List.of() : List.of(problem);
  }

  /** Go's url.ParseRequestURI: an absolute URI or an absolute path. */
  private static List<String> uriProblems(String s) {
    if (s.isEmpty()) {
      return List.of("parse \"\": empty url");
    }
    return Formats.valid("uri", s)
        ? List.of()
        : List.of("parse " + GoStrings.quote(s) + ": invalid URI for request");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedFormat f && f.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
