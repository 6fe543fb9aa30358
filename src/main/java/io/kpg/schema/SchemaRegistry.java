package io.kpg.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kpg.schema.Schema.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Schemas of the built-in types, derived from the protobuf descriptors of the Kubernetes API types
 * (client-java-proto) plus {@link PatchMetadata} for what protobuf does not carry (patch
 * strategies, merge keys, list types). A definition is named as upstream's OpenAPI names it, e.g.
 * {@code io.k8s.api.core.v1.Pod}.
 */
public final class SchemaRegistry {

  private static final SchemaRegistry BUILTIN = new SchemaRegistry();

  private final Map<String, Schema> definitions = new HashMap<>();
  private final Map<String, Descriptor> descriptorsByDefinition = new HashMap<>();

  public static SchemaRegistry builtin() {
    return BUILTIN;
  }

  private SchemaRegistry() {}

  /** The proto message full name ({@code k8s.io.api.core.v1.Pod}) as an OpenAPI definition name. */
  public static String definitionName(String protoFullName) {
    return protoFullName.startsWith("k8s.io.")
        ? "io.k8s." + protoFullName.substring(7)
        : protoFullName;
  }

  /** Returns the schema of a proto message, building it (and what it references) on first use. */
  public synchronized Schema forMessage(Descriptor d) {
    return build(d);
  }

  /** Definitions built so far, by name. */
  public synchronized Map<String, Schema> definitions() {
    return Map.copyOf(definitions);
  }

  public synchronized Descriptor descriptor(String definition) {
    return descriptorsByDefinition.get(definition);
  }

  public synchronized Schema definition(String name) {
    return definitions.get(name);
  }

  private Schema build(Descriptor d) {
    String full = d.getFullName();
    Schema special = special(full);
    if (special != null) {
      return special;
    }
    String name = definitionName(full);
    Schema existing = definitions.get(name);
    if (existing != null) {
      return existing;
    }
    Schema s = Schema.object(name);
    definitions.put(name, s);
    descriptorsByDefinition.put(name, d);
    addFields(s, d, 0);
    PatchMetadata.decorate(name, s);
    return s;
  }

  /**
   * Adds the JSON properties of message {@code d} to {@code s}: JSON names as upstream's Go types
   * have them, embedded (inlined) structs spread into the parent, non-JSON fields left out; patch
   * metadata is looked up on the Go type that declares the field.
   */
  private void addFields(Schema s, Descriptor d, int depth) {
    String owner = definitionName(d.getFullName());
    for (FieldDescriptor f : d.getFields()) {
      GoFields.Field g = GoFields.field(f);
      if (g.skip()) {
        continue;
      }
      if (g.inline() && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth < 4) {
        addFields(s, f.getMessageType(), depth + 1);
        continue;
      }
      Schema fs;
      if (f.isMapField()) {
        FieldDescriptor value = f.getMessageType().findFieldByName("value");
        fs = Schema.map(scalarOrMessage(value));
      } else if (f.isRepeated()) {
        fs = Schema.array(scalarOrMessage(f));
      } else {
        fs = scalarOrMessage(f);
      }
      PatchMetadata.Meta pm = PatchMetadata.lookup(owner, f.getName(), fs);
      if (fs.type == Type.MAP && PatchMetadata.atomicMap(owner, f.getName())) {
        fs.setAtomic(true);
      }
      List<String> enums = PatchMetadata.enumFor(owner, f.getName());
      if (enums != null) {
        fs.setEnumValues(enums);
      }
      if (fs.type == Type.OBJECT
          && !g.pointer()
          && !f.isRepeated()
          && !f.isMapField()
          && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        s.markValueStruct(g.json());
      }
      s.putProperty(
          new Schema.Field(
              g.json(),
              fs,
              pm == null ? null : pm.strategy(),
              pm == null ? null : pm.mergeKey(),
              pm == null ? defaultListType(fs) : pm.listType(),
              pm == null ? List.of() : pm.mapKeys()));
    }
  }

