package io.kpg.kinds.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.auth.Attributes;
import io.kpg.auth.Authorizer;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview: "may I do this?" answered by the authorizer for
 * the requesting user; nothing is stored ({@code kubectl auth can-i}).
 */
@Singleton
public class SelfSubjectAccessReviewKind extends KindDef {
  @Inject Authorizer authorizer;

  public SelfSubjectAccessReviewKind() {
    super(
        "authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false);
    verbs("create");
  }

  @Override
  public boolean virtual() {
    return true;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    boolean res = spec.path("resourceAttributes").isObject();
    boolean nonRes = spec.path("nonResourceAttributes").isObject();
    if (res == nonRes) {
      errs.add(
          FieldError.invalid(
              "spec.resourceAttributes",
              spec.path("resourceAttributes").isMissingNode() ? null : "",
              "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
    }
    return errs;
  }

  @Override
  public ObjectNode review(RequestContext ctx, ObjectNode obj) {
    JsonNode spec = obj.path("spec");
    Attributes a;
    if (spec.path("resourceAttributes").isObject()) {
      JsonNode r = spec.path("resourceAttributes");
      a =
          new Attributes(
              ctx.user(),
              r.path("verb").asText(""),
              true,
              r.path("group").asText(""),
              r.path("version").asText(""),
              r.path("resource").asText(""),
              r.path("subresource").asText(""),
              r.path("namespace").asText(""),
              r.path("name").asText(""),
              "");
    } else {
      JsonNode n = spec.path("nonResourceAttributes");
      a =
          new Attributes(
              ctx.user(),
              n.path("verb").asText(""),
              false,
              "",
              "",
              "",
              "",
              "",
              "",
              n.path("path").asText(""));
    }
    boolean allowed = authorizer.authorize(a) == Authorizer.Decision.ALLOW;
    ObjectNode out = obj.deepCopy();
    Json.obj(out, "metadata").putNull("creationTimestamp");
    ObjectNode status = out.putObject("status");
    status.put("allowed", allowed);
    if (!allowed) {
      status.put("reason", "no policy allows this request");
    }
    return out;
  }
}
