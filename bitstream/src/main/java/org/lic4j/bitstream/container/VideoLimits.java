package org.lic4j.bitstream.container;

import java.util.Objects;

/**
 * What a video reader accepts before allocating on a stream's word: the picture limits of an
 * image ({@link ContainerLimits}: size, pixels, tiles per frame through {@code maxChunkCount},
 * metadata chunk length through {@code maxChunkLength}) plus the video's own. A stream beyond
 * them is a {@link org.lic4j.bitstream.CorruptStreamException} naming the limit. Writers check
 * the same limits so that default readers accept what they write.
 *
 * @param picture limits on each frame's picture and on the non-frame chunks
 * @param maxFrames most frames in a stream, at least 1
 * @param maxFrameLength largest frame chunk payload in bytes, 12..{@link
 *     ContainerLimits#MAX_CHUNK_LENGTH}
 * @param maxIndexEntries most entries in a seek index (intra frames), at least 1
 */
public record VideoLimits(
    ContainerLimits picture, long maxFrames, int maxFrameLength, int maxIndexEntries) {

  /**
   * Image limits as {@link ContainerLimits#DEFAULT}, 2^24 frames (77 hours at 60 fps), 256 MiB
   * per frame, 2^20 index entries (12 MiB of index).
   */
  public static final VideoLimits DEFAULT =
      new VideoLimits(ContainerLimits.DEFAULT, 1L << 24, 1 << 28, 1 << 20);

  /** The format's own bounds, for writers and trusted input only. */
  public static final VideoLimits MAXIMUM = new VideoLimits(ContainerLimits.MAXIMUM,
      VideoRules.MAX_FRAME_COUNT, ContainerLimits.MAX_CHUNK_LENGTH, Integer.MAX_VALUE);

  /** Checks every limit is positive and within the format. */
  public VideoLimits {
    Objects.requireNonNull(picture, "picture");
    if (maxFrames < 1 || maxIndexEntries < 1) {
      throw new IllegalArgumentException("maxFrames " + maxFrames + " and maxIndexEntries "
          + maxIndexEntries + " must be positive");
    }
    if (maxFrameLength < VideoFormat.MIN_FRAME_LENGTH
        || maxFrameLength > ContainerLimits.MAX_CHUNK_LENGTH) {
      throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " out of range "
          + VideoFormat.MIN_FRAME_LENGTH + ".." + ContainerLimits.MAX_CHUNK_LENGTH);
    }
  }

  /** These limits with other picture limits. */
  public VideoLimits withPicture(ContainerLimits value) {
    return new VideoLimits(value, maxFrames, maxFrameLength, maxIndexEntries);
  }

  /** These limits with another maximum frame count. */
  public VideoLimits withMaxFrames(long value) {
    return new VideoLimits(picture, value, maxFrameLength, maxIndexEntries);
  }

  /** These limits with another maximum frame payload length. */
  public VideoLimits withMaxFrameLength(int value) {
    return new VideoLimits(picture, maxFrames, value, maxIndexEntries);
  }

  /** These limits with another maximum number of index entries. */
  public VideoLimits withMaxIndexEntries(int value) {
    return new VideoLimits(picture, maxFrames, maxFrameLength, value);
  }
}
