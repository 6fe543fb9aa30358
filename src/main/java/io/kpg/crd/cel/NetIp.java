package io.kpg.crd.cel;

import io.kpg.json.GoStrings;

/**
 * IP addresses and prefixes as Go's net/netip parses, prints and compares them (the values behind
 * the Kubernetes CEL ip and cidr libraries). Parse errors carry Go's wording.
 */
final class NetIp {

  private NetIp() {}

  /** A parse failure, its message in Go's words. */
  static class ParseError extends Exception {
    ParseError(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * An address: 128 bits (hi, lo); IPv4 addresses are held in their IPv4-mapped form with {@code
   * v4} set, as netip does. Zones are never kept (the CEL libraries refuse them).
   */
  record Addr(long hi, long lo, boolean v4) {

    static Addr of4(int bits) {
      return new Addr(0, 0xffff_0000_0000L | (bits & 0xffff_ffffL), true);
    }

    int bitLen() {
      return v4 ? 32 : 128;
    }

    boolean is4In6() {
      return !v4 && hi == 0 && (lo >>> 32) == 0xffff;
    }

    private int v4Byte(int i) {
      return (int) (lo >>> ((3 - i) * 8)) & 0xff;
    }

    private int v6Group(int i) {
      long half = i < 4 ? hi : lo;
      return (int) (half >>> ((3 - i % 4) * 16)) & 0xffff;
    }

    boolean isUnspecified() {
      return v4 ? (lo & 0xffff_ffffL) == 0 : hi == 0 && lo == 0;
    }

    boolean isLoopback() {
      return v4 ? v4Byte(0) == 127 : hi == 0 && lo == 1;
    }

    boolean isMulticast() {
      return v4 ? (v4Byte(0) & 0xf0) == 0xe0 : (hi >>> 56) == 0xff;
    }

    boolean isLinkLocalMulticast() {
      return v4
          ? v4Byte(0) == 224 && v4Byte(1) == 0 && v4Byte(2) == 0
          : (v6Group(0) & 0xff0f) == 0xff02;
    }

    boolean isLinkLocalUnicast() {
      return v4 ? v4Byte(0) == 169 && v4Byte(1) == 254 : (v6Group(0) & 0xffc0) == 0xfe80;
    }

    boolean isGlobalUnicast() {
      if (v4 && (lo & 0xffff_ffffL) == 0xffff_ffffL) {
        return false;
      }
      return !isUnspecified() && !isLoopback() && !isMulticast() && !isLinkLocalUnicast();
    }

    /** The address with all but its first {@code bits} bits cleared. */
    Addr masked(int bits) {
      int effective = v4 ? bits + 96 : bits;
      long mhi = effective >= 64 ? -1L : (effective == 0 ? 0 : -1L << (64 - effective));
      long mlo = effective <= 64 ? 0 : (effective >= 128 ? -1L : -1L << (128 - effective));
      return new Addr(hi & mhi, lo & mlo, v4);
    }

    @Override
    public String toString() {
      if (v4) {
        return v4Byte(0) + "." + v4Byte(1) + "." + v4Byte(2) + "." + v4Byte(3);
      }
      if (is4In6()) {
        return "::ffff:" + of4((int) lo);
      }
      // RFC 5952: the longest run (of at least two) zero groups becomes "::"
      int zeroStart = -1;
      int zeroLen = 1;
      for (int i = 0; i < 8; i++) {
        int j = i;
        while (j < 8 && v6Group(j) == 0) {
          j++;
        }
        if (j - i > zeroLen) {
          zeroStart = i;
          zeroLen = j - i;
        }
      }
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (i < 8) {
        if (i == zeroStart) {
          sb.append("::");
          i += zeroLen;
          if (i >= 8) {
            break;
          }
        } else if (i > 0) {
          sb.append(':');
        }
        sb.append(Integer.toHexString(v6Group(i)));
        i++;
      }
      return sb.toString();
    }
  }

  /** A prefix: an address (host bits kept, as netip does) and a prefix length. */
  record Prefix(Addr addr, int bits) {

    Prefix masked() {
      return new Prefix(addr.masked(bits), bits);
    }

    boolean contains(Addr ip) {
      if (ip.v4 != addr.v4) {
        return false;
      }
      return ip.masked(bits).equals(addr.masked(bits));
    }

    boolean overlaps(Prefix o) {
      if (addr.v4 != o.addr.v4) {
        return false;
      }
      int min = Math.min(bits, o.bits);
      return addr.masked(min).equals(o.addr.masked(min));
    }

    @Override
    public String toString() {
      return addr + "/" + bits;
    }
  }

  // ------------------------------------------------------------------ parsing

  /** netip.ParseAddr. */
  static Addr parseAddr(String s) throws ParseError {
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case '.':
          return parse4(s, s);
        case ':':
          return parse6(s);
        case '%':
          throw addrError(s, "missing IPv6 address", null);
        default:
          break;
      }
    }
    throw addrError(s, "unable to parse IP", null);
  }

