package io.kpg.kinds.batch;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a CronJob schedule the way upstream's robfig/cron v3 {@code ParseStandard} does (five
 * fields or a descriptor, optional {@code TZ=}/{@code CRON_TZ=} prefix) and returns its error text.
 */
public final class CronSchedule {
  private CronSchedule() {}

  private record Bounds(int min, int max, Map<String, Integer> names) {}

  private static final Bounds MINUTES = new Bounds(0, 59, null);
  private static final Bounds HOURS = new Bounds(0, 23, null);
  private static final Bounds DOM = new Bounds(1, 31, null);
  private static final Bounds MONTHS =
      new Bounds(
          1,
          12,
          Map.ofEntries(
              Map.entry("jan", 1),
              Map.entry("feb", 2),
              Map.entry("mar", 3),
              Map.entry("apr", 4),
              Map.entry("may", 5),
              Map.entry("jun", 6),
              Map.entry("jul", 7),
              Map.entry("aug", 8),
              Map.entry("sep", 9),
              Map.entry("oct", 10),
              Map.entry("nov", 11),
              Map.entry("dec", 12)));
  private static final Bounds DOW =
      new Bounds(
          0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

  /** The parse error as robfig/cron words it, or null when the schedule is valid. */
  public static String error(String spec) {
    if (spec.isEmpty()) {
      return "empty spec string";
    }
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int eq = spec.indexOf('=');
      int sp = spec.indexOf(' ');
      String tz = sp < 0 ? spec.substring(eq + 1) : spec.substring(eq + 1, sp);
      String zoneErr = zoneError(tz);
      if (zoneErr != null) {
        return "provided bad location " + tz + ": " + zoneErr;
      }
      spec = sp < 0 ? "" : spec.substring(sp).strip();
    }
    if (spec.startsWith("@")) {
      return descriptorError(spec);
    }
    String[] fields = spec.strip().isEmpty() ? new String[0] : spec.strip().split("\\s+");
    if (fields.length != 5) {
      return "expected exactly 5 fields, found "
          + fields.length
          + ": ["
          + String.join(" ", fields)
          + "]";
    }
    Bounds[] bounds = {MINUTES, HOURS, DOM, MONTHS, DOW};
    for (int i = 0; i < 5; i++) {
      for (String expr : fields[i].split(",", -1)) {
        String err = rangeError(expr, bounds[i]);
        if (err != null) {
          return err;
        }
      }
    }
    return null;
  }

  private static String descriptorError(String spec) {
    switch (spec) {
      case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly":
        return null;
      default:
        break;
    }
    if (spec.startsWith("@every ")) {
      String d = spec.substring("@every ".length());
      if (!d.matches("([0-9]*(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+|0")) {
        return "failed to parse duration " + spec + ": time: invalid duration \"" + d + "\"";
      }
      return null;
    }
    return "unrecognized descriptor: " + spec;
  }

  private static String rangeError(String expr, Bounds r) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean single = lowAndHigh.length == 1;
    long start;
    long end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = r.min;
      end = r.max;
    } else {
      Object s = intOrName(lowAndHigh[0], r);
      if (s instanceof String err) {
        return err;
      }
      start = (Long) s;
      if (lowAndHigh.length == 1) {
        end = start;
      } else if (lowAndHigh.length == 2) {
        Object e = intOrName(lowAndHigh[1], r);
        if (e instanceof String err) {
          return err;
        }
        end = (Long) e;
      } else {
        return "too many hyphens: " + expr;
      }
    }
    long step;
    if (rangeAndStep.length == 1) {
      step = 1;
    } else if (rangeAndStep.length == 2) {
      Object s = mustParseInt(rangeAndStep[1]);
      if (s instanceof String err) {
        return err;
      }
      step = (Long) s;
      if (single) {
        end = r.max;
      }
    } else {
      return "too many slashes: " + expr;
    }
    if (start < r.min) {
      return "beginning of range (" + start + ") below minimum (" + r.min + "): " + expr;
    }
    if (end > r.max) {
      return "end of range (" + end + ") above maximum (" + r.max + "): " + expr;
    }
    if (start > end) {
      return "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr;
    }
    if (step == 0) {
      return "step of range should be a positive number: " + expr;
    }
    return null;
  }

  private static Object intOrName(String expr, Bounds r) {
    if (r.names != null) {
      Integer v = r.names.get(expr.toLowerCase(Locale.ROOT));
      if (v != null) {
        return (long) v;
      }
    }
    return mustParseInt(expr);
  }

  private static Object mustParseInt(String expr) {
    long num;
    String digits = expr.startsWith("+") || expr.startsWith("-") ? expr.substring(1) : expr;
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      return "failed to parse int from "
          + expr
          + ": strconv.Atoi: parsing \""
          + expr
          + "\": invalid syntax";
    }
    try {
      num = Long.parseLong(expr);
      if (num > Integer.MAX_VALUE || num < Integer.MIN_VALUE) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      return "failed to parse int from "
          + expr
          + ": strconv.Atoi: parsing \""
          + expr
          + "\": value out of range";
    }
    if (num < 0) {
      return "negative number (" + num + ") not allowed: " + expr;
    }
    return num;
  }

  /** Go's time.LoadLocation error text for a zone name, or null when it loads. */
  static String zoneError(String tz) {
    if (tz.isEmpty() || tz.equals("UTC") || tz.equals("Local")) {
      return null;
    }
    List<String> ids = new ArrayList<>(ZoneId.getAvailableZoneIds());
    if (ids.contains(tz)) {
      return null;
    }
    return "unknown time zone " + tz;
  }
}
