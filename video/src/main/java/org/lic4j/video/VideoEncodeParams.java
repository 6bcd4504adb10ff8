package org.lic4j.video;

import java.util.Objects;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.container.HeaderRules;
import org.lic4j.codec.EncodeParams;

/**
 * What a video encode asks for (docs/video.md, "API"). With a P-frame model the encoder codes an
 * intra frame every GOP and P frames between them; without one every frame is intra. The GOP
 * length is recorded in the stream as the most frames from one intra frame to the next.
 *
 * @param picture each frame's quality, tiling and refinement; a target size in bits per pixel is
 *     not offered (a video's is a bit rate, {@code targetKbps}); with a bit rate its quality is not
 *     used
 * @param gopLength 1..2^16-1: frames from one intra frame to the next at most
 * @param frameRate frames per second, recorded in the sequence header
 * @param source how the source's frames were described, recorded so that a decoder can give back
 *     what came in; {@code null} to take it from the first frame ({@link YuvFrame#colour()} and
 *     format, or {@link SourceColour#rgb()} for an RGB picture)
 * @param frameCount the number of frames to come, or {@link SequenceHeader#NO_FRAME_COUNT}
 *     when not known (a pipe); when given, {@link VideoEncoder#finish()} checks it
 * @param seekIndex whether the stream ends with a seek index of its intra frames (24 bytes per
 *     frame, kept in memory until the end)
 * @param pFrames how P frames are coded, when the encoder has a P-frame model
 * @param targetKbps the bit rate to aim at, kbit/s (1000 bits) at {@code frameRate}, or 0 to code
 *     every frame at the picture's quality: one-pass rate control picks each frame's quality
 *     (docs/video.md, "Rate control"; {@link VideoEncoder#bitrate()} reports how it went)
 */
public record VideoEncodeParams(EncodeParams picture, int gopLength, FrameRate frameRate, SourceColour source,
    long frameCount, boolean seekIndex, PFrameParams pFrames, double targetKbps) {
  /** The GOP length recorded by default: the usual keyframe interval of the comparisons (issue 19). */
  public static final int DEFAULT_GOP_LENGTH = 32;
  /** The largest GOP length the header holds (u16). */
  public static final int MAX_GOP_LENGTH = HeaderRules.MAX_GOP_LENGTH;
  /** The frame rate recorded by default (PAL's 25 frames per second). */
  public static final FrameRate DEFAULT_FRAME_RATE = new FrameRate(25, 1);

  /** Checks ranges; {@code source} may be null. */
  public VideoEncodeParams {
    Objects.requireNonNull(picture, "picture");
    Objects.requireNonNull(frameRate, "frameRate");
    Objects.requireNonNull(pFrames, "pFrames");
    if (picture.targetBpp() > 0) {
      throw new IllegalArgumentException("video frames are coded at a quality or to a bit rate, not to a size in"
          + " bits per pixel (" + picture.targetBpp() + " bpp asked)");
    }
    if (!(targetKbps >= 0) || Double.isInfinite(targetKbps)) {
      throw new IllegalArgumentException("target bit rate must be positive (kbit/s) or 0 for none, got " + targetKbps);
    }
    if (gopLength < 1 || gopLength > MAX_GOP_LENGTH) {
      throw new IllegalArgumentException("GOP length must be in 1.." + MAX_GOP_LENGTH + ", got " + gopLength);
    }
    if (frameCount < 0) {
      throw new IllegalArgumentException("frame count must be positive or NO_FRAME_COUNT, got " + frameCount);
    }
  }

  /**
   * Quality {@code q} (0..100), default tiling, GOP length {@value #DEFAULT_GOP_LENGTH}, 25 frames
   * per second, source from the first frame, no frame count, with a seek index.
   */
  public static VideoEncodeParams quality(double q) {
    return new VideoEncodeParams(EncodeParams.quality(q), DEFAULT_GOP_LENGTH, DEFAULT_FRAME_RATE, null,
        SequenceHeader.NO_FRAME_COUNT, true, PFrameParams.DEFAULT, 0);
  }

  /**
   * One-pass rate control to {@code kbps} kbit/s (1000 bits per second; x264's {@code --bitrate}),
   * with the defaults of {@link #quality}: the frame rate the bit rate is counted at is {@link
   * #frameRate()}, so set the source's ({@link #withFrameRate}).
   *
   * @throws IllegalArgumentException unless {@code kbps} is positive and finite
   */
  public static VideoEncodeParams bitrate(double kbps) {
    if (!(kbps > 0)) {
      throw new IllegalArgumentException("target bit rate must be positive (kbit/s), got " + kbps);
    }
    return quality(EncodeParams.DEFAULT_QUALITY).withTargetBitrate(kbps);
  }

  /** Whether frames are coded to a bit rate ({@link #targetKbps()} above 0) rather than at a quality. */
  public boolean hasTargetBitrate() {
    return targetKbps > 0;
  }

  /** The same with each frame coded at {@code value}. */
  public VideoEncodeParams withPicture(EncodeParams value) {
    return new VideoEncodeParams(value, gopLength, frameRate, source, frameCount, seekIndex, pFrames, targetKbps);
  }

  /** The same with GOP length {@code value}. */
  public VideoEncodeParams withGopLength(int value) {
    return new VideoEncodeParams(picture, value, frameRate, source, frameCount, seekIndex, pFrames, targetKbps);
  }

  /** The same at frame rate {@code value}. */
  public VideoEncodeParams withFrameRate(FrameRate value) {
    return new VideoEncodeParams(picture, gopLength, value, source, frameCount, seekIndex, pFrames, targetKbps);
  }

  /** The same with the source recorded as {@code value} ({@code null}: from the first frame). */
  public VideoEncodeParams withSource(SourceColour value) {
    return new VideoEncodeParams(picture, gopLength, frameRate, value, frameCount, seekIndex, pFrames, targetKbps);
  }

  /** The same with the source recorded as Y'CbCr frames of {@code format} described by {@code colour}. */
  public VideoEncodeParams withSource(ColourDescription colour, ChromaFormat format) {
    return withSource(colour.toSource(format));
  }

  /** The same declaring {@code value} frames ({@link SequenceHeader#NO_FRAME_COUNT}: unknown). */
  public VideoEncodeParams withFrameCount(long value) {
    return new VideoEncodeParams(picture, gopLength, frameRate, source, value, seekIndex, pFrames, targetKbps);
  }

  /** The same with or without a seek index. */
  public VideoEncodeParams withSeekIndex(boolean value) {
    return new VideoEncodeParams(picture, gopLength, frameRate, source, frameCount, value, pFrames, targetKbps);
  }

  /** The same with P frames coded as {@code value} says. */
  public VideoEncodeParams withPFrames(PFrameParams value) {
    return new VideoEncodeParams(picture, gopLength, frameRate, source, frameCount, seekIndex, value, targetKbps);
  }

  /**
   * The same coded to {@code kbps} kbit/s by one-pass rate control, or at the picture's quality
   * with 0.
   */
  public VideoEncodeParams withTargetBitrate(double kbps) {
    return new VideoEncodeParams(picture, gopLength, frameRate, source, frameCount, seekIndex, pFrames, kbps);
  }
}
