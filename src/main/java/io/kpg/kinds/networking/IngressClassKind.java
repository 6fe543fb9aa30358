package io.kpg.kinds.networking;

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
import java.util.List;

/** networking.k8s.io/v1 IngressClass: cluster-scoped; controller required and immutable. */
@Singleton
public class IngressClassKind extends KindDef {
  static final int MAX_CONTROLLER_LEN = 250;
  static final List<String> SCOPES = List.of("Cluster", "Namespace");

  public IngressClassKind() {
    super("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String ctrl = RestKinds.str(obj, "spec", "controller");
    if (ctrl.length() > MAX_CONTROLLER_LEN) {
      errs.add(FieldError.tooLong("spec.controller", ctrl, MAX_CONTROLLER_LEN));
    }
    if (ctrl.isEmpty()) {
      errs.add(FieldError.required("spec.controller", ""));
    } else {
      int slash = ctrl.indexOf('/');
      if (slash < 0) {
        errs.add(
            FieldError.invalid(
                "spec.controller",
                ctrl,
                "must be a domain-prefixed path (such as \"acme.io/foo\")"));
      } else {
        String host = ctrl.substring(0, slash);
        for (String m : NameValidation.isDns1123Subdomain(host)) {
          errs.add(FieldError.invalid("spec.controller", host, m));
        }
      }
    }
    JsonNode params = RestKinds.node(obj, "spec", "parameters");
    if (params != null) {
      if (RestKinds.str(params, "kind").isEmpty()) {
        errs.add(FieldError.required("spec.parameters.kind", "kind is required"));
      }
      if (RestKinds.str(params, "name").isEmpty()) {
        errs.add(FieldError.required("spec.parameters.name", "name is required"));
      }
      String scope = RestKinds.str(params, "scope");
      if (params.hasNonNull("scope") && !SCOPES.contains(scope)) {
        errs.add(FieldError.notSupported("spec.parameters.scope", scope, SCOPES));
      }
      if ("Namespace".equals(scope) && RestKinds.str(params, "namespace").isEmpty()) {
        errs.add(
            FieldError.required(
                "spec.parameters.namespace", "`parameters.scope` is set to 'Namespace'"));
      }
      if ("Cluster".equals(scope) && params.hasNonNull("namespace")) {
        errs.add(
            FieldError.forbidden(
                "spec.parameters.namespace", "`parameters.scope` is set to 'Cluster'"));
      }
    }
    return errs;
  }

  /** SetDefaults_IngressClass: parameters.scope Cluster when parameters are given. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    JsonNode params = RestKinds.node(obj, "spec", "parameters");
    if (params instanceof ObjectNode p && !p.hasNonNull("scope")) {
      p.put("scope", "Cluster");
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = validate(obj);
    String ctrl = RestKinds.str(obj, "spec", "controller");
    if (!ctrl.equals(RestKinds.str(old, "spec", "controller"))) {
      errs.add(FieldError.invalid("spec.controller", ctrl, RestKinds.IMMUTABLE));
    }
    return errs;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        RestKinds.nameColumn(),
        RestKinds.col(
            "Controller", "string", "Controller that is responsible for handling this class"),
        RestKinds.col(
            "Parameters", "string", "A reference to a resource with additional parameters"),
        RestKinds.ageColumn());
  }

  @Override
  public List<Object> row(ObjectNode obj, Instant now) {
    JsonNode p = RestKinds.node(obj, "spec", "parameters");
    String params = "<none>";
    if (p != null) {
      params = RestKinds.str(p, "kind");
      if (p.hasNonNull("apiGroup")) {
        params += "." + RestKinds.str(p, "apiGroup");
      }
      params += "/" + RestKinds.str(p, "name");
    }
    return List.of(
        RestKinds.name(obj),
        RestKinds.str(obj, "spec", "controller"),
        params,
        Tables.age(obj, now));
  }
}
