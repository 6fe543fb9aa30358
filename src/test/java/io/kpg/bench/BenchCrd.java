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

  /**
   * Creates the CRD, waits until its Established condition is True and then until the resources are
   * served in {@code namespace} (kpg reports Established before its informer has registered the
   * kind, so the first requests can get 404); returns both delays for the report.
   */
  String install(Api api, String namespace, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    Api.Resp r = api.post(CRDS, definition);
    if (r.code() != 201) {
      throw new IllegalStateException("creating the CRD: " + r.code() + " " + r.body());
    }
    while (!established(api.get(CRDS + "/" + NAME).json())) {
      await(end, "CRD not Established", api);
    }
    long established = System.nanoTime();
    while (api.get(collection(namespace) + "?limit=1").code() != 200) {
      await(end, "CRD Established but its resources not served", api);
    }
    return String.format(
        "CRD create -> Established %.0f ms -> resources served %.0f ms later",
        (established - start) / 1e6, (System.nanoTime() - established) / 1e6);
  }

  private static void await(long end, String problem, Api api) throws InterruptedException {
    if (System.nanoTime() > end) {
      throw new IllegalStateException(problem + ": " + api.get(CRDS + "/" + NAME).body());
    }
    Thread.sleep(10);
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
