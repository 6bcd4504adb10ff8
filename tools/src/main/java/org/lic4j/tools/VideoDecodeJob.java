package org.lic4j.tools;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;
import org.lic4j.media.CommandFailure;
import org.lic4j.media.FfmpegVideoWriter;
import org.lic4j.media.FrameSink;
import org.lic4j.media.FrameProgress;
import org.lic4j.media.Inputs;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.UserInputException;
import org.lic4j.media.VideoContainer;
import org.lic4j.media.VideoFiles;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mWriter;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.DecodedFrame;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.VideoDecoder;
import org.lic4j.video.YuvFrame;

/**
 * {@code lic4j decode IN.licv OUT}: a lic4j video stream decoded frame by frame, in the source's
 * chroma format and colour description as the stream records them, one frame held at a time, to
 * y4m ({@code OUT.y4m}, or {@code -} for standard output), Matroska with FFV1 ({@code OUT.mkv}) or
 * MP4 with x264 at {@code -qp 0} ({@code OUT.mp4}), both lossless. With {@code --salvage}, the
 * frames decoded before a damaged or truncated frame are kept (the output is finished with them)
 * and the command still fails, saying how many.
 */
final class VideoDecodeJob {
  private final Path in;
  private final Path out;
  private final boolean force;
  private final boolean salvage;
  private final PrintStream stdout;
  private final PrintStream stderr;
  /** The damage --salvage stopped at, or null. */
  private LicFormatException damage;

