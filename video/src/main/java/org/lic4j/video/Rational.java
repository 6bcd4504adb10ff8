package org.lic4j.video;

/**
 * A positive ratio of two ints, kept as given (not reduced): a frame rate such as 30000/1001, or
 * a pixel aspect ratio.
 *
 * @param numerator at least 1
 * @param denominator at least 1
 */
public record Rational(int numerator, int denominator) {
  public Rational {
    if (numerator < 1 || denominator < 1) {
      throw new IllegalArgumentException("a rational needs a positive numerator and denominator, got "
          + numerator + ":" + denominator);
    }
  }

  /** The value as a double. */
  public double toDouble() {
    return (double) numerator / denominator;
  }

  /** {@code numerator:denominator}, as y4m writes it. */
  @Override
  public String toString() {
    return numerator + ":" + denominator;
  }
}
