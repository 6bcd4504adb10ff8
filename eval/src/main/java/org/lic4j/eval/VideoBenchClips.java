package org.lic4j.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.codec.RgbImage;
import org.lic4j.conformance.SyntheticPictures;
import org.lic4j.media.UserInputException;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mReader;
import org.lic4j.media.Y4mWriter;
import org.lic4j.video.ColourConversion;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * The sources of {@code lic4j bench --video}, each as the bytes of a y4m stream held in memory, so
 * that the bench times lic4j's own y4m parsing and nothing of the source's decoding: real clips
 * decoded by the FFmpeg command line (y4m files copied by lic4j's reader and writer), or, where
 * there are none, a generated moving picture.
 */
final class VideoBenchClips {
  /**
   * The clips benched when no folder is given: two CIF clips (the 352x288) and one 720p
   * one, from {@code shared/data/video}.
   */
  static final List<String> DEFAULT_CLIPS =
      List.of("foreman_cif_300f_intra.264", "mobile_cif.264", "street_1280x720.264");
  /** The sizes of the generated fallback: the two. */
  static final List<int[]> GENERATED_SIZES = List.of(new int[] {352, 288}, new int[] {1280, 720});
  /** What the bench reads through FFmpeg; a {@code .y4m} file is read as it is. */
  static final List<String> VIDEO_SUFFIXES =
      List.of(".y4m", ".264", ".h264", ".265", ".hevc", ".mp4", ".mkv", ".avi", ".mpg", ".mpeg", ".mov", ".webm");
  /** Pixels the generated picture moves per frame, so that no two frames are alike. */
  private static final int PAN_PER_FRAME = 3;

  /**
   * One source.
   *
   * @param name what the bench calls it
   * @param y4m the whole y4m stream: header and at most the frames asked for
   * @param origin where it came from, for the report
   */
  record Clip(String name, byte[] y4m, String origin) {}

  private VideoBenchClips() {}

  /** The folder of shared clips: $LIC4J_VIDEO, or shared/data/video above the working directory. */
  static Optional<Path> sharedFolder() {
    String env = System.getenv("LIC4J_VIDEO");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path v = p.resolve("shared").resolve("data").resolve("video");
      if (Files.isDirectory(v)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code file}'s name says it is a video the bench reads. */
  static boolean isVideo(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return VIDEO_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  /**
   * The first {@code frames} frames of {@code file} as 8-bit y4m: a y4m file's frames written again
   * by {@link Y4mWriter} (10-bit samples rounded to 8 bits), anything else through {@code ffmpeg}
   * as 4:2:0.
   */
  static Clip read(Path file, int frames) throws IOException {
    String name = file.getFileName().toString();
    if (name.toLowerCase(Locale.ROOT).endsWith(".y4m")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Y4mWriter writer = null;
      try (Y4mReader reader = Y4mReader.open(file, notice -> { })) {
        for (int k = 0; k < frames; k++) {
          Optional<YuvFrame> f = reader.next();
          if (f.isEmpty()) {
            break;
          }
          if (writer == null) {
            writer = Y4mWriter.open(out, Y4mHeader.of(f.get(), reader.header().frameRate()));
          }
          writer.write(f.get());
        }
      } finally {
        if (writer != null) {
          writer.close();
        }
      }
      return new Clip(name, out.toByteArray(), file + ", first " + frames + " frames as 8-bit y4m");
    }
    Path ffmpeg = Tool.find("ffmpeg").orElseThrow(() -> new UserInputException(file
        + ": reading it needs the ffmpeg command (apt-get install ffmpeg), which is not on the PATH", false));
    List<String> cmd = List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", file.toString(),
        "-frames:v", Integer.toString(frames), "-an", "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", "-");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] y4m;
    try (InputStream in = p.getInputStream()) {
      y4m = in.readAllBytes();
    }
    try {
      int code = p.waitFor();
      if (code != 0 || y4m.length == 0) {
        throw new UserInputException(file + ": ffmpeg could not decode it (exit " + code + ")", false);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while ffmpeg decoded " + file);
    }
    return new Clip(name, y4m, file + " through " + String.join(" ", cmd.subList(1, cmd.size())));
  }

  /**
   * A generated clip of {@code frames} frames: a window of a synthetic landscape panning by a few
   * pixels a frame, as 4:2:0 with the colour FFmpeg would guess for its size.
   */
  static Clip generated(int width, int height, int frames) throws IOException {
    int wide = width + PAN_PER_FRAME * frames;
    RgbImage scene = SyntheticPictures.landscape(wide, height, 2026);
    ColourDescription colour = ColourDescription.guessFor(width, height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Y4mWriter writer = null;
    try {
      for (int k = 0; k < frames; k++) {
        RgbImage window = crop(scene, PAN_PER_FRAME * k, width, height);
        YuvFrame yuv = ColourConversion.toYuv(window, ChromaFormat.YUV420, colour);
        if (writer == null) {
          writer = Y4mWriter.open(out, Y4mHeader.of(yuv, new FrameRate(25, 1)));
        }
        writer.write(yuv);
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    return new Clip("generated-" + width + "x" + height, out.toByteArray(),
        "generated (SyntheticPictures.landscape, panning " + PAN_PER_FRAME + " pixels a frame)");
  }

  private static RgbImage crop(RgbImage image, int x0, int width, int height) {
    byte[] src = image.rgb();
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      System.arraycopy(src, (y * image.width() + x0) * 3, rgb, y * width * 3, width * 3);
    }
    return RgbImage.ofRgb(width, height, rgb);
  }

  /** The video files of {@code folder}, sorted by name. */
  static List<Path> inFolder(Path folder) throws IOException {
    List<Path> clips = new ArrayList<>();
    try (var files = Files.list(folder)) {
      files.filter(Files::isRegularFile).filter(VideoBenchClips::isVideo).sorted().forEach(clips::add);
    }
    return clips;
  }
}
