package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.registry.KindDef;
import io.kpg.registry.Tables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * core/v1 ServiceAccount. Upstream also serves {@code serviceaccounts/token} (TokenRequest), which
 * needs token signing and is not declared here.
 */
@Singleton
public class ServiceAccountKind extends KindDef {
  public ServiceAccountKind() {
    super("", "v1", "ServiceAccount", "serviceaccounts", true);
    shortNames("sa");
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Secrets",
            "string",
            "Secrets is a list of the secrets in the same namespace that pods running using this"
                + " ServiceAccount are allowed to use."),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    return List.of(
        RestKinds.name(obj), (long) RestKinds.size(obj.get("secrets")), Tables.age(obj, now));
  }
}
