package io.kpg.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.auth.Attributes;
import io.kpg.auth.Authorizer;
import io.kpg.auth.UserInfo;
import io.kpg.errors.Errors;
import io.kpg.registry.KindCatalog;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import io.kpg.registry.ResourceStore;
import io.kpg.registry.ResourceStore.DeleteOptions;
import io.kpg.registry.ResourceStore.Target;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How controllers write: the same registry pipeline (authorization, admission, defaults,
 * validation, storage) as any HTTP client, as the user {@code system:kpg-controller-manager}.
 */
@Singleton
public class LocalClient {
  static final UserInfo USER =
      new UserInfo(
          "system:kpg-controller-manager",
          List.of("system:kpg-controllers", "system:authenticated"));

  @Inject ResourceStore store;
  @Inject KindCatalog catalog;
  @Inject Authorizer authorizer;

  /** The field manager recorded in managedFields; null: the internal default. */
  private String manager;

  /**
   * This client writing under another field manager, as upstream's controllers do under their
   * binary's name (e.g. {@code kube-apiserver} for the CRD controllers running inside it).
   */
  public LocalClient as(String manager) {
    LocalClient c = new LocalClient();
    c.store = store;
    c.catalog = catalog;
    c.authorizer = authorizer;
    c.manager = manager;
    return c;
  }

  public KindDef kind(String group, String version, String plural) {
    KindDef k = catalog.find(group, version, plural);
    if (k == null) {
      throw new IllegalStateException("kind not served: " + group + "/" + version + "/" + plural);
    }
    return k;
  }

  private RequestContext ctx(KindDef k, String verb, String ns, String name, String sub) {
    Attributes a =
        new Attributes(USER, verb, true, k.group(), k.version(), k.plural(), sub, ns, name, "");
    if (authorizer.authorize(a) != Authorizer.Decision.ALLOW) {
      throw Errors.forbidden(
          k.group(), k.plural(), name, "controller may not " + verb + " " + k.plural());
    }
    return manager == null
        ? RequestContext.internal(USER)
        : new RequestContext(USER, false, manager, RequestContext.FieldValidation.IGNORE);
  }

  public ObjectNode create(KindDef k, String ns, ObjectNode obj) {
    return store.create(ctx(k, "create", ns, "", ""), k, ns, obj);
  }

  public ObjectNode update(KindDef k, String ns, String name, UnaryOperator<ObjectNode> change) {
    return store
        .guaranteedUpdate(
            ctx(k, "update", ns, name, ""), k, ns, name, Target.MAIN, change, null, false)
        .object();
  }

  public ObjectNode updateStatus(
      KindDef k, String ns, String name, UnaryOperator<ObjectNode> change) {
    return store
        .guaranteedUpdate(
            ctx(k, "update", ns, name, "status"), k, ns, name, Target.STATUS, change, null, false)
        .object();
  }

  public ObjectNode updateSubresource(
      KindDef k, String ns, String name, String sub, ObjectNode body) {
    ResourceStore.Written w =
        store.subresource(ctx(k, "update", ns, name, sub), k, ns, name, sub, body);
    return w == null ? null : w.object();
  }

  public void delete(KindDef k, String ns, String name) {
    store.delete(ctx(k, "delete", ns, name, ""), k, ns, name, DeleteOptions.NONE);
  }
}
