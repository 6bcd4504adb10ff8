package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mReader;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * The sources of {@code lic4j eval-video}: each clip of a folder decoded once by the {@code ffmpeg}
 * program to 8-bit 4:2:0 y4m in the work folder, cut to the first frames, scaled down when taller
 * than asked and cropped to even sizes (x264 and x265 code 4:2:0 only at even sizes). These files
 * are the input of every codec and the reference of every metric.
 */
final class VideoClips {
  /** File name endings taken as video clips (whatever ffmpeg reads, by the usual names). */
  static final Set<String> SUFFIXES = Set.of("y4m", "mp4", "mkv", "mov", "webm", "avi", "mpg", "mpeg", "m2v", "ts",
      "264", "h264", "265", "hevc", "ivf");
  /** Downscaling filter: swscale's best, with exact rounding. */
  private static final String SCALE_FLAGS = "lanczos+accurate_rnd+full_chroma_int";

  private VideoClips() {}

  /**
   * One clip as measured.
   *
   * @param name the source's file name
   * @param originalWidth the source's size, as ffprobe reports it
   * @param width the coded size (scaled, even)
   * @param frames frames in the y4m (at most {@code --frames})
   * @param rate frames per second, as ffmpeg gives it in the y4m
   * @param colour the description every frame is read with: the y4m's range and siting, the matrix
   *     ffprobe reports for the source or else the one guessed from its original size (a scaled-down HD
   *     clip stays BT.709)
   * @param y4m the decoded source in the work folder
   */
  record Clip(String name, int originalWidth, int originalHeight, int width, int height, int frames, FrameRate rate,
      ColourDescription colour, Path y4m) {
    double fps() {
      return (double) rate.numerator() / rate.denominator();
    }

    long pixels() {
      return (long) width * height;
    }

    /** The clip's frames as described by {@link #colour}. */
    Optional<YuvFrame> next(Y4mReader reader) throws IOException {
      return reader.next().map(f -> f.withColour(colour));
    }
  }

  /** The clips of {@code dir}, by file name. */
  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(VideoClips::isClip)
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }

  static boolean isClip(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && SUFFIXES.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Decodes {@code source} into {@code work} as y4m: at most {@code frames} frames, scaled to
   * {@code maxHeight} lines when taller (0: never).
   */
  static Clip prepare(Path ffmpeg, Path ffprobe, Path given, Path work, int frames, int maxHeight) throws IOException {
    // The tools run in the work folder: a path relative to ours would name nothing there.
    Path source = given.toAbsolutePath();
    Map<String, String> probe = probe(ffprobe, source, work);
    int w = Integer.parseInt(probe.getOrDefault("width", "0"));
    int h = Integer.parseInt(probe.getOrDefault("height", "0"));
    if (w < 2 || h < 2) {
      throw new IOException(source.getFileName() + ": ffprobe found no video stream of at least 2x2");
    }
    String filter = maxHeight > 0 && h > maxHeight
        ? "scale=-2:" + (maxHeight & ~1) + ":flags=" + SCALE_FLAGS
        : "crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0";
    Path y4m = work.resolve(Report.stem(source.getFileName().toString()) + ".y4m");
    Tool.run(work, List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y", "-i", source.toString(),
        "-map", "0:v:0", "-an", "-frames:v", Integer.toString(frames), "-vf", filter, "-pix_fmt", "yuv420p",
        "-f", "yuv4mpegpipe", y4m.toString()));
    ColourMatrix matrix = matrix(probe.get("color_space"))
        .orElse(ColourDescription.guessFor(w, h).matrix());
    try (Y4mReader r = Y4mReader.open(y4m, notice -> { })) {
      Y4mHeader header = r.header();
      int count = 0;
      while (r.next().isPresent()) {
        count++;
      }
      if (count == 0) {
        throw new IOException(source.getFileName() + ": ffmpeg decoded no frame");
      }
      return new Clip(source.getFileName().toString(), w, h, header.width(), header.height(), count,
          header.frameRate(), header.colour().withMatrix(matrix), y4m);
    }
  }

  private static Optional<ColourMatrix> matrix(String ffprobeName) {
    if (ffprobeName == null) {
      return Optional.empty();
    }
    return switch (ffprobeName) {
      case "bt709" -> Optional.of(ColourMatrix.BT709);
      case "bt470bg", "smpte170m" -> Optional.of(ColourMatrix.BT470BG);
      default -> Optional.empty();
    };
  }

  /** The first video stream's width, height and colour space, by ffprobe. */
  private static Map<String, String> probe(Path ffprobe, Path source, Path work) throws IOException {
    String out = Tool.run(work, List.of(ffprobe.toString(), "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream=width,height,color_space", "-of", "default=noprint_wrappers=1", source.toString()));
    Map<String, String> values = new TreeMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }

  /** The clips' names, for the report. */
  static List<String> names(List<Clip> clips) {
    List<String> out = new ArrayList<>();
    clips.forEach(c -> out.add(c.name()));
    return out;
  }
}
