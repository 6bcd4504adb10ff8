package org.lic4j.bitstream;

/** What a stream holds: one still image, or one frame of a video. Header field {@code MediaKind}. */
public enum MediaKind {
  /** A still image: frame type {@link FrameType#INTRA}, frame index 0, GOP length 1. */
  IMAGE(0),
  /** One frame of a video; the frame fields place it in its sequence. */
  VIDEO(1);

  private final int code;

  MediaKind(int code) {
    this.code = code;
  }

  /** The value stored in the stream. */
  public int code() {
    return code;
  }

  /** The kind stored as {@code code}, or {@code null} if format 1.0 defines none. */
  public static MediaKind fromCode(int code) {
    for (MediaKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return null;
  }
}
