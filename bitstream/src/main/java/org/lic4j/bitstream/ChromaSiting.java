package org.lic4j.bitstream;

/**
 * Where the source's subsampled chroma samples sit relative to the luma samples, as recorded in a
 * video stream's sequence header. The codes are FFmpeg's {@code AVChromaLocation} (H.273's
 * {@code ChromaSampleLocType} plus one): y4m's {@code 420mpeg2} is {@link #LEFT}, {@code 420jpeg}
 * {@link #CENTER}, {@code 420paldv} {@link #TOP_LEFT}.
 */
public enum ChromaSiting {
  /** Not known, or the source has no subsampled chroma. */
  UNSPECIFIED(0),
  /** Horizontally co-sited with the left luma sample, vertically between rows (MPEG-2, H.264). */
  LEFT(1),
  /** Between the luma samples both ways (JPEG, MPEG-1). */
  CENTER(2),
  /** Co-sited with the top-left luma sample (BT.2020 4:2:0, DV PAL). */
  TOP_LEFT(3),
  /** Horizontally between, vertically co-sited with the top row. */
  TOP(4),
  /** Co-sited with the bottom-left luma sample. */
  BOTTOM_LEFT(5),
  /** Horizontally between, vertically co-sited with the bottom row. */
  BOTTOM(6);

  private final int code;

  ChromaSiting(int code) {
    this.code = code;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
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
