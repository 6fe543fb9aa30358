package io.kpg.auth;

import jakarta.inject.Singleton;

/**
 * The authorizer in force until RBAC arrives: members of {@code system:masters} may do everything,
 * kpg's own controllers ({@code system:kpg-controllers}) too, everyone else nothing.
 */
@Singleton
public class MastersAuthorizer implements Authorizer {
  public static final String MASTERS = "system:masters";
  public static final String CONTROLLERS = "system:kpg-controllers";

  @Override
  public Decision authorize(Attributes a) {
    if (a.user().groups().contains(MASTERS) || a.user().groups().contains(CONTROLLERS)) {
      return Decision.ALLOW;
    }
    // like upstream's system:basic-user: everyone authenticated may ask what they may do
    if (a.resourceRequest()
        && a.verb().equals("create")
        && a.group().equals("authorization.k8s.io")
        && a.resource().equals("selfsubjectaccessreviews")
        && a.user().groups().contains("system:authenticated")) {
      return Decision.ALLOW;
    }
    return Decision.NO_OPINION;
  }
}
