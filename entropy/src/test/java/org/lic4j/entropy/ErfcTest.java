package org.lic4j.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** {@link Erfc} against a 160-digit series, and its documented edges. */
class ErfcTest {
  private static final MathContext MC = new MathContext(160, RoundingMode.HALF_EVEN);
  private static final BigDecimal SQRT_PI = pi().sqrt(MC);

  @Test
  void relativeErrorBelow1e13FromMinus6To10() {
    double worst = 0;
    double worstAt = 0;
    for (int k = -600; k <= 1000; k += 7) {
      double x = k / 100.0 + 0.00123;
      double exact = reference(x);
      double rel = Math.abs(Erfc.erfc(x) - exact) / exact;
      if (rel > worst) {
        worst = rel;
        worstAt = x;
      }
    }
    assertTrue(worst < 1e-13, "relative error " + worst + " at " + worstAt);
  }

  @Test
  void edges() {
    assertEquals(1.0, Erfc.erfc(0.0));
    assertEquals(2.0, Erfc.erfc(-30));
    assertEquals(0.0, Erfc.erfc(27.3));
    assertTrue(Erfc.erfc(27.2) > 0);
    assertTrue(Double.isNaN(Erfc.erfc(Double.NaN)));
    assertEquals(0.0, Erfc.erfc(Double.POSITIVE_INFINITY));
    assertEquals(2.0, Erfc.erfc(Double.NEGATIVE_INFINITY));
    // monotone across the switch from series to continued fraction
    assertTrue(Erfc.erfc(Math.nextDown(1.0)) >= Erfc.erfc(1.0));
  }

  /** erfc(x) = 1 - 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1)), in 160 digits. */
  private static double reference(double x) {
    BigDecimal bx = new BigDecimal(x);
    BigDecimal x2 = bx.multiply(bx, MC);
    BigDecimal power = bx;  // (-1)^n x^(2n+1) / n!
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal tiny = new BigDecimal("1e-150");
    for (int n = 0; ; n++) {
      BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
      sum = sum.add(term, MC);
      if (term.abs().compareTo(tiny) < 0 && n > x * x) {
        break;
      }
      power = power.multiply(x2, MC).negate().divide(BigDecimal.valueOf(n + 1), MC);
    }
    BigDecimal erf = sum.multiply(BigDecimal.valueOf(2), MC).divide(SQRT_PI, MC);
    return BigDecimal.ONE.subtract(erf, MC).doubleValue();
  }

  /** Machin: pi = 16 atan(1/5) - 4 atan(1/239). */
  private static BigDecimal pi() {
    return atanInverse(5).multiply(BigDecimal.valueOf(16)).subtract(atanInverse(239).multiply(BigDecimal.valueOf(4)), MC);
  }

  private static BigDecimal atanInverse(int k) {
    BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(k), MC);
    BigDecimal x2 = x.multiply(x, MC);
    BigDecimal power = x;
    BigDecimal sum = BigDecimal.ZERO;
    for (int n = 0; power.compareTo(new BigDecimal("1e-170")) > 0; n++) {
      BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
      sum = (n & 1) == 0 ? sum.add(term, MC) : sum.subtract(term, MC);
      power = power.multiply(x2, MC);
    }
    return sum;
  }
}
