package org.lic4j.media;

import java.util.List;
import java.util.Objects;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * A y4m stream header as lic4j reads and writes it (docs/video.md, "y4m"): progressive frames of
 * one size and chroma format, their rate and colour description.
 *
 * @param width luma width ({@code W})
 * @param height luma height ({@code H})
 * @param format {@code YUV420} or {@code YUV444} ({@code C})
 * @param bitDepth bits per sample in the file: 8, or 10 (read only, reduced to 8 bits)
 * @param frameRate frames per second ({@code F}; 25:1 when the header has none)
 * @param pixelAspect pixel aspect ratio ({@code A}), or null when unknown ({@code A0:0} or none)
 * @param colour matrix, range and chroma siting ({@code C}, {@code XCOLORRANGE},
 *     {@code XCOLORMATRIX}; guessed from the size where the header is silent)
 * @param comments the header's other {@code X} parameters, without the {@code X}, in order (the
 *     writer leaves them out)
 */
public record Y4mHeader(int width, int height, ChromaFormat format, int bitDepth, FrameRate frameRate,
    PixelAspect pixelAspect, ColourDescription colour, List<String> comments) {
  public Y4mHeader {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(frameRate, "frameRate");
    Objects.requireNonNull(colour, "colour");
    comments = List.copyOf(comments);
    if (format != ChromaFormat.YUV420 && format != ChromaFormat.YUV444) {
      throw new IllegalArgumentException("y4m frames here are YUV420 or YUV444, not " + format);
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("frame size must be at least 1x1, got " + width + "x" + height);
    }
    if (bitDepth != 8 && bitDepth != 10) {
      throw new IllegalArgumentException("bit depth must be 8 or 10, got " + bitDepth);
    }
  }

  /** An 8-bit header for frames like {@code frame} at {@code frameRate}, aspect unknown. */
  public static Y4mHeader of(YuvFrame frame, FrameRate frameRate) {
    return new Y4mHeader(frame.width(), frame.height(), frame.format(), 8, frameRate, null, frame.colour(), List.of());
  }

  /** Bytes of one frame's samples in the file (without its FRAME line). */
  public long frameBytes() {
    return format.samplesPerFrame(width, height) * (bitDepth > 8 ? 2 : 1);
  }
}
