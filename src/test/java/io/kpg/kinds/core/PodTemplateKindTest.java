package io.kpg.kinds.core;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTemplateKindTest {
  private final PodTemplateKind kind = new PodTemplateKind();

  @Test
  void defaultsValidationAndRow() {
    assertEquals("podtemplates", kind.plural());
    assertEquals(List.of(), kind.shortNames());
    ObjectNode pt =
        obj(
            "{'metadata':{'name':'t'},'template':{'metadata':{'labels':{'app':'x','tier':'a'}},"
                + "'spec':{'containers':[{'name':'c','image':'nginx:1'}]}}}");
    kind.applyDefaults(pt);
    assertEquals("IfNotPresent", pt.at("/template/spec/containers/0/imagePullPolicy").asText());
    assertEquals("Always", pt.at("/template/spec/restartPolicy").asText());
    assertEquals(List.of(), kind.validate(pt));
    assertEquals(List.of("t", "c", "nginx:1", "app=x,tier=a"), kind.row(pt, Instant.now()));
  }

  @Test
  void containersRequiredAtTemplatePath() {
    ObjectNode pt = obj("{'metadata':{'name':'t'},'template':{'spec':{}}}");
    kind.applyDefaults(pt);
    assertEquals(List.of("template.spec.containers: Required value"), messages(kind.validate(pt)));
  }
}
