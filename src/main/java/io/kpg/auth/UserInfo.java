package io.kpg.auth;

import java.util.List;

/** An authenticated user: name and groups, as from a client certificate's CN and O fields. */
public record UserInfo(String name, List<String> groups) {
  public static final UserInfo ANONYMOUS =
      new UserInfo("system:anonymous", List.of("system:unauthenticated"));

  public boolean isAnonymous() {
    return this == ANONYMOUS || "system:anonymous".equals(name);
  }
}
