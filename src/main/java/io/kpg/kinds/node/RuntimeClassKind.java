package io.kpg.kinds.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import io.kpg.registry.validation.NameValidation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** node.k8s.io/v1 RuntimeClass: cluster-scoped; handler is a DNS label and immutable. */
@Singleton
public class RuntimeClassKind extends KindDef {
  public RuntimeClassKind() {
    super("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", false);
  }

  /**
   * ValidateRuntimeClass: the handler must be a DNS label (an empty handler fails that check, which
   * is how upstream reports a missing one).
   */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String handler = RestKinds.str(obj, "handler");
    for (String m : NameValidation.isDns1123Label(handler)) {
      errs.add(FieldError.invalid("handler", handler, m));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    String handler = RestKinds.str(obj, "handler");
    if (!handler.equals(RestKinds.str(old, "handler"))) {
      errs.add(FieldError.invalid("handler", handler, RestKinds.IMMUTABLE));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(), RestKinds.col("Handler", "string", ""), RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(RestKinds.name(obj), RestKinds.str(obj, "handler"), Tables.age(obj, now));
  }
}
