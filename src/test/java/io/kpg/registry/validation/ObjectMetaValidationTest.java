package io.kpg.registry.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ObjectMetaValidationTest {

  static final Function<String, List<String>> SUBDOMAIN = NameValidation::isDns1123Subdomain;
  static final Function<String, List<String>> ANY = n -> List.of();

  static ObjectNode obj(String metadataJson) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree("{\"metadata\":" + metadataJson + "}");
  }

  static List<String> messages(List<FieldError> errs) {
    return errs.stream().map(FieldError::message).toList();
  }

  static List<String> create(String md, boolean namespaced) throws Exception {
    return messages(ObjectMetaValidation.validate(obj(md), namespaced, SUBDOMAIN));
  }

  @Test
  void validObjectHasNoErrors() throws Exception {
    assertEquals(
        List.of(),
        create(
            "{\"name\":\"web-1\",\"namespace\":\"default\",\"labels\":{\"app\":\"web\","
                + "\"example.com/tier\":\"\"},\"annotations\":{\"Example.COM/Note\":\"x y z\"},"
                + "\"finalizers\":[\"example.com/f\",\"kubernetes\"],\"generation\":3}",
            true));
    assertEquals(List.of(), create("{\"name\":\"node-a\"}", false));
  }

  @Test
  void nameRequiredUnlessGenerateName() throws Exception {
    assertEquals(
        List.of("metadata.name: Required value: name or generateName is required"),
        create("{\"namespace\":\"default\"}", true));
    assertEquals(List.of(), create("{\"generateName\":\"web-\",\"namespace\":\"default\"}", true));
    List<FieldError> errs = ObjectMetaValidation.validate(obj("{}"), false, SUBDOMAIN);
    assertEquals(FieldError.Type.REQUIRED, errs.get(0).type());
    assertEquals("metadata.name", errs.get(0).field());
  }

  @Test
  void invalidNameUsesKindValidator() throws Exception {
    assertEquals(
        List.of("metadata.name: Invalid value: \"Foo\": " + NameValidationTest.SUBDOMAIN_MSG),
        create("{\"name\":\"Foo\"}", false));
    assertEquals(
        List.of("metadata.name: Invalid value: \"a.b\": must not contain dots"),
        messages(
            ObjectMetaValidation.validate(
                obj("{\"name\":\"a.b\"}"), false, NameValidation::isDns1123Label)));
  }

  @Test
  void generateNameIsValidatedAsPrefix() throws Exception {
    assertEquals(
        List.of(
            "metadata.generateName: Invalid value: \"Web-\": " + NameValidationTest.SUBDOMAIN_MSG),
        create("{\"generateName\":\"Web-\"}", false));
  }

  @Test
  void pathSegmentCheckAfterKindChecks() throws Exception {
    assertEquals(
        List.of("metadata.name: Invalid value: \"a/b\": may not contain '/'"),
        messages(ObjectMetaValidation.validate(obj("{\"name\":\"a/b\"}"), false, ANY)));
    assertEquals(
        List.of("metadata.name: Invalid value: \"..\": may not be '..'"),
        messages(ObjectMetaValidation.validate(obj("{\"name\":\"..\"}"), false, ANY)));
    assertEquals(
        List.of("metadata.generateName: Invalid value: \"a%\": may not contain '%'"),
        messages(ObjectMetaValidation.validate(obj("{\"generateName\":\"a%\"}"), false, ANY)));
  }

  @Test
  void namespaceScope() throws Exception {
    assertEquals(List.of("metadata.namespace: Required value"), create("{\"name\":\"a\"}", true));
    assertEquals(
        List.of("metadata.namespace: Forbidden: not allowed on this type"),
        create("{\"name\":\"a\",\"namespace\":\"default\"}", false));
    assertEquals(
        List.of(
            "metadata.namespace: Invalid value: \"Kube_System\": a lowercase RFC 1123 label must"
                + " consist of lower case alphanumeric characters or '-', and must start and end"
                + " with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
                + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
        create("{\"name\":\"a\",\"namespace\":\"Kube_System\"}", true));
  }

  @Test
  void generationMustBeNonNegative() throws Exception {
    assertEquals(
        List.of("metadata.generation: Invalid value: -1: must be greater than or equal to 0"),
        create("{\"name\":\"a\",\"generation\":-1}", false));
  }

  @Test
  void labels() throws Exception {
    assertEquals(
        List.of(
            "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of"
                + " alphanumeric characters, '-', '_' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
                + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional"
                + " DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            "metadata.labels: Invalid value: \"-bad\": " + NameValidationTest.VALUE_MSG,
            "metadata.labels: Invalid value: \""
                + "v".repeat(64)
                + "\": must be no more than 63"
                + " bytes"),
        create(
            "{\"name\":\"a\",\"labels\":{\"a/b/c\":\"ok\",\"k\":\"-bad\",\"l\":\""
                + "v".repeat(64)
                + "\"}}",
            false));
  }

  @Test
  void annotations() throws Exception {
    // keys are checked case-insensitively; the reported value is the original key
    assertEquals(List.of(), create("{\"name\":\"a\",\"annotations\":{\"A.B/C\":\"\"}}", false));
    assertEquals(
        List.of("metadata.annotations: Invalid value: \"_A\": " + NameValidationTest.KEY_NAME_MSG),
        create("{\"name\":\"a\",\"annotations\":{\"_A\":\"x\"}}", false));
    String big = "x".repeat(262144 - 1);
    assertEquals(
        List.of(), create("{\"name\":\"a\",\"annotations\":{\"k\":\"" + big + "\"}}", false));
    List<FieldError> errs =
        ObjectMetaValidation.validate(
            obj("{\"name\":\"a\",\"annotations\":{\"k\":\"" + big + "x\"}}"), false, SUBDOMAIN);
    assertEquals(
        List.of("metadata.annotations: Too long: may not be more than 262144 bytes"),
        messages(errs));
    assertEquals(FieldError.Type.TOO_LONG, errs.get(0).type());
  }

  @Test
  void ownerReferences() throws Exception {
    String good =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"rs\",\"uid\":\"u1\","
            + "\"controller\":true}";
    assertEquals(List.of(), create("{\"name\":\"a\",\"ownerReferences\":[" + good + "]}", false));
    assertEquals(
        List.of(
            "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
            "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty"),
        create("{\"name\":\"a\",\"ownerReferences\":[{}]}", false));
    assertEquals(
        List.of(
            "metadata.ownerReferences.apiVersion: Invalid value: \"a/b/c\": version must not be"
                + " empty"),
        create(
            "{\"name\":\"a\",\"ownerReferences\":[{\"apiVersion\":\"a/b/c\",\"kind\":\"K\","
                + "\"name\":\"n\",\"uid\":\"u\"}]}",
            false));
    List<String> two =
        create(
            "{\"name\":\"a\",\"ownerReferences\":["
                + good
                + ",{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"p\",\"uid\":\"u2\","
                + "\"controller\":true}]}",
            false);
    assertEquals(1, two.size());
    assertTrue(two.get(0).startsWith("metadata.ownerReferences: Invalid value: [{"), two.get(0));
    assertTrue(
        two.get(0)
            .endsWith(
                ": Only one reference can have Controller set to true. Found \"true\" in"
                    + " references for ReplicaSet/rs and Pod/p"),
        two.get(0));
    List<String> event =
        create(
            "{\"name\":\"a\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"Event\","
                + "\"name\":\"e\",\"uid\":\"u\"}]}",
            false);
    assertEquals(1, event.size());
    assertTrue(event.get(0).endsWith(": /v1, Kind=Event is disallowed from being an owner"));
  }

  @Test
  void finalizers() throws Exception {
    assertEquals(
        List.of(
            "metadata.finalizers: Invalid value: \"a/b/c\": a valid label key must consist of"
                + " alphanumeric characters, '-', '_' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
                + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional"
                + " DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        create("{\"name\":\"a\",\"finalizers\":[\"example.com/ok\",\"a/b/c\"]}", false));
    assertEquals(
        List.of(
            "metadata.finalizers[1]: Invalid value: \"custom\": name is neither a standard"
                + " finalizer name nor is it fully qualified"),
        create("{\"name\":\"a\",\"finalizers\":[\"orphan\",\"custom\"]}", false));
    assertEquals(
        List.of(
            "metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\"]: finalizer"
                + " orphan and foregroundDeletion cannot be both set"),
        create("{\"name\":\"a\",\"finalizers\":[\"orphan\",\"foregroundDeletion\"]}", false));
  }

  @Test
  void customResourcesOnlyWarnAboutUnqualifiedFinalizers() throws Exception {
    ObjectNode o =
        obj(
            "{\"name\":\"a\",\"finalizers\":[\"resources-finalizer.argocd.argoproj.io\","
                + "\"custom\",\"orphan\",\"example.com/ok\"]}");
    assertEquals(List.of(), ObjectMetaValidation.validate(o, false, SUBDOMAIN, false));
    assertEquals(
        List.of(
            "metadata.finalizers: \"custom\": prefer a domain-qualified finalizer name to"
                + " avoid accidental conflicts with other finalizer writers",
            "metadata.finalizers: \"resources-finalizer.argocd.argoproj.io\": prefer a"
                + " domain-qualified finalizer name including a path (/) to avoid accidental"
                + " conflicts with other finalizer writers"),
        ObjectMetaValidation.finalizerWarnings(o, null));
    // on update only the finalizers this write adds
    ObjectNode old = obj("{\"name\":\"a\",\"finalizers\":[\"custom\"]}");
    assertEquals(1, ObjectMetaValidation.finalizerWarnings(o, old).size());
    assertEquals(List.of(), ObjectMetaValidation.finalizerWarnings(old, old));
  }

  @Test
  void managedFields() throws Exception {
    assertEquals(
        List.of(),
        create(
            "{\"name\":\"a\",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Apply\","
                + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{}}]}",
            false));
    assertEquals(
        List.of(
            "metadata.managedFields[0].operation: Invalid value: \"Patch\": must be `Apply` or"
                + " `Update`",
            "metadata.managedFields[0].fieldsType: Invalid value: \"FieldsV2\": must be"
                + " `FieldsV1`",
            "metadata.managedFields[0].manager: Too long: may not be more than 128 bytes",
            "metadata.managedFields[0].manager: Invalid value: \""
                + "m".repeat(129)
                + "\u0007\": invalid character U+0007 (at position 129)"),
        create(
            "{\"name\":\"a\",\"managedFields\":[{\"manager\":\""
                + "m".repeat(129)
                + "\\u0007\",\"operation\":\"Patch\",\"fieldsType\":\"FieldsV2\"}]}",
            false));
  }

  // ------------------------------------------------------------------ update

  static final String OLD =
      "{\"name\":\"a\",\"namespace\":\"ns\",\"uid\":\"u1\",\"resourceVersion\":\"5\","
          + "\"creationTimestamp\":\"2024-01-01T00:00:00Z\",\"generation\":2}";

  static List<String> update(String md, String oldMd) throws Exception {
    return messages(ObjectMetaValidation.validateUpdate(obj(md), obj(oldMd), true, SUBDOMAIN));
  }

  @Test
  void unchangedUpdateIsValid() throws Exception {
    assertEquals(List.of(), update(OLD, OLD));
    assertEquals(
        List.of(),
        update(
            "{\"name\":\"a\",\"namespace\":\"ns\",\"uid\":\"u1\",\"resourceVersion\":\"5\","
                + "\"creationTimestamp\":\"2024-01-01T00:00:00Z\",\"generation\":3,"
                + "\"labels\":{\"new\":\"label\"}}",
            OLD));
  }

  @Test
  void immutableFields() throws Exception {
    assertEquals(
        List.of(
            "metadata.name: Invalid value: \"b\": field is immutable",
            "metadata.namespace: Invalid value: \"other\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable",
            "metadata.creationTimestamp: Invalid value: \"2025-01-01T00:00:00Z\": field is"
                + " immutable"),
        update(
            "{\"name\":\"b\",\"namespace\":\"other\",\"uid\":\"u2\",\"resourceVersion\":\"5\","
                + "\"creationTimestamp\":\"2025-01-01T00:00:00Z\",\"generation\":2}",
            OLD));
    assertEquals(
        List.of(
            "metadata.uid: Invalid value: null: field is immutable",
            "metadata.creationTimestamp: Invalid value: null: field is immutable"),
        update(
            "{\"name\":\"a\",\"namespace\":\"ns\",\"resourceVersion\":\"5\",\"generation\":2}",
            OLD));
    assertEquals(
        List.of(
            "metadata.deletionTimestamp: Invalid value: \"2025-01-01T00:00:00Z\": field is"
                + " immutable",
            "metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable"),
        update(
            OLD.replace(
                "}",
                ",\"deletionTimestamp\":\"2025-01-01T00:00:00Z\","
                    + "\"deletionGracePeriodSeconds\":30}"),
            OLD));
  }

  @Test
  void resourceVersionAndGeneration() throws Exception {
    assertEquals(
        List.of(
            "metadata.resourceVersion: Invalid value: \"\": must be specified for an update",
            "metadata.generation: Invalid value: 1: must not be decremented"),
        update(
            "{\"name\":\"a\",\"namespace\":\"ns\",\"uid\":\"u1\","
                + "\"creationTimestamp\":\"2024-01-01T00:00:00Z\",\"generation\":1}",
            OLD));
  }

  @Test
  void noNewFinalizersWhileDeleting() throws Exception {
    String deleting =
        OLD.replace(
            "}",
            ",\"deletionTimestamp\":\"2025-01-01T00:00:00Z\",\"finalizers\":[\"example.com/a\"]}");
    assertEquals(List.of(), update(deleting.replace("[\"example.com/a\"]", "[]"), deleting));
    assertEquals(
        List.of(
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being"
                + " deleted, found new finalizers []string{\"example.com/b\", \"example.com/c\"}"),
        update(
            deleting.replace(
                "[\"example.com/a\"]", "[\"example.com/c\",\"example.com/a\",\"example.com/b\"]"),
            deleting));
  }

  @Test
  void updateAlsoRunsCreateChecks() throws Exception {
    assertEquals(
        List.of(
            "metadata.labels: Invalid value: \"-x\": " + NameValidationTest.VALUE_MSG,
            "metadata.finalizers[0]: Invalid value: \"custom\": name is neither a standard"
                + " finalizer name nor is it fully qualified"),
        update(OLD.replace("}", ",\"labels\":{\"k\":\"-x\"},\"finalizers\":[\"custom\"]}"), OLD));
  }
}
