package io.kpg.kinds.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** coordination.k8s.io/v1 Lease. */
@Singleton
public class LeaseKind extends KindDef {
  static final List<String> STRATEGIES = List.of("OldestEmulationVersion");

  public LeaseKind() {
    super("coordination.k8s.io", "v1", "Lease", "leases", true);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    JsonNode dur = RestKinds.node(spec, "leaseDurationSeconds");
    if (dur != null && dur.asLong() <= 0) {
      errs.add(
          FieldError.invalid("spec.leaseDurationSeconds", dur.asLong(), "must be greater than 0"));
    }
    JsonNode tr = RestKinds.node(spec, "leaseTransitions");
    if (tr != null && tr.asLong() < 0) {
      errs.add(
          FieldError.invalid(
              "spec.leaseTransitions", tr.asLong(), "must be greater than or equal to 0"));
    }
    String strategy = RestKinds.str(spec, "strategy");
    if (spec.hasNonNull("strategy") && !STRATEGIES.contains(strategy)) {
      errs.add(FieldError.notSupported("spec.strategy", strategy, STRATEGIES));
    }
    if (!RestKinds.str(spec, "preferredHolder").isEmpty() && strategy.isEmpty()) {
      errs.add(
          FieldError.forbidden(
              "spec.preferredHolder", "may only be specified if `strategy` is defined"));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Holder",
            "string",
            "holderIdentity contains the identity of the holder of a current lease."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(
        RestKinds.name(obj), RestKinds.str(obj, "spec", "holderIdentity"), Tables.age(obj, now));
  }
}
