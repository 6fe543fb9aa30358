package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitRangeKindTest {
  final LimitRangeKind k = new LimitRangeKind();

  @Test
  void containerDefaultsAndOrdering() {
    ObjectNode lr =
        T.obj(
            "{'spec':{'limits':[{'type':'Container','max':{'cpu':'2'},'min':{'memory':'64Mi'}}]}}");
    k.applyDefaults(lr);
    assertEquals("2", lr.at("/spec/limits/0/default/cpu").asText());
    assertEquals("2", lr.at("/spec/limits/0/defaultRequest/cpu").asText());
    assertEquals("64Mi", lr.at("/spec/limits/0/defaultRequest/memory").asText());
    assertEquals(List.of("limits"), k.shortNames());
    ObjectNode bad =
        T.obj("{'spec':{'limits':[{'type':'Container','max':{'cpu':'1'},'min':{'cpu':'2'}}]}}");
    assertEquals(
        "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1",
        T.messages(k.validate(bad)));
  }
}
