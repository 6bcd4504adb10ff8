package org.lic4j.eval;

import com.google.gson.GsonBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageModel;
import org.lic4j.media.Progress;
import org.lic4j.media.UserInputException;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mLimits;
import org.lic4j.media.Y4mReader;
import org.lic4j.media.Y4mWriter;
import org.lic4j.video.FrameTimings;
import org.lic4j.video.TimedFrame;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.VideoDecoder;
import org.lic4j.video.VideoEncodeParams;
import org.lic4j.video.VideoEncoder;
import org.lic4j.video.YuvFrame;

/**
 * {@code lic4j bench --video}: frames per second of encoding and decoding a clip, y4m in memory to
 * a stream in memory and back, split into the four parts of the issue: transforms (ONNX analysis
 * and synthesis), coding (quantisation with the entropy model, and the range coder), colour
 * conversion (YUV and the model's RGB), I/O (y4m parsing and writing, the video container).
 *
 * <p>Start-up is left out (the model is opened once, before any clip) and so are each clip's
 * first {@code warmup} frames, which are coded and decoded like the others but not timed. The
 * times are the library's own per-frame clocks ({@link FrameTimings}) and the bench's around the
 * y4m reader, the conversion back to YUV and the y4m writer; the disk is not involved (the
 * source's own decoding by FFmpeg happens before, untimed), so I/O here is parsing and framing.
 */
final class VideoBench {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean console;

  /**
   * What to bench and how.
   *
   * @param quality each frame's quality
   * @param warmup untimed frames at the start of each clip
   * @param frames timed frames per clip (fewer if a clip is shorter)
   * @param threads the codec's threads, 0 = all cores
   * @param json where to write the figures as JSON, or null
   */
  record Settings(double quality, int warmup, int frames, int threads, Path json, boolean pFrames) {}

  VideoBench(PrintWriter out, PrintWriter err, boolean console) {
    this.out = out;
    this.err = err;
    this.console = console;
  }

  /** One timed frame: the codec's clocks and the bench's own. */
  private record Frame(long y4mReadNanos, FrameTimings encode, long bytes, FrameTimings decode, long toYuvNanos,
      long y4mWriteNanos) {
    long encodeTotal() {
      return y4mReadNanos + encode.totalNanos();
    }

    long decodeTotal() {
      return decode.totalNanos() + toYuvNanos + y4mWriteNanos;
    }
  }

  /** One clip's result. */
  private record Result(VideoBenchClips.Clip clip, int width, int height, List<Frame> frames) {
    double mean(ToLongFunction<Frame> f) {
      return frames.stream().mapToLong(f).average().orElse(Double.NaN);
    }

    double bitsPerPixel() {
      return mean(Frame::bytes) * 8 / ((double) width * height);
    }
  }

  /** Benches {@code clips} with the model {@code options} give; returns the exit code. */
  int run(List<VideoBenchClips.Clip> clips, String sourceNote, CodecOptions options, Settings s) throws IOException {
    String loadBefore = BenchCommand.loadAverage();
    long t0 = System.nanoTime();
    List<Result> results = new ArrayList<>();
    String modelName;
    long loadNanos;
    try (ImageModel model = ImageModel.open(options);
        PFrameModel pFrames = s.pFrames() ? PFrameModel.open(options) : null) {
      loadNanos = System.nanoTime() - t0;
      modelName = model + (pFrames == null ? ", every frame intra" : ", P frames with " + pFrames + " (GOP "
          + VideoEncodeParams.DEFAULT_GOP_LENGTH + ")");
      Progress progress = new Progress(err, clips.size(), console);
      for (VideoBenchClips.Clip clip : clips) {
        Result r = bench(model, pFrames, clip, s);
        results.add(r);
        progress.step(clip.name(), String.format(Locale.ROOT, "%dx%d, encode %.2f frames/s, decode %.2f frames/s",
            r.width, r.height, fps(r.mean(Frame::encodeTotal)), fps(r.mean(Frame::decodeTotal))));
      }
    }
    String loadAfter = BenchCommand.loadAverage();
    print(results, sourceNote, modelName, loadNanos, loadBefore, loadAfter, s);
    if (s.json() != null) {
      writeJson(results, sourceNote, modelName, loadBefore, loadAfter, s);
      out.println("json:    " + s.json());
    }
    return 0;
  }

