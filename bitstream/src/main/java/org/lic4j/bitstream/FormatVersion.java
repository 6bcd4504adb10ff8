package org.lic4j.bitstream;

/**
 * A container format version, {@code major.minor}, each an unsigned byte.
 *
 * <p>A reader accepts every minor version of the majors it supports: a newer minor only appends
 * header fields or adds chunk types, which older readers skip or reject individually. A different
 * major version is rejected as a whole ({@link VersionTooOldException}, {@link
 * VersionTooNewException}).
 */
public record FormatVersion(int major, int minor) implements Comparable<FormatVersion> {

  /**
   * The version this library writes a stream in unless the stream needs a newer minor's feature:
   * every image, and every video without P frames.
   */
  public static final FormatVersion CURRENT = new FormatVersion(1, 0);

  /** Format 1.1: video streams with P frames (docs/video.md, "Versions"). */
  public static final FormatVersion V1_1 = new FormatVersion(1, 1);

  /**
   * The newest version this library implements in full: the video chunks of a stream of it or an
   * older minor are checked exactly (the sequence chunk's length, frame type codes); a newer
   * minor's extensions are skipped and its undefined codes are unsupported features
   * (docs/bitstream.md 7). Format 1.1 changes no header field, so the header is checked exactly
   * for 1.0 alone ({@link #CURRENT}), and read as a newer minor's from 1.1 on.
   */
  public static final FormatVersion IMPLEMENTED = V1_1;

  /** The oldest version this library reads. */
  public static final FormatVersion OLDEST_SUPPORTED = new FormatVersion(1, 0);

  /** The newest version this library reads: every minor version of the current major. */
  public static final FormatVersion NEWEST_SUPPORTED = new FormatVersion(1, 255);

  /** Checks both parts are unsigned bytes (0..255). */
  public FormatVersion {
    if (major < 0 || major > 255 || minor < 0 || minor > 255) {
      throw new IllegalArgumentException("version " + major + "." + minor + " outside 0.0..255.255");
    }
  }

  @Override
  public int compareTo(FormatVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  /** Returns {@code major.minor}, e.g. {@code 1.0}. */
  @Override
  public String toString() {
    return major + "." + minor;
  }
}
