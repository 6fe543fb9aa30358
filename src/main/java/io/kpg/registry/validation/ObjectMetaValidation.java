package io.kpg.registry.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.GoStrings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validation of {@code metadata} as upstream kube-apiserver does it on create and update
 * (apimachinery {@code pkg/api/validation/objectmeta.go}, the core group's extra finalizer check,
 * and the path-segment name check of the generic registry's BeforeCreate / BeforeUpdate).
 *
 * <p>Field paths are rooted at {@code metadata}; as upstream, label, annotation, owner reference
 * and generic finalizer errors carry the collection's path without an index ({@code
 * metadata.labels}, {@code metadata.ownerReferences.uid}, {@code metadata.finalizers}), while the
 * built-in kinds' finalizer naming rule reports {@code metadata.finalizers[i]}.
 */
public final class ObjectMetaValidation {
  private ObjectMetaValidation() {}

  public static final String FIELD_IMMUTABLE = "field is immutable";
  public static final String IS_NEGATIVE = "must be greater than or equal to 0";
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);
  public static final int FIELD_MANAGER_MAX_LENGTH = 128;
  public static final int MAX_SUBRESOURCE_NAME_LENGTH = 256;

  public static final String FINALIZER_ORPHAN = "orphan";
  public static final String FINALIZER_FOREGROUND = "foregroundDeletion";
  public static final String FINALIZER_KUBERNETES = "kubernetes";
  private static final Set<String> STANDARD_FINALIZERS =
      Set.of(FINALIZER_KUBERNETES, FINALIZER_ORPHAN, FINALIZER_FOREGROUND);

  private static final String MD = "metadata";

  /**
   * Create-time validation of a built-in kind's metadata; see {@link #validate(ObjectNode, boolean,
   * Function, boolean)}.
   */
  public static List<FieldError> validate(
      ObjectNode obj, boolean namespaced, Function<String, List<String>> nameValidator) {
    return validate(obj, namespaced, nameValidator, true);
  }

  /**
   * Create-time validation of {@code obj.metadata}.
   *
   * <p>{@code nameValidator} is the kind's name rule (e.g. {@code
   * NameValidation::isDns1123Subdomain}); it is applied to {@code name} and, with a trailing dash
   * masked as upstream does, to {@code generateName}. An empty name is accepted when generateName
   * is set (the name is generated later); otherwise it is "name or generateName is required".
   *
   * <p>{@code builtIn}: true for built-in kinds (adds the core group's rule that an unqualified
   * finalizer must be a standard one), false for custom resources (that rule is only a warning
   * there: {@link #finalizerWarnings}).
   *
   * <p>When everything else is valid, the name is also checked to be a usable path segment (no
   * {@code /}, {@code %}, not {@code .} or {@code ..}), as upstream's BeforeCreate does after the
   * kind's own validation.
   */
  public static List<FieldError> validate(
      ObjectNode obj,
      boolean namespaced,
      Function<String, List<String>> nameValidator,
      boolean builtIn) {
    JsonNode meta = metadata(obj);
    List<FieldError> errs = new ArrayList<>();
    String generateName = text(meta, "generateName");
    String name = text(meta, "name");
    if (!generateName.isEmpty()) {
      for (String msg : nameValidator.apply(NameValidation.maskTrailingDash(generateName))) {
        errs.add(FieldError.invalid(MD + ".generateName", generateName, msg));
      }
    }
    if (name.isEmpty()) {
      if (generateName.isEmpty()) {
        errs.add(FieldError.required(MD + ".name", "name or generateName is required"));
      }
    } else {
      for (String msg : nameValidator.apply(name)) {
        errs.add(FieldError.invalid(MD + ".name", name, msg));
      }
    }
    errs.addAll(common(meta, namespaced));
    if (builtIn) {
      errs.addAll(kubeFinalizerErrors(meta));
    }
    if (errs.isEmpty()) {
      errs.addAll(pathSegmentErrors(name, generateName));
    }
    return errs;
  }

  /**
   * Update-time validation of a built-in kind's metadata; see {@link #validateUpdate(ObjectNode,
   * ObjectNode, boolean, Function, boolean)}.
   */
  public static List<FieldError> validateUpdate(
      ObjectNode obj,
      ObjectNode old,
      boolean namespaced,
      Function<String, List<String>> nameValidator) {
    return validateUpdate(obj, old, namespaced, nameValidator, true);
  }

  /**
   * Update-time validation: the create checks of {@link #validate} on the new object, then
   * upstream's update rules: no new finalizers once the old object is being deleted, a
   * resourceVersion must be present (callers doing unconditional updates set it first, as upstream
   * does), generation must not decrease, and name, namespace, uid, creationTimestamp,
   * deletionTimestamp and deletionGracePeriodSeconds are immutable. Each problem is reported once
   * (upstream lists some twice in {@code causes} and dedups them in the message).
   */
  public static List<FieldError> validateUpdate(
      ObjectNode obj,
      ObjectNode old,
      boolean namespaced,
      Function<String, List<String>> nameValidator,
      boolean builtIn) {
    JsonNode meta = metadata(obj);
    JsonNode oldMeta = metadata(old);
    List<FieldError> errs = new ArrayList<>(validate(obj, namespaced, nameValidator, builtIn));

    JsonNode oldDeletion = oldMeta.get("deletionTimestamp");
    if (oldDeletion != null && !oldDeletion.isNull()) {
      Set<String> extra = new TreeSet<>(strings(meta.get("finalizers")));
      extra.removeAll(strings(oldMeta.get("finalizers")));
      if (!extra.isEmpty()) {
        errs.add(
            FieldError.forbidden(
                MD + ".finalizers",
                "no new finalizers can be added if the object is being deleted, found new"
                    + " finalizers []string{"
                    + extra.stream().map(GoStrings::quote).collect(Collectors.joining(", "))
                    + "}"));
      }
    }
    if (text(meta, "resourceVersion").isEmpty()) {
      errs.add(FieldError.invalid(MD + ".resourceVersion", "", "must be specified for an update"));
    }
    long gen = number(meta, "generation");
    if (gen < number(oldMeta, "generation")) {
      errs.add(FieldError.invalid(MD + ".generation", gen, "must not be decremented"));
    }
    for (String f :
        List.of(
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds")) {
      JsonNode now = scalar(meta.get(f));
      JsonNode was = scalar(oldMeta.get(f));
      if (!sameValue(now, was)) {
        errs.add(FieldError.invalid(MD + "." + f, now, FIELD_IMMUTABLE));
      }
    }
    return errs;
  }

  /**
   * Custom resources: upstream warns (does not reject) about finalizer names that are not qualified
   * names or that are unqualified and not standard. Only finalizers new to this write are checked
   * ({@code old} is null on create), in sorted order, under the path {@code metadata.finalizers}.
   */
  public static List<String> finalizerWarnings(ObjectNode obj, ObjectNode old) {
    Set<String> added = new TreeSet<>(strings(metadata(obj).get("finalizers")));
    if (old != null) {
      added.removeAll(strings(metadata(old).get("finalizers")));
    }
    String path = MD + ".finalizers";
    List<String> warnings = new ArrayList<>();
    for (String f : added) {
      for (String msg : NameValidation.isQualifiedName(f)) {
        warnings.add(path + ": " + GoStrings.quote(f) + ": " + msg);
      }
      if (f.split("/", -1).length == 1 && !STANDARD_FINALIZERS.contains(f)) {
        warnings.add(
            path
                + ": "
                + GoStrings.quote(f)
                + (f.contains(".")
                    ? ": prefer a domain-qualified finalizer name including a path (/) to avoid"
                        + " accidental conflicts with other finalizer writers"
                    : ": prefer a domain-qualified finalizer name to avoid accidental conflicts"
                        + " with other finalizer writers"));
      }
    }
    return warnings;
  }

  // ------------------------------------------------------------------ pieces

  /** Checks shared by create and update: namespace, generation, labels, annotations, ... */
  private static List<FieldError> common(JsonNode meta, boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    String ns = text(meta, "namespace");
    if (namespaced) {
      if (ns.isEmpty()) {
        errs.add(FieldError.required(MD + ".namespace", ""));
      } else {
        for (String msg : NameValidation.nameIsDnsLabel(ns, false)) {
          errs.add(FieldError.invalid(MD + ".namespace", ns, msg));
        }
      }
    } else if (!ns.isEmpty()) {
      errs.add(FieldError.forbidden(MD + ".namespace", "not allowed on this type"));
    }
    long gen = number(meta, "generation");
    if (gen < 0) {
      errs.add(FieldError.invalid(MD + ".generation", gen, IS_NEGATIVE));
    }
    errs.addAll(validateLabels(meta.get("labels"), MD + ".labels"));
    errs.addAll(validateAnnotations(meta.get("annotations"), MD + ".annotations"));
    errs.addAll(validateOwnerReferences(meta.get("ownerReferences"), MD + ".ownerReferences"));
    errs.addAll(validateFinalizers(meta.get("finalizers"), MD + ".finalizers"));
    errs.addAll(validateManagedFields(meta.get("managedFields"), MD + ".managedFields"));
    return errs;
  }

  /** Label keys must be qualified names and values label values; errors at {@code path}. */
  public static List<FieldError> validateLabels(JsonNode labels, String path) {
    List<FieldError> errs = new ArrayList<>();
    for (Map.Entry<String, String> e : entries(labels)) {
      for (String msg : NameValidation.isQualifiedName(e.getKey())) {
        errs.add(FieldError.invalid(path, e.getKey(), msg));
      }
      for (String msg : NameValidation.isValidLabelValue(e.getValue())) {
        errs.add(FieldError.invalid(path, e.getValue(), msg));
      }
    }
    return errs;
  }

  /** Annotation keys are qualified names ignoring case; keys plus values at most 256 KiB. */
  public static List<FieldError> validateAnnotations(JsonNode annotations, String path) {
    List<FieldError> errs = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, String> e : entries(annotations)) {
      for (String msg :
          NameValidation.isQualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
        errs.add(FieldError.invalid(path, e.getKey(), msg));
      }
      total += NameValidation.byteLength(e.getKey()) + NameValidation.byteLength(e.getValue());
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
      errs.add(FieldError.tooLong(path, null, TOTAL_ANNOTATION_SIZE_LIMIT_B));
    }
    return errs;
  }

  /** apiVersion (with a version), kind, name and uid required; at most one controller. */
  public static List<FieldError> validateOwnerReferences(JsonNode refs, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (refs == null || !refs.isArray()) {
      return errs;
    }
    String firstController = "";
    for (JsonNode ref : refs) {
      String apiVersion = text(ref, "apiVersion");
      String kind = text(ref, "kind");
      String name = text(ref, "name");
      String[] gv = parseGroupVersion(apiVersion);
      if (gv[1].isEmpty()) {
        errs.add(FieldError.invalid(path + ".apiVersion", apiVersion, "version must not be empty"));
      }
      if (kind.isEmpty()) {
        errs.add(FieldError.invalid(path + ".kind", kind, "must not be empty"));
      }
      if (name.isEmpty()) {
        errs.add(FieldError.invalid(path + ".name", name, "must not be empty"));
      }
      String uid = text(ref, "uid");
      if (uid.isEmpty()) {
        errs.add(FieldError.invalid(path + ".uid", uid, "must not be empty"));
      }
      if (gv[0].isEmpty() && gv[1].equals("v1") && kind.equals("Event")) {
        errs.add(
            FieldError.invalid(
                path,
                ref,
                gv[0] + "/" + gv[1] + ", Kind=" + kind + " is disallowed from being an owner"));
      }
      JsonNode controller = ref.get("controller");
      if (controller != null && controller.isBoolean() && controller.booleanValue()) {
        String cur = kind + "/" + name;
        if (!firstController.isEmpty()) {
          errs.add(
              FieldError.invalid(
                  path,
                  refs,
                  "Only one reference can have Controller set to true. Found \"true\" in"
                      + " references for "
                      + firstController
                      + " and "
                      + cur));
        } else {
          firstController = cur;
        }
      }
    }
    return errs;
  }

  /** {group, version} as upstream's ParseGroupVersion; a malformed value has no version. */
  private static String[] parseGroupVersion(String gv) {
    if (gv.isEmpty() || gv.equals("/")) {
      return new String[] {"", ""};
    }
    int slashes = (int) gv.chars().filter(c -> c == '/').count();
    if (slashes == 0) {
      return new String[] {"", gv};
    }
    if (slashes == 1) {
      int i = gv.indexOf('/');
      return new String[] {gv.substring(0, i), gv.substring(i + 1)};
    }
    return new String[] {"", ""};
  }

  /** Each finalizer a qualified name; orphan and foregroundDeletion not both. */
  public static List<FieldError> validateFinalizers(JsonNode finalizers, String path) {
    List<FieldError> errs = new ArrayList<>();
    List<String> fins = strings(finalizers);
    for (String f : fins) {
      for (String msg : NameValidation.isQualifiedName(f)) {
        errs.add(FieldError.invalid(path, f, msg));
      }
    }
    if (fins.contains(FINALIZER_ORPHAN) && fins.contains(FINALIZER_FOREGROUND)) {
      errs.add(
          FieldError.invalid(
              path,
              finalizers,
              "finalizer "
                  + FINALIZER_ORPHAN
                  + " and "
                  + FINALIZER_FOREGROUND
                  + " cannot be both set"));
    }
    return errs;
  }

  /** Core group rule: a finalizer without a '/' must be one of the standard ones. */
  private static List<FieldError> kubeFinalizerErrors(JsonNode meta) {
    List<FieldError> errs = new ArrayList<>();
    List<String> fins = strings(meta.get("finalizers"));
    for (int i = 0; i < fins.size(); i++) {
      String f = fins.get(i);
      if (f.split("/", -1).length == 1 && !STANDARD_FINALIZERS.contains(f)) {
        errs.add(
            FieldError.invalid(
                MD + ".finalizers[" + i + "]",
                f,
                "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errs;
  }

  /** managedFields entries: operation Apply/Update, fieldsType FieldsV1, manager, subresource. */
  public static List<FieldError> validateManagedFields(JsonNode entries, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (entries == null || !entries.isArray()) {
      return errs;
    }
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String p = path + "[" + i + "]";
      String op = text(e, "operation");
      if (!op.equals("Apply") && !op.equals("Update")) {
        errs.add(FieldError.invalid(p + ".operation", op, "must be `Apply` or `Update`"));
      }
      String ft = text(e, "fieldsType");
      if (!ft.isEmpty() && !ft.equals("FieldsV1")) {
        errs.add(FieldError.invalid(p + ".fieldsType", ft, "must be `FieldsV1`"));
      }
      String manager = text(e, "manager");
      if (NameValidation.byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) {
        errs.add(FieldError.tooLong(p + ".manager", null, FIELD_MANAGER_MAX_LENGTH));
      }
      int bytePos = 0;
      for (int j = 0; j < manager.length(); ) {
        int cp = manager.codePointAt(j);
        if (!isPrint(cp)) {
          errs.add(
              FieldError.invalid(
                  p + ".manager",
                  manager,
                  String.format("invalid character U+%04X (at position %d)", cp, bytePos)));
        }
        bytePos +=
            new String(Character.toChars(cp))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length;
        j += Character.charCount(cp);
      }
      if (NameValidation.byteLength(text(e, "subresource")) > MAX_SUBRESOURCE_NAME_LENGTH) {
        errs.add(FieldError.tooLong(p + ".subresource", null, MAX_SUBRESOURCE_NAME_LENGTH));
      }
    }
    return errs;
  }

  /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }

  /** Path-segment rule of BeforeCreate, applied once the kind's own checks passed. */
  private static List<FieldError> pathSegmentErrors(String name, String generateName) {
    List<FieldError> errs = new ArrayList<>();
    if (!generateName.isEmpty()) {
      for (String msg : NameValidation.isValidPathSegmentPrefix(generateName)) {
        errs.add(FieldError.invalid(MD + ".generateName", generateName, msg));
      }
    }
    if (!name.isEmpty()) {
      for (String msg : NameValidation.isValidPathSegmentName(name)) {
        errs.add(FieldError.invalid(MD + ".name", name, msg));
      }
    }
    return errs;
  }

  // ------------------------------------------------------------------ JSON helpers

  private static JsonNode metadata(ObjectNode obj) {
    JsonNode m = obj == null ? null : obj.get("metadata");
    return m != null && m.isObject() ? m : NullNode.getInstance();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
  }

  private static long number(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || !v.isNumber() ? 0 : v.asLong();
  }

  /** A scalar's node, with missing, null and "" all meaning unset. */
  private static JsonNode scalar(JsonNode v) {
    if (v == null || v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
      return NullNode.getInstance();
    }
    return v;
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.asLong() == b.asLong();
    }
    return Objects.equals(a, b);
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    if (arr != null && arr.isArray()) {
      for (JsonNode n : arr) {
        out.add(n == null || n.isNull() ? "" : n.asText());
      }
    }
    return out;
  }

  private static Set<Map.Entry<String, String>> entries(JsonNode obj) {
    Set<Map.Entry<String, String>> out = new LinkedHashSet<>();
    if (obj != null && obj.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        out.add(Map.entry(e.getKey(), v == null || v.isNull() ? "" : v.asText()));
      }
    }
    return out;
  }
}
