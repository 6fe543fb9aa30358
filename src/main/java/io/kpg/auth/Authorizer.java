package io.kpg.auth;

/** Decides whether a request may proceed. Several can be chained; DENY is the default. */
public interface Authorizer {
  enum Decision {
    ALLOW,
    DENY,
    NO_OPINION
  }

  Decision authorize(Attributes attributes);
}
