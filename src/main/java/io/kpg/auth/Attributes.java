package io.kpg.auth;

/** What a request wants to do, as an authorizer sees it (upstream's authorizer.Attributes). */
public record Attributes(
    UserInfo user,
    String verb,
    boolean resourceRequest,
    String group,
    String version,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {}
