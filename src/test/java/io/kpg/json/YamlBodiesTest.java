package io.kpg.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpg.errors.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlBodiesTest {
  static BodyParser.Parsed parse(String s) {
    return YamlBodies.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  /** YAML 1.1 as go-yaml v2 reads it: the key {@code on} is the boolean true. */
  @Test
  void anchorsMergeKeysAndTimestampsAsStrings() {
    BodyParser.Parsed p =
        parse("base: &b {x: 1}\nobj:\n  <<: *b\n  y: 2\nts: 2024-01-02T03:04:05Z\non: yes\n");
    assertEquals(
        "{\"base\":{\"x\":1},\"obj\":{\"x\":1,\"y\":2},\"ts\":\"2024-01-02T03:04:05Z\",\"true\":true}",
        Json.write(p.tree()));
  }

  @Test
  void duplicatesAreReported() {
    assertEquals(List.of("a"), parse("a: 1\na: 2\n").duplicates());
  }

  @Test
  void brokenOrMultipleDocumentsAre400() {
    for (String bad : List.of("metadata: [unclosed", "a: b: c", "x: 1\n---\ny: 2\n", "")) {
      StatusException e = assertThrows(StatusException.class, () -> parse(bad), bad);
      assertEquals(400, e.code(), bad);
    }
  }
}
