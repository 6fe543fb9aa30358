package io.kpg.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kpg.errors.Errors;
import io.kpg.errors.StatusException;
import io.kpg.schema.SchemaRegistry;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * Request and response bodies in Kubernetes' protobuf encoding ({@value #MEDIA_TYPE}): the magic
 * {@code k8s\0} followed by a {@code runtime.Unknown} whose {@code raw} holds the object's message.
 * Decoding yields the object as the same JSON tree a JSON client would have sent.
 */
public final class ProtobufBodies {
  private ProtobufBodies() {}

  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  /** Kinds of meta.k8s.io/v1 that upstream registers into every group version. */
  private static final Set<String> META_KINDS =
      Set.of(
          "DeleteOptions",
          "ListOptions",
          "GetOptions",
          "CreateOptions",
          "UpdateOptions",
          "PatchOptions",
          "WatchEvent",
          "Status");

  /** Whether {@code body} starts with the protobuf magic prefix. */
  public static boolean hasMagic(byte[] body) {
    return body != null
        && body.length >= MAGIC.length
        && Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * Decodes a protobuf body into the object's JSON form with {@code kind} and {@code apiVersion}
   * taken from the envelope.
   *
   * @throws StatusException 400 BadRequest for anything that is not a decodable object
   */
  public static ObjectNode decode(byte[] body) {
    try {
      return decodeOrThrow(body, null, null);
    } catch (DecodeError e) {
      throw Errors.badRequest(e.getMessage());
    }
  }

  /**
   * Decodes a body sent to the endpoint of {@code group/version, kind}: a missing kind or version
   * in the envelope defaults to these, and failures are worded as upstream's create and update
   * handlers word them ({@code ... cannot be handled as a ConfigMap: ...}).
   */
  public static ObjectNode decode(byte[] body, String group, String version, String kind) {
    String[] gvk = {null, null, null};
    try {
      return decodeOrThrow(body, new String[] {group, version, kind}, gvk);
    } catch (DecodeError e) {
      if (gvk[2] != null && !gvk[2].isEmpty()) {
        throw Errors.badRequest(
            gvk[2]
                + " in version \""
                + gvk[1]
                + "\" cannot be handled as a "
                + kind
                + ": "
                + e.getMessage());
      }
      throw Errors.badRequest(
          "the object provided is unrecognized (must be of type "
              + kind
              + "): "
              + e.getMessage()
              + " ("
              + summarize(body)
              + ")");
    }
  }

  /** A decoding failure, worded like the Go error upstream's decoder returns. */
  private static final class DecodeError extends Exception {
    DecodeError(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param defaults {group, version, kind} to default from, or null
   * @param actual receives {group, version, kind} as far as they were learned
   */
  private static ObjectNode decodeOrThrow(byte[] body, String[] defaults, String[] actual)
      throws DecodeError {
    if (body == null || body.length == 0) {
      throw new DecodeError("empty data");
    }
    if (!hasMagic(body)) {
      throw new DecodeError(
          "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    }
    if (body.length == MAGIC.length) {
      throw new DecodeError("empty body");
    }
    // parsed as a DynamicMessage: the generated classes of client-java-proto predate protobuf's
    // hardening against hostile input
    DynamicMessage unk =
        parse(
            Runtime.Unknown.getDescriptor(),
            CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length));
    DynamicMessage typeMetaMsg = (DynamicMessage) unk.getField(UNKNOWN_TYPE_META);
    String envApiVersion = (String) typeMetaMsg.getField(TYPE_META_API_VERSION);
    String envKind = (String) typeMetaMsg.getField(TYPE_META_KIND);
    String apiVersion = envApiVersion;
    String kind = envKind;
    String group;
    String version;
    int slash = apiVersion.indexOf('/');
    if (apiVersion.isEmpty()) {
      group = "";
      version = "";
    } else if (slash < 0) {
      group = "";
      version = apiVersion;
    } else if (apiVersion.indexOf('/', slash + 1) < 0) {
      group = apiVersion.substring(0, slash);
      version = apiVersion.substring(slash + 1);
    } else {
      throw new DecodeError("unexpected GroupVersion string: " + apiVersion);
    }
    if (defaults != null) {
      if (kind.isEmpty()) {
        kind = defaults[2];
      }
      if (version.isEmpty() && defaults[1] != null && !defaults[1].isEmpty()) {
        group = defaults[0];
        version = defaults[1];
      }
    }
    if (actual != null) {
      actual[0] = group;
      actual[1] = group.isEmpty() ? version : group + "/" + version;
      actual[2] = kind;
    }
    String typeMeta =
        "runtime.TypeMeta{APIVersion:\"" + envApiVersion + "\", Kind:\"" + envKind + "\"}";
    if (kind.isEmpty()) {
      throw new DecodeError("Object 'Kind' is missing in '" + typeMeta + "'");
    }
    if (version.isEmpty()) {
      throw new DecodeError("Object 'apiVersion' is missing in '" + typeMeta + "'");
    }
    Descriptor d = descriptorFor(group, version, kind);
    String gv = group.isEmpty() ? version : group + "/" + version;
    if (d == null) {
      throw new DecodeError(
          "no kind \""
              + kind
              + "\" is registered for version \""
              + gv
              + "\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"");
    }
    DynamicMessage msg = parse(d, ((ByteString) unk.getField(UNKNOWN_RAW)).newCodedInput());
    ObjectNode json;
    try {
      json = ProtoJson.toJson(msg);
    } catch (ProtoJson.ConversionException e) {
      throw new DecodeError(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      throw new DecodeError("unable to convert " + kind + ": " + e);
    }
    ObjectNode out = io.kpg.json.Json.object();
    out.put("kind", kind);
    out.put("apiVersion", gv);
    json.remove("kind");
    json.remove("apiVersion");
    out.setAll(json);
    return out;
  }

  private static final FieldDescriptor UNKNOWN_TYPE_META =
      Runtime.Unknown.getDescriptor().findFieldByName("typeMeta");
  private static final FieldDescriptor UNKNOWN_RAW =
      Runtime.Unknown.getDescriptor().findFieldByName("raw");
  private static final FieldDescriptor TYPE_META_API_VERSION =
      Runtime.TypeMeta.getDescriptor().findFieldByName("apiVersion");
  private static final FieldDescriptor TYPE_META_KIND =
      Runtime.TypeMeta.getDescriptor().findFieldByName("kind");

  private static DynamicMessage parse(Descriptor d, CodedInputStream in) throws DecodeError {
    try {
      in.setRecursionLimit(ProtoJson.MAX_DEPTH);
      DynamicMessage m = DynamicMessage.parseFrom(d, in);
      in.checkLastTagWas(0);
      return m;
    } catch (InvalidProtocolBufferException e) {
      throw new DecodeError(protoError(e));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new DecodeError("proto: " + e.getMessage());
    }
  }

  /** The message type of {@code group/version, kind}, or null when kpg has none. */
  public static Descriptor descriptorFor(String group, String version, String kind) {
    Descriptor d = SchemaRegistry.messageFor(group, version, kind);
    if (d == null && META_KINDS.contains(kind) && version.equals("v1")) {
      d = SchemaRegistry.messageFor("meta.k8s.io", "v1", kind);
    }
    return d;
  }

  private static String protoError(InvalidProtocolBufferException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("ended unexpectedly") || m.contains("truncated")) {
      return "unexpected EOF";
    }
    if (m.contains("too many levels of nesting")) {
      return "proto: max depth exceeded";
    }
    if (m.contains("negative size")) {
      return "proto: negative length found during unmarshaling";
    }
    if (m.contains("malformed varint")) {
      return "proto: integer overflow";
    }
    if (m.contains("invalid tag") || m.contains("invalid wire type")) {
      return "proto: illegal tag or wire type";
    }
    return "proto: " + m;
  }

  /** Upstream's summary of an undecodable body: hex of the first 30 bytes. */
  private static String summarize(byte[] body) {
    if (body == null || body.length == 0) {
      return "<empty>";
    }
    int n = Math.min(body.length, 30);
    if (body[0] == '{') {
      String s = new String(body, 0, n, java.nio.charset.StandardCharsets.UTF_8);
      return body.length > 30 ? s + " ..." : s;
    }
    String hex = HexFormat.of().formatHex(body, 0, n);
    return body.length > 30 ? hex + " ..." : hex;
  }

  /**
   * Encodes {@code obj} as a protobuf body of message type {@code d}; the envelope's type comes
   * from the object's {@code apiVersion} and {@code kind}.
   *
   * @throws StatusException 500 when the object does not fit the message type
   */
  public static byte[] encode(ObjectNode obj, Descriptor d) {
    DynamicMessage msg;
    try {
      msg = ProtoJson.fromJson(obj, d);
    } catch (ProtoJson.ConversionException e) {
      throw Errors.internal(e.getMessage());
    }
    Runtime.Unknown unk =
        Runtime.Unknown.newBuilder()
            .setTypeMeta(
                Runtime.TypeMeta.newBuilder()
                    .setApiVersion(text(obj, "apiVersion"))
                    .setKind(text(obj, "kind")))
            .setRaw(msg.toByteString())
            .setContentEncoding("")
            .setContentType("")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + unk.getSerializedSize());
    out.writeBytes(MAGIC);
    out.writeBytes(unk.toByteArray());
    return out.toByteArray();
  }

  /** Encodes {@code obj}, finding its message type from its {@code apiVersion} and {@code kind}. */
  public static byte[] encode(ObjectNode obj) {
    String apiVersion = text(obj, "apiVersion");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    Descriptor d = descriptorFor(group, version, text(obj, "kind"));
    if (d == null) {
      throw Errors.notAcceptable(
          "object " + apiVersion + ", Kind=" + text(obj, "kind") + " has no protobuf encoding");
    }
    return encode(obj, d);
  }

  private static String text(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    return n != null && n.isTextual() ? n.textValue() : "";
  }
}
