package io.kpg.kinds.apiextensions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The real-world CRDs under src/test/resources/crds/real decode without unknown fields and pass the
 * CustomResourceDefinition kind's create path (defaults, structural schema, CEL compilation and
 * cost estimates) as they pass upstream's, without a server.
 */
class RealCrdValidationTest {

  @TestFactory
  Stream<DynamicTest> realCrdsAreValid() throws Exception {
    Path dir = Path.of("src/test/resources/crds/real");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return files.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.getFileName().toString(),
                    () -> {
                      ObjectNode crd =
                          Json.MAPPER.valueToTree(new Yaml().load(Files.readString(p)));
                      CustomResourceDefinitionKind kind = new CustomResourceDefinitionKind();
                      assertEquals(List.of(), kind.normalize(crd, "body"));
                      kind.prepareForCreate(crd);
                      kind.applyDefaults(crd);
                      List<String> errs =
                          kind.validate(crd).stream().map(FieldError::message).toList();
                      assertEquals(List.of(), errs);
                    }));
  }
}