  /** An address as the CEL ip library accepts it: no zone, not IPv4-mapped IPv6. */
  static Addr parseLibraryAddr(String raw) throws ParseError {
    Addr a;
    try {
      a = parseAddr(raw);
    } catch (ZoneError z) {
      throw new ParseError(
          "IP address " + GoStrings.quote(raw) + " with zone value is not allowed");
    } catch (ParseError e) {
      throw new ParseError(
          "IP Address "
              + GoStrings.quote(raw)
              + " parse error during conversion from string: "
              + e.getMessage());
    }
    if (a.is4In6()) {
      throw new ParseError("IPv4-mapped IPv6 address " + GoStrings.quote(raw) + " is not allowed");
    }
    return a;
  }

  /** netip.ParsePrefix, then the CIDR library's refusal of IPv4-mapped IPv6 addresses. */
  static Prefix parseLibraryPrefix(String s) throws ParseError {
    Prefix p;
    try {
      p = parsePrefix(s);
    } catch (ParseError e) {
      throw new ParseError(
          "network address parse error during conversion from string: " + e.getMessage());
    }
    if (p.addr.is4In6()) {
      throw new ParseError("IPv4-mapped IPv6 address " + GoStrings.quote(s) + " is not allowed");
    }
    return p;
  }

  /** netip.ParsePrefix. */
  static Prefix parsePrefix(String s) throws ParseError {
    int slash = s.lastIndexOf('/');
    if (slash < 0) {
      throw prefixError(s, "no '/'");
    }
    Addr a;
    try {
      a = parseAddr(s.substring(0, slash));
    } catch (ZoneError z) {
      throw prefixError(s, "IPv6 zones cannot be present in a prefix");
    } catch (ParseError e) {
      throw prefixError(s, e.getMessage());
    }
    String bitsStr = s.substring(slash + 1);
    boolean digits = !bitsStr.isEmpty() && bitsStr.chars().allMatch(c -> c >= '0' && c <= '9');
    long bits = -1;
    if (digits && (bitsStr.length() == 1 || bitsStr.charAt(0) != '0')) {
      try {
        bits = Long.parseLong(bitsStr);
      } catch (NumberFormatException e) {
        // past int64: Go's Atoi fails too, with the same message
      }
    }
    if (bits < 0) {
      throw prefixError(s, "bad bits after slash: " + GoStrings.quote(bitsStr));
    }
    if (bits > a.bitLen()) {
      throw prefixError(s, "prefix length out of range");
    }
    return new Prefix(a, (int) bits);
  }

  /** A syntactically valid address that has a zone (the libraries refuse zones). */
  private static final class ZoneError extends ParseError {
    ZoneError() {
      super("zone");
    }
  }

  private static ParseError addrError(String in, String msg, String at) {
    return new ParseError(
        "ParseAddr("
            + GoStrings.quote(in)
            + "): "
            + msg
            + (at == null || at.isEmpty() ? "" : " (at " + GoStrings.quote(at) + ")"));
  }

