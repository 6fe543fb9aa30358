package io.kpg.ssa;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which field paths a write may own: upstream strips type and system metadata from every managed
 * set, and separates the main resource from its status subresource.
 */
public final class Scope {
  private Scope() {}

  private static final Set<String> SYSTEM_METADATA =
      Set.of(
          "f:name",
          "f:namespace",
          "f:creationTimestamp",
          "f:selfLink",
          "f:uid",
          "f:clusterName",
          "f:generation",
          "f:managedFields",
          "f:resourceVersion",
          "f:deletionTimestamp",
          "f:deletionGracePeriodSeconds");

  private static boolean system(List<String> p) {
    if (p.isEmpty()) {
      return true;
    }
    String first = p.get(0);
    if (first.equals("f:apiVersion") || first.equals("f:kind")) {
      return true;
    }
    return first.equals("f:metadata") && p.size() > 1 && SYSTEM_METADATA.contains(p.get(1));
  }

  /** paths owned through writes to the main resource */
  public static Predicate<List<String>> main(boolean hasStatusSubresource) {
    return p ->
        !system(p) && !(hasStatusSubresource && !p.isEmpty() && p.get(0).equals("f:status"));
  }

  /** paths owned through writes to the status subresource */
  public static Predicate<List<String>> status() {
    return p -> !p.isEmpty() && p.get(0).equals("f:status");
  }
}
