package io.kpg.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * One conditional write handed to the {@link Committer}. The committer assigns the resourceVersion,
 * writes it into {@code object.metadata.resourceVersion}, serializes, and completes {@link #result}
 * after the transaction commits.
 *
 * @param expectedRv for UPDATE and DELETE: the rv the stored object must still have
 * @param prevData the stored JSON being replaced (UPDATE/DELETE), recorded in the change log
 */
public record WriteOp(
    Type type,
    ResourceKey key,
    ObjectNode object,
    long expectedRv,
    String prevData,
    CompletableFuture<Stored> result) {

  public enum Type {
    CREATE,
    UPDATE,
    DELETE
  }

  public static WriteOp create(ResourceKey key, ObjectNode obj) {
    return new WriteOp(Type.CREATE, key, obj, 0, null, new CompletableFuture<>());
  }

  public static WriteOp update(ResourceKey key, ObjectNode obj, Stored current) {
    return new WriteOp(
        Type.UPDATE, key, obj, current.rv(), current.data(), new CompletableFuture<>());
  }

  public static WriteOp delete(ResourceKey key, ObjectNode lastState, Stored current) {
    return new WriteOp(
        Type.DELETE, key, lastState, current.rv(), current.data(), new CompletableFuture<>());
  }

  public char changeType() {
    return switch (type) {
      case CREATE -> 'A';
      case UPDATE -> 'M';
      case DELETE -> 'D';
    };
  }
}