  private static ParseError prefixError(String in, String msg) {
    return new ParseError("netip.ParsePrefix(" + GoStrings.quote(in) + "): " + msg);
  }

  /** Dotted-quad IPv4; {@code in} is the whole input for error messages. */
  private static Addr parse4(String in, String s) throws ParseError {
    int[] fields = new int[4];
    int val = 0;
    int pos = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && val == 0) {
          throw addrError(in, "IPv4 field has octet with leading zero", null);
        }
        val = val * 10 + (c - '0');
        digits++;
        if (val > 255) {
          throw addrError(in, "IPv4 field has value >255", null);
        }
      } else if (c == '.') {
        if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
          throw addrError(in, "IPv4 field must have at least one digit", s.substring(i));
        }
        if (pos == 3) {
          throw addrError(in, "IPv4 address too long", null);
        }
        fields[pos++] = val;
        val = 0;
        digits = 0;
      } else {
        throw addrError(in, "unexpected character", s.substring(i));
      }
    }
    if (pos < 3) {
      throw addrError(in, "IPv4 address too short", null);
    }
    fields[3] = val;
    return Addr.of4(fields[0] << 24 | fields[1] << 16 | fields[2] << 8 | fields[3]);
  }

  private static Addr parse6(String in) throws ParseError {
    String s = in;
    boolean zone = false;
    int pct = s.indexOf('%');
    if (pct >= 0) {
      if (pct == s.length() - 1) {
        throw addrError(in, "zone must be a non-empty string", null);
      }
      s = s.substring(0, pct);
      zone = true;
    }
    int[] ip = new int[16];
    int ellipsis = -1;
    if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return finish6(ip, zone);
      }
    }
    int i = 0;
    while (i < 16) {
      int off = 0;
      int acc = 0;
      for (; off < s.length(); off++) {
        int d = Character.digit(s.charAt(off), 16);
        if (d < 0 || s.charAt(off) > 'f') {
          break;
        }
        acc = (acc << 4) + d;
        if (acc > 0xffff) {
          throw addrError(in, "IPv6 field has value >=2^16", s);
        }
      }
      if (off == 0) {
        throw addrError(in, "each colon-separated field must have at least one digit", s);
      }
      if (off < s.length() && s.charAt(off) == '.') {
        if (ellipsis < 0 && i != 12) {
          throw addrError(
              in, "embedded IPv4 address must replace the final 2 fields of the address", s);
        }
        if (i + 4 > 16) {
          throw addrError(
              in, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
        }
        long v4 = parse4(in, s).lo;
        ip[i] = (int) (v4 >>> 24) & 0xff;
        ip[i + 1] = (int) (v4 >>> 16) & 0xff;
        ip[i + 2] = (int) (v4 >>> 8) & 0xff;
        ip[i + 3] = (int) v4 & 0xff;
        s = "";
        i += 4;
        break;
      }
      ip[i] = acc >> 8;
      ip[i + 1] = acc & 0xff;
      i += 2;
      s = s.substring(off);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':') {
        throw addrError(in, "unexpected character, want colon", s);
      } else if (s.length() == 1) {
        throw addrError(in, "colon must be followed by more characters", s);
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          throw addrError(in, "multiple :: in address", s);
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      throw addrError(in, "trailing garbage after address", s);
    }
    if (i < 16) {
      if (ellipsis < 0) {
        throw addrError(in, "address string too short", null);
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + n] = ip[j];
      }
      for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      throw addrError(in, "the :: must expand to at least one field of zeros", null);
    }
    return finish6(ip, zone);
  }

  private static Addr finish6(int[] ip, boolean zone) throws ParseError {
    if (zone) {
      throw new ZoneError();
    }
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 8; k++) {
      hi = hi << 8 | ip[k];
      lo = lo << 8 | ip[k + 8];
    }
    return new Addr(hi, lo, false);
  }
}
