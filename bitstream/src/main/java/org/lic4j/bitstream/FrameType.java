package org.lic4j.bitstream;

/** How a frame is predicted. Header field {@code FrameType}; images are always {@link #INTRA}. */
public enum FrameType {
  /** Coded on its own (an I frame); starts a group of pictures in a video. */
  INTRA(0),
  /** Predicted from earlier frames (a P frame). */
  PREDICTED(1),
  /** Predicted from earlier and later frames (a B frame). */
  BIPREDICTED(2);

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
  }

  /** The frame type stored as {@code code}, or {@code null} if format 1.0 defines none. */
  public static FrameType fromCode(int code) {
    for (FrameType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
