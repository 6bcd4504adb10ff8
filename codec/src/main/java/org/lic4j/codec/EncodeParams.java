package org.lic4j.codec;

import org.lic4j.bitstream.TileLayout;

/**
 * What one encode asks for: a quality, or a target size in bits per pixel (rate control picks the
 * highest quality whose coded size fits), and the tiling.
 *
 * @param quality 0..100, higher is better; ignored when {@code targetBpp > 0}
 * @param targetBpp bits per pixel to aim at, or 0 for none: rate control searches the qualities
 *     0, 0.1, .. 100 by bisection, which assumes that bits grow with quality; the result is at most
 *     the target when quality 0 fits, else it is quality 0
 * @param tileSize tile side in pixels, a multiple of 64 (default 1024)
 * @param overlap pixels each window reaches into the neighbouring tiles, a multiple of 64
 *     (default 64): analysis and synthesis see across tile borders, so tiles leave no seam
 * @param refineIterations steps of latent refinement per tile (0, the default, for none;
 *     {@link #RECOMMENDED_REFINE_ITERATIONS} for the best compression): the encoder descends the
 *     decoder's rate-distortion loss from the analysis transform's latent, which saves about a tenth
 *     of the bits at the same quality for roughly three decodes' time per step (docs/training-log.md, "Latent refinement figures").
 *     The decoder is the same either way. Needs a model with the refinement graph.
 *     {@link #withEffort} sets it from an effort level 0..{@link #MAX_EFFORT}
 */
public record EncodeParams(double quality, double targetBpp, int tileSize, int overlap, int refineIterations) {
  public static final int DEFAULT_TILE_SIZE = 1024;
  public static final int DEFAULT_OVERLAP = 64;
  public static final double DEFAULT_QUALITY = 75;
  /** The refinement steps the published rate-distortion figures use (docs/results.md). */
  public static final int RECOMMENDED_REFINE_ITERATIONS = 25;
  /** At most this many refinement steps. */
  public static final int MAX_REFINE_ITERATIONS = 1000;
  /** The highest effort level ({@link #withEffort}); 0 is the plain encoder. */
  public static final int MAX_EFFORT = 9;
  /**
   * The effort {@code lic4j encode} uses for a picture when given none: the highest level whose
   * whole encode of a Kodak picture (768x512, model loaded) takes at most 1.5 s on 2 quiet cores
   * (docs/benchmarks.md, "Effort levels"). {@link #quality} and {@link #targetBpp} stay at effort 0.
   */
  public static final int DEFAULT_EFFORT = 2;
  // Refinement steps per effort level. Most of the gain comes in the first steps, and each step
  // costs about three decodes' time, so the levels grow roughly geometrically.
  private static final int[] EFFORT_STEPS = {0, 1, 2, 3, 4, 6, 8, 12, 18, 25};

  public EncodeParams {
    if (!(quality >= 0 && quality <= 100)) {
      throw new IllegalArgumentException("quality must be in 0..100, got " + quality);
    }
    if (!(targetBpp >= 0) || Double.isInfinite(targetBpp)) {
      throw new IllegalArgumentException("target bpp must be a positive number, got " + targetBpp);
    }
    if (refineIterations < 0 || refineIterations > MAX_REFINE_ITERATIONS) {
      throw new IllegalArgumentException("refinement steps must be in 0.." + MAX_REFINE_ITERATIONS + ", got "
          + refineIterations);
    }
    new TileLayout(tileSize, tileSize, overlap);
    if (tileSize % TilePlan.GRID != 0 || overlap % TilePlan.GRID != 0) {
      throw new IllegalArgumentException("tile size and overlap must be multiples of 64");
    }
  }

  /** Quality {@code q} (0..100) with default tiling. */
  public static EncodeParams quality(double q) {
    return new EncodeParams(q, 0, DEFAULT_TILE_SIZE, DEFAULT_OVERLAP, 0);
  }

  /** Rate control to {@code bpp} bits per pixel with default tiling. */
  public static EncodeParams targetBpp(double bpp) {
    if (!(bpp > 0)) {
      throw new IllegalArgumentException("target bpp must be positive, got " + bpp);
    }
    return new EncodeParams(DEFAULT_QUALITY, bpp, DEFAULT_TILE_SIZE, DEFAULT_OVERLAP, 0);
  }

  /** The same request with other tiling. */
  public EncodeParams withTiles(int size, int overlapPixels) {
    return new EncodeParams(quality, targetBpp, size, overlapPixels, refineIterations);
  }

  /** The same request with {@code iterations} steps of latent refinement per tile (0 for none). */
  public EncodeParams withRefinement(int iterations) {
    return new EncodeParams(quality, targetBpp, tileSize, overlap, iterations);
  }

  /**
   * The same request at effort {@code level} (0..{@link #MAX_EFFORT}, as cwebp's {@code -m} or
   * avifenc's {@code --speed} reversed): the recipe of {@link #refinementSteps(int)}. Level 0 is the
   * plain encoder; every level decodes with the same decoder at the same speed.
   */
  public EncodeParams withEffort(int level) {
    return withRefinement(refinementSteps(level));
  }

  /**
   * The steps of latent refinement per tile that effort {@code level} runs: 0, 1, 2, 3, 4, 6, 8,
   * 12, 18, 25 for levels 0..9 (25 is {@link #RECOMMENDED_REFINE_ITERATIONS}).
   *
   * @throws IllegalArgumentException if {@code level} is outside 0..{@link #MAX_EFFORT}
   */
  public static int refinementSteps(int level) {
    if (level < 0 || level > MAX_EFFORT) {
      throw new IllegalArgumentException("effort must be in 0.." + MAX_EFFORT + ", got " + level);
    }
    return EFFORT_STEPS[level];
  }

  TileLayout layout() {
    return new TileLayout(tileSize, tileSize, overlap);
  }

  /** Quality in the header's hundredths. */
  int hundredths() {
    return (int) Math.round(quality * 100);
  }

  /** The model's continuous quality position for a header quality in hundredths. */
  static double position(int hundredths, int qualityLevels) {
    return (qualityLevels - 1) * (hundredths / 10000.0);
  }
}