  VideoDecodeJob(Path in, Path out, boolean force, boolean salvage, PrintStream stdout, PrintStream stderr) {
    this.in = in;
    this.out = out;
    this.force = force;
    this.salvage = salvage;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Refuses, before any work, an output that is not y4m, mkv or mp4, or mp4 where FFmpeg has no x264. */
  static void checkOutputName(Path in, Path out) throws UserInputException {
    if (VideoOutputs.isStdout(out) || Inputs.hasSuffix(out, VideoFiles.Y4M_SUFFIX)) {
      return;
    }
    VideoContainer container = VideoContainer.of(out);
    if (container == null) {
      throw new UserInputException(out + ": " + in + " is a video; lic4j writes video as .y4m, .mkv (FFV1) or .mp4"
          + " (x264), all lossless, or '-' (y4m to stdout): for other formats, lic4j decode " + in
          + " - | ffmpeg -i - OUT", true);
    }
    if (!FfmpegVideoWriter.canWrite(container)) {
      throw new UserInputException(out + ": this build's FFmpeg has no " + container.suffix() + " encoder: decode to"
          + " .mkv or .y4m", true);
    }
  }

  /**
   * Decodes the stream; P frames with the model in {@code pFrameModel}, or the bundled one when
   * that is null and the stream names one.
   */
  void run(CodecOptions options, Path pFrameModel) throws IOException {
    checkOutputName(in, out);
    if (Files.isDirectory(in)) {
      throw new UserInputException(in + ": is a directory, not a lic4j video stream", false);
    }
    if (!Files.isRegularFile(in)) {
      throw new UserInputException(in + ": no such file", false);
    }
    VideoOutputs.check(in, out, force);
    long start = System.nanoTime();
    long[] frames = new long[1];
    SequenceHeader sequence;
    try (ImageModel model = ImageModel.open(options);
        PFrameModel pFrames = pFrameModelFor(model, options, pFrameModel);
        VideoDecoder decoder = open(model, pFrames)) {
      sequence = decoder.sequence();
      FrameProgress progress = new FrameProgress(stderr, sequence.frameCount());
      VideoContainer container = VideoContainer.of(out);
      try {
        if (container == null) {
          VideoOutputs.write(out, force, stdout, o -> frames[0] = decode(decoder, first -> y4m(o, decoder, first), progress));
        } else {
          OutputFiles.writeFile(out, force,
              tmp -> frames[0] = decode(decoder, first -> container(tmp, container, decoder, first), progress));
        }
      } finally {
        progress.end();
      }
    }
    if (damage != null) {
      throw salvaged(frames[0]);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // Results go to stdout unless stdout carries the video.
    (VideoOutputs.isStdout(out) ? stderr : stdout).printf("%s: %dx%d, %d frames at %s fps, %.2f frames/s%n", out,
        sequence.width(), sequence.height(), frames[0], sequence.frameRate(), frames[0] / seconds);
  }

  /**
   * The P-frame model for the stream: the folder given, else the bundled model when the stream's
   * sequence names one (read from its first bytes; loading a model costs seconds, so an all-intra
   * stream loads none), else none.
   */
  private PFrameModel pFrameModelFor(ImageModel model, CodecOptions options, Path folder) throws IOException {
    if (folder != null) {
      return PFrameModel.open(folder, options);
    }
    try (InputStream head = new BufferedInputStream(Files.newInputStream(in), 1 << 12);
        VideoDecoder peek = VideoDecoder.open(model, head, in.toString())) {
      if (!peek.sequence().hasPredictionModel()) {
        return null;
      }
    } catch (IOException e) {
      // The decode proper reports the damage, with --salvage's handling.
      return null;
    }
    return PFrameModel.open(options);
  }

  /**
   * On a channel the footer is checked at open, so a truncated stream fails before any output;
   * --salvage reads the file as a stream instead, so that the frames before the damage come out.
   */
  private VideoDecoder open(ImageModel model, PFrameModel pFrames) throws IOException {
    if (!salvage) {
      return VideoDecoder.open(model, pFrames, Files.newByteChannel(in), in.toString());
    }
    BufferedInputStream stream = new BufferedInputStream(Files.newInputStream(in), 1 << 16);
    try {
      return VideoDecoder.open(model, pFrames, stream, in.toString());
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /** Opens where decoded frames go on the first frame, which gives the size, format and colour. */
  private interface SinkFactory {
    FrameSink open(YuvFrame first) throws IOException;
  }

  /** Decodes every frame into the sink opened on the first; returns how many. */
  private long decode(VideoDecoder decoder, SinkFactory factory, FrameProgress progress) throws IOException {
    FrameSink sink = null;
    long frames = 0;
    try {
      while (true) {
        Optional<DecodedFrame> f;
        try {
          f = decoder.next();
        } catch (LicFormatException e) {
          if (!salvage) {
            throw e;
          }
          // Keep what came before: the output is finished with those frames, and run() fails after.
          damage = e;
          break;
        }
        if (f.isEmpty()) {
          break;
        }
        YuvFrame yuv = toYuv(f.get());
        if (sink == null) {
          sink = factory.open(yuv);
        }
        sink.write(yuv);
        frames++;
        progress.frame();
      }
    } catch (IOException | RuntimeException e) {
      if (sink != null) {
        try {
          sink.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    if (sink == null) {
      throw damage != null ? salvaged(0)
          : new UserInputException(decoder.resource() + ": no frames in the video stream", false);
    }
    sink.close();
    return frames;
  }

  /** The damage --salvage stopped at, as one line that says what was kept (bad input, exit 2). */
  private UserInputException salvaged(long kept) {
    String what = kept == 0 ? "no frame before it, nothing written"
        : "kept " + kept + " frame" + (kept == 1 ? "" : "s") + " before it in " + out;
    UserInputException e = new UserInputException(CommandFailure.of(damage).message() + "; --salvage: " + what, false);
    e.initCause(damage);
    return e;
  }

  private static FrameSink container(Path file, VideoContainer container, VideoDecoder decoder, YuvFrame first)
      throws IOException {
    return FfmpegVideoWriter.open(file, container, first.width(), first.height(), first.format(),
        first.colour(), decoder.sequence().frameRate());
  }

  private static FrameSink y4m(OutputStream o, VideoDecoder decoder, YuvFrame first) throws IOException {
    try {
      return Y4mWriter.open(o, Y4mHeader.of(first, decoder.sequence().frameRate()));
    } catch (IllegalArgumentException e) {
      // A source colour that y4m has no name for (a BT.2020 matrix, some chroma sitings).
      throw new UserInputException(decoder.resource() + ": its frames cannot be written as y4m: "
          + e.getMessage() + " (decode to .mkv instead)", false);
    }
  }

  /**
   * The frame as the source's Y'CbCr; a stream of R'G'B' pictures as full-range 4:4:4, which
   * keeps every sample's precision within rounding.
   */
  private static YuvFrame toYuv(DecodedFrame frame) {
    return frame.hasYuvSource() ? frame.toYuv() : frame.toYuv(ChromaFormat.YUV444, ColourDescription.JPEG);
  }
}
