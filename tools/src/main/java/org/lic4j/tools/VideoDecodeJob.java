package org.lic4j.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;
import org.lic4j.media.FrameProgress;
import org.lic4j.media.Inputs;
import org.lic4j.media.UserInputException;
import org.lic4j.media.VideoFiles;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mWriter;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.DecodedFrame;
import org.lic4j.video.VideoDecoder;
import org.lic4j.video.YuvFrame;

/**
 * {@code lic4j decode IN.licv OUT.y4m} (or {@code -} for standard output): a lic4j video stream
 * decoded frame by frame to y4m, in the source's chroma format and colour description as the
 * stream records them, one frame held at a time.
 */
final class VideoDecodeJob {
  private final Path in;
  private final Path out;
  private final boolean force;
  private final PrintStream stdout;
  private final PrintStream stderr;

  VideoDecodeJob(Path in, Path out, boolean force, PrintStream stdout, PrintStream stderr) {
    this.in = in;
    this.out = out;
    this.force = force;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Refuses an output other than y4m, before any work: other containers are not written yet. */
  static void checkOutputName(Path in, Path out) throws UserInputException {
    if (VideoOutputs.isStdout(out) || Inputs.hasSuffix(out, VideoFiles.Y4M_SUFFIX)) {
      return;
    }
    throw new UserInputException(out + ": " + in + " is a video; lic4j writes video as y4m only (mp4, mkv and other"
        + " containers are not written yet): decode to OUT.y4m or '-', then e.g. lic4j decode " + in
        + " - | ffmpeg -i - -c:v libx264 OUT.mp4", true);
  }

  void run(CodecOptions options) throws IOException {
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
        VideoDecoder decoder = VideoDecoder.open(model, Files.newByteChannel(in), in.toString())) {
      // On a channel the footer is checked at open: a truncated stream fails before any output.
      sequence = decoder.sequence();
      FrameProgress progress = new FrameProgress(stderr, sequence.frameCount());
      try {
        VideoOutputs.write(out, force, stdout, o -> decode(decoder, o, progress, frames));
      } finally {
        progress.end();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // Results go to stdout unless stdout carries the video.
    (VideoOutputs.isStdout(out) ? stderr : stdout).printf("%s: %dx%d, %d frames at %s fps, %.2f frames/s%n", out,
        sequence.width(), sequence.height(), frames[0], sequence.frameRate(), frames[0] / seconds);
  }

  private static void decode(VideoDecoder decoder, OutputStream o, FrameProgress progress, long[] frames)
      throws IOException {
    Y4mWriter writer = null;
    try {
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        YuvFrame yuv = toYuv(f.get());
        if (writer == null) {
          try {
            writer = Y4mWriter.open(o, Y4mHeader.of(yuv, decoder.sequence().frameRate()));
          } catch (IllegalArgumentException e) {
            // A source colour that y4m has no name for (a BT.2020 matrix, some chroma sitings).
            throw new UserInputException(decoder.resource() + ": its frames cannot be written as y4m: "
                + e.getMessage(), false);
          }
        }
        writer.write(yuv);
        frames[0]++;
        progress.frame();
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    if (writer == null) {
      throw new UserInputException(decoder.resource() + ": no frames in the video stream", false);
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
