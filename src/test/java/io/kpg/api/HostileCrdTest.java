package io.kpg.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.crd.CrdStatus;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the CustomResourceDefinition path: malformed CRDs, hostile schemas and CEL
 * rules, bad conversion webhooks, collisions with built-in resources, malformed custom resources.
 * Every bad request gets a 4xx Status (or upstream's code), changes nothing, and serving stays
 * healthy.
 */
@QuarkusTest
class HostileCrdTest {
  static Api api;
  static final String CRDS = CrdTest.CRDS;
  static final String GROUP = "hostile.example.com";

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
    CrdTest.api = api;
  }

  /** A CRD {@code <plural>.hostile.example.com} whose spec is given as raw JSON members. */
  static String crd(String plural, String specMembers) {
    return "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
        + "\"metadata\":{\"name\":\""
        + plural
        + "."
        + GROUP
        + "\"},\"spec\":{"
        + specMembers
        + "}}";
  }

  static String names(String plural) {
    return "\"group\":\""
        + GROUP
        + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\""
        + plural
        + "\",\"kind\":\"K"
        + plural
        + "\"}";
  }

  /** A one-version CRD with the given openAPIV3Schema (raw JSON). */
  static String schemaCrd(String plural, String schema) {
    return crd(
        plural,
        names(plural)
            + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
            + "\"schema\":{\"openAPIV3Schema\":"
            + schema
            + "}}]");
  }

  /** An object schema with a spec holding the given properties (raw JSON members). */
  static String specSchema(String specMembers) {
    return "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
        + specMembers
        + "}}}";
  }

  final List<String> problems = new ArrayList<>();

  /** Records a problem unless {@code r} is a Status with one of {@code codes}. */
  void expect(String what, Api.Resp r, int... codes) {
    boolean ok = false;
    for (int c : codes) {
      ok |= r.code() == c;
    }
    String body = r.body().length() > 400 ? r.body().substring(0, 400) + "..." : r.body();
    if (!ok) {
      problems.add(what + ": got " + r.code() + " " + body);
      return;
    }
    if (r.code() >= 400) {
      try {
        if (!"Status".equals(r.json().path("kind").asText())
            || r.json().path("code").asInt() != r.code()) {
          problems.add(what + ": not a Status: " + body);
        }
      } catch (AssertionError e) {
        problems.add(what + ": not JSON: " + body);
      }
    }
  }

  /** Creating {@code body} as CRD {@code plural} fails with one of {@code codes}; nothing stays. */
  void rejectCrd(String what, String plural, String body, int... codes) {
    expect(what, api.post(CRDS, body), codes);
    Api.Resp after = api.get(CRDS + "/" + plural + "." + GROUP);
    if (after.code() != 404) {
      problems.add(what + ": CRD exists after rejection: " + after.code());
      api.delete(CRDS + "/" + plural + "." + GROUP, null);
    }
  }

  static void awaitEstablished(String plural) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                CrdStatus.isTrue(
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                        api.get(CRDS + "/" + plural + "." + GROUP).json(),
                    "Established"));
  }

  void healthy() {
    Api.Resp d = api.get("/apis/apps/v1/namespaces/default/deployments");
    if (d.code() != 200) {
      problems.add("deployments no longer served: " + d.code() + " " + d.body());
    }
    Api.Resp crds = api.get(CRDS);
    if (crds.code() != 200) {
      problems.add("CRDs no longer listed: " + crds.code() + " " + crds.body());
    }
    for (String p : List.of("/apis", "/api/v1", "/openapi/v2", "/openapi/v3")) {
      Api.Resp r = api.get(p);
      if (r.code() != 200) {
        problems.add(p + " broken: " + r.code() + " " + r.body());
      }
    }
  }

  void noProblems() {
    healthy();
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void crdsWithWrongJsonTypes() {
    String good =
        "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":"
            + "{\"openAPIV3Schema\":{\"type\":\"object\"}}}]";
    rejectCrd(
        "versions as object",
        "ta",
        crd("ta", names("ta") + ",\"versions\":{\"name\":\"v1\",\"served\":true,\"storage\":true}"),
        400);
    rejectCrd("versions as string", "ta", crd("ta", names("ta") + ",\"versions\":\"v1\""), 400);
    rejectCrd("versions null", "ta", crd("ta", names("ta") + ",\"versions\":null"), 422);
    rejectCrd(
        "version entry as string", "ta", crd("ta", names("ta") + ",\"versions\":[\"v1\"]"), 400);
    rejectCrd(
        "served as string",
        "ta",
        crd(
            "ta",
            names("ta") + ",\"versions\":[{\"name\":\"v1\",\"served\":\"yes\",\"storage\":true}]"),
        400);
    rejectCrd(
        "version name number",
        "ta",
        crd("ta", names("ta") + ",\"versions\":[{\"name\":1,\"served\":true,\"storage\":true}]"),
        400);
    rejectCrd(
        "plural as number",
        "ta",
        crd(
            "ta",
            "\"group\":\""
                + GROUP
                + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":5,\"kind\":\"K\"},"
                + good),
        400);
    rejectCrd(
        "names as array",
        "ta",
        crd(
            "ta",
            "\"group\":\"" + GROUP + "\",\"scope\":\"Namespaced\",\"names\":[\"ta\"]," + good),
        400);
    rejectCrd(
        "shortNames as string",
        "ta",
        crd(
            "ta",
            "\"group\":\""
                + GROUP
                + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\"ta\",\"kind\":\"Ta\","
                + "\"shortNames\":\"t\"},"
                + good),
        400);
    rejectCrd(
        "group as object",
        "ta",
        crd(
            "ta",
            "\"group\":{},"
                + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"ta\",\"kind\":\"Ta\"},"
                + good),
        400);
    rejectCrd(
        "spec as array", "ta", "{\"metadata\":{\"name\":\"ta." + GROUP + "\"},\"spec\":[]}", 400);
    rejectCrd(
        "spec as string",
        "ta",
        "{\"metadata\":{\"name\":\"ta." + GROUP + "\"},\"spec\":\"x\"}",
        400);
    rejectCrd("metadata as string", "ta", "{\"metadata\":\"ta\",\"spec\":{}}", 400);
    rejectCrd(
        "empty spec", "ta", "{\"metadata\":{\"name\":\"ta." + GROUP + "\"},\"spec\":{}}", 422);
    rejectCrd("no spec", "ta", "{\"metadata\":{\"name\":\"ta." + GROUP + "\"}}", 422);
    rejectCrd(
        "empty strings",
        "ta",
        crd(
            "ta",
            "\"group\":\"\",\"scope\":\"\","
                + "\"names\":{\"plural\":\"\",\"kind\":\"\",\"singular\":\"\",\"listKind\":\"\"},"
                + "\"versions\":[{\"name\":\"\",\"served\":true,\"storage\":true}]"),
        422);
    rejectCrd(
        "unicode names",
        "tä",
        crd(
            "tä",
            "\"group\":\""
                + GROUP
                + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\"tä\",\"kind\":\"Tä\"},"
                + good),
        422);
    rejectCrd(
        "unicode kind",
        "ta",
        crd(
            "ta",
            "\"group\":\""
                + GROUP
                + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\"ta\",\"kind\":\"T\\u0000a\"},"
                + good),
        422);
    rejectCrd(
        "scope as bool",
        "ta",
        crd(
            "ta",
            "\"group\":\""
                + GROUP
                + "\",\"scope\":true,\"names\":{\"plural\":\"ta\",\"kind\":\"Ta\"},"
                + good),
        400);
    rejectCrd(
        "conversion as string",
        "ta",
        crd("ta", names("ta") + ",\"conversion\":\"None\"," + good),
        400);
    rejectCrd(
        "webhook clientConfig as array",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{\"clientConfig\":[],"
                + "\"conversionReviewVersions\":[\"v1\"]}},"
                + good),
        400);
    rejectCrd(
        "subresources as array",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"subresources\":[],"
                + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]"),
        400);
    rejectCrd(
        "printer columns as object",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                + "\"additionalPrinterColumns\":{\"name\":\"x\"},"
                + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]"),
        400);
    rejectCrd(
        "printer column priority string",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                + "\"additionalPrinterColumns\":[{\"name\":\"x\",\"type\":\"string\",\"jsonPath\":\".a\","
                + "\"priority\":\"high\"}],"
                + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]"),
        400);
    rejectCrd(
        "printer column bad jsonPath",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                + "\"additionalPrinterColumns\":[{\"name\":\"x\",\"type\":\"string\",\"jsonPath\":\"{{{[[[\"}],"
                + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]"),
        422);
    rejectCrd(
        "selectableFields bad",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                + "\"selectableFields\":[{\"jsonPath\":\".spec[*]\"},{\"jsonPath\":5}],"
                + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]"),
        400);
    rejectCrd(
        "selectableFields non scalar",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                + "\"selectableFields\":[{\"jsonPath\":\".spec\"},{\"jsonPath\":\".nope\"}],"
                + "\"schema\":{\"openAPIV3Schema\":"
                + specSchema("\"properties\":{}")
                + "}}]"),
        422);
    rejectCrd(
        "scale paths bad",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                + "\"subresources\":{\"scale\":{\"specReplicasPath\":\"spec[0]\",\"statusReplicasPath\":"
                + "\"..\"}},\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]"),
        422);
    rejectCrd(
        "two storage versions",
        "ta",
        crd(
            "ta",
            names("ta")
                + ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":"
                + "{\"openAPIV3Schema\":{\"type\":\"object\"}}},{\"name\":\"v1\",\"served\":true,"
                + "\"storage\":true,\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]"),
        422);
    rejectCrd(
        "name mismatch",
        "ta",
        "{\"metadata\":{\"name\":\"ta."
            + GROUP
            + "\"},\"spec\":{"
            + names("tb")
            + ","
            + good
            + "}}",
        422);
    rejectCrd(
        "huge name",
        "ta",
        crd("t" + "a".repeat(300), names("t" + "a".repeat(300)) + "," + good),
        422);
    noProblems();
  }

  @Test
  void hostileSchemas() {
    String[][] cases = {
      {"schema as string", "\"object\"", "400"},
      {"schema as array", "[{\"type\":\"object\"}]", "400"},
      {"schema as number", "1", "400"},
      {"type null", "{\"type\":null}", "422"},
      {"type number", "{\"type\":5}", "400"},
      {"type unknown", "{\"type\":\"objekt\"}", "422"},
      {
        "properties as array", "{\"type\":\"object\",\"properties\":[{\"type\":\"string\"}]}", "400"
      },
      {"property as string", "{\"type\":\"object\",\"properties\":{\"a\":\"string\"}}", "400"},
      {
        "items as array",
        specSchema(
            "\"properties\":{\"l\":{\"type\":\"array\",\"items\":" + "[{\"type\":\"string\"}]}}"),
        "422"
      },
      {
        "items as string",
        specSchema("\"properties\":{\"l\":{\"type\":\"array\",\"items\":" + "\"string\"}}"),
        "422"
      },
      {"items missing", specSchema("\"properties\":{\"l\":{\"type\":\"array\"}}"), "422"},
      {
        "validations as object",
        specSchema("\"x-kubernetes-validations\":{\"rule\":\"true\"}"),
        "400"
      },
      {
        "items with a wrong type inside",
        specSchema("\"properties\":{\"l\":{\"type\":\"array\",\"items\":{\"type\":5}}}"),
        "400"
      },
      {
        "items array with a string",
        specSchema("\"properties\":{\"l\":{\"type\":\"array\",\"items\":[\"string\"]}}"),
        "400"
      },
      {
        "additionalProperties with a wrong type inside",
        specSchema("\"additionalProperties\":{\"type\":\"string\",\"maxLength\":\"x\"}"),
        "400"
      },
      {
        "nested items with a wrong type",
        specSchema(
            "\"properties\":{\"l\":{\"type\":\"array\",\"items\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"string\",\"enum\":\"a\"}}}}"),
        "400"
      },
      {"validations rule number", specSchema("\"x-kubernetes-validations\":[{\"rule\":1}]"), "400"},
      {
        "validations empty rule",
        specSchema("\"x-kubernetes-validations\":[{\"rule\":\"\"}]"),
        "422"
      },
      {
        "enum of objects",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":" + "[{\"x\":1},[1],null]}}"),
        "201"
      },
      {
        "enum as object",
        specSchema("\"properties\":{\"a\":{\"type\":\"string\",\"enum\":" + "{\"x\":1}}}"),
        "400"
      },
      {
        "default of wrong type",
        specSchema("\"properties\":{\"a\":{\"type\":\"integer\"," + "\"default\":\"ten\"}}"),
        "422"
      },
      {
        "default object of wrong shape",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"object\","
                + "\"properties\":{\"b\":{\"type\":\"integer\"}},\"default\":{\"b\":[1]}}}"),
        "422"
      },
      {"default at root", "{\"type\":\"object\",\"default\":{}}", "201"},
      {
        "huge maxLength",
        specSchema("\"properties\":{\"a\":{\"type\":\"string\"," + "\"maxLength\":1e30}}"),
        "400"
      },
      {
        "maxLength beyond int64",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"string\","
                + "\"maxLength\":99999999999999999999999}}"),
        "400"
      },
      {
        "maxLength string",
        specSchema("\"properties\":{\"a\":{\"type\":\"string\"," + "\"maxLength\":\"10\"}}"),
        "400"
      },
      {
        "maxLength fraction",
        specSchema("\"properties\":{\"a\":{\"type\":\"string\"," + "\"maxLength\":1.5}}"),
        "400"
      },
      {
        "negative minItems",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"string\"},\"minItems\":-1}}"),
        "201"
      },
      {
        "1e400 maximum",
        specSchema("\"properties\":{\"a\":{\"type\":\"number\"," + "\"maximum\":1e400}}"),
        "400"
      },
      {
        "-1e400 minimum",
        specSchema("\"properties\":{\"a\":{\"type\":\"number\"," + "\"minimum\":-1e400}}"),
        "400"
      },
      {
        "multipleOf zero",
        specSchema("\"properties\":{\"a\":{\"type\":\"number\"," + "\"multipleOf\":0}}"),
        "201"
      },
      {"$ref", specSchema("\"properties\":{\"a\":{\"$ref\":\"#/definitions/x\"}}"), "422"},
      {
        "bad pattern",
        specSchema("\"properties\":{\"a\":{\"type\":\"string\"," + "\"pattern\":\"(((\"}}"),
        "422"
      },
      {
        "pattern number",
        specSchema("\"properties\":{\"a\":{\"type\":\"string\"," + "\"pattern\":5}}"),
        "400"
      },
      {"required as string", specSchema("\"required\":\"a\",\"properties\":{}"), "400"},
      {"additionalProperties string", specSchema("\"additionalProperties\":\"yes\""), "400"},
      {
        "additionalProperties and properties",
        specSchema(
            "\"additionalProperties\":"
                + "{\"type\":\"string\"},\"properties\":{\"a\":{\"type\":\"string\"}}"),
        "422"
      },
      {
        "listType bogus",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"string\"},\"x-kubernetes-list-type\":\"tree\"}}"),
        "422"
      },
      {
        "listMapKeys missing",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"object\"},\"x-kubernetes-list-type\":\"map\"}}"),
        "422"
      },
      {
        "listMapKeys as string",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"object\"},\"x-kubernetes-list-type\":\"map\","
                + "\"x-kubernetes-list-map-keys\":\"k\"}}"),
        "400"
      },
      {
        "int-or-string with type",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"string\","
                + "\"x-kubernetes-int-or-string\":true}}"),
        "201"
      },
      {
        "preserve unknown as string",
        specSchema("\"x-kubernetes-preserve-unknown-fields\":\"yes\""),
        "400"
      },
      {
        "embedded resource without object",
        specSchema(
            "\"properties\":{\"a\":{\"type\":\"string\","
                + "\"x-kubernetes-embedded-resource\":true}}"),
        "422"
      },
      {"allOf as object", specSchema("\"allOf\":{\"type\":\"object\"}"), "400"},
      {"not with type", specSchema("\"not\":{\"type\":\"string\"}"), "422"},
      {
        "format number",
        specSchema("\"properties\":{\"a\":{\"type\":\"string\",\"format\":7}}"),
        "400"
      },
      {
        "metadata with properties",
        "{\"type\":\"object\",\"properties\":{\"metadata\":"
            + "{\"type\":\"object\",\"properties\":{\"labels\":{\"type\":\"string\"}}}}}",
        "422"
      },
      {"nullable string", specSchema("\"nullable\":\"true\""), "400"},
      {"unknown schema field", specSchema("\"propertiez\":{}"), "201"},
    };
    int i = 0;
    for (String[] c : cases) {
      String plural = "hs" + i++;
      String[] codes = c[2].split(",");
      int[] ints = new int[codes.length];
      for (int j = 0; j < codes.length; j++) {
        ints[j] = Integer.parseInt(codes[j]);
      }
      if (ints[0] == 201) {
        // upstream accepts these
        expect(c[0], api.post(CRDS, schemaCrd(plural, c[1])), 201);
        api.delete(CRDS + "/" + plural + "." + GROUP, null);
      } else {
        rejectCrd(c[0], plural, schemaCrd(plural, c[1]), ints);
      }
    }
    noProblems();
  }

  @Test
  void deepAndWideSchemas() {
    // nesting near the JSON depth limit: must answer with a 4xx or accept, never a 5xx
    for (int depth : new int[] {100, 240, 480, 495, 600, 2000}) {
      StringBuilder s = new StringBuilder();
      for (int d = 0; d < depth; d++) {
        s.append("{\"type\":\"object\",\"properties\":{\"a\":");
      }
      s.append("{\"type\":\"string\"}");
      s.append("}}".repeat(depth));
      String plural = "deep" + depth;
      Api.Resp r = api.post(CRDS, schemaCrd(plural, s.toString()));
      if (r.code() >= 500 || (r.code() >= 400 && !r.body().contains("\"kind\":\"Status\""))) {
        problems.add("depth " + depth + ": " + r.code() + " " + r.body());
      }
      if (r.code() == 201) {
        awaitEstablished(plural);
        StringBuilder o = new StringBuilder();
        o.append("{\"a\":".repeat(depth - 1)).append("\"x\"").append("}".repeat(depth - 1));
        Api.Resp cr =
            api.post(
                "/apis/" + GROUP + "/v1/namespaces/default/" + plural,
                "{\"apiVersion\":\""
                    + GROUP
                    + "/v1\",\"kind\":\"K"
                    + plural
                    + "\",\"metadata\":{\"name\":\"x\"},\"a\":"
                    + o
                    + "}");
        if (cr.code() >= 500) {
          problems.add("depth " + depth + " custom resource: " + cr.code() + " " + cr.body());
        }
      }
      api.delete(CRDS + "/" + plural + "." + GROUP, null);
    }
    noProblems();
  }

  @Test
  void hostileCelRules() {
    String[][] cases = {
      {
        "rule does not compile",
        "\"x-kubernetes-validations\":[{\"rule\":\"self.a +\"}],"
            + "\"properties\":{\"a\":{\"type\":\"integer\"}}",
        "422"
      },
      {
        "rule on unknown field",
        "\"x-kubernetes-validations\":[{\"rule\":\"self.nope == 1\"}],"
            + "\"properties\":{\"a\":{\"type\":\"integer\"}}",
        "422"
      },
      {
        "rule not boolean",
        "\"x-kubernetes-validations\":[{\"rule\":\"self.a\"}],"
            + "\"properties\":{\"a\":{\"type\":\"integer\"}}",
        "422"
      },
      {
        "expensive nested all",
        "\"x-kubernetes-validations\":[{\"rule\":"
            + "\"self.l.all(x, self.l.all(y, self.l.all(z, x + y + z != '')))\"}],"
            + "\"properties\":{\"l\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}",
        "422"
      },
      {
        "expensive exists over map",
        "\"x-kubernetes-validations\":[{\"rule\":"
            + "\"self.m.all(k, self.m.exists(j, self.m[j].matches(self.m[k])))\"}],"
            + "\"properties\":{\"m\":{\"type\":\"object\",\"additionalProperties\":"
            + "{\"type\":\"string\"}}}",
        "422"
      },
      {
        "oldSelf under atomic list items",
        "\"properties\":{\"l\":{\"type\":\"array\","
            + "\"items\":{\"type\":\"string\",\"x-kubernetes-validations\":[{\"rule\":"
            + "\"self == oldSelf\"}]}}}",
        "422"
      },
      {
        "messageExpression does not compile",
        "\"x-kubernetes-validations\":[{\"rule\":\"true\"," + "\"messageExpression\":\"'a' +\"}]",
        "422"
      },
      {
        "messageExpression not string",
        "\"x-kubernetes-validations\":[{\"rule\":\"true\"," + "\"messageExpression\":\"1\"}]",
        "422"
      },
      {
        "bad reason",
        "\"x-kubernetes-validations\":[{\"rule\":\"true\",\"reason\":\"Nope\"}]",
        "422"
      },
      {
        "bad fieldPath",
        "\"x-kubernetes-validations\":[{\"rule\":\"true\"," + "\"fieldPath\":\".nope[\"}]",
        "422"
      },
      {
        "message with newline",
        "\"x-kubernetes-validations\":[{\"rule\":\"true\"," + "\"message\":\"a\\nb\"}]",
        "422"
      },
      {
        "huge rule",
        "\"x-kubernetes-validations\":[{\"rule\":\"" + "true && ".repeat(20000) + "true\"}]",
        "422,413"
      },
      {
        "deep rule",
        "\"x-kubernetes-validations\":[{\"rule\":\""
            + "(".repeat(5000)
            + "true"
            + ")".repeat(5000)
            + "\"}]",
        "422"
      },
    };
    int i = 0;
    for (String[] c : cases) {
      String plural = "cel" + i++;
      String[] codes = c[2].split(",");
      int[] ints = new int[codes.length];
      for (int j = 0; j < codes.length; j++) {
        ints[j] = Integer.parseInt(codes[j]);
      }
      rejectCrd(c[0], plural, schemaCrd(plural, specSchema(c[1])), ints);
    }
    // rules and messages that fail while evaluating: 422 with a message, never 500
    String plural = "celrt";
    Api.Resp r =
        api.post(
            CRDS,
            schemaCrd(
                plural,
                specSchema(
                    "\"x-kubernetes-validations\":["
                        + "{\"rule\":\"self.m['missing'] == 'x'\"},"
                        + "{\"rule\":\"100 / self.zero == 1\"},"
                        + "{\"rule\":\"false\",\"messageExpression\":\"'got ' + self.m['nope']\"},"
                        + "{\"rule\":\"false\",\"messageExpression\":\"''\"},"
                        + "{\"rule\":\"self.s.matches(self.p)\"}],"
                        + "\"properties\":{\"m\":{\"type\":\"object\",\"additionalProperties\":"
                        + "{\"type\":\"string\",\"maxLength\":10},\"maxProperties\":5},"
                        + "\"zero\":{\"type\":\"integer\"},"
                        + "\"s\":{\"type\":\"string\",\"maxLength\":100},"
                        + "\"p\":{\"type\":\"string\",\"maxLength\":100}}")));
    expect("runtime-failing rules CRD", r, 201);
    if (r.code() == 201) {
      awaitEstablished(plural);
      String base = "/apis/" + GROUP + "/v1/namespaces/default/" + plural;
      Api.Resp cr =
          api.post(
              base,
              "{\"apiVersion\":\""
                  + GROUP
                  + "/v1\",\"kind\":\"Kcelrt\",\"metadata\":{\"name\":"
                  + "\"a\"},\"spec\":{\"m\":{},\"zero\":0,\"s\":\"aaa\",\"p\":\"(((\"}}");
      expect("runtime-failing rules", cr, 422);
      if (api.get(base + "/a").code() != 404) {
        problems.add("runtime-failing rules: object was written");
      }
    }
    api.delete(CRDS + "/" + plural + "." + GROUP, null);
    noProblems();
  }

  @Test
  void conversionWebhooksThatAreNotHttps() {
    String two =
        ",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":"
            + "{\"openAPIV3Schema\":{\"type\":\"object\"}}},{\"name\":\"v2\",\"served\":true,"
            + "\"storage\":false,\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]";
    for (String url :
        List.of(
            "http://127.0.0.1:1/convert",
            "https://127.0.0.1:1/convert?x=1",
            "https://127.0.0.1:1/convert#frag",
            "https://user:pw@127.0.0.1:1/convert",
            "not a url",
            "https://",
            "")) {
      rejectCrd(
          "webhook url " + url,
          "wh",
          crd(
              "wh",
              names("wh")
                  + ",\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{"
                  + "\"conversionReviewVersions\":[\"v1\"],\"clientConfig\":{\"url\":\""
                  + url
                  + "\"}}}"
                  + two),
          422);
    }
    rejectCrd(
        "webhook without clientConfig",
        "wh",
        crd(
            "wh",
            names("wh")
                + ",\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{"
                + "\"conversionReviewVersions\":[\"v1\"]}}"
                + two),
        422);
    rejectCrd(
        "webhook with unknown review version",
        "wh",
        crd(
            "wh",
            names("wh")
                + ",\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{"
                + "\"conversionReviewVersions\":[\"v9\"],\"clientConfig\":{\"url\":"
                + "\"https://127.0.0.1:1/\"}}}"
                + two),
        422);
    rejectCrd(
        "webhook service with bad port",
        "wh",
        crd(
            "wh",
            names("wh")
                + ",\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{"
                + "\"conversionReviewVersions\":[\"v1\"],\"clientConfig\":{\"service\":"
                + "{\"name\":\"s\",\"namespace\":\"default\",\"port\":70000}}}}"
                + two),
        422);
    rejectCrd(
        "webhook service port string",
        "wh",
        crd(
            "wh",
            names("wh")
                + ",\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{"
                + "\"conversionReviewVersions\":[\"v1\"],\"clientConfig\":{\"service\":"
                + "{\"name\":\"s\",\"namespace\":\"default\",\"port\":\"443\"}}}}"
                + two),
        400);
    rejectCrd(
        "webhook caBundle not base64",
        "wh",
        crd(
            "wh",
            names("wh")
                + ",\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{"
                + "\"conversionReviewVersions\":[\"v1\"],\"clientConfig\":{\"url\":"
                + "\"https://127.0.0.1:1/\",\"caBundle\":\"!!!\"}}}"
                + two),
        400);
    noProblems();
  }

  static final String CR_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{"
          + "\"i\":{\"type\":\"integer\"},\"n\":{\"type\":\"number\"},\"s\":{\"type\":\"string\"},"
          + "\"b\":{\"type\":\"boolean\"},\"o\":{\"type\":\"object\",\"properties\":"
          + "{\"x\":{\"type\":\"string\"}}},\"l\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
          + "\"m\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
          + "\"ios\":{\"x-kubernetes-int-or-string\":true},"
          + "\"lm\":{\"type\":\"array\",\"x-kubernetes-list-type\":\"map\","
          + "\"x-kubernetes-list-map-keys\":[\"name\"],\"items\":{\"type\":\"object\","
          + "\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"},"
          + "\"v\":{\"type\":\"integer\"}}}},"
          + "\"replicas\":{\"type\":\"integer\"}}},"
          + "\"status\":{\"type\":\"object\",\"properties\":{\"replicas\":{\"type\":\"integer\"}}}}}";

  @Test
  void hostileCustomResources() {
    String plural = "targets";
    Api.Resp c =
        api.post(
            CRDS,
            crd(
                plural,
                "\"group\":\""
                    + GROUP
                    + "\",\"scope\":\"Namespaced\",\"names\":{\"plural\":\"targets\",\"kind\":"
                    + "\"Target\"},\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                    + "\"subresources\":{\"status\":{},\"scale\":{\"specReplicasPath\":"
                    + "\".spec.replicas\",\"statusReplicasPath\":\".status.replicas\"}},"
                    + "\"selectableFields\":[{\"jsonPath\":\".spec.s\"}],"
                    + "\"schema\":{\"openAPIV3Schema\":"
                    + CR_SCHEMA
                    + "}}]"));
    assertEquals(201, c.code(), c.body());
    awaitEstablished(plural);
    String base = "/apis/" + GROUP + "/v1/namespaces/default/targets";
    String head = "{\"apiVersion\":\"" + GROUP + "/v1\",\"kind\":\"Target\",";
    assertEquals(
        201,
        api.post(
                base,
                head + "\"metadata\":{\"name\":\"ok\"},\"spec\":{\"s\":\"a\",\"replicas\":1}}")
            .code());
    String[][] bad = {
      {"i string", "{\"i\":\"1\"}", "422"},
      {"i bool", "{\"i\":true}", "422"},
      {"i fraction", "{\"i\":1.5}", "422"},
      {"i beyond int64", "{\"i\":99999999999999999999999}", "422"},
      {"n 1e400", "{\"n\":1e400}", "400"},
      {"n string", "{\"n\":\"NaN\"}", "422"},
      {"s number", "{\"s\":5}", "422"},
      {"b string", "{\"b\":\"true\"}", "422"},
      {"o array", "{\"o\":[1]}", "422"},
      {"o.x object", "{\"o\":{\"x\":{}}}", "422"},
      {"l object", "{\"l\":{\"a\":1}}", "422"},
      {"l of numbers", "{\"l\":[1,2]}", "422"},
      {"m array", "{\"m\":[\"a\"]}", "422"},
      {"m number values", "{\"m\":{\"a\":1}}", "422"},
      {"ios bool", "{\"ios\":true}", "422"},
      {"lm duplicate keys", "{\"lm\":[{\"name\":\"a\"},{\"name\":\"a\"}]}", "422"},
      {"lm missing key", "{\"lm\":[{\"v\":1}]}", "422"},
      {"lm item string", "{\"lm\":[\"a\"]}", "422"},
      {"spec string", "\"x\"", "422"},
      {"spec array", "[]", "422"},
    };
    int i = 0;
    for (String[] b : bad) {
      String name = "bad" + i++;
      expect(
          b[0],
          api.post(base, head + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + b[1] + "}"),
          Integer.parseInt(b[2]));
      if (api.get(base + "/" + name).code() != 404) {
        problems.add(b[0] + ": object was written");
      }
    }
    // nulls are never a server error
    for (String f : List.of("i", "n", "s", "b", "o", "l", "m", "ios", "lm")) {
      Api.Resp r =
          api.post(
              base,
              head + "\"metadata\":{\"name\":\"null-" + f + "\"},\"spec\":{\"" + f + "\":null}}");
      if (r.code() != 201 && r.code() != 422) {
        problems.add("null " + f + ": " + r.code() + " " + r.body());
      }
    }
    // metadata, apiVersion and kind of the wrong shape
    String[][] envelopes = {
      {"metadata string", head + "\"metadata\":\"x\"}"},
      {"metadata name number", head + "\"metadata\":{\"name\":5}}"},
      {"labels array", head + "\"metadata\":{\"name\":\"e1\",\"labels\":[\"a\"]}}"},
      {"labels number values", head + "\"metadata\":{\"name\":\"e2\",\"labels\":{\"a\":1}}}"},
      {
        "annotations null value",
        head + "\"metadata\":{\"name\":\"e3\",\"annotations\":{\"a\":null}}}"
      },
      {"finalizers string", head + "\"metadata\":{\"name\":\"e4\",\"finalizers\":\"f\"}}"},
      {"ownerReferences garbage", head + "\"metadata\":{\"name\":\"e5\",\"ownerReferences\":[1]}}"},
      {
        "creationTimestamp garbage",
        head + "\"metadata\":{\"name\":\"e6\",\"creationTimestamp\":\"yesterday\"}}"
      },
      {
        "apiVersion other group",
        "{\"apiVersion\":\"other.example.com/v1\",\"kind\":\"Target\",\"metadata\":{\"name\":\"e7\"}}"
      },
      {
        "apiVersion number", "{\"apiVersion\":1,\"kind\":\"Target\",\"metadata\":{\"name\":\"e8\"}}"
      },
      {
        "kind other",
        "{\"apiVersion\":\""
            + GROUP
            + "/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"e9\"}}"
      },
      {"kind missing", "{\"apiVersion\":\"" + GROUP + "/v1\",\"metadata\":{\"name\":\"e10\"}}"},
      {"namespace other", head + "\"metadata\":{\"name\":\"e11\",\"namespace\":\"kube-system\"}}"},
      {"name invalid", head + "\"metadata\":{\"name\":\"E_12!\"}}"},
      {"array body", "[" + head + "\"metadata\":{\"name\":\"e13\"}}]"},
      {"null body", "null"},
    };
    for (String[] e : envelopes) {
      Api.Resp r = api.post(base, e[1]);
      if (e[0].equals("kind missing")) {
        // custom resources decode as unstructured objects, which must name their kind
        expect(e[0], r, 400);
        if (!r.body().contains("Object 'Kind' is missing in")) {
          problems.add("kind missing: " + r.body());
        }
      } else if (List.of("annotations null value", "creationTimestamp garbage").contains(e[0])) {
        // accepted: the server sets creationTimestamp
        expect(e[0], r, 201, 400, 422);
      } else {
        expect(e[0], r, 400, 422);
      }
    }
    // a null annotation decodes to the empty string, as into Go's map[string]string
    Api.Resp e3 = api.get(base + "/e3");
    if (e3.code() == 200 && !e3.json().at("/metadata/annotations/a").isTextual()) {
      problems.add("null annotation stored as " + e3.json().at("/metadata/annotations"));
    }
    Api.Resp bin =
        api.sendBytes(
            "POST",
            base,
            "application/json",
            (head + "\"metadata\":{\"name\":\"bin\"},\"spec\":{\"s\":\"\u0000\"}}")
                .replace("\u0000", "\u00ff")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    if (bin.code() != 201 && bin.code() != 400) {
      problems.add("invalid UTF-8: " + bin.code() + " " + bin.body());
    }
    // patches
    String ok = base + "/ok";
    expect(
        "json patch bad path",
        api.patch(
            ok,
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/nope/x\",\"value\":1}]"),
        422);
    expect(
        "json patch bad op",
        api.patch(ok, "application/json-patch+json", "[{\"op\":\"explode\",\"path\":\"/spec\"}]"),
        422,
        400);
    expect(
        "json patch not a list",
        api.patch(ok, "application/json-patch+json", "{\"op\":\"add\"}"),
        400);
    expect(
        "json patch removes metadata",
        api.patch(
            ok, "application/json-patch+json", "[{\"op\":\"remove\",\"path\":\"/metadata\"}]"),
        200,
        400,
        422);
    if (!"ok".equals(api.get(ok).json().at("/metadata/name").asText())) {
      problems.add("json patch removing metadata broke the object");
    }
    expect(
        "json patch replaces root",
        api.patch(
            ok, "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"\",\"value\":[]}]"),
        400,
        422);
    expect(
        "json patch wrong type",
        api.patch(
            ok,
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/i\",\"value\":\"x\"}]"),
        422);
    expect(
        "merge patch null root", api.patch(ok, "application/merge-patch+json", "null"), 400, 422);
    expect(
        "merge patch array root", api.patch(ok, "application/merge-patch+json", "[1]"), 400, 422);
    expect(
        "merge patch kind change",
        api.patch(ok, "application/merge-patch+json", "{\"kind\":\"Other\"}"),
        400,
        422);
    expect(
        "merge patch apiVersion change",
        api.patch(ok, "application/merge-patch+json", "{\"apiVersion\":\"x/v9\"}"),
        400,
        422);
    expect(
        "merge patch metadata null",
        api.patch(ok, "application/merge-patch+json", "{\"metadata\":null}"),
        200,
        400,
        422);
    expect(
        "apply duplicate list-map keys",
        api.patch(
            ok + "?fieldManager=h",
            "application/apply-patch+yaml",
            head
                + "\"metadata\":{\"name\":\"ok\"},\"spec\":{\"lm\":[{\"name\":\"a\",\"v\":1},"
                + "{\"name\":\"a\",\"v\":2}]}}"),
        200,
        422,
        400);
    if (api.get(ok).json().at("/spec/lm").size() > 1) {
      problems.add("duplicate list-map keys stored: " + api.get(ok).json().at("/spec/lm"));
    }
    expect(
        "apply without fieldManager",
        api.patch(ok, "application/apply-patch+yaml", head + "\"metadata\":{\"name\":\"ok\"}}"),
        400,
        422);
    expect(
        "apply wrong name",
        api.patch(
            ok + "?fieldManager=h",
            "application/apply-patch+yaml",
            head + "\"metadata\":{\"name\":\"other\"}}"),
        400);
    expect(
        "apply yaml garbage",
        api.patch(ok + "?fieldManager=h", "application/apply-patch+yaml", "{{{: : :"),
        400);
    // scale with strings and garbage
    expect(
        "scale replicas string",
        api.put(
            ok + "/scale",
            "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"ok\",\"namespace\":\"default\"},\"spec\":{\"replicas\":\"3\"}}"),
        400);
    expect(
        "scale replicas negative",
        api.patch(ok + "/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}"),
        422);
    expect(
        "scale replicas huge",
        api.patch(
            ok + "/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":99999999999}}"),
        400,
        422);
    // status writes ignore spec
    Api.Resp st =
        api.patch(
            ok + "/status",
            "application/merge-patch+json",
            "{\"spec\":{\"s\":\"changed\"},\"status\":{\"replicas\":2}}");
    expect("status with spec", st, 200);
    if (!"a".equals(api.get(ok).json().at("/spec/s").asText())) {
      problems.add("status write changed spec");
    }
    expect(
        "status wrong type",
        api.patch(
            ok + "/status", "application/merge-patch+json", "{\"status\":{\"replicas\":\"two\"}}"),
        422);
    // selectors and watches
    expect("field selector not selectable", api.get(base + "?fieldSelector=spec.i%3D1"), 400);
    expect("field selector garbage", api.get(base + "?fieldSelector=%3D%3D%3D"), 400);
    expect("field selector selectable", api.get(base + "?fieldSelector=spec.s%3Da"), 200);
    expect("label selector garbage", api.get(base + "?labelSelector=!!!((%3D%3D"), 400);
    expect("label selector bad value", api.get(base + "?labelSelector=a%20in%20(b"), 400);
    expect("watch bogus rv", api.get(base + "?watch=1&resourceVersion=abc"), 422);
    expect("list bogus rv", api.get(base + "?resourceVersion=abc"), 422);
    expect("list bogus limit", api.get(base + "?limit=abc"), 400);
    expect("list bogus continue", api.get(base + "?limit=1&continue=garbage"), 400);
    expect("list bogus timeout", api.get(base + "?watch=1&timeoutSeconds=abc"), 400);
    expect("delete bogus body", api.delete(ok, "{\"propagationPolicy\":\"Sideways\"}"), 400, 422);
    expect(
        "delete bogus preconditions",
        api.delete(ok, "{\"preconditions\":{\"uid\":\"nope\"}}"),
        409);
    if (api.get(ok).code() != 200) {
      problems.add("ok was deleted");
    }
    noProblems();
  }
}
