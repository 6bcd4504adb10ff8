package org.lic4j.bitstream.container;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.StreamHeader;

/**
 * The per-field ranges of docs/video.md, as {@link HeaderRules} has them for images: each check
 * returns {@code null} when valid, else the reason. Public for the value types of {@code
 * org.lic4j.bitstream}; the rules between frames are {@link FrameOrder}'s.
 */
public final class VideoRules {
  /**
   * Most references a frame may name, and how many of the latest frames (in stream order) it may
   * name them from: a decoder holds at most this many decoded frames (as H.264's 16).
   */
  public static final int MAX_REFERENCES = 16;
  /** FrameCount is a u32; 0 means not signalled. */
  public static final long MAX_FRAME_COUNT = 0xFFFF_FFFFL;

  private VideoRules() {}

  /** A video stream's header: video kind, no alpha, and the frame fields of its first frame. */
  public static String videoHeader(StreamHeader header) {
    if (header.mediaKind() != MediaKind.VIDEO) {
      return "media kind " + header.mediaKind() + " is not VIDEO";
    }
    if (header.colourFormat().hasAlpha()) {
      return "video with colour format " + header.colourFormat() + " (no alpha in video)";
    }
    if (header.frameType() != FrameType.INTRA || header.frameIndex() != 0) {
      return "video header with frame type " + header.frameType() + " and frame index "
          + header.frameIndex() + " (must be INTRA and 0: frames carry their own)";
    }
    return null;
  }

  public static String frameCount(long count) {
    return count < 0 || count > MAX_FRAME_COUNT
        ? "frame count " + count + " out of range 0.." + MAX_FRAME_COUNT
        : null;
  }

  /** The references a frame of {@code type} at {@code display} may name, on their own. */
  public static String references(FrameType type, long display, List<Long> references) {
    if (type == FrameType.INTRA) {
      return references.isEmpty() ? null
          : "intra frame with " + references.size() + " references (must have none)";
    }
    if (references.isEmpty() || references.size() > MAX_REFERENCES) {
      return type + " frame with " + references.size() + " references (must have 1.."
          + MAX_REFERENCES + ")";
    }
    Set<Long> seen = new HashSet<>();
    for (long reference : references) {
      if (reference < 0 || reference > HeaderRules.MAX_FRAME_INDEX) {
        return "reference " + reference + " out of range 0.." + HeaderRules.MAX_FRAME_INDEX;
      }
      if (reference == display) {
        return "frame " + display + " references itself";
      }
      if (!seen.add(reference)) {
        return "reference " + reference + " named twice";
      }
      if (type == FrameType.PREDICTED && reference > display) {
        return "P frame " + display + " references later frame " + reference;
      }
    }
    return null;
  }
}
