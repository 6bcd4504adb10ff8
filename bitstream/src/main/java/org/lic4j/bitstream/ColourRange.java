package org.lic4j.bitstream;

/**
 * The sample range of the source, as recorded in a video stream's sequence header; the codes are
 * H.273's {@code VideoFullRangeFlag}.
 */
public enum ColourRange {
  /** "Limited", "TV", "MPEG" range: Y' in 16..235, Cb and Cr in 16..240 at 8 bits. */
  LIMITED(0),
  /** "Full", "PC", "JPEG" range: every sample in 0..255 at 8 bits. */
  FULL(1);

  private final int code;

  ColourRange(int code) {
    this.code = code;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
  }

  /** The range stored as {@code code}, or {@code null} if the format defines none. */
  public static ColourRange fromCode(int code) {
    for (ColourRange range : values()) {
      if (range.code == code) {
        return range;
      }
    }
    return null;
  }
}
