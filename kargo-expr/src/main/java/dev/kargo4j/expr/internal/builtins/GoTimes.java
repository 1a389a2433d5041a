package dev.kargo4j.expr.internal.builtins;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * Go's {@code time.Time} on {@link ZonedDateTime}: reference-time layouts for
 * {@code Format} and {@code Parse}, {@code String()}, {@code Date} normalisation,
 * {@code LoadLocation}, {@code Truncate} and {@code Round}.
 *
 * <p>Zones: Go's {@code UTC} is {@link ZoneOffset#UTC}; a fixed zone that Go fabricates while
 * parsing a numeric offset is a {@link ZoneOffset}; named locations are zone regions. Go's
 * {@code Local} is taken to be UTC, as it is in Kargo's containers. Zone abbreviations come
 * from the JDK's time zone names and may differ from the tz database's for a few zones.
 * Stateless and thread-safe.
 */
final class GoTimes {
  private GoTimes() {}

  static final ZoneId UTC = ZoneOffset.UTC;
  /** Go's {@code Local}: UTC, as in Kargo's controller images. */
  static final ZoneId LOCAL = ZoneOffset.UTC;

  static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
  static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";
  static final String RFC822 = "02 Jan 06 15:04 MST";
  static final String RFC850 = "Monday, 02-Jan-06 15:04:05 MST";
  static final String RFC1123 = "Mon, 02 Jan 2006 15:04:05 MST";
  static final String STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";

  /** Unix seconds of Go's zero time, January 1, year 1, 00:00:00 UTC. */
  static final long ZERO_TIME_UNIX = -62135596800L;