  private static String defaultListType(Schema fs) {
    return fs.type == Type.ARRAY ? "atomic" : null;
  }

  private Schema scalarOrMessage(FieldDescriptor f) {
    return switch (f.getJavaType()) {
      case STRING -> Schema.primitive(Type.STRING, null);
      case BOOLEAN -> Schema.primitive(Type.BOOLEAN, null);
      case INT -> Schema.primitive(Type.INTEGER, "int32");
      case LONG -> Schema.primitive(Type.INTEGER, "int64");
      case FLOAT, DOUBLE -> Schema.primitive(Type.NUMBER, "double");
      case BYTE_STRING -> Schema.primitive(Type.STRING, "byte");
      case ENUM -> Schema.primitive(Type.STRING, null);
      case MESSAGE ->
          GoFields.namedSlice(f.getMessageType())
              ? Schema.array(scalarOrMessage(f.getMessageType().findFieldByName("items")))
              : build(f.getMessageType());
    };
  }

  /** Types whose JSON form is not their protobuf structure. */
  private static Schema special(String fullName) {
    return switch (fullName) {
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Time" ->
          Schema.primitive(Type.STRING, "date-time");
      case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" ->
          Schema.primitive(Type.STRING, "date-time");
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Duration" -> Schema.primitive(Type.STRING, null);
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" ->
          Schema.primitive(Type.INT_OR_STRING, "int-or-string");
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" ->
          Schema.primitive(Type.INT_OR_STRING, "quantity");
      case "k8s.io.apimachinery.pkg.runtime.RawExtension",
          "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1",
          "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON",
          "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray",
          "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool",
          "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray" ->
          Schema.primitive(Type.ANY, null);
      default -> null;
    };
  }

  /** Every file descriptor in client-java-proto that kpg serves types from. */
  public static List<FileDescriptor> files() {
    List<FileDescriptor> out = new ArrayList<>();
    for (String outer :
        List.of(
            "V1",
            "V1Apps",
            "V1Batch",
            "V1Coordination",
            "V1Events",
            "V1Discovery",
            "V1Policy",
            "V1Networking",
            "V1Scheduling",
            "V1Node",
            "V1Storage",
            "V1Autoscaling",
            "V2Autoscaling",
            "V1Rbac",
            "V1Authorization",
            "V1Authentication",
            "V1Certificates",
            "V1Admissionregistration",
            "V1Apiextensions",
            "V1Flowcontrol",
            "Meta",
            "Runtime")) {
      try {
        Class<?> c = Class.forName("io.kubernetes.client.proto." + outer);
        out.add((FileDescriptor) c.getMethod("getDescriptor").invoke(null));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("client-java-proto lacks " + outer, e);
      }
    }
    return out;
  }

  /** Finds the message for {@code group/version, Kind} among {@link #files()}. */
  public static Descriptor messageFor(String group, String version, String kind) {
    String pkg = protoPackage(group, version);
    for (FileDescriptor fd : files()) {
      if (fd.getPackage().equals(pkg)) {
        Descriptor d = fd.findMessageTypeByName(kind);
        if (d != null) {
          return d;
        }
      }
    }
    return null;
  }

  /** The proto package upstream generates a group/version into. */
  public static String protoPackage(String group, String version) {
    if (group.isEmpty()) {
      return "k8s.io.api.core." + version;
    }
    if (group.equals("apiextensions.k8s.io")) {
      return "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions." + version;
    }
    if (group.equals("meta.k8s.io")) {
      return "k8s.io.apimachinery.pkg.apis.meta." + version;
    }
    String first = group.split("\\.")[0];
    if (group.equals("rbac.authorization.k8s.io")) {
      first = "rbac";
    }
    if (group.equals("admissionregistration.k8s.io")) {
      first = "admissionregistration";
    }
    return "k8s.io.api." + first + "." + version;
  }
}
