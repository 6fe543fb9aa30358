package io.kpg.selector;

import io.kpg.json.GoStrings;
import java.util.List;

/** Renders values the way Go's fmt does in upstream's error messages. */
final class GoText {
  private GoText() {}

  /** Go's json.Marshal of a []string (nil slice renders as null). */
  static String jsonList(List<String> values) {
    if (values == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(GoStrings.jsonString(values.get(i)));
    }
    return sb.append(']').toString();
  }

  /** A field.Error rendered as {@code <path>: Invalid value: <value>: <detail>}. */
  static String invalid(String path, String renderedValue, String detail) {
    return path + ": Invalid value: " + renderedValue + ": " + detail;
  }

  /** utilerrors.Aggregate's Error(): one message as is, several in brackets (duplicates once). */
  static String aggregate(List<String> msgs) {
    List<String> unique = msgs.stream().distinct().toList();
    if (unique.size() == 1) {
      return unique.get(0);
    }
    return "[" + String.join(", ", unique) + "]";
  }
}
