package org.lic4j.media;

import java.io.BufferedOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * Writes a y4m stream as frames come: the header when opened, then each frame behind its
 * {@code FRAME} line; nothing is held back but the output buffer. 8-bit 4:2:0 and 4:4:4 only.
 * The colour range goes out as {@code XCOLORRANGE} (FFmpeg reads it) and the matrix as lic4j's
 * own {@code XCOLORMATRIX} (other readers ignore it): {@code BT601} for both of BT.601's codes
 * (BT470BG, SMPTE170M) or {@code BT709}, a BT.2020 frame refused; 4:2:0 chroma siting as the
 * colour space's name: {@code C420jpeg} (centre), {@code C420mpeg2} (left), {@code C420paldv}
 * (top left).
 * For a file, write through {@link OutputFiles#write} so that a failure leaves nothing behind.
 */
public final class Y4mWriter implements FrameSink, Flushable {
  private static final byte[] FRAME_LINE = (Y4mReader.FRAME + "\n").getBytes(StandardCharsets.US_ASCII);
  private static final int BUFFER_BYTES = 1 << 16;

  private final OutputStream out;
  private final Y4mHeader header;
  private long framesWritten;

  private Y4mWriter(OutputStream out, Y4mHeader header) {
    this.out = out;
    this.header = header;
  }

  /** Writes {@code header} to {@code out} now; closing the writer closes {@code out}. */
  public static Y4mWriter open(OutputStream out, Y4mHeader header) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(header, "header");
    String line = headerLine(header);
    OutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
    buffered.write(line.getBytes(StandardCharsets.US_ASCII));
    return new Y4mWriter(buffered, header);
  }

  /** The header line, newline included; refuses what y4m cannot say or this writer does not write. */
  static String headerLine(Y4mHeader h) {
    if (h.bitDepth() != 8) {
      throw new IllegalArgumentException("y4m output is 8-bit, the header asks for " + h.bitDepth() + " bits");
    }
    ColourDescription colour = h.colour();
    String space = h.format() == ChromaFormat.YUV444 ? "444" : switch (colour.siting()) {
      case CENTER -> "420jpeg";
      case LEFT -> "420mpeg2";
      case TOP_LEFT -> "420paldv";
      default -> throw new IllegalArgumentException("y4m has no name for 4:2:0 chroma sited "
          + colour.siting().ffmpegName() + " (it names center, left and topleft)");
    };
    FrameRate rate = h.frameRate();
    return Y4mReader.SIGNATURE + " W" + h.width() + " H" + h.height() + " F" + rate.numerator() + ":"
        + rate.denominator() + " Ip A" + (h.pixelAspect() == null ? "0:0" : h.pixelAspect().toString())
        + " C" + space + " XCOLORRANGE=" + colour.range() + " XCOLORMATRIX=" + matrixTag(colour.matrix()) + "\n";
  }

  /** The {@code XCOLORMATRIX} value of {@code m}. */
  static String matrixTag(ColourMatrix m) {
    return switch (m) {
      case BT470BG, SMPTE170M -> "BT601";
      case BT709 -> "BT709";
      case BT2020_NCL, IDENTITY, UNSPECIFIED -> throw new IllegalArgumentException("lic4j's y4m matrix tag "
          + "(XCOLORMATRIX) names BT601 and BT709, not " + m);
    };
  }

  /** Appends {@code frame}, which must have the header's size, format and colour description. */
  public void write(YuvFrame frame) throws IOException {
    Objects.requireNonNull(frame, "frame");
    if (frame.width() != header.width() || frame.height() != header.height() || frame.format() != header.format()) {
      throw new IllegalArgumentException("frame " + framesWritten + " is " + frame.width() + "x" + frame.height() + " "
          + frame.format() + ", the stream " + header.width() + "x" + header.height() + " " + header.format());
    }
    ColourDescription a = frame.colour();
    ColourDescription b = header.colour();
    if (!a.sameMeaningAs(b, header.format())) {
      throw new IllegalArgumentException("frame " + framesWritten + " is " + a + ", the stream " + b
          + ": convert it first (ColourConversion)");
    }
    out.write(FRAME_LINE);
    out.write(frame.y());
    out.write(frame.cb());
    out.write(frame.cr());
    framesWritten++;
  }

  /** Frames written so far. */
  public long framesWritten() {
    return framesWritten;
  }

  /** The header written. */
  public Y4mHeader header() {
    return header;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
