package dev.kargo4j.expr.go;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float64 text forms: {@code strconv.FormatFloat(f, 'g', -1, 64)} as {@code fmt}'s
 * {@code %v} prints it, {@code strconv.FormatFloat(f, 'f', -1, 64)}, and the form
 * {@code encoding/json} writes. All start from the shortest decimal that reads back as the same
 * double (closest to the exact value when several have that length), which Java 17's
 * {@link Double#toString(double)} does not guarantee (JDK-4511638, fixed in Java 19): it is
 * computed here, so the output is the same on every JDK.
 *
 * <p>Stateless and thread-safe. Arguments are primitives, results never null.
 */
public final class GoFloat {
  private GoFloat() {}

  /** Shortest round-trip digits {@code d1 d2 ... dn} and the decimal point position. */
  record Decimal(String digits, int pointPosition) {}

  /**
   * {@code fmt.Sprint(f)} ({@code %v}), which is {@code strconv.FormatFloat(f, 'g', -1, 64)}:
   * shortest digits, exponent form when the decimal exponent is below -4 or at least 6
   * ({@code 1e+06}, {@code 1.5e-07}, {@code 123456.7}); {@code NaN}, {@code +Inf},
   * {@code -Inf}; negative zero as {@code -0}.
   */
  public static String formatV(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    if (f == 0) {
      return (Double.doubleToRawLongBits(f) < 0) ? "-0" : "0";
    }
    String sign = f < 0 ? "-" : "";
    Decimal d = shortest(Math.abs(f));
    int exp = d.pointPosition() - 1;
    // strconv 'g' with the shortest precision uses %e when the exponent is < -4 or >= 6.
    if (exp < -4 || exp >= 6) {
      return sign + formatE(d);
    }
    return sign + formatF(d);
  }

  /**
   * {@code encoding/json}'s float64 encoding: shortest digits, plain form for
   * {@code 1e-6 <= |f| < 1e21}, otherwise the exponent form with a two-digit-or-more positive
   * exponent and an unpadded negative one ({@code 1e+21}, {@code 1e-7}).
   *
   * @throws IllegalArgumentException for NaN and infinities, with Go's message
   *     ({@code json: unsupported value: NaN})
   */
  public static String formatJson(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new IllegalArgumentException(
          "json: unsupported value: " + formatV(f));
    }
    if (f == 0) {
      return (Double.doubleToRawLongBits(f) < 0) ? "-0" : "0";
    }
    String sign = f < 0 ? "-" : "";
    double abs = Math.abs(f);
    Decimal d = shortest(abs);
    if (abs < 1e-6 || abs >= 1e21) {
      String e = formatE(d);
      // encoding/json cleans e-09 to e-9
      int n = e.length();
      if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
        e = e.substring(0, n - 2) + e.charAt(n - 1);
      }
      return sign + e;
    }
    return sign + formatF(d);
  }

  /**
   * {@code strconv.FormatFloat(f, 'f', -1, 64)}: shortest digits, never an exponent
   * ({@code 1.25e22} is {@code 12500000000000000000000}); {@code NaN}, {@code +Inf},
   * {@code -Inf}; negative zero as {@code -0}.
   */
  public static String formatF(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f) || f == 0) {
      return formatV(f);
    }
    return (f < 0 ? "-" : "") + formatF(shortest(Math.abs(f)));
  }

  private static String formatE(Decimal d) {
    String digits = d.digits();
    StringBuilder sb = new StringBuilder();
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    int exp = d.pointPosition() - 1;
    sb.append('e').append(exp < 0 ? '-' : '+');
    int abs = Math.abs(exp);
    if (abs < 10) {
      sb.append('0');
    }
    sb.append(abs);
    return sb.toString();
  }

  private static String formatF(Decimal d) {
    String digits = d.digits();
    int dp = d.pointPosition();
    StringBuilder sb = new StringBuilder();
    if (dp <= 0) {
      sb.append("0.");
      for (int i = 0; i < -dp; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (dp >= digits.length()) {
      sb.append(digits);
      for (int i = digits.length(); i < dp; i++) {
        sb.append('0');
      }
    } else {
      sb.append(digits, 0, dp).append('.').append(digits, dp, digits.length());
    }
    return sb.toString();
  }

  /**
   * The shortest decimal that parses back to {@code v} (positive, finite); among candidates of
   * that length, the closest to the exact binary value.
   */
  static Decimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p <= 17; p++) {
      MathContext down = new MathContext(p, RoundingMode.FLOOR);
      MathContext up = new MathContext(p, RoundingMode.CEILING);
      BigDecimal lo = exact.round(down);
      BigDecimal hi = exact.round(up);
      boolean loOk = lo.doubleValue() == v;
      boolean hiOk = hi.doubleValue() == v;
      BigDecimal pick = null;
      if (loOk && hiOk) {
        int cmp = exact.subtract(lo).compareTo(hi.subtract(exact));
        if (cmp < 0) {
          pick = lo;
        } else if (cmp > 0) {
          pick = hi;
        } else {
          pick = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        }
      } else if (loOk) {
        pick = lo;
      } else if (hiOk) {
        pick = hi;
      }
      if (pick != null) {
        return toDecimal(pick);
      }
    }
    return toDecimal(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static Decimal toDecimal(BigDecimal b) {
    BigDecimal s = b.stripTrailingZeros();
    String digits = s.unscaledValue().toString();
    // value = digits * 10^-scale = 0.digits * 10^(len - scale)
    return new Decimal(digits, digits.length() - s.scale());
  }
}
