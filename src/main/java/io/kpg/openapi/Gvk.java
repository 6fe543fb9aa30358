package io.kpg.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;

/** A group/version/kind as the {@code x-kubernetes-group-version-kind} extension spells it. */
record Gvk(String group, String version, String kind) implements Comparable<Gvk> {

  ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("group", group);
    n.put("kind", kind);
    n.put("version", version);
    return n;
  }

  @Override
  public int compareTo(Gvk o) {
    int c = group.compareTo(o.group);
    if (c == 0) {
      c = version.compareTo(o.version);
    }
    return c != 0 ? c : kind.compareTo(o.kind);
  }
}
