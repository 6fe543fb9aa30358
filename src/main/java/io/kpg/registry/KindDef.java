package io.kpg.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import io.kpg.errors.FieldError;
import io.kpg.registry.validation.NameValidation;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything specific to one kind, in one place: identity (group, version, kind, resource names),
 * schema, defaults, validation, Table columns, field selectors and subresources. The generic
 * machinery (handlers, store, discovery, OpenAPI, watch) reads these and never names a kind.
 *
 * <p>A kind is added by writing one subclass annotated {@code @jakarta.inject.Singleton}; the
 * {@link KindCatalog} picks it up. Hooks follow upstream's strategy contract: {@link
 * #prepareForCreate} and {@link #prepareForUpdate} may change the object, {@link #applyDefaults}
 * fills defaults, {@link #validate}/{@link #validateUpdate} only report.
 */
public abstract class KindDef {

  /** A Table column, as in {@code meta.k8s.io/v1 TableColumnDefinition}. */
  public record Column(String name, String type, String format, String description, int priority) {
    public static Column of(String name, String type, String description) {
      return new Column(name, type, "", description, 0);
    }

    public static Column wide(String name, String type, String description) {
      return new Column(name, type, "", description, 1);
    }
  }

  /** Where the scale subresource finds replicas and the selector. */
  public record ScaleSpec(
      String specReplicasPath, String statusReplicasPath, Function<ObjectNode, String> selector) {}

  public static final Set<String> ALL_VERBS =
      Set.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final boolean namespaced;
  private List<String> shortNames = List.of();
  private List<String> categories = List.of();
  private Set<String> verbs = ALL_VERBS;
  private final Map<String, Function<ObjectNode, String>> fieldSelectors = new LinkedHashMap<>();
  private volatile Schema schema;

  protected KindDef(String group, String version, String kind, String plural, boolean namespaced) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
    this.namespaced = namespaced;
  }

  protected final void shortNames(String... names) {
    this.shortNames = List.of(names);
  }

  protected final void categories(String... names) {
    this.categories = List.of(names);
  }

  protected final void verbs(String... names) {
    this.verbs = Set.of(names);
  }

  /** Declares a field selector beyond {@code metadata.name}/{@code metadata.namespace}. */
  protected final void fieldSelector(String field, Function<ObjectNode, String> value) {
    fieldSelectors.put(field, value);
  }

  public final String group() {
    return group;
  }

  public final String version() {
    return version;
  }

  public final String kind() {
    return kind;
  }

  /** the resource name: {@code deployments} */
  public final String plural() {
    return plural;
  }

  public String singular() {
    return kind.toLowerCase();
  }

  public final boolean namespaced() {
    return namespaced;
  }

  public final List<String> shortNames() {
    return shortNames;
  }

  public final List<String> categories() {
    return categories;
  }

  public final Set<String> verbs() {
    return verbs;
  }

  /** {@code apps/v1} or {@code v1} */
  public final String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Field selectors beyond metadata.name and metadata.namespace, with how to read each. */
  public final Map<String, Function<ObjectNode, String>> fieldSelectors() {
    return fieldSelectors;
  }

  /** The protobuf message of this kind (schema source and protobuf request bodies). */
  public Descriptor proto() {
    return Objects.requireNonNull(
        SchemaRegistry.messageFor(group, version, kind), "no proto message for " + kind);
  }

  public Schema schema() {
    Schema s = schema;
    if (s == null) {
      s = SchemaRegistry.builtin().forMessage(proto());
      schema = s;
    }
    return s;
  }

  /**
   * Whether this definition is the storage version of its resource (a resource served in several
   * versions stores one of them; built-in kinds are served in one version here).
   */
  public boolean storageVersion() {
    return true;
  }

  /**
   * Sort key of the version, most preferred first, as upstream orders versions: GA before beta
   * before alpha, higher numbers first, other names last in alphabetical order.
   */
  public final String versionPriority() {
    return versionPriority(version);
  }

  public static String versionPriority(String v) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("v([1-9][0-9]{0,8})(?:(alpha|beta)([1-9][0-9]{0,8}))?")
            .matcher(v);
    if (!m.matches()) {
      return "3" + v;
    }
    int category = m.group(2) == null ? 0 : m.group(2).equals("beta") ? 1 : 2;
    long major = Long.parseLong(m.group(1));
    long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    return category + String.format("%09d%09d", 999_999_999 - major, 999_999_999 - minor);
  }

  /**
   * Whether objects read from storage need {@link #fromStorage} before they are served (another
   * stored version, defaults applied on read); false lets the stored bytes be served as they are.
   */
  public boolean convertsOnRead() {
    return false;
  }

  /**
   * Whether {@link #fromStorage} may block (a conversion webhook call), so that watches convert off
   * the event loop.
   */
  public boolean readMayBlock() {
    return false;
  }

  /** The stored form of an object turned into this definition's served form. */
  public ObjectNode fromStorage(ObjectNode stored) {
    return stored;
  }

  /** An object of this definition's served form turned into the stored form. */
  public ObjectNode toStorage(ObjectNode obj) {
    return obj;
  }

  /** Whether request bodies may be protobuf (upstream: built-in kinds only). */
  public boolean acceptsProtobuf() {
    return true;
  }

  /** Whether strategic merge patches are accepted (upstream: built-in kinds only). */
  public boolean strategicMergePatch() {
    return true;
  }

  /**
   * Normalizes a decoded request body in place against the schema: fields the schema does not know
   * are removed and returned (paths like {@code spec.foo}) for fieldValidation Strict/Warn.
   * Built-in kinds also reject values of the wrong JSON type here, as their decoding does.
   *
   * @param what the start of upstream's decoding error message
   */
  public List<String> normalize(ObjectNode obj, String what) {
    return io.kpg.schema.SchemaCheck.check(obj, schema(), what);
  }

  /** The object with its fields in the order upstream serializes them. */
  public ObjectNode order(ObjectNode obj) {
    return io.kpg.schema.SchemaOrder.apply(obj, schema());
  }

  /**
   * The published OpenAPI v3 schema of a kind not described by a protobuf message (custom
   * resources), or null to derive it from {@link #schema()}.
   */
  public ObjectNode openApiSchema() {
    return null;
  }

  /** A warning sent with every request to this version (deprecated versions), or null. */
  public String deprecationWarning() {
    return null;
  }

  /** Whether the kind has a {@code /status} subresource (status written only through it). */
  public boolean hasStatus() {
    return false;
  }

  /** The {@code /scale} subresource, or null. */
  public ScaleSpec scale() {
    return null;
  }

  /** Subresources beyond status and scale that the kind serves (e.g. pods/binding). */
  public List<String> extraSubresources() {
    return List.of();
  }

  /** The verbs discovery lists for the resource, in its order: sorted, as upstream's built-ins. */
  public List<String> discoveryVerbs() {
    return verbs.stream().sorted().toList();
  }

  /**
   * The subresources discovery lists after the resource, in its order: sorted by name, as the paths
   * upstream's installer registers for built-in kinds.
   */
  public List<String> discoverySubresources() {
    List<String> subs = new ArrayList<>(extraSubresources());
    if (scale() != null) {
      subs.add("scale");
    }
    if (hasStatus()) {
      subs.add("status");
    }
    subs.sort(null);
    return subs;
  }

  /**
   * Discovery's {@code storageVersionHash}: the first 8 bytes of the SHA-256 of {@code
   * group/version/kind} of the stored form, in base64. Kinds stored in another version override.
   */
  public String storageVersionHash() {
    return storageVersionHash(group, version, kind);
  }

  public static String storageVersionHash(String group, String version, String kind) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  (group + "/" + version + "/" + kind)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(d, 8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a PUT to a missing object creates it. */
  public boolean allowCreateOnUpdate() {
    return false;
  }

  /**
   * Whether the kind's {@code generation} follows changes to everything outside metadata and status
   * ("spec"); kinds without spec keep generation at 1... or not set at all.
   */
  public boolean tracksGeneration() {
    return hasStatus();
  }

  /**
   * Whether an update changes what {@code metadata.generation} counts: by default everything
   * outside metadata and status.
   */
  public boolean generationChanged(ObjectNode next, ObjectNode old) {
    return changedOutside(next, old, Set.of("metadata", "status", "apiVersion", "kind"));
  }

  /** Whether two objects differ in a top-level field other than the {@code ignored} ones. */
  protected static boolean changedOutside(ObjectNode a, ObjectNode b, Set<String> ignored) {
    java.util.Set<String> names = new java.util.HashSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String n : names) {
      if (!ignored.contains(n) && !java.util.Objects.equals(a.get(n), b.get(n))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Validates a name of this kind (upstream's per-kind name validation; default: DNS subdomain).
   */
  public List<String> validateName(String name) {
    return NameValidation.isDns1123Subdomain(name);
  }

  /**
   * Whether the kind is virtual: a create is answered (see {@link #review}) and nothing is stored,
   * like upstream's access reviews. Virtual kinds have no Table form.
   */
  public boolean virtual() {
    return false;
  }

  /** Answers a create of a virtual kind: the object with its status filled in. */
  public ObjectNode review(RequestContext ctx, ObjectNode obj) {
    throw new UnsupportedOperationException(kind + " is not virtual");
  }

  /** Whether DELETE answers with the deleted object (as upstream does for pods) or a Status. */
  public boolean returnDeletedObject() {
    return false;
  }

  /**
   * Called when a delete is requested. Returning true keeps the object, marked with a
   * deletionTimestamp (the kind may change it, e.g. a namespace turns Terminating, a
   * CustomResourceDefinition gets its cleanup finalizer), until {@link #readyToRemove} holds and no
   * finalizers are left.
   */
  public boolean markForDeletion(ObjectNode obj) {
    return false;
  }

  /** Whether an object marked for deletion, without finalizers left, may now be removed. */
  public boolean readyToRemove(ObjectNode obj) {
    return true;
  }

  /**
   * Applies a write to a kind-specific subresource (other than status and scale), e.g.
   * namespaces/finalize: returns the new object built from {@code old} and the request body.
   */
  public ObjectNode updateSubresource(String subresource, ObjectNode body, ObjectNode old) {
    throw new UnsupportedOperationException(subresource);
  }

  /** Clears what users may not set on create (for kinds with status: the status). */
  public void prepareForCreate(ObjectNode obj) {
    if (hasStatus()) {
      obj.remove("status");
    }
  }

  /** Keeps what a main-resource update may not change (for kinds with status: the status). */
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    if (hasStatus()) {
      JsonNode st = old.get("status");
      if (st == null) {
        obj.remove("status");
      } else {
        obj.set("status", st.deepCopy());
      }
    }
  }

  /** Fills server-side defaults, as upstream's defaulting functions do. */
  public void applyDefaults(ObjectNode obj) {}

  /** Kind-specific validation on create (object meta is validated by the generic store). */
  public List<FieldError> validate(ObjectNode obj) {
    return new ArrayList<>();
  }

  /** Kind-specific validation on update, including immutable fields. */
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return validate(obj);
  }

  /** Validation of a status update. */
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return new ArrayList<>();
  }

  /**
   * True for kinds served from a CustomResourceDefinition: an unqualified finalizer name is only a
   * warning there, as in upstream's custom resource strategy.
   */
  public boolean customResource() {
    return false;
  }

  /** Warnings returned in {@code Warning} headers on create and update. */
  public List<String> warnings(ObjectNode obj) {
    return List.of();
  }

  /** Table columns; the default is upstream's for types without a printer: Name and Created At. */
  public List<Column> columns() {
    return List.of(
        new Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
        new Column("Created At", "date", "", "CreationTimestamp is a timestamp.", 0));
  }

  /** Cells of one Table row, in {@link #columns()} order. */
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode md = obj.path("metadata");
    return List.of(md.path("name").asText(), md.path("creationTimestamp").asText());
  }

  @Override
  public String toString() {
    return plural + (group.isEmpty() ? "" : "." + group);
  }
}
