package org.lic4j.video;

import java.util.Locale;

/**
 * Where a subsampled (4:2:0) chroma sample sits among the 2x2 luma samples it covers, as FFmpeg
 * names it ({@code av_chroma_location_name}, ITU-T H.273 chroma_sample_loc_type). Positions are
 * counted in half luma samples from the top-left luma sample of the 2x2 block: 0 is on it, 1
 * between it and the next, 2 on the next. Meaningless for 4:4:4, which uses {@link #CENTER}.
 *
 * <p>y4m names three of them: {@code C420jpeg} (and bare {@code C420}) is {@link #CENTER},
 * {@code C420mpeg2} is {@link #LEFT}, {@code C420paldv} is {@link #TOP_LEFT}.
 */
public enum ChromaSiting {
  /** MPEG-2, H.264 and HEVC's default: co-sited with the left column, halfway between two rows. */
  LEFT(0, 1),
  /** JPEG, MPEG-1: in the middle of the 2x2 block. */
  CENTER(1, 1),
  /** PAL DV, and common in UHD (BT.2020) material: co-sited with the top-left luma sample. */
  TOP_LEFT(0, 0),
  /** Halfway between two columns, on the top row. */
  TOP(1, 0),
  /** Co-sited with the left column, on the bottom row. */
  BOTTOM_LEFT(0, 2),
  /** Halfway between two columns, on the bottom row. */
  BOTTOM(1, 2);

  private final int halfX;
  private final int halfY;

  ChromaSiting(int halfX, int halfY) {
    this.halfX = halfX;
    this.halfY = halfY;
  }

  /** Horizontal position in half luma samples right of the block's left column: 0 or 1. */
  public int halfSamplesRight() {
    return halfX;
  }

  /** Vertical position in half luma samples below the block's top row: 0, 1 or 2. */
  public int halfSamplesDown() {
    return halfY;
  }

  /** FFmpeg's name: {@code left}, {@code center}, {@code topleft}, {@code top}, {@code bottomleft}, {@code bottom}. */
  public String ffmpegName() {
    return name().replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** The siting FFmpeg calls {@code name}, ignoring case. */
  public static ChromaSiting ofFfmpegName(String name) {
    for (ChromaSiting s : values()) {
      if (s.ffmpegName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown chroma siting '" + name + "'");
  }
}
