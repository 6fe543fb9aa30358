package io.kpg.registry.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import io.quarkus.arc.All;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The admission plug-ins in order: mutating ones run before the kind's defaults and validation,
 * validating ones after; the first error stops the request.
 */
@Singleton
public class AdmissionChain {
  private final List<AdmissionPlugin> plugins;

  @Inject
  public AdmissionChain(@All List<AdmissionPlugin> plugins) {
    this.plugins = plugins;
  }

  /** Mutating phase: plug-ins may change {@code obj}. */
  public void admit(RequestContext ctx, KindDef k, String op, ObjectNode obj, ObjectNode old) {
    for (AdmissionPlugin p : plugins) {
      p.admit(ctx, k, op, obj, old);
    }
  }

  /** Validating phase: plug-ins may only reject. */
  public void validate(RequestContext ctx, KindDef k, String op, ObjectNode obj, ObjectNode old) {
    for (AdmissionPlugin p : plugins) {
      p.validate(ctx, k, op, obj, old);
    }
  }
}
