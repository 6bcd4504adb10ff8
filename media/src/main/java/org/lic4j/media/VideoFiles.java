package org.lic4j.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.lic4j.video.VideoStreamInfo;

/**
 * Video files for the command line: which inputs are y4m video (by name or by their
 * {@code YUV4MPEG2 } signature), which outputs are lic4j video streams ({@code .licv}), and a
 * {@code .licv} file's structure for {@code lic4j info}.
 */
public final class VideoFiles {
  /** The suffix of a lic4j video stream. */
  public static final String LICV_SUFFIX = "licv";
  /** The suffix of a y4m file. */
  public static final String Y4M_SUFFIX = "y4m";
  /**
   * Suffixes of files that hold video (read through FFmpeg): what {@code lic4j encode} takes for a
   * video when the output does not say (standard output).
   */
  private static final String[] VIDEO_SUFFIXES = {"mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg", "m2v",
      "ts", "m2ts", "264", "h264", "avc", "265", "h265", "hevc", "ivf", "flv", "ogv", "wmv", "nut"};
  private static final byte[] Y4M_SIGNATURE = (Y4mReader.SIGNATURE + " ").getBytes(StandardCharsets.US_ASCII);

  private VideoFiles() {}

  /** Whether {@code p} is named {@code *.licv}. */
  public static boolean isLicv(Path p) {
    return Inputs.hasSuffix(p, LICV_SUFFIX);
  }

  /** Whether {@code p} is named as a video container or raw video stream FFmpeg reads ({@code *.mp4}, {@code *.264}, ...). */
  public static boolean hasVideoSuffix(Path p) {
    return Inputs.hasSuffix(p, VIDEO_SUFFIXES);
  }

  /** Whether {@code in}, a regular file, is y4m: named {@code *.y4m}, or starting with the signature. */
  public static boolean isY4m(Path in) throws IOException {
    if (Inputs.hasSuffix(in, Y4M_SUFFIX)) {
      return true;
    }
    if (!Files.isRegularFile(in)) {
      return false;
    }
    byte[] head = new byte[Y4M_SIGNATURE.length];
    int n;
    try (InputStream s = Files.newInputStream(in)) {
      n = s.readNBytes(head, 0, head.length);
    }
    return n == head.length && Arrays.equals(head, Y4M_SIGNATURE);
  }

  /**
   * Whether the stream starts with the y4m signature; leaves it where it was. {@code in} must
   * support mark and reset (a {@link BufferedInputStream}).
   */
  public static boolean startsWithY4m(InputStream in) throws IOException {
    in.mark(Y4M_SIGNATURE.length);
    byte[] head = in.readNBytes(Y4M_SIGNATURE.length);
    in.reset();
    return Arrays.equals(head, Y4M_SIGNATURE);
  }

  /**
   * Reads the headers of the video stream in {@code file}, then hands each frame's description to
   * {@code frames} in stream order ({@link VideoStreamInfo#read}); errors name the file. Needs no
   * model.
   */
  public static VideoStreamInfo.Summary describe(Path file, Consumer<VideoStreamInfo.Summary> header,
      Consumer<VideoStreamInfo.Frame> frames) throws IOException {
    if (Files.isDirectory(file)) {
      throw new UserInputException(file + ": is a directory, not a lic4j video stream", false);
    }
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(file + ": no such file", false);
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      return VideoStreamInfo.read(channel, file.toString(), header, frames);
    }
  }
}
