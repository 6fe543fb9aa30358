package io.kpg.storage;

/** Storage-level outcomes the registry translates into Kubernetes errors. */
public class StorageException extends RuntimeException {
  public enum Reason {
    /** create of a key that exists */
    KEY_EXISTS,
    /** the object is not there */
    NOT_FOUND,
    /** the object changed since the expected resourceVersion */
    CONFLICT,
    /** the requested resourceVersion is older than the retained history */
    EXPIRED,
    /** the requested resourceVersion is newer than any committed one */
    TOO_LARGE,
    /** the database could not be reached or failed */
    UNAVAILABLE
  }

  private final Reason reason;

  public StorageException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public StorageException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
