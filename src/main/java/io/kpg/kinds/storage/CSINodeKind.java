package io.kpg.kinds.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** storage.k8s.io/v1 CSINode: cluster-scoped. */
@Singleton
public class CSINodeKind extends KindDef {
  public CSINodeKind() {
    super("storage.k8s.io", "v1", "CSINode", "csinodes", false);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode d : RestKinds.items(RestKinds.node(obj, "spec", "drivers"))) {
      String p = "spec.drivers[" + i++ + "]";
      String name = RestKinds.str(d, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p + ".name", ""));
      } else {
        if (name.length() > 63) {
          errs.add(FieldError.tooLong(p + ".name", name, 63));
        }
        for (String m :
            NameValidation.isDns1123Subdomain(name.toLowerCase(java.util.Locale.ROOT))) {
          errs.add(FieldError.invalid(p + ".name", name, m));
        }
        if (!names.add(name)) {
          errs.add(FieldError.duplicate(p + ".name", name));
        }
      }
      String nodeId = RestKinds.str(d, "nodeID");
      if (nodeId.isEmpty()) {
        errs.add(FieldError.required(p + ".nodeID", ""));
      } else if (nodeId.length() > 192) {
        errs.add(FieldError.tooLong(p + ".nodeID", nodeId, 192));
      }
      JsonNode count = RestKinds.node(d, "allocatable", "count");
      if (count != null && count.asLong() < 0) {
        errs.add(
            FieldError.invalid(
                p + ".allocatable.count", count.asLong(), "must be greater than or equal to 0"));
      }
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Drivers",
            "integer",
            "Drivers indicates the number of CSI drivers registered on the node"),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(
        RestKinds.name(obj),
        (long) RestKinds.size(RestKinds.node(obj, "spec", "drivers")),
        Tables.age(obj, now));
  }
}
