package org.lic4j.media;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The containers lic4j writes video into besides y4m, chosen by the output's suffix, each with the
 * codec that keeps the decoded frames as they are: Matroska with FFV1 (lossless, any chroma
 * format), and MP4 with x264 at {@code -qp 0} (lossless, and what players open).
 */
public enum VideoContainer {
  /** {@code .mkv}: FFV1, lossless, in the frames' chroma format. */
  MKV("mkv", "matroska", "ffv1"),
  /** {@code .mp4}: H.264 by x264 at quantiser 0 (lossless), for viewing. */
  MP4("mp4", "mp4", "libx264");

  private final String suffix;
  private final String formatName;
  private final String codecName;

  VideoContainer(String suffix, String formatName, String codecName) {
    this.suffix = suffix;
    this.formatName = formatName;
    this.codecName = codecName;
  }

  /** The file name suffix, without the dot. */
  public String suffix() {
    return suffix;
  }

  /** FFmpeg's name of the muxer: given explicitly, since a temporary file's name says nothing. */
  String formatName() {
    return formatName;
  }

  /** FFmpeg's name of the encoder. */
  String codecName() {
    return codecName;
  }

  /** The container a file named {@code p} is written in, or null if none of these. */
  public static VideoContainer of(Path p) {
    String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
    for (VideoContainer c : values()) {
      if (name.endsWith("." + c.suffix)) {
        return c;
      }
    }
    return null;
  }
}