  private Result bench(ImageModel model, PFrameModel pFrames, VideoBenchClips.Clip clip, Settings s) throws IOException {
    int wanted = s.warmup() + s.frames();
    VideoEncodeParams params = VideoEncodeParams.quality(s.quality());
    List<Long> reads = new ArrayList<>();
    List<FrameTimings> encodes = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    Y4mHeader header;
    try (Y4mReader reader = Y4mReader.open(new ByteArrayInputStream(clip.y4m()), clip.name(), Y4mLimits.DEFAULT,
        notice -> err.println(notice));
        VideoEncoder encoder = VideoEncoder.open(model, pFrames, stream, params)) {
      header = reader.header();
      while (reads.size() < wanted) {
        long r0 = System.nanoTime();
        Optional<YuvFrame> frame = reader.next();
        long readNanos = System.nanoTime() - r0;
        if (frame.isEmpty()) {
          break;
        }
        long before = encoder.position();
        encodes.add(encoder.encode(frame.get()));
        sizes.add(encoder.position() - before);
        reads.add(readNanos);
      }
      if (encodes.size() <= s.warmup()) {
        throw new UserInputException(clip.name() + ": " + encodes.size()
            + " frames, the bench needs more than the " + s.warmup() + " warm-up frames", false);
      }
      encoder.finish();
    }
    List<Frame> frames = new ArrayList<>();
    Y4mWriter writer = null;
    try (VideoDecoder decoder = VideoDecoder.open(model, pFrames, new ByteArrayInputStream(stream.toByteArray()),
        clip.name())) {
      int k = 0;
      for (Optional<TimedFrame> f = decoder.nextTimed(); f.isPresent(); f = decoder.nextTimed(), k++) {
        long c0 = System.nanoTime();
        YuvFrame yuv = f.get().frame().toYuv();
        long c1 = System.nanoTime();
        if (writer == null) {
          // Opened on the first frame, whose description is the stream's (as lic4j decode writes y4m).
          writer = Y4mWriter.open(OutputStream.nullOutputStream(), Y4mHeader.of(yuv, header.frameRate()));
        }
        long w0 = System.nanoTime();
        writer.write(yuv);
        long c2 = System.nanoTime();
        if (k >= s.warmup()) {
          frames.add(new Frame(reads.get(k), encodes.get(k), sizes.get(k), f.get().timings(), c1 - c0, c2 - w0));
        }
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    return new Result(clip, header.width(), header.height(), frames);
  }

  // ---- the table ----

  /** A row of the table: its part of the four, its name, and its time per frame. */
  private record Part(String group, String name, ToLongFunction<Frame> nanos) {}

  private static final List<Part> ENCODE = List.of(
      new Part("I/O", "y4m read (parse)", Frame::y4mReadNanos),
      new Part("colour", "YUV -> RGB", f -> f.encode.colourNanos()),
      new Part("transforms", "analysis (ONNX)", f -> f.encode.transformNanos()),
      new Part("coding", "entropy model (quantise)", f -> f.encode.entropyModelNanos()),
      new Part("coding", "range coder", f -> f.encode.codingNanos()),
      new Part("I/O", "container write", f -> f.encode.containerNanos()));

  private static final List<Part> DECODE = List.of(
      new Part("I/O", "container read", f -> f.decode.containerNanos()),
      new Part("coding", "range decoder", f -> f.decode.codingNanos()),
      new Part("coding", "entropy model", f -> f.decode.entropyModelNanos()),
      new Part("transforms", "synthesis (ONNX)", f -> f.decode.transformNanos()),
      new Part("colour", "RGB -> YUV", Frame::toYuvNanos),
      new Part("I/O", "y4m write", Frame::y4mWriteNanos));

  private static final List<String> GROUPS = List.of("transforms", "coding", "colour", "I/O");

  private void print(List<Result> results, String sourceNote, String model, long loadNanos, String loadBefore,
      String loadAfter, Settings s) {
    out.printf(Locale.ROOT, "lic4j bench --video: %d clip(s), quality %s, %d timed frames a clip after %d warm-up"
        + " frame(s)%n", results.size(), BenchCommand.trim(s.quality()), s.frames(), s.warmup());
    out.println("source:  " + sourceNote);
    out.printf(Locale.ROOT, "model:   %s; opened in %.0f ms (not counted)%n", model, loadNanos / 1e6);
    out.printf(Locale.ROOT, "runtime: ONNX Runtime on the CPU, --threads %d (%d cores), Java %s%n", s.threads(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    out.printf("load:    1-minute load average %s before, %s after (wall times: other processes slow them)%n",
        loadBefore, loadAfter);
    out.println("I/O is in memory: y4m parsed from and written to memory, the stream kept in memory; the");
    out.println("clips' own decoding (FFmpeg) happens before and is not counted");
    out.println();
    int nameWidth = 36;
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s", "mean ms per frame"));
    StringBuilder sizes = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s", ""));
    for (Result r : results) {
      head.append(String.format(Locale.ROOT, " %18s", shorten(label(r.clip.name()), 18)));
      sizes.append(String.format(Locale.ROOT, " %18s", r.width + "x" + r.height + ", " + r.frames.size() + " fr"));
    }
    out.println(head);
    out.println(sizes);
    section("encode", ENCODE, Frame::encodeTotal, results, nameWidth);
    section("decode", DECODE, Frame::decodeTotal, results, nameWidth);
    StringBuilder bpp = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s", "bits per pixel"));
    for (Result r : results) {
      bpp.append(String.format(Locale.ROOT, " %18.3f", r.bitsPerPixel()));
    }
    out.println(bpp);
    out.println("(\"other\": what no clock covers: the encoder's checks, copying tile data, the decoder's");
    out.println(" tiling; tiles parse on several threads when there are several, so parts may overlap)");
    out.printf("memory:  peak resident (VmHWM, heap + native) %s, peak heap %s%n",
        PeakMemory.mib(PeakMemory.residentPeakBytes()), PeakMemory.mib(PeakMemory.heapPeakBytes()));
  }

  private void section(String title, List<Part> parts, ToLongFunction<Frame> total, List<Result> results,
      int nameWidth) {
    out.println(title);
    for (Part p : parts) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + (nameWidth - 2) + "s",
          p.group + ": " + p.name));
      for (Result r : results) {
        line.append(String.format(Locale.ROOT, " %10.1f  %5.1f%%", r.mean(p.nanos) / 1e6,
            100 * r.mean(p.nanos) / r.mean(total)));
      }
      out.println(line);
    }
    StringBuilder other = new StringBuilder(String.format(Locale.ROOT, "  %-" + (nameWidth - 2) + "s", "other"));
    StringBuilder sum = new StringBuilder(String.format(Locale.ROOT, "  %-" + (nameWidth - 2) + "s", "total"));
    StringBuilder fps = new StringBuilder(String.format(Locale.ROOT, "  %-" + (nameWidth - 2) + "s", "frames/s"));
    for (Result r : results) {
      double parts0 = parts.stream().mapToDouble(p -> r.mean(p.nanos)).sum();
      double t = r.mean(total);
      other.append(String.format(Locale.ROOT, " %10.1f  %5.1f%%", (t - parts0) / 1e6, 100 * (t - parts0) / t));
      sum.append(String.format(Locale.ROOT, " %10.1f        ", t / 1e6));
      fps.append(String.format(Locale.ROOT, " %10.2f        ", fps(t)));
    }
    out.println(other);
    out.println(sum.toString().stripTrailing());
    out.println(fps.toString().stripTrailing());
    for (String g : GROUPS) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + (nameWidth - 2) + "s",
          "  all " + g));
      for (Result r : results) {
        double ms = group(parts, g, r) / 1e6;
        line.append(String.format(Locale.ROOT, " %10.1f  %5.1f%%", ms, 100 * ms * 1e6 / r.mean(total)));
      }
      out.println(line);
    }
  }

  private static double group(List<Part> parts, String group, Result r) {
    return parts.stream().filter(p -> p.group.equals(group)).mapToDouble(p -> r.mean(p.nanos)).sum();
  }

  private static double fps(double meanNanos) {
    return 1e9 / meanNanos;
  }

  /** A clip's name without its suffix. */
  private static String label(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String shorten(String name, int width) {
    return name.length() <= width ? name : name.substring(0, width - 1) + "~";
  }

  // ---- JSON ----

  private void writeJson(List<Result> results, String sourceNote, String model, String loadBefore, String loadAfter,
      Settings s) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("bench", "video");
    root.put("date", Instant.now().toString());
    root.put("model", model);
    root.put("quality", s.quality());
    root.put("warmup_frames", s.warmup());
    root.put("threads", s.threads());
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("java", System.getProperty("java.version"));
    root.put("load_before", loadBefore);
    root.put("load_after", loadAfter);
    root.put("source", sourceNote);
    List<Map<String, Object>> clips = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", r.clip.name());
      c.put("origin", r.clip.origin());
      c.put("width", r.width);
      c.put("height", r.height);
      c.put("frames", r.frames.size());
      c.put("bits_per_pixel", r.bitsPerPixel());
      c.put("encode", direction(ENCODE, Frame::encodeTotal, r));
      c.put("decode", direction(DECODE, Frame::decodeTotal, r));
      clips.add(c);
    }
    root.put("clips", clips);
    root.put("peak_resident_bytes", PeakMemory.residentPeakBytes());
    root.put("peak_heap_bytes", PeakMemory.heapPeakBytes());
    Files.writeString(s.json(), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
        .toJson(root) + "\n");
  }

  private static Map<String, Object> direction(List<Part> parts, ToLongFunction<Frame> total, Result r) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("frames_per_second", fps(r.mean(total)));
    d.put("total_ms", r.mean(total) / 1e6);
    Map<String, Object> byPart = new LinkedHashMap<>();
    for (Part p : parts) {
      byPart.put(p.group + ": " + p.name, r.mean(p.nanos) / 1e6);
    }
    d.put("parts_ms", byPart);
    Map<String, Object> byGroup = new LinkedHashMap<>();
    for (String g : GROUPS) {
      byGroup.put(g, group(parts, g, r) / 1e6);
    }
    d.put("groups_ms", byGroup);
    return d;
  }
}
