package org.lic4j.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * Writes 8-bit {@link YuvFrame}s into a {@link VideoContainer} file through JavaCV's
 * {@link FFmpegFrameRecorder}, losslessly, in the frames' chroma format, with their matrix, range
 * and siting as the stream's colour metadata. One frame's buffer is held, whatever the length.
 * The file is written in place: give it a temporary file ({@link OutputFiles#writeFile}), since
 * the container is named, not guessed from the file's suffix.
 */
public final class FfmpegVideoWriter implements FrameSink {
  private final FFmpegFrameRecorder recorder;
  private final int width;
  private final int height;
  private final ChromaFormat format;
  private final ColourDescription colour;
  private final int pixelFormat;
  private final ByteBuffer planes;
  private long frames;
  private boolean closed;

  private FfmpegVideoWriter(FFmpegFrameRecorder recorder, int width, int height, ChromaFormat format,
      ColourDescription colour, int pixelFormat) {
    this.recorder = recorder;
    this.width = width;
    this.height = height;
    this.format = format;
    this.colour = colour;
    this.pixelFormat = pixelFormat;
    long chroma = (long) format.chromaWidth(width) * format.chromaHeight(height);
    this.planes = ByteBuffer.allocateDirect(Math.toIntExact((long) width * height + 2 * chroma));
  }

  /**
   * Whether this FFmpeg build has {@code container}'s encoder: the LGPL build has no x264 (and a
   * recorder asked for it would silently pick another codec), so MP4 needs the GPL one.
   */
  public static boolean canWrite(VideoContainer container) {
    return avcodec.avcodec_find_encoder_by_name(container.codecName()) != null;
  }

  /**
   * Starts writing {@code file} as {@code container}, for frames of this size, format and colour
   * description at {@code rate}.
   *
   * @throws IOException if FFmpeg cannot start (no such encoder, a disk problem)
   */
  public static FfmpegVideoWriter open(Path file, VideoContainer container, int width, int height,
      ChromaFormat format, ColourDescription colour, FrameRate rate) throws IOException {
    if (format != ChromaFormat.YUV420 && format != ChromaFormat.YUV444) {
      throw new IllegalArgumentException("frames are YUV420 or YUV444, not " + format);
    }
    try {
      if (!canWrite(container)) {
        throw new IOException(file + ": this FFmpeg build has no " + container.codecName() + " encoder");
      }
      avutil.av_log_set_level(avutil.AV_LOG_QUIET);
      int pixelFormat = format == ChromaFormat.YUV444 ? avutil.AV_PIX_FMT_YUV444P : avutil.AV_PIX_FMT_YUV420P;
      FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
      r.setFormat(container.formatName());
      r.setVideoCodecName(container.codecName());
      r.setPixelFormat(pixelFormat);
      r.setFrameRate((double) rate.numerator() / rate.denominator());
      r.setVideoBitrate(0);
      if (container == VideoContainer.MP4) {
        r.setVideoOption("qp", "0");
      } else {
        // Every frame a key frame: a damaged file still plays from the next frame on.
        r.setGopSize(1);
      }
      // Generic codec-context options, applied when the encoder opens and copied to the container.
      r.setVideoOption("colorspace", matrixName(colour.matrix()));
      r.setVideoOption("color_range", colour.range() == ColourRange.FULL ? "pc" : "tv");
      if (format.isSubsampled()) {
        r.setVideoOption("chroma_sample_location", colour.siting().ffmpegName());
      }
      try {
        r.start();
      } catch (FrameRecorder.Exception e) {
        release(r);
        throw new IOException(file + ": FFmpeg cannot start writing " + container.formatName() + " with "
            + container.codecName() + " (" + e.getMessage() + ")", e);
      }
      return new FfmpegVideoWriter(r, width, height, format, colour, pixelFormat);
    } catch (LinkageError e) {
      throw new IOException(file + ": cannot load FFmpeg to write it (" + e.getMessage() + ")", e);
    }
  }

  private static String matrixName(ColourMatrix m) {
    switch (m) {
      case BT709: return "bt709";
      case BT470BG: return "bt470bg";
      case SMPTE170M: return "smpte170m";
      case BT2020_NCL: return "bt2020nc";
      default: throw new IllegalArgumentException("no Y'CbCr matrix: " + m);
    }
  }

  /** Writes one frame, which must match the size, format and colour description given at open. */
  public void write(YuvFrame frame) throws IOException {
    if (frame.width() != width || frame.height() != height || frame.format() != format
        || !frame.colour().sameMeaningAs(colour, format)) {
      throw new IllegalArgumentException("frame " + frame + " does not match the file's " + width + "x" + height
          + " " + format + ", " + colour);
    }
    planes.clear();
    planes.put(frame.y()).put(frame.cb()).put(frame.cr());
    planes.flip();
    try {
      recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, pixelFormat, planes);
    } catch (FrameRecorder.Exception e) {
      throw new IOException("FFmpeg cannot encode frame " + frames + " (" + e.getMessage() + ")", e);
    }
    frames++;
  }

  /** Frames written so far. */
  public long framesWritten() {
    return frames;
  }

  /** Finishes the file (the container's trailer) and frees FFmpeg's buffers. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // Writes the trailer, then frees what FFmpeg holds.
      recorder.stop();
    } catch (FrameRecorder.Exception e) {
      release(recorder);
      throw new IOException("FFmpeg cannot finish the file (" + e.getMessage() + ")", e);
    }
  }

  private static void release(FFmpegFrameRecorder r) {
    try {
      r.release();
    } catch (FrameRecorder.Exception e) {
      // Already failing: the first failure is the one to report.
    }
  }
}
