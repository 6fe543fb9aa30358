package io.kpg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.it.Api;
import io.kpg.json.Json;
import io.kpg.json.YamlBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The custom resource kind of {@link WriteBenchmark}'s validation-cost measurement: a namespaced
 * CRD whose spec has 50 fields of mixed types and 10 CEL rules (bench-crd.yaml), and resources that
 * set every field and satisfy every rule (bench-cr.yaml).
 */
final class BenchCrd {
  static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  static final String NAME = "appconfigs.bench.kpg.io";

  /** Stands for metadata.name in the serialized resource; JSON writes it unescaped. */
  private static final String NAME_SLOT = "bench-name-slot";

  private final String definition;
  private final String before;
  private final String after;

  BenchCrd() {
    definition = Json.write(yaml("bench-crd.yaml"));
    ObjectNode cr = (ObjectNode) yaml("bench-cr.yaml");
    ((ObjectNode) cr.get("metadata")).put("name", NAME_SLOT);
    String text = Json.write(cr);
    int at = text.indexOf(NAME_SLOT);
    before = text.substring(0, at);
    after = text.substring(at + NAME_SLOT.length());
  }

  private static JsonNode yaml(String resource) {
    try (InputStream in = BenchCrd.class.getResourceAsStream(resource)) {
      return YamlBodies.parse(in.readAllBytes()).tree();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The collection of the custom resources in a namespace. */
  static String collection(String namespace) {
    return "/apis/bench.kpg.io/v1/namespaces/" + namespace + "/appconfigs";
  }

  /** The resource named {@code name} (a DNS label), as JSON. */
  String resource(String name) {
    return before + name + after;
  }

  /** Creates the CRD and waits until its Established condition is True. */
  void install(Api api, Duration timeout) throws InterruptedException {
    Api.Resp r = api.post(CRDS, definition);
    if (r.code() != 201) {
      throw new IllegalStateException("creating the CRD: " + r.code() + " " + r.body());
    }
    long end = System.nanoTime() + timeout.toNanos();
    while (!established(api.get(CRDS + "/" + NAME).json())) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "CRD not Established after " + timeout + ": " + api.get(CRDS + "/" + NAME).body());
      }
      Thread.sleep(100);
    }
  }

  private static boolean established(JsonNode crd) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Established")
          && c.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }
}
