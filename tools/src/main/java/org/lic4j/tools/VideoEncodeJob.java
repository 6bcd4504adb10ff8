package org.lic4j.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Optional;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageModel;
import org.lic4j.media.FrameProgress;
import org.lic4j.media.FrameSource;
import org.lic4j.media.FrameSources;
import org.lic4j.media.Inputs;
import org.lic4j.media.UserInputException;
import org.lic4j.media.VideoFiles;
import org.lic4j.video.BitrateSummary;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.VideoEncodeParams;
import org.lic4j.video.VideoEncoder;
import org.lic4j.video.YuvFrame;

/**
 * {@code lic4j encode IN OUT.licv}: a video (y4m from a file or {@code -} for standard input, or
 * any file FFmpeg reads: mp4, mkv, avi, mpg, raw H.264/H.265) coded frame by frame as a lic4j
 * video stream, holding one frame at a time whatever the length. The stream records the source's
 * frame rate and colour description.
 */
final class VideoEncodeJob {
  private final Path in;
  private final Path out;
  private final boolean force;
  /** Frames to code at most; 0 for all. */
  private final long maxFrames;
  private final PrintStream stdout;
  private final PrintStream stderr;

  VideoEncodeJob(Path in, Path out, boolean force, long maxFrames, PrintStream stdout, PrintStream stderr) {
    this.in = in;
    this.out = out;
    this.force = force;
    this.maxFrames = maxFrames;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Refuses an output that is not a video stream's: a {@code .lic} would be read as a picture, so
   * it is named, with the suffix to use.
   */
  static void checkOutputName(Path in, Path out) throws UserInputException {
    if (VideoOutputs.isStdout(out) || VideoFiles.isLicv(out)) {
      return;
    }
    String use = Inputs.stem(out) + "." + VideoFiles.LICV_SUFFIX;
    Path parent = out.getParent();
    if (parent != null) {
      use = parent.resolve(use).toString();
    }
    throw new UserInputException(out + ": " + (VideoOutputs.isStdout(in) ? "standard input" : in)
        + " is a video, which codes to a ." + VideoFiles.LICV_SUFFIX + " stream, not ." + suffixOf(out)
        + " (.lic is for pictures): name the output " + use, true);
  }

  private static String suffixOf(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(dot + 1) : "(none)";
  }

  /**
   * Codes the video; {@code stdin} is read when the input is {@code -}. With {@code pFrames}, P
   * frames come between the intra frames, coded with the model in folder {@code pFrameModel} or,
   * when that is null, the bundled one; without, every frame is intra. With {@code targetKbps}
   * above 0 the frames are coded to that bit rate (kbit/s) rather than at the picture's quality.
   */
  void run(InputStream stdin, CodecOptions options, Path pFrameModel, boolean pFrames, EncodeParams picture,
      int gopLength, double targetKbps) throws IOException {
    checkOutputName(in, out);
    VideoOutputs.check(in, out, force);
    VideoEncodeParams params;
    try {
      params = VideoEncodeParams.quality(picture.quality()).withPicture(picture).withGopLength(gopLength)
          .withTargetBitrate(targetKbps);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), true);
    }
    // The input is opened before the model loads, so a wrong input fails at once.
    try (FrameSource source = FrameSources.open(in, stdin, this::notice)) {
      params = params.withFrameRate(source.frameRate()).withSource(source.colour(), source.format());
      long estimate = source.expectedFrames();
      if (maxFrames > 0) {
        estimate = estimate > 0 ? Math.min(estimate, maxFrames) : maxFrames;
      }
      FrameProgress progress = new FrameProgress(stderr, estimate);
      long start = System.nanoTime();
      long[] result = new long[2];
      BitrateSummary[] bitrate = new BitrateSummary[1];
      VideoEncodeParams chosen = params;
      try (ImageModel model = ImageModel.open(options);
          PFrameModel predicted = !pFrames ? null
              : pFrameModel != null ? PFrameModel.open(pFrameModel, options) : PFrameModel.open(options)) {
        VideoOutputs.write(out, force, stdout,
            o -> encode(model, predicted, source, o, chosen, progress, result, bitrate));
      } finally {
        progress.end();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long frames = result[0];
      long bytes = result[1];
      double bpp = bytes * 8.0 / ((double) frames * source.width() * source.height());
      double kbps = bytes * 8.0 / frames * source.frameRate().perSecond() / 1000;
      // With a target: what was asked next to the rate achieved, and the mean quality it took.
      String rate = bitrate[0] == null ? String.format("%.0f kbit/s, quality %.2f", kbps, picture.quality())
          : String.format("%.0f kbit/s (target %s), mean quality %.2f", kbps, kbpsText(targetKbps),
              bitrate[0].meanQuality());
      // Results go to stdout unless stdout carries the stream.
      (VideoOutputs.isStdout(out) ? stderr : stdout).printf("%s: %dx%d %s, %d frames at %s fps -> %d bytes, %.4f bpp,"
          + " %s, %.2f frames/s%n", out, source.width(), source.height(), source.format(), frames,
          source.frameRate(), bytes, bpp, rate, frames / seconds);
      if (bitrate[0] != null) {
        bitrate[0].unreachable().ifPresent(why -> notice(out + ": " + why));
      }
    }
  }

  private void notice(String line) {
    stderr.println("lic4j: " + line);
  }

  /** A target as given: 500, 1500, 0.8 (four digits at most). */
  static String kbpsText(double kbps) {
    return new BigDecimal(kbps).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private void encode(ImageModel model, PFrameModel pFrames, FrameSource reader, OutputStream o,
      VideoEncodeParams params, FrameProgress progress, long[] result, BitrateSummary[] bitrate) throws IOException {
    try (VideoEncoder encoder = VideoEncoder.open(model, pFrames, o, params)) {
      while (maxFrames == 0 || encoder.frames() < maxFrames) {
        Optional<YuvFrame> frame = reader.next();
        if (frame.isEmpty()) {
          break;
        }
        encoder.encode(frame.get());
        progress.frame();
      }
      if (encoder.frames() == 0) {
        throw new UserInputException(in + ": no frames in the video", false);
      }
      encoder.finish();
      result[0] = encoder.frames();
      result[1] = encoder.position();
      bitrate[0] = encoder.bitrate().orElse(null);
    }
  }
}
