package io.kpg.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.schema.Schema;
import io.kpg.schema.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OpenAPI documents of a set of kinds, generated from their {@link KindDef}s and schemas: the
 * v3 index ({@code /openapi/v3}), one v3 document per group-version ({@code
 * /openapi/v3/apis/apps/v1}) and the Swagger 2.0 document ({@code /openapi/v2}) as JSON and as
 * gnostic protobuf.
 *
 * <p>An instance is an immutable snapshot of the kinds it was built from; documents are generated
 * on first use and then kept. When the set of kinds changes (CRDs), build a new instance: hashes
 * follow the content, so clients that cache {@code ?hash=} URLs see the change.
 */
public final class OpenApiDocuments {

  /** A generated document and the hash of its bytes (upper-case hex SHA-512, as kube-openapi). */
  public record Document(byte[] bytes, String hash) {
    /** A copy of the document's bytes. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The document's size in bytes. */
    public int length() {
      return bytes.length;
    }

    /** Writes the document without copying it. */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
      out.write(bytes);
    }

    /** The value for an {@code ETag} header. */
    public String etag() {
      return "\"" + hash + "\"";
    }
  }

  private static final String TITLE = "Kubernetes";

  private final List<KindDef> kinds;
  private final String version;

  private volatile Map<String, Document> v3;
  private volatile Document index;
  private volatile Document v2Json;
  private volatile byte[] v2Protobuf;

  private OpenApiDocuments(List<KindDef> kinds, String version) {
    this.kinds = List.copyOf(kinds);
    this.version = version;
  }

  /** Documents for the given kinds; nothing is generated until a document is asked for. */
  public static OpenApiDocuments build(List<KindDef> kinds) {
    return build(kinds, "unversioned");
  }

  /**
   * @param serverVersion the {@code info.version} of the v2 document (upstream: the server's
   *     gitVersion); v3 documents always say {@code unversioned}, as upstream does
   */
  public static OpenApiDocuments build(List<KindDef> kinds, String serverVersion) {
    return new OpenApiDocuments(kinds, serverVersion);
  }

  // ---------------------------------------------------------------- public documents

  /** {@code /openapi/v3}: {@code {"paths":{"apis/apps/v1":{"serverRelativeURL":...}}}}. */
  public Document index() {
    Document d = index;
    if (d == null) {
      synchronized (this) {
        if (index == null) {
          ObjectNode paths = Json.object();
          v3().forEach(
                  (path, doc) ->
                      paths
                          .putObject(path)
                          .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + doc.hash()));
          ObjectNode root = Json.object();
          root.set("paths", paths);
          index = document(Json.writeBytes(root));
        }
        d = index;
      }
    }
    return d;
  }

  /** The group-version paths of the v3 index ({@code api/v1}, {@code apis/apps/v1}), sorted. */
  public Set<String> groupVersionPaths() {
    return v3().keySet();
  }

  /**
   * The v3 document of a group-version.
   *
   * @param path {@code api/v1} or {@code apis/apps/v1} (a leading {@code /} or {@code /openapi/v3/}
   *     is ignored)
   * @return the document, or null when no kind of that group-version is served
   */
  public Document groupVersion(String path) {
    String p = path;
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.startsWith("openapi/v3/")) {
      p = p.substring("openapi/v3/".length());
    }
    return v3().get(p);
  }

  /** {@code /openapi/v2} as JSON, with its hash ({@link Document#etag()} for the ETag header). */
  public Document v2Json() {
    Document d = v2Json;
    if (d == null) {
      synchronized (this) {
        if (v2Json == null) {
          v2Json = document(Json.writeBytes(v2Tree()));
        }
        d = v2Json;
      }
    }
    return d;
  }

  /** The v2 ETag (quoted hash of the JSON form; upstream uses the same tag for both encodings). */
  public String v2ETag() {
    return v2Json().etag();
  }

  /** {@code /openapi/v2} as gnostic {@code openapi.v2.Document} protobuf. */
  public byte[] v2Protobuf() {
    byte[] b = v2Protobuf;
    if (b == null) {
      synchronized (this) {
        if (v2Protobuf == null) {
          try {
            v2Protobuf = Gnostic.document((ObjectNode) Json.MAPPER.readTree(v2Json().bytes()));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        b = v2Protobuf;
      }
    }
    return b.clone();
  }

  // ---------------------------------------------------------------- generation

  private static Document document(byte[] bytes) {
    return new Document(bytes, hash(bytes));
  }

  static String hash(byte[] bytes) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-512");
      return HexFormat.of().withUpperCase().formatHex(md.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Document> v3() {
    Map<String, Document> m = v3;
    if (m == null) {
      synchronized (this) {
        if (v3 == null) {
          Model model = new Model(kinds);
          Map<String, Document> out = new TreeMap<>();
          model.byGroupVersion.forEach(
              (gv, infos) -> {
                ObjectNode doc = Json.object();
                doc.put("openapi", "3.0.0");
                boolean builtin = infos.stream().anyMatch(ApiPaths.KindInfo::builtin);
                ObjectNode info = doc.putObject("info");
                // a group-version of custom resources only is served as the CRD builder's document
                info.put("title", builtin ? TITLE : "Kubernetes CRD Swagger");
                info.put("version", builtin ? "unversioned" : "v0.1.0");
                SchemaWriter w = model.writer(SchemaWriter.Dialect.V3);
                model.defineAll(w, infos);
                KindDef first = infos.get(0).kind();
                doc.set(
                    "paths",
                    ApiPaths.renderV3(
                        ApiPaths.forGroupVersion(first.group(), first.version(), infos),
                        builtin,
                        w));
                ObjectNode schemas = doc.putObject("components").putObject("schemas");
                w.definitions().forEach(schemas::set);
                out.put(gv, document(Json.writeBytes(doc)));
              });
          v3 = Collections.unmodifiableMap(out);
        }
        m = v3;
      }
    }
    return m;
  }

  private ObjectNode v2Tree() {
    Model model = new Model(kinds);
    ObjectNode doc = Json.object();
    doc.put("swagger", "2.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", TITLE);
    info.put("version", version);
    SchemaWriter w = model.writer(SchemaWriter.Dialect.V2);
    ObjectNode paths = Json.object();
    model.byGroupVersion.forEach(
        (gv, infos) -> {
          model.defineAll(w, infos);
          KindDef first = infos.get(0).kind();
          ApiPaths.renderV2(
              ApiPaths.forGroupVersion(first.group(), first.version(), infos),
              infos.stream().anyMatch(ApiPaths.KindInfo::builtin),
              w,
              paths);
        });
    ObjectNode sortedPaths = doc.putObject("paths");
    new TreeMap<String, com.fasterxml.jackson.databind.JsonNode>(toMap(paths))
        .forEach(sortedPaths::set);
    ObjectNode defs = doc.putObject("definitions");
    w.definitions().forEach(defs::set);
    ObjectNode bearer = doc.putObject("securityDefinitions").putObject("BearerToken");
    bearer.put("description", "Bearer Token authentication");
    bearer.put("in", "header");
    bearer.put("name", "authorization");
    bearer.put("type", "apiKey");
    ArrayNode security = doc.putArray("security");
    security.addObject().putArray("BearerToken");
    return doc;
  }

  private static Map<String, com.fasterxml.jackson.databind.JsonNode> toMap(ObjectNode n) {
    Map<String, com.fasterxml.jackson.databind.JsonNode> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** What all documents derive from the kinds: names, GVKs and group-versions. */
  private static final class Model {
    final Map<String, List<ApiPaths.KindInfo>> byGroupVersion = new TreeMap<>();
    final Map<String, List<Gvk>> gvks = new HashMap<>();
    final Set<String> typeMeta = new HashSet<>();

    Model(List<KindDef> kinds) {
      Set<Gvk> gvs = new TreeSet<>();
      gvs.add(new Gvk("", "v1", ""));
      for (KindDef k : kinds) {
        Schema root = k.schema();
        String rootName =
            root.definition != null
                ? SchemaWriter.publishedName(root.definition)
                : reverseDomain(k.group()) + "." + k.version() + "." + k.kind();
        boolean builtin =
            root.definition != null && SchemaRegistry.builtin().descriptor(root.definition) != null;
        Gvk gvk = new Gvk(k.group(), k.version(), k.kind());
        ApiPaths.KindInfo info =
            new ApiPaths.KindInfo(k, rootName, rootName + "List", gvk, builtin);
        String gvPath = ApiPaths.prefix(k.group(), k.version()).substring(1);
        byGroupVersion.computeIfAbsent(gvPath, x -> new ArrayList<>()).add(info);
        addGvk(rootName, gvk);
        addGvk(rootName + "List", new Gvk(k.group(), k.version(), k.kind() + "List"));
        typeMeta.add(rootName);
        gvs.add(new Gvk(k.group(), k.version(), ""));
      }
      for (List<ApiPaths.KindInfo> l : byGroupVersion.values()) {
        l.sort(java.util.Comparator.comparing(i -> i.kind().plural()));
      }
      addGvk(ApiPaths.SCALE, new Gvk("autoscaling", "v1", "Scale"));
      addGvk(ApiPaths.STATUS, new Gvk("", "v1", "Status"));
      for (Gvk gv : gvs) {
        addGvk(ApiPaths.DELETE_OPTIONS, new Gvk(gv.group(), gv.version(), "DeleteOptions"));
        addGvk(ApiPaths.WATCH_EVENT, new Gvk(gv.group(), gv.version(), "WatchEvent"));
      }
      typeMeta.addAll(
          List.of(
              ApiPaths.SCALE, ApiPaths.STATUS, ApiPaths.DELETE_OPTIONS, ApiPaths.RESOURCE_LIST));
      gvks.values().forEach(l -> l.sort(null));
    }

    private void addGvk(String def, Gvk gvk) {
      List<Gvk> l = gvks.computeIfAbsent(def, x -> new ArrayList<>());
      if (!l.contains(gvk)) {
        l.add(gvk);
      }
    }

    SchemaWriter writer(SchemaWriter.Dialect dialect) {
      return new SchemaWriter(dialect, gvks, typeMeta);
    }

    /** Writes the kinds' definitions and the meta types their operations refer to. */
    void defineAll(SchemaWriter w, List<ApiPaths.KindInfo> infos) {
      for (String meta :
          List.of("Status", "DeleteOptions", "Patch", "WatchEvent", "APIResourceList")) {
        w.define(builtinSchema("meta.k8s.io", "v1", meta), SchemaWriter.META + meta);
      }
      for (ApiPaths.KindInfo i : infos) {
        ObjectNode raw = i.kind().openApiSchema();
        if (raw != null) {
          w.defineRaw(i.rootName(), customDefinition(w, raw));
        } else {
          w.define(i.kind().schema(), i.rootName());
        }
        w.defineRaw(i.listName(), listDefinition(w, i));
        if (i.kind().scale() != null) {
          w.define(builtinSchema("autoscaling", "v1", "Scale"), ApiPaths.SCALE);
        }
      }
    }

    /**
     * The published definition of a custom resource: its schema with apiVersion, kind and a
     * reference to ObjectMeta for metadata, as upstream publishes CRD schemas; the v2 form drops
     * what OpenAPI v2 cannot say (nullable, oneOf/anyOf/allOf/not).
     */
    private static ObjectNode customDefinition(SchemaWriter w, ObjectNode raw) {
      ObjectNode d = raw.deepCopy();
      if (w.dialect() == SchemaWriter.Dialect.V2) {
        toV2(d);
      }
      if (!d.has("type")) {
        d.put("type", "object");
      }
      ObjectNode props = d.has("properties") ? (ObjectNode) d.get("properties") : Json.object();
      ObjectNode out = Json.object();
      ObjectNode apiVersion = Json.object();
      apiVersion.put(
          "description",
          "APIVersion defines the versioned schema of this representation of an object. Servers"
              + " should convert recognized schemas to the latest internal value, and may reject"
              + " unrecognized values. More info:"
              + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources");
      apiVersion.put("type", "string");
      ObjectNode kind = Json.object();
      kind.put(
          "description",
          "Kind is a string value representing the REST resource this object represents. Servers"
              + " may infer this from the endpoint the client submits requests to. Cannot be"
              + " updated. In CamelCase. More info:"
              + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds");
      kind.put("type", "string");
      ObjectNode metadata =
          w.ref(
              w.define(
                  builtinSchema("meta.k8s.io", "v1", "ObjectMeta"),
                  SchemaWriter.META + "ObjectMeta"),
              false);
      metadata.put(
          "description",
          "Standard object's metadata. More info:"
              + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");
      out.set("apiVersion", apiVersion);
      out.set("kind", kind);
      out.set("metadata", metadata);
      props
          .fields()
          .forEachRemaining(
              e -> {
                if (!out.has(e.getKey())) {
                  out.set(e.getKey(), e.getValue());
                }
              });
      d.set("properties", out);
      return d;
    }

    /** Removes, in a schema and the schemas nested in it, the keywords v2 does not have. */
    private static void toV2(com.fasterxml.jackson.databind.JsonNode n) {
      if (!(n instanceof ObjectNode o)) {
        return;
      }
      o.remove(List.of("nullable", "oneOf", "anyOf", "allOf", "not"));
      if (o.get("properties") instanceof ObjectNode props) {
        props.elements().forEachRemaining(Model::toV2);
      }
      toV2(o.get("items"));
      toV2(o.get("additionalProperties"));
    }

    private static ObjectNode listDefinition(SchemaWriter w, ApiPaths.KindInfo i) {
      String kind = i.kind().kind();
      ObjectNode d = Json.object();
      d.put("description", kind + "List is a list of " + kind + " objects.");
      ObjectNode props = d.putObject("properties");
      ObjectNode apiVersion = props.putObject("apiVersion");
      apiVersion.put(
          "description",
          "The versioned schema of this representation (group/version, or just version for the"
              + " core group).");
      apiVersion.put("type", "string");
      ObjectNode items = props.putObject("items");
      items.put("description", "The " + kind + " objects of the list.");
      items.set("items", w.ref(i.rootName(), true));
      items.put("type", "array");
      ObjectNode kindProp = props.putObject("kind");
      kindProp.put(
          "description",
          "The REST resource this object represents, in CamelCase. Read-only; servers may infer"
              + " it from the endpoint.");
      kindProp.put("type", "string");
      ObjectNode metadata =
          w.ref(
              w.define(
                  builtinSchema("meta.k8s.io", "v1", "ListMeta"), SchemaWriter.META + "ListMeta"),
              true);
      metadata.put("description", "Standard list metadata.");
      props.set("metadata", metadata);
      d.putArray("required").add("items");
      d.put("type", "object");
      return d;
    }

    private static Schema builtinSchema(String group, String version, String kind) {
      Descriptor d = SchemaRegistry.messageFor(group, version, kind);
      if (d == null) {
        throw new IllegalStateException(
            "no proto message for " + group + "/" + version + " " + kind);
      }
      return SchemaRegistry.builtin().forMessage(d);
    }

    private static String reverseDomain(String group) {
      List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
      Collections.reverse(parts);
      return String.join(".", parts);
    }
  }

  @Override
  public String toString() {
    return "OpenApiDocuments" + kinds;
  }

  /** For tests and logs: the document as text. */
  static String text(Document d) {
    return new String(d.bytes(), StandardCharsets.UTF_8);
  }
}
