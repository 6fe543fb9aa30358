package io.kpg.registry;

import io.kpg.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;

/** Per-request options that travel with a write through the pipeline. */
public final class RequestContext {
  public enum FieldValidation {
    IGNORE,
    WARN,
    STRICT
  }

  private final UserInfo user;
  private final boolean dryRun;
  private final String fieldManager;
  private final FieldValidation fieldValidation;
  private final List<String> warnings = new ArrayList<>();
  private boolean apply;
  private boolean managedFieldsSet;

  public RequestContext(
      UserInfo user, boolean dryRun, String fieldManager, FieldValidation fieldValidation) {
    this.user = user;
    this.dryRun = dryRun;
    this.fieldManager = fieldManager;
    this.fieldValidation = fieldValidation;
  }

  public static RequestContext internal(UserInfo user) {
    return new RequestContext(user, false, "kpg", FieldValidation.IGNORE);
  }

  public UserInfo user() {
    return user;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public String fieldManager() {
    return fieldManager;
  }

  public FieldValidation fieldValidation() {
    return fieldValidation;
  }

  /** whether this write is a server-side apply (its managedFields are already computed) */
  public boolean apply() {
    return apply;
  }

  public RequestContext markApply() {
    this.apply = true;
    return this;
  }

  /**
   * whether the writer has already set this write's managedFields (an apply, or a write through the
   * scale subresource), so the store records no Update entry of its own
   */
  public boolean managedFieldsSet() {
    return apply || managedFieldsSet;
  }

  public RequestContext markManagedFieldsSet() {
    this.managedFieldsSet = true;
    return this;
  }

  public List<String> warnings() {
    return warnings;
  }

  public void warn(String text) {
    warnings.add(text);
  }
}
