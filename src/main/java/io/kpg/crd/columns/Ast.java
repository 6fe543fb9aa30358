package io.kpg.crd.columns;

import java.util.ArrayList;
import java.util.List;

/** The parsed form of a jsonpath template: the node kinds client-go's parser produces. */
final class Ast {
  private Ast() {}

  sealed interface Node
      permits Actions,
          Text,
          Field,
          Slice,
          Filter,
          IntLit,
          FloatLit,
          BoolLit,
          Wildcard,
          Recursive,
          Union,
          Identifier {}

  /** A sequence of nodes; each {@code {...}} action is one, and so is the template's root. */
  static final class Actions implements Node {
    final List<Node> nodes = new ArrayList<>();

    boolean hasIdentifier(String name) {
      return nodes.stream().anyMatch(n -> n instanceof Identifier i && i.name().equals(name));
    }

    Node last() {
      return nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
    }
  }

  /** Literal text: outside actions, or a quoted string inside one. */
  record Text(String text) implements Node {}

  /** {@code .name}: a key of an object. */
  record Field(String name) implements Node {}

  /** One bound of a slice: {@code known} when written (or derived from an index). */
  record Bound(long value, boolean known, boolean derived) {}

  /** {@code [i]}, {@code [a:b]}, {@code [a:b:step]}, {@code [*]}. */
  record Slice(Bound start, Bound end, Bound step) implements Node {}

  /** {@code [?(left op right)]}, or {@code [?(left)]} with operator {@code exists}. */
  record Filter(Actions left, Actions right, String operator) implements Node {}

  record IntLit(long value) implements Node {}

  record FloatLit(double value) implements Node {}

  record BoolLit(boolean value) implements Node {}

  /** {@code .*} */
  record Wildcard() implements Node {}

  /** {@code ..} */
  record Recursive() implements Node {}

  /** {@code [a, b]}: the results of each branch, concatenated. */
  record Union(List<Actions> branches) implements Node {}

  /** A bare word in an action: {@code range} and {@code end} are the only ones evaluated. */
  record Identifier(String name) implements Node {}
}