  private static final String[] LONG_DAY_NAMES = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };
  private static final String[] SHORT_DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  private static final String[] LONG_MONTH_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
  };
  private static final String[] SHORT_MONTH_NAMES = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  // ------------------------------------------------------------------ std chunks

  static final int STD_LONG_MONTH = 1;
  static final int STD_MONTH = 2;
  static final int STD_NUM_MONTH = 3;
  static final int STD_ZERO_MONTH = 4;
  static final int STD_LONG_WEEKDAY = 5;
  static final int STD_WEEKDAY = 6;
  static final int STD_DAY = 7;
  static final int STD_UNDER_DAY = 8;
  static final int STD_ZERO_DAY = 9;
  static final int STD_UNDER_YEAR_DAY = 10;
  static final int STD_ZERO_YEAR_DAY = 11;
  static final int STD_HOUR = 12;
  static final int STD_HOUR12 = 13;
  static final int STD_ZERO_HOUR12 = 14;
  static final int STD_MINUTE = 15;
  static final int STD_ZERO_MINUTE = 16;
  static final int STD_SECOND = 17;
  static final int STD_ZERO_SECOND = 18;
  static final int STD_LONG_YEAR = 19;
  static final int STD_YEAR = 20;
  static final int STD_PM = 21;
  static final int STD_PM_LOWER = 22;
  static final int STD_TZ = 23;
  static final int STD_ISO8601_TZ = 24;
  static final int STD_ISO8601_SECONDS_TZ = 25;
  static final int STD_ISO8601_SHORT_TZ = 26;
  static final int STD_ISO8601_COLON_TZ = 27;
  static final int STD_ISO8601_COLON_SECONDS_TZ = 28;
  static final int STD_NUM_TZ = 29;
  static final int STD_NUM_SECONDS_TZ = 30;
  static final int STD_NUM_SHORT_TZ = 31;
  static final int STD_NUM_COLON_TZ = 32;
  static final int STD_NUM_COLON_SECONDS_TZ = 33;
  static final int STD_FRAC_SECOND0 = 34;
  static final int STD_FRAC_SECOND9 = 35;

  private static final int[] STD_0X = {
    STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12, STD_ZERO_MINUTE, STD_ZERO_SECOND, STD_YEAR
  };

  /**
   * One step of Go's {@code nextStdChunk}: the literal text before the element ends at
   * {@code prefixEnd}, the element is {@code std} (0 when there is none), and the rest of the
   * layout starts at {@code suffixStart}.
   */
  record Chunk(int prefixEnd, int std, int fracDigits, char separator, int suffixStart) {}

  private static boolean startsWithLowerCase(String s, int i) {
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return 'a' <= c && c <= 'z';
  }

  private static boolean regionIs(String s, int i, String token) {
    return s.startsWith(token, i);
  }

  private static boolean isDigit(String s, int i) {
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return '0' <= c && c <= '9';
  }

  static Chunk nextStdChunk(String layout, int from) {
    for (int i = from; i < layout.length(); i++) {
      char c = layout.charAt(i);
      switch (c) {
        case 'J':
          if (regionIs(layout, i, "Jan")) {
            if (regionIs(layout, i, "January")) {
              return new Chunk(i, STD_LONG_MONTH, 0, '.', i + 7);
            }
            if (!startsWithLowerCase(layout, i + 3)) {
              return new Chunk(i, STD_MONTH, 0, '.', i + 3);
            }
          }
          break;
        case 'M':
          if (regionIs(layout, i, "Mon")) {
            if (regionIs(layout, i, "Monday")) {
              return new Chunk(i, STD_LONG_WEEKDAY, 0, '.', i + 6);
            }
            if (!startsWithLowerCase(layout, i + 3)) {
              return new Chunk(i, STD_WEEKDAY, 0, '.', i + 3);
            }
          }
          if (regionIs(layout, i, "MST")) {
            return new Chunk(i, STD_TZ, 0, '.', i + 3);
          }
          break;
        case '0':
          if (i + 1 < layout.length() && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6') {
            return new Chunk(i, STD_0X[layout.charAt(i + 1) - '1'], 0, '.', i + 2);
          }
          if (regionIs(layout, i, "002")) {
            return new Chunk(i, STD_ZERO_YEAR_DAY, 0, '.', i + 3);
          }
          break;
        case '1':
          if (i + 1 < layout.length() && layout.charAt(i + 1) == '5') {
            return new Chunk(i, STD_HOUR, 0, '.', i + 2);
          }
          return new Chunk(i, STD_NUM_MONTH, 0, '.', i + 1);
        case '2':
          if (regionIs(layout, i, "2006")) {
            return new Chunk(i, STD_LONG_YEAR, 0, '.', i + 4);
          }
          return new Chunk(i, STD_DAY, 0, '.', i + 1);
        case '_':
          if (i + 1 < layout.length() && layout.charAt(i + 1) == '2') {
            // _2006 is a literal _ followed by stdLongYear
            if (regionIs(layout, i + 1, "2006")) {
              return new Chunk(i + 1, STD_LONG_YEAR, 0, '.', i + 5);
            }
            return new Chunk(i, STD_UNDER_DAY, 0, '.', i + 2);
          }
          if (regionIs(layout, i, "__2")) {
            return new Chunk(i, STD_UNDER_YEAR_DAY, 0, '.', i + 3);
          }
          break;
        case '3':
          return new Chunk(i, STD_HOUR12, 0, '.', i + 1);
        case '4':
          return new Chunk(i, STD_MINUTE, 0, '.', i + 1);
        case '5':
          return new Chunk(i, STD_SECOND, 0, '.', i + 1);
        case 'P':
          if (i + 1 < layout.length() && layout.charAt(i + 1) == 'M') {
            return new Chunk(i, STD_PM, 0, '.', i + 2);
          }
          break;
        case 'p':
          if (i + 1 < layout.length() && layout.charAt(i + 1) == 'm') {
            return new Chunk(i, STD_PM_LOWER, 0, '.', i + 2);
          }
          break;
        case '-':
          if (regionIs(layout, i, "-070000")) {
            return new Chunk(i, STD_NUM_SECONDS_TZ, 0, '.', i + 7);
          }
          if (regionIs(layout, i, "-07:00:00")) {
            return new Chunk(i, STD_NUM_COLON_SECONDS_TZ, 0, '.', i + 9);
          }
          if (regionIs(layout, i, "-0700")) {
            return new Chunk(i, STD_NUM_TZ, 0, '.', i + 5);
          }
          if (regionIs(layout, i, "-07:00")) {
            return new Chunk(i, STD_NUM_COLON_TZ, 0, '.', i + 6);
          }
          if (regionIs(layout, i, "-07")) {
            return new Chunk(i, STD_NUM_SHORT_TZ, 0, '.', i + 3);
          }
          break;
        case 'Z':
          if (regionIs(layout, i, "Z070000")) {
            return new Chunk(i, STD_ISO8601_SECONDS_TZ, 0, '.', i + 7);
          }
          if (regionIs(layout, i, "Z07:00:00")) {
            return new Chunk(i, STD_ISO8601_COLON_SECONDS_TZ, 0, '.', i + 9);
          }
          if (regionIs(layout, i, "Z0700")) {
            return new Chunk(i, STD_ISO8601_TZ, 0, '.', i + 5);
          }
          if (regionIs(layout, i, "Z07:00")) {
            return new Chunk(i, STD_ISO8601_COLON_TZ, 0, '.', i + 6);
          }
          if (regionIs(layout, i, "Z07")) {
            return new Chunk(i, STD_ISO8601_SHORT_TZ, 0, '.', i + 3);
          }
          break;
        case '.':
        case ',':
          if (i + 1 < layout.length()
              && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char ch = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == ch) {
              j++;
            }
            // The run of digits must end here to be a fractional second.
            if (!isDigit(layout, j)) {
              int code = ch == '9' ? STD_FRAC_SECOND9 : STD_FRAC_SECOND0;
              return new Chunk(i, code, (j - (i + 1)) & 0xfff, c, j);
            }
          }
          break;
        default:
          break;
      }
    }
    return new Chunk(layout.length(), 0, 0, '.', layout.length());
  }

  // ------------------------------------------------------------------ zones

  /** {@code Location.String()}: "UTC", a region's name, or "" for a fabricated fixed zone. */
  static String locationName(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return "UTC";
    }
    if (zone instanceof ZoneOffset) {
      return "";
    }
    return zone.getId();
  }

  /** The zone abbreviation Go prints for {@code MST}, or "" when the zone has no name. */
  static String abbreviation(ZonedDateTime t) {
    ZoneId zone = t.getZone();
    if (zone.equals(ZoneOffset.UTC)) {
      return "UTC";
    }
    if (zone instanceof ZoneOffset) {
      return "";
    }
    String id = zone.getId();
    if (id.equals("UTC") || id.equals("Etc/UTC") || id.equals("Etc/UCT") || id.equals("UCT")
        || id.equals("Etc/Universal") || id.equals("Universal") || id.equals("Zulu")
        || id.equals("Etc/Zulu")) {
      return "UTC";
    }
    if (id.equals("GMT") || id.equals("Etc/GMT") || id.equals("Etc/GMT0")
        || id.equals("Etc/GMT+0") || id.equals("Etc/GMT-0") || id.equals("Etc/Greenwich")
        || id.equals("GMT0") || id.equals("Greenwich")) {
      return "GMT";
    }
    boolean dst = zone.getRules().isDaylightSavings(t.toInstant());
    String name = TimeZone.getTimeZone(zone).getDisplayName(dst, TimeZone.SHORT, Locale.US);
    name = JDK_TO_TZDATA.getOrDefault(name, name);
    if (TZDATA_LETTER_ABBREVIATIONS.contains(name)) {
      return name;
    }
    // The tz database names every other zone by its offset: "+04", "+0530", "-03".
    int offset = t.getOffset().getTotalSeconds();
    int minutes = Math.abs(offset) / 60;
    String text = (offset < 0 ? "-" : "+") + two(minutes / 60);
    if (minutes % 60 != 0) {
      text += two(minutes % 60);
    }
    return text;
  }

  /**
   * The alphabetic abbreviations the current tz database (which Go reads) still uses. The
   * JDK's names include older ones ("GST", "SGT", "BRT") for zones that the tz database now
   * names by their offset.
   */
  private static final Set<String> TZDATA_LETTER_ABBREVIATIONS =
      Set.of(
          "ACDT", "ACST", "ADT", "AEDT", "AEST", "AKDT", "AKST", "AST", "AWST", "BST", "CAT",
          "CDT", "CEST", "CET", "ChST", "CST", "EAT", "EDT", "EEST", "EET", "EST", "GMT", "HDT",
          "HKT", "HST", "IDT", "IST", "JST", "KST", "MDT", "MEST", "MET", "MSK", "MST", "NDT",
          "NST", "NZDT", "NZST", "PDT", "PKT", "PST", "SAST", "SST", "UTC", "WAT", "WEST",
          "WET", "WIB", "WIT", "WITA");

  /** JDK names that the tz database spells differently. */
  private static final Map<String, String> JDK_TO_TZDATA = Map.of("HAST", "HST", "HADT", "HDT");

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  /** {@code time.LoadLocation}. */
  static ZoneId loadLocation(String name) {
    if (name.isEmpty() || name.equals("UTC")) {
      return UTC;
    }
    if (name.equals("Local")) {
      return LOCAL;
    }
    if (name.contains("..") || name.charAt(0) == '/' || name.charAt(0) == '\\') {
      throw new IllegalArgumentException("time: invalid location name");
    }
    Set<String> ids = ZoneId.getAvailableZoneIds();
    if (ids.contains(name)) {
      try {
        return ZoneId.of(name);
      } catch (DateTimeException e) {
        // fall through to the unknown zone error
      }
    }
    throw new IllegalArgumentException("unknown time zone " + name);
  }

  // ------------------------------------------------------------------ Date

  /**
   * {@code time.Date}: out-of-range fields carry over (month 13 is January of the next year),
   * and a wall time in a zone transition resolves as Go resolves it.
   */
  static ZonedDateTime date(
      long year, long month, long day, long hour, long min, long sec, long nsec, ZoneId zone) {
    long m = month - 1;
    long y = year + Math.floorDiv(m, 12);
    m = Math.floorMod(m, 12);
    if (y < -999_999_000L || y > 999_999_000L) {
      throw new IllegalArgumentException("time: year " + y + " out of range");
    }
    LocalDateTime local =
        LocalDateTime.of((int) y, (int) m + 1, 1, 0, 0)
            .plusDays(day - 1)
            .plusHours(hour)
            .plusMinutes(min)
            .plusSeconds(sec)
            .plusNanos(nsec);
    return fromLocal(local, zone);
  }

  /** Go's resolution of a wall time in a zone: look up the offset twice, as time.Date does. */
  static ZonedDateTime fromLocal(LocalDateTime local, ZoneId zone) {
    long localSec = local.toEpochSecond(ZoneOffset.UTC);
    ZoneRules rules = zone.getRules();
    int o1 = rules.getOffset(Instant.ofEpochSecond(localSec)).getTotalSeconds();
    long unix = localSec;
    if (o1 != 0) {
      long utc = localSec - o1;
      int o2 = rules.getOffset(Instant.ofEpochSecond(utc)).getTotalSeconds();
      unix = localSec - o2;
    }
    return Instant.ofEpochSecond(unix, local.getNano()).atZone(zone);
  }

  // ------------------------------------------------------------------ Format

  static String string(ZonedDateTime t) {
    return format(t, STRING_LAYOUT);
  }

  /** {@code Time.Format(layout)}. */
  static String format(ZonedDateTime t, String layout) {
    StringBuilder b = new StringBuilder();
    String name = null;
    int offset = t.getOffset().getTotalSeconds();
    int pos = 0;
    while (pos < layout.length()) {
      Chunk ch = nextStdChunk(layout, pos);
      b.append(layout, pos, ch.prefixEnd());
      if (ch.std() == 0) {
        break;
      }
      pos = ch.suffixStart();
      int year = t.getYear();
      int hour = t.getHour();
      switch (ch.std()) {
        case STD_YEAR -> appendInt(b, Math.abs(year) % 100, 2);
        case STD_LONG_YEAR -> appendInt(b, year, 4);
        case STD_MONTH -> b.append(SHORT_MONTH_NAMES[t.getMonthValue() - 1]);
        case STD_LONG_MONTH -> b.append(LONG_MONTH_NAMES[t.getMonthValue() - 1]);
        case STD_NUM_MONTH -> appendInt(b, t.getMonthValue(), 0);
        case STD_ZERO_MONTH -> appendInt(b, t.getMonthValue(), 2);
        case STD_WEEKDAY -> b.append(SHORT_DAY_NAMES[weekday(t)]);
        case STD_LONG_WEEKDAY -> b.append(LONG_DAY_NAMES[weekday(t)]);
        case STD_DAY -> appendInt(b, t.getDayOfMonth(), 0);
        case STD_UNDER_DAY -> {
          if (t.getDayOfMonth() < 10) {
            b.append(' ');
          }
          appendInt(b, t.getDayOfMonth(), 0);
        }
        case STD_ZERO_DAY -> appendInt(b, t.getDayOfMonth(), 2);
        case STD_UNDER_YEAR_DAY -> {
          int yday = t.getDayOfYear();
          if (yday < 100) {
            b.append(' ');
            if (yday < 10) {
              b.append(' ');
            }
          }
          appendInt(b, yday, 0);
        }
        case STD_ZERO_YEAR_DAY -> appendInt(b, t.getDayOfYear(), 3);
        case STD_HOUR -> appendInt(b, hour, 2);
        case STD_HOUR12 -> appendInt(b, hour % 12 == 0 ? 12 : hour % 12, 0);
        case STD_ZERO_HOUR12 -> appendInt(b, hour % 12 == 0 ? 12 : hour % 12, 2);
        case STD_MINUTE -> appendInt(b, t.getMinute(), 0);
        case STD_ZERO_MINUTE -> appendInt(b, t.getMinute(), 2);
        case STD_SECOND -> appendInt(b, t.getSecond(), 0);
        case STD_ZERO_SECOND -> appendInt(b, t.getSecond(), 2);
        case STD_PM -> b.append(hour >= 12 ? "PM" : "AM");
        case STD_PM_LOWER -> b.append(hour >= 12 ? "pm" : "am");
        case STD_ISO8601_TZ,
            STD_ISO8601_COLON_TZ,
            STD_ISO8601_SECONDS_TZ,
            STD_ISO8601_SHORT_TZ,
            STD_ISO8601_COLON_SECONDS_TZ,
            STD_NUM_TZ,
            STD_NUM_COLON_TZ,
            STD_NUM_SECONDS_TZ,
            STD_NUM_SHORT_TZ,
            STD_NUM_COLON_SECONDS_TZ -> appendOffset(b, ch.std(), offset);
        case STD_TZ -> {
          if (name == null) {
            name = abbreviation(t);
          }
          if (!name.isEmpty()) {
            b.append(name);
          } else {
            int zone = offset / 60;
            if (zone < 0) {
              b.append('-');
              zone = -zone;
            } else {
              b.append('+');
            }
            appendInt(b, zone / 60, 2);
            appendInt(b, zone % 60, 2);
          }
        }
        case STD_FRAC_SECOND0, STD_FRAC_SECOND9 -> appendNano(b, t.getNano(), ch);
        default -> throw new IllegalStateException("unknown layout element " + ch.std());
      }
    }
    return b.toString();
  }

  private static void appendOffset(StringBuilder b, int std, int offset) {
    boolean iso =
        std == STD_ISO8601_TZ
            || std == STD_ISO8601_COLON_TZ
            || std == STD_ISO8601_SECONDS_TZ
            || std == STD_ISO8601_SHORT_TZ
            || std == STD_ISO8601_COLON_SECONDS_TZ;
    if (offset == 0 && iso) {
      b.append('Z');
      return;
    }
    int zone = offset / 60;
    int absoffset = offset;
    if (zone < 0) {
      b.append('-');
      zone = -zone;
      absoffset = -absoffset;
    } else {
      b.append('+');
    }
    appendInt(b, zone / 60, 2);
    boolean colon =
        std == STD_ISO8601_COLON_TZ
            || std == STD_NUM_COLON_TZ
            || std == STD_ISO8601_COLON_SECONDS_TZ
            || std == STD_NUM_COLON_SECONDS_TZ;
    if (colon) {
      b.append(':');
    }
    if (std != STD_NUM_SHORT_TZ && std != STD_ISO8601_SHORT_TZ) {
      appendInt(b, zone % 60, 2);
    }
    if (std == STD_ISO8601_SECONDS_TZ
        || std == STD_NUM_SECONDS_TZ
        || std == STD_NUM_COLON_SECONDS_TZ
        || std == STD_ISO8601_COLON_SECONDS_TZ) {
      if (std == STD_NUM_COLON_SECONDS_TZ || std == STD_ISO8601_COLON_SECONDS_TZ) {
        b.append(':');
      }
      appendInt(b, absoffset % 60, 2);
    }
  }

  private static void appendNano(StringBuilder b, int nanosec, Chunk ch) {
    boolean trim = ch.std() == STD_FRAC_SECOND9;
    int n = ch.fracDigits();
    if (trim && (n == 0 || nanosec == 0)) {
      return;
    }
    int start = b.length();
    b.append(ch.separator());
    appendInt(b, nanosec, 9);
    if (n < 9) {
      b.setLength(b.length() - 9 + n);
    }
    if (trim) {
      while (b.length() > start && b.charAt(b.length() - 1) == '0') {
        b.setLength(b.length() - 1);
      }
      if (b.length() > start && b.charAt(b.length() - 1) == ch.separator()) {
        b.setLength(b.length() - 1);
      }
    }
  }

  /** Go's time.appendInt: decimal, zero-padded to width, sign before the padding. */
  private static void appendInt(StringBuilder b, long x, int width) {
    long u = x;
    if (x < 0) {
      b.append('-');
      u = -x;
    }
    String digits = Long.toString(u);
    for (int pad = width - digits.length(); pad > 0; pad--) {
      b.append('0');
    }
    b.append(digits);
  }

  /** Go's Weekday number: Sunday is 0. */
  static int weekday(ZonedDateTime t) {
    return t.getDayOfWeek().getValue() % 7;
  }

  // ------------------------------------------------------------------ Parse

  /** {@code time.Parse(layout, value)}: no zone in the value means UTC. */
  static ZonedDateTime parse(String layout, String value) {
    return parse(layout, value, UTC, LOCAL);
  }

  /** {@code time.ParseInLocation(layout, value, loc)}. */
  static ZonedDateTime parseInLocation(String layout, String value, ZoneId loc) {
    return parse(layout, value, loc, loc);
  }

  private static final class ParseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseFailure() {
      super(null, null, false, false);
    }
  }

  private static final ParseFailure BAD = new ParseFailure();

  private static IllegalArgumentException parseError(
      String layout, String value, String layoutElem, String valueElem, String message) {
    if (message.isEmpty()) {
      return new IllegalArgumentException(
          "parsing time "
              + GoStrings.timeQuote(value)
              + " as "
              + GoStrings.timeQuote(layout)
              + ": cannot parse "
              + GoStrings.timeQuote(valueElem)
              + " as "
              + GoStrings.timeQuote(layoutElem));
    }
    return new IllegalArgumentException("parsing time " + GoStrings.timeQuote(value) + message);
  }

  /** Removes the literal prefix from value; runs of spaces match runs of spaces. */
  private static String skip(String value, String prefix) {
    while (!prefix.isEmpty()) {
      if (prefix.charAt(0) == ' ') {
        if (!value.isEmpty() && value.charAt(0) != ' ') {
          throw BAD;
        }
        prefix = cutSpace(prefix);
        value = cutSpace(value);
        continue;
      }
      if (value.isEmpty() || value.charAt(0) != prefix.charAt(0)) {
        throw BAD;
      }
      prefix = prefix.substring(1);
      value = value.substring(1);
    }
    return value;
  }

  private static String cutSpace(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return s.substring(i);
  }

  /** Mutable state of one parse; {@code rest} is the unparsed value. */
  private static final class Num {
    int value;
    String rest;

    Num(int value, String rest) {
      this.value = value;
      this.rest = rest;
    }
  }

  private static Num getnum(String s, boolean fixed) {
    if (!isDigit(s, 0)) {
      throw BAD;
    }
    if (!isDigit(s, 1)) {
      if (fixed) {
        throw BAD;
      }
      return new Num(s.charAt(0) - '0', s.substring(1));
    }
    return new Num((s.charAt(0) - '0') * 10 + (s.charAt(1) - '0'), s.substring(2));
  }

  private static Num getnum3(String s, boolean fixed) {
    int n = 0;
    int i = 0;
    for (; i < 3 && isDigit(s, i); i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    if (i == 0 || (fixed && i != 3)) {
      throw BAD;
    }
    return new Num(n, s.substring(i));
  }

  /** Go's time.atoi: optional sign, then decimal digits only. */
  private static int atoi(String s) {
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return 0;
    }
    long x = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw BAD;
      }
      x = x * 10 + (c - '0');
      if (x > Integer.MAX_VALUE) {
        throw BAD;
      }
    }
    return (int) (neg ? -x : x);
  }

  private static int lookup(String[] tab, Num out, String val) {
    for (int i = 0; i < tab.length; i++) {
      String v = tab[i];
      if (val.length() >= v.length() && val.regionMatches(true, 0, v, 0, v.length())
          && asciiLetters(val, v.length())) {
        out.rest = val.substring(v.length());
        return i;
      }
    }
    throw BAD;
  }

  private static boolean asciiLetters(String s, int n) {
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean commaOrPeriod(char c) {
    return c == '.' || c == ',';
  }

  /** Parses a fractional second at value[0..nbytes) (separator included) into nanoseconds. */
  private static int parseNanoseconds(String value, int nbytes) {
    if (!commaOrPeriod(value.charAt(0))) {
      throw BAD;
    }
    if (nbytes > 10) {
      value = value.substring(0, 10);
      nbytes = 10;
    }
    int ns = atoi(value.substring(1, nbytes));
    if (ns < 0) {
      throw BAD;
    }
    for (int i = 0; i < 10 - nbytes; i++) {
      ns *= 10;
    }
    return ns;
  }

  /** Go's parseTimeZone: the length of a zone abbreviation at the start of value, or 0. */
  private static int parseTimeZone(String value) {
    if (value.length() < 3) {
      return 0;
    }
    if (value.startsWith("ChST") || value.startsWith("MeST")) {
      return 4;
    }
    if (value.startsWith("GMT")) {
      return 3 + (value.length() == 3 ? 0 : parseSignedOffset(value.substring(3)));
    }
    if (value.charAt(0) == '+' || value.charAt(0) == '-') {
      return parseSignedOffset(value);
    }
    int nUpper = 0;
    for (; nUpper < 6; nUpper++) {
      if (nUpper >= value.length()) {
        break;
      }
      char c = value.charAt(nUpper);
      if (c < 'A' || 'Z' < c) {
        break;
      }
    }
    switch (nUpper) {
      case 0, 1, 2, 6:
        return 0;
      case 5:
        return value.charAt(4) == 'T' ? 5 : 0;
      case 4:
        return (value.charAt(3) == 'T' || value.startsWith("WITA")) ? 4 : 0;
      case 3:
        return 3;
      default:
        return 0;
    }
  }

  private static int parseSignedOffset(String value) {
    char sign = value.charAt(0);
    if (sign != '-' && sign != '+') {
      return 0;
    }
    int i = 1;
    long x = 0;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      x = x * 10 + (value.charAt(i) - '0');
      if (x > 1_000_000) {
        return 0;
      }
      i++;
    }
    if (i == 1 || x > 23) {
      return 0;
    }
    return i;
  }

  private static boolean isLeap(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static final int[] DAYS_BEFORE = {
    0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365
  };

  private static int daysIn(int month, int year) {
    if (month == 2 && isLeap(year)) {
      return 29;
    }
    return DAYS_BEFORE[month] - DAYS_BEFORE[month - 1];
  }

  static ZonedDateTime parse(String layout, String value, ZoneId defaultLocation, ZoneId local) {
    final String alayout = layout;
    final String avalue = value;
    String rangeErr = "";
    boolean amSet = false;
    boolean pmSet = false;
    int year = 0;
    int month = -1;
    int day = -1;
    int yday = -1;
    int hour = 0;
    int min = 0;
    int sec = 0;
    int nsec = 0;
    ZoneId z = null;
    int zoneOffset = -1;
    String zoneName = "";

    int pos = 0;
    while (true) {
      Chunk ch = nextStdChunk(layout, pos);
      String prefix = layout.substring(pos, ch.prefixEnd());
      String stdstr = layout.substring(ch.prefixEnd(), ch.suffixStart());
      try {
        value = skip(value, prefix);
      } catch (ParseFailure e) {
        throw parseError(alayout, avalue, prefix, value, "");
      }
      if (ch.std() == 0) {
        if (!value.isEmpty()) {
          throw parseError(
              alayout, avalue, "", value, ": extra text: " + GoStrings.timeQuote(value));
        }
        break;
      }
      pos = ch.suffixStart();
      String hold = value;
      int std = ch.std();
      try {
        switch (std) {
          case STD_YEAR -> {
            if (value.length() < 2) {
              throw BAD;
            }
            String p = value.substring(0, 2);
            value = value.substring(2);
            year = atoi(p);
            year += year >= 69 ? 1900 : 2000;
          }
          case STD_LONG_YEAR -> {
            if (value.length() < 4 || !isDigit(value, 0)) {
              throw BAD;
            }
            String p = value.substring(0, 4);
            value = value.substring(4);
            year = atoi(p);
          }
          case STD_MONTH, STD_LONG_MONTH -> {
            Num n = new Num(0, value);
            month = lookup(std == STD_MONTH ? SHORT_MONTH_NAMES : LONG_MONTH_NAMES, n, value) + 1;
            value = n.rest;
          }
          case STD_NUM_MONTH, STD_ZERO_MONTH -> {
            Num n = getnum(value, std == STD_ZERO_MONTH);
            month = n.value;
            value = n.rest;
            if (month <= 0 || 12 < month) {
              rangeErr = "month";
            }
          }
          case STD_WEEKDAY, STD_LONG_WEEKDAY -> {
            Num n = new Num(0, value);
            lookup(std == STD_WEEKDAY ? SHORT_DAY_NAMES : LONG_DAY_NAMES, n, value);
            value = n.rest;
          }
          case STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY -> {
            if (std == STD_UNDER_DAY && !value.isEmpty() && value.charAt(0) == ' ') {
              value = value.substring(1);
            }
            Num n = getnum(value, std == STD_ZERO_DAY);
            day = n.value;
            value = n.rest;
          }
          case STD_UNDER_YEAR_DAY, STD_ZERO_YEAR_DAY -> {
            for (int i = 0; i < 2; i++) {
              if (std == STD_UNDER_YEAR_DAY && !value.isEmpty() && value.charAt(0) == ' ') {
                value = value.substring(1);
              }
            }
            Num n = getnum3(value, std == STD_ZERO_YEAR_DAY);
            yday = n.value;
            value = n.rest;
          }
          case STD_HOUR -> {
            Num n = getnum(value, false);
            hour = n.value;
            value = n.rest;
            if (hour < 0 || 24 <= hour) {
              rangeErr = "hour";
            }
          }
          case STD_HOUR12, STD_ZERO_HOUR12 -> {
            Num n = getnum(value, std == STD_ZERO_HOUR12);
            hour = n.value;
            value = n.rest;
            if (hour < 0 || 12 < hour) {
              rangeErr = "hour";
            }
          }
          case STD_MINUTE, STD_ZERO_MINUTE -> {
            Num n = getnum(value, std == STD_ZERO_MINUTE);
            min = n.value;
            value = n.rest;
            if (min < 0 || 60 <= min) {
              rangeErr = "minute";
            }
          }
          case STD_SECOND, STD_ZERO_SECOND -> {
            Num n = getnum(value, std == STD_ZERO_SECOND);
            sec = n.value;
            value = n.rest;
            if (sec < 0 || 60 <= sec) {
              rangeErr = "second";
              break;
            }
            // A fractional second in the value that the layout does not mention.
            if (value.length() >= 2 && commaOrPeriod(value.charAt(0)) && isDigit(value, 1)) {
              int next = nextStdChunk(layout, pos).std();
              if (next == STD_FRAC_SECOND0 || next == STD_FRAC_SECOND9) {
                break;
              }
              int k = 2;
              while (k < value.length() && isDigit(value, k)) {
                k++;
              }
              nsec = parseNanoseconds(value, k);
              value = value.substring(k);
            }
          }
          case STD_PM, STD_PM_LOWER -> {
            if (value.length() < 2) {
              throw BAD;
            }
            String p = value.substring(0, 2);
            value = value.substring(2);
            String pm = std == STD_PM ? "PM" : "pm";
            String am = std == STD_PM ? "AM" : "am";
            if (p.equals(pm)) {
              pmSet = true;
            } else if (p.equals(am)) {
              amSet = true;
            } else {
              throw BAD;
            }
          }
          case STD_ISO8601_TZ,
              STD_ISO8601_SHORT_TZ,
              STD_ISO8601_COLON_TZ,
              STD_ISO8601_SECONDS_TZ,
              STD_ISO8601_COLON_SECONDS_TZ,
              STD_NUM_TZ,
              STD_NUM_SHORT_TZ,
              STD_NUM_COLON_TZ,
              STD_NUM_SECONDS_TZ,
              STD_NUM_COLON_SECONDS_TZ -> {
            boolean iso = std >= STD_ISO8601_TZ && std <= STD_ISO8601_COLON_SECONDS_TZ;
            if (iso && !value.isEmpty() && value.charAt(0) == 'Z') {
              value = value.substring(1);
              z = UTC;
              break;
            }
            String sign;
            String hh;
            String mm;
            String ss;
            if (std == STD_ISO8601_COLON_TZ || std == STD_NUM_COLON_TZ) {
              if (value.length() < 6 || value.charAt(3) != ':') {
                throw BAD;
              }
              sign = value.substring(0, 1);
              hh = value.substring(1, 3);
              mm = value.substring(4, 6);
              ss = "00";
              value = value.substring(6);
            } else if (std == STD_NUM_SHORT_TZ || std == STD_ISO8601_SHORT_TZ) {
              if (value.length() < 3) {
                throw BAD;
              }
              sign = value.substring(0, 1);
              hh = value.substring(1, 3);
              mm = "00";
              ss = "00";
              value = value.substring(3);
            } else if (std == STD_ISO8601_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ) {
              if (value.length() < 9 || value.charAt(3) != ':' || value.charAt(6) != ':') {
                throw BAD;
              }
              sign = value.substring(0, 1);
              hh = value.substring(1, 3);
              mm = value.substring(4, 6);
              ss = value.substring(7, 9);
              value = value.substring(9);
            } else if (std == STD_ISO8601_SECONDS_TZ || std == STD_NUM_SECONDS_TZ) {
              if (value.length() < 7) {
                throw BAD;
              }
              sign = value.substring(0, 1);
              hh = value.substring(1, 3);
              mm = value.substring(3, 5);
              ss = value.substring(5, 7);
              value = value.substring(7);
            } else {
              if (value.length() < 5) {
                throw BAD;
              }
              sign = value.substring(0, 1);
              hh = value.substring(1, 3);
              mm = value.substring(3, 5);
              ss = "00";
              value = value.substring(5);
            }
            int hr = getnum(hh, true).value;
            int mi = getnum(mm, true).value;
            int se = getnum(ss, true).value;
            if (hr > 24) {
              rangeErr = "time zone offset hour";
            }
            if (mi > 60) {
              rangeErr = "time zone offset minute";
            }
            if (se > 60) {
              rangeErr = "time zone offset second";
            }
            zoneOffset = (hr * 60 + mi) * 60 + se;
            switch (sign.charAt(0)) {
              case '+' -> { }
              case '-' -> zoneOffset = -zoneOffset;
              default -> throw BAD;
            }
          }
          case STD_TZ -> {
            if (value.length() >= 3 && value.startsWith("UTC")) {
              z = UTC;
              value = value.substring(3);
              break;
            }
            int n = parseTimeZone(value);
            if (n == 0) {
              throw BAD;
            }
            zoneName = value.substring(0, n);
            value = value.substring(n);
          }
          case STD_FRAC_SECOND0 -> {
            int ndigit = 1 + ch.fracDigits();
            if (value.length() < ndigit) {
              throw BAD;
            }
            nsec = parseNanoseconds(value, ndigit);
            value = value.substring(ndigit);
          }
          case STD_FRAC_SECOND9 -> {
            if (value.length() < 2
                || !commaOrPeriod(value.charAt(0))
                || value.charAt(1) < '0'
                || '9' < value.charAt(1)) {
              break; // fractional second omitted
            }
            int i = 0;
            while (i + 1 < value.length()
                && '0' <= value.charAt(i + 1)
                && value.charAt(i + 1) <= '9') {
              i++;
            }
            nsec = parseNanoseconds(value, 1 + i);
            value = value.substring(1 + i);
          }
          default -> throw new IllegalStateException("unknown layout element " + std);
        }
      } catch (ParseFailure e) {
        if (!rangeErr.isEmpty()) {
          throw parseError(alayout, avalue, stdstr, value, ": " + rangeErr + " out of range");
        }
        throw parseError(alayout, avalue, stdstr, hold, "");
      }
      if (!rangeErr.isEmpty()) {
        throw parseError(alayout, avalue, stdstr, value, ": " + rangeErr + " out of range");
      }
    }
    if (pmSet && hour < 12) {
      hour += 12;
    } else if (amSet && hour == 12) {
      hour = 0;
    }

    if (yday >= 0) {
      int d = 0;
      int m = 0;
      if (isLeap(year)) {
        if (yday == 31 + 29) {
          m = 2;
          d = 29;
        } else if (yday > 31 + 29) {
          yday--;
        }
      }
      if (yday < 1 || yday > 365) {
        throw parseError(alayout, avalue, "", value, ": day-of-year out of range");
      }
      if (m == 0) {
        m = (yday - 1) / 31 + 1;
        if (DAYS_BEFORE[m] < yday) {
          m++;
        }
        d = yday - DAYS_BEFORE[m - 1];
      }
      if (month >= 0 && month != m) {
        throw parseError(alayout, avalue, "", value, ": day-of-year does not match month");
      }
      month = m;
      if (day >= 0 && day != d) {
        throw parseError(alayout, avalue, "", value, ": day-of-year does not match day");
      }
      day = d;
    } else {
      if (month < 0) {
        month = 1;
      }
      if (day < 0) {
        day = 1;
      }
    }

    if (day < 1 || day > daysIn(month, year)) {
      throw parseError(alayout, avalue, "", value, ": day out of range");
    }

    if (z != null) {
      return date(year, month, day, hour, min, sec, nsec, z);
    }

    if (zoneOffset != -1) {
      ZonedDateTime t = date(year, month, day, hour, min, sec, nsec, UTC);
      Instant instant = t.toInstant().minusSeconds(zoneOffset);
      ZonedDateTime inLocal = instant.atZone(local);
      String name = abbreviation(inLocal);
      if (inLocal.getOffset().getTotalSeconds() == zoneOffset
          && (zoneName.isEmpty() || name.equals(zoneName))) {
        return inLocal;
      }
      return instant.atZone(fixedZone(zoneName, zoneOffset, alayout, avalue));
    }

    if (!zoneName.isEmpty()) {
      ZonedDateTime t = date(year, month, day, hour, min, sec, nsec, UTC);
      Integer offset = lookupName(local, zoneName, t.toEpochSecond());
      if (offset != null) {
        return t.toInstant().minusSeconds(offset).atZone(local);
      }
      int fake = 0;
      if (zoneName.length() > 3 && zoneName.startsWith("GMT")) {
        fake = atoi(zoneName.substring(3)) * 3600;
      }
      return t.toInstant().atZone(fixedZone(zoneName, fake, alayout, avalue));
    }

    return date(year, month, day, hour, min, sec, nsec, defaultLocation);
  }

  /**
   * Go's {@code FixedZone(name, offset)}. Java zones cannot carry an arbitrary abbreviation, so
   * the name survives only for GMT; otherwise the zone is the bare offset.
   */
  private static ZoneId fixedZone(String name, int offset, String layout, String value) {
    if (name.equals("GMT") && offset == 0) {
      return ZoneId.of("GMT");
    }
    try {
      return ZoneOffset.ofTotalSeconds(offset);
    } catch (DateTimeException e) {
      throw parseError(layout, value, "", "", ": time zone offset out of range");
    }
  }

  /** Go's {@code Location.lookupName}: the offset of a zone abbreviation used by loc. */
  private static Integer lookupName(ZoneId loc, String name, long unix) {
    ZoneRules rules = loc.getRules();
    Instant at = Instant.ofEpochSecond(unix);
    int[] candidates = {
      rules.getOffset(at).getTotalSeconds(),
      rules.getStandardOffset(at).getTotalSeconds(),
      rules.getOffset(at.plusSeconds(182L * 86400)).getTotalSeconds(),
      rules.getOffset(at.minusSeconds(182L * 86400)).getTotalSeconds()
    };
    for (int offset : candidates) {
      ZonedDateTime t = Instant.ofEpochSecond(unix - offset).atZone(loc);
      if (abbreviation(t).equals(name)) {
        return t.getOffset().getTotalSeconds();
      }
    }
    for (int days : new int[] {182, -182}) {
      ZonedDateTime t = at.plusSeconds(days * 86400L).atZone(loc);
      if (abbreviation(t).equals(name)) {
        return t.getOffset().getTotalSeconds();
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ arithmetic

  /** {@code Time.Add(d)}. */
  static ZonedDateTime add(ZonedDateTime t, long nanos) {
    return t.plus(Duration.ofNanos(nanos));
  }

  /** {@code Time.Sub(u)}: saturates at the smallest and largest Duration. */
  static Duration sub(ZonedDateTime t, ZonedDateTime u) {
    BigInteger nanos = epochNanos(t).subtract(epochNanos(u));
    if (nanos.bitLength() >= 64) {
      return Duration.ofNanos(nanos.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    }
    return Duration.ofNanos(nanos.longValue());
  }

  static BigInteger epochNanos(ZonedDateTime t) {
    return BigInteger.valueOf(t.toEpochSecond())
        .multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(t.getNano()));
  }

  private static BigInteger sinceZeroTime(ZonedDateTime t) {
    BigInteger zero = BigInteger.valueOf(ZERO_TIME_UNIX).multiply(BigInteger.valueOf(1_000_000_000L));
    return epochNanos(t).subtract(zero);
  }

  /** {@code Time.Truncate(d)}: rounds down to a multiple of d since the zero time. */
  static ZonedDateTime truncate(ZonedDateTime t, long d) {
    if (d <= 0) {
      return t;
    }
    long r = sinceZeroTime(t).mod(BigInteger.valueOf(d)).longValue();
    return add(t, -r);
  }

  /** {@code Time.Round(d)}: halfway values round up. */
  static ZonedDateTime round(ZonedDateTime t, long d) {
    if (d <= 0) {
      return t;
    }
    long r = sinceZeroTime(t).mod(BigInteger.valueOf(d)).longValue();
    if (Long.compareUnsigned(r + r, d) < 0) {
      return add(t, -r);
    }
    return add(t, d - r);
  }

  /** {@code Time.IsZero()}: January 1, year 1, 00:00:00 UTC. */
  static boolean isZero(ZonedDateTime t) {
    return t.toEpochSecond() == ZERO_TIME_UNIX && t.getNano() == 0;
  }

  /** {@code Time.AddDate(years, months, days)}: normalises like time.Date. */
  static ZonedDateTime addDate(ZonedDateTime t, long years, long months, long days) {
    return date(
        t.getYear() + years,
        t.getMonthValue() + months,
        t.getDayOfMonth() + days,
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        t.getNano(),
        t.getZone());
  }
}
