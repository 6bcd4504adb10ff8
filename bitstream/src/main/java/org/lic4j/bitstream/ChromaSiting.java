package org.lic4j.bitstream;

import java.util.Locale;

/**
 * Where the source's subsampled chroma samples sit relative to the luma samples, as recorded in a
 * video stream's sequence header. The codes are FFmpeg's {@code AVChromaLocation} (H.273's
 * {@code ChromaSampleLocType} plus one): y4m's {@code 420mpeg2} is {@link #LEFT}, {@code 420jpeg}
 * {@link #CENTER}, {@code 420paldv} {@link #TOP_LEFT}.
 *
 * <p>Each siting but {@link #UNSPECIFIED} has a position, counted in half luma samples from the
 * top-left luma sample of the 2x2 block a 4:2:0 chroma sample covers: 0 is on it, 1 between it and
 * the next, 2 on the next (H.273's figure of chroma sample locations).
 */
public enum ChromaSiting {
  /** Not known, or the source has no subsampled chroma; no position. */
  UNSPECIFIED(0, -1, -1),
  /** Horizontally co-sited with the left luma sample, vertically between rows (MPEG-2, H.264, HEVC). */
  LEFT(1, 0, 1),
  /** Between the luma samples both ways (JPEG, MPEG-1). */
  CENTER(2, 1, 1),
  /** Co-sited with the top-left luma sample (BT.2020 4:2:0, DV PAL). */
  TOP_LEFT(3, 0, 0),
  /** Horizontally between, vertically co-sited with the top row. */
  TOP(4, 1, 0),
  /** Co-sited with the bottom-left luma sample. */
  BOTTOM_LEFT(5, 0, 2),
  /** Horizontally between, vertically co-sited with the bottom row. */
  BOTTOM(6, 1, 2);

  private final int code;
  /** -1 for {@link #UNSPECIFIED}, else 0 or 1. */
  private final int halfX;
  /** -1 for {@link #UNSPECIFIED}, else 0, 1 or 2. */
  private final int halfY;

  ChromaSiting(int code, int halfX, int halfY) {
    this.code = code;
    this.halfX = halfX;
    this.halfY = halfY;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
  }

  /** Whether this siting names a position (all but {@link #UNSPECIFIED}). */
  public boolean hasPosition() {
    return halfX >= 0;
  }

  /**
   * Horizontal position in half luma samples right of the block's left column: 0 or 1.
   *
   * @throws IllegalStateException for {@link #UNSPECIFIED}
   */
  public int halfSamplesRight() {
    requirePosition();
    return halfX;
  }

  /**
   * Vertical position in half luma samples below the block's top row: 0, 1 or 2.
   *
   * @throws IllegalStateException for {@link #UNSPECIFIED}
   */
  public int halfSamplesDown() {
    requirePosition();
    return halfY;
  }

  /**
   * FFmpeg's name ({@code av_chroma_location_name}): {@code unspecified}, {@code left},
   * {@code center}, {@code topleft}, {@code top}, {@code bottomleft}, {@code bottom}.
   */
  public String ffmpegName() {
    return name().replace("_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * The siting with a position that FFmpeg calls {@code name}, ignoring case; {@code unspecified}
   * names no position and is refused, as is an unknown name.
   */
  public static ChromaSiting ofFfmpegName(String name) {
    for (ChromaSiting s : values()) {
      if (s.hasPosition() && s.ffmpegName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown chroma siting '" + name
        + "' (expected left, center, topleft, top, bottomleft or bottom)");
  }

  private void requirePosition() {
    if (!hasPosition()) {
      throw new IllegalStateException("chroma siting " + this + " has no position");
    }
  }

  /** The siting stored as {@code code}, or {@code null} if the format defines none. */
  public static ChromaSiting fromCode(int code) {
    for (ChromaSiting siting : values()) {
      if (siting.code == code) {
        return siting;
      }
    }
    return null;
  }
}
