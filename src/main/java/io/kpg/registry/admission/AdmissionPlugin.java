package io.kpg.registry.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;

/**
 * An admission plug-in (upstream's admission.Interface). {@code op} is CREATE, UPDATE or DELETE;
 * for DELETE {@code obj} is null and {@code old} is the object being deleted. Errors are thrown as
 * {@link io.kpg.errors.StatusException}.
 */
public interface AdmissionPlugin {
  default void admit(RequestContext ctx, KindDef k, String op, ObjectNode obj, ObjectNode old) {}

  default void validate(RequestContext ctx, KindDef k, String op, ObjectNode obj, ObjectNode old) {}
}
