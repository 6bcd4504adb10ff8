package org.lic4j.entropy;

import java.util.Arrays;

/**
 * Test tables: one quantised table per scale of a log-spaced scale grid, for latents modelled as
 * a zero-mean {@link ScaleFamily} distribution (by default Gaussian, 64 scales from 0.11 to 64,
 * tail mass 1e-9, precision 16), looked up with {@link #indexOf(double)}. The codec never builds
 * tables (it reads the bundle's, made by {@code training/cdf.py}); these give the coder's tests
 * realistic tables made the same way.
 *
 * <p>Construction of table {@code i} (deterministic: {@link StrictMath} and our {@link Erfc}, then
 * {@link FrequencyQuantizer#table} on the masses as computed, not renormalised, as
 * {@code training/cdf.py} does):
 * <ul>
 *   <li>{@code scale[i] = exp(ln(min) + i * (ln(max) - ln(min)) / (count - 1))}, except that the
 *       first and last are {@code min} and {@code max} exactly;
 *   <li>{@code Q(y) = P(X > y)} for the family at that scale; the table covers values
 *       {@code [-R, R]} with {@code R} the smallest integer such that {@code 2 Q(R + 1/2) <=
 *       tailMass}, capped at {@code 2^(precision-1) - 1} so that the {@code 2R + 2} symbols fit;
 *   <li>{@code p(v) = Q(|v| - 1/2) - Q(|v| + 1/2)} for {@code v != 0}, {@code p(0) = 1 - 2 Q(1/2)};
 *       the escape symbol gets the tails {@code 2 Q(R + 1/2)};
 *   <li>offset {@code -R}.
 * </ul>
 * Immutable and thread-safe.
 */
final class ScaleTables {
  private final ScaleFamily family;
  private final double tailMass;
  private final double[] scales;
  private final CdfTable[] tables;
  private final TableSet tableSet;

  private ScaleTables(Builder b) {
    this.family = b.family;
    this.tailMass = b.tailMass;
    int count = b.count;
    scales = new double[count];
    tables = new CdfTable[count];
    double logMin = StrictMath.log(b.minScale);
    double step = count == 1 ? 0 : (StrictMath.log(b.maxScale) - logMin) / (count - 1);
    for (int i = 0; i < count; i++) {
      scales[i] = i == 0 ? b.minScale : i == count - 1 ? b.maxScale : StrictMath.exp(logMin + i * step);
      tables[i] = table(b.family, scales[i], b.tailMass, b.precision);
    }
    tableSet = TableSet.of(tables);
  }

  /** The quantised table of one scale, built as described in the class comment. */
  public static CdfTable table(ScaleFamily family, double scale, double tailMass, int precision) {
    if (!(scale > 0) || scale == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("scale " + scale + " must be positive and finite");
    }
    if (!(tailMass > 0 && tailMass < 1)) {
      throw new IllegalArgumentException("tail mass " + tailMass + " not in (0, 1)");
    }
    if (precision < 2 || precision > CdfTable.MAX_PRECISION) {
      throw new IllegalArgumentException("precision " + precision + " not in [2, 16]");
    }
    int maxRadius = (1 << (precision - 1)) - 1;
    int radius = 0;
    while (radius < maxRadius && 2 * family.upperTail(radius + 0.5, scale) > tailMass) {
      radius++;
    }
    double[] pmf = new double[2 * radius + 2];
    pmf[radius] = 1 - 2 * family.upperTail(0.5, scale);
    for (int v = 1; v <= radius; v++) {
      double p = family.upperTail(v - 0.5, scale) - family.upperTail(v + 0.5, scale);
      pmf[radius + v] = p;
      pmf[radius - v] = p;
    }
    pmf[2 * radius + 1] = 2 * family.upperTail(radius + 0.5, scale);
    return FrequencyQuantizer.table(pmf, -radius, precision);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The default: Gaussian, 64 scales in [0.11, 64], tail mass 1e-9, precision 16. */
  public static ScaleTables gaussian() {
    return builder().build();
  }

  /** Number of scales (and tables). */
  public int size() {
    return tables.length;
  }

  public double scale(int index) {
    return scales[index];
  }

  public CdfTable table(int index) {
    return tables[index];
  }

  /** All tables, prepared for the coder, indexed like {@link #scale(int)}. */
  public TableSet tableSet() {
    return tableSet;
  }

  public ScaleFamily family() {
    return family;
  }

  public double tailMass() {
    return tailMass;
  }

  /**
   * The table for a predicted scale: the first whose scale is at least {@code scale} (so the
   * table is never narrower than the prediction), or the last if {@code scale} exceeds them all.
   */
  public int indexOf(double scale) {
    if (Double.isNaN(scale)) {
      throw new IllegalArgumentException("scale is NaN");
    }
    int i = Arrays.binarySearch(scales, scale);
    if (i < 0) {
      i = -i - 1;
    }
    return Math.min(i, scales.length - 1);
  }

  /** Settings of a scale grid; defaults as in {@link ScaleTables#gaussian()}. */
  public static final class Builder {
    private ScaleFamily family = ScaleFamily.GAUSSIAN;
    private double minScale = 0.11;
    private double maxScale = 64;
    private int count = 64;
    private double tailMass = 1e-9;
    private int precision = 16;

    private Builder() {}

    public Builder family(ScaleFamily family) {
      this.family = java.util.Objects.requireNonNull(family);
      return this;
    }

    /** {@code count} log-spaced scales from {@code min} to {@code max}, both included. */
    public Builder scales(double min, double max, int count) {
      if (!(min > 0) || !(max >= min) || max == Double.POSITIVE_INFINITY || count < 1
          || (count == 1 && max != min)) {
        throw new IllegalArgumentException("bad scale grid: " + count + " scales in [" + min + ", " + max + "]");
      }
      this.minScale = min;
      this.maxScale = max;
      this.count = count;
      return this;
    }

    /** Probability mass left to the escape symbol, both tails together; in (0, 1). */
    public Builder tailMass(double tailMass) {
      if (!(tailMass > 0 && tailMass < 1)) {
        throw new IllegalArgumentException("tail mass " + tailMass + " not in (0, 1)");
      }
      this.tailMass = tailMass;
      return this;
    }

    /** Table precision in bits, in [2, 16]. */
    public Builder precision(int precision) {
      if (precision < 2 || precision > CdfTable.MAX_PRECISION) {
        throw new IllegalArgumentException("precision " + precision + " not in [2, 16]");
      }
      this.precision = precision;
      return this;
    }

    public ScaleTables build() {
      return new ScaleTables(this);
    }
  }
}
