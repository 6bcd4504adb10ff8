package org.lic4j.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.DecodeResult;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.EncodeResult;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.conformance.SyntheticPictures;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.Inputs;
import org.lic4j.media.LicFiles;
import org.lic4j.media.Progress;
import org.lic4j.media.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true, description = {
    "Time encoding and decoding per picture, split into transforms, entropy model and arithmetic coding.",
    "Also peak memory, megapixels per second, and the same model's PyTorch forward pass on the same pictures.",
    "  lic4j bench DIR | --kodak      pictures in DIR (or the Kodak set), medians over the pictures",
    "  lic4j bench --large            a synthetic 6000x4000 picture; its decode in a separate JVM",
    "  lic4j bench --video [DIR]      frames/s of video at 352x288 and 1280x720 (clips in DIR, or shared/data/video),",
    "                                 split into transforms, coding, colour conversion and I/O",
    "Timings are wall times: run it on a quiet machine and say what else was running."})
final class BenchCommand implements Callable<Integer> {
  /** Pixels of the targets in issue 3: a Kodak picture, 768 x 512. */
  private static final double ENCODE_TARGET_MS = 700;
  private static final double DECODE_TARGET_MS = 500;
  private static final String DECODE_ONLY_TAG = "bench-decode:";

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "Folder of pictures (with --video: of clips).")
  Path dir;

  @Option(names = "--kodak", description = "The Kodak set: $LIC4J_KODAK, or shared/data/eval/kodak above the working directory.")
  boolean kodak;

  @Option(names = "--large", description = "Encode a synthetic picture of --large-size, then decode it in a separate JVM.")
  boolean large;

  @Option(names = "--video", description = "Video: the clips in DIR, or without DIR foreman and mobile (352x288) and"
      + " street (1280x720) from $LIC4J_VIDEO or shared/data/video above the working directory; a generated moving"
      + " picture at both sizes where there are none.")
  boolean video;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "10",
      description = "--video: timed frames per clip, after the warm-up frames (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--intra-only", description = "--video: every frame intra (default: P frames with the bundled "
      + "P-frame model between the intra frames of each GOP of 32).")
  boolean intraOnly;

  @Option(names = "--json", paramLabel = "FILE", description = "--video: also write the figures to FILE as JSON.")
  Path json;

  @Option(names = "--large-size", paramLabel = "WxH", defaultValue = "6000x4000", description = "Default: ${DEFAULT-VALUE}.")
  String largeSize;

  @Option(names = {"-q", "--quality"}, paramLabel = "Q", defaultValue = "75", description = "Default: ${DEFAULT-VALUE}.")
  double quality;

  @Option(names = "--effort", paramLabel = "N", defaultValue = "0",
      description = "Encoder effort 0..9 (as `lic4j encode --effort N`; default: ${DEFAULT-VALUE}, the plain encoder).")
  int effort;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
      description = "Untimed encode+decode rounds on the first picture; with --video, untimed frames at the start of"
          + " each clip (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N pictures (or clips; sorted by name).")
  Integer limit;

  @Option(names = "--no-torch", description = "Skip the PyTorch comparison.")
  boolean noTorch;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
      description = "Python with torch for the comparison (default: ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--weights", paramLabel = "PT",
      description = "PyTorch checkpoint of the model (default: training/checkpoints/NAME.pt in the repository).")
  Path weights;

  /** The child JVM of --large: decode this stream, print one line of figures. */
  @Option(names = "--decode-only", hidden = true)
  Path decodeOnly;

  @Option(names = "--model", paramLabel = "PATH", description = "Model bundle folder (default: the bundled model).")
  Path model;

  @Option(names = "--device", paramLabel = "D", defaultValue = "cpu", description = "cpu, cuda or auto (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Threads for transforms and tiles; 0 = all cores (default).")
  int threads;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The model's training steps (ImageModel#trainingSteps), "?" when unknown: is a checkpoint the bundle's? */
  private String bundleStep = "?";

  @Override
  public Integer call() throws Exception {
    if (warmup < 0 || (limit != null && limit < 1) || threads < 0 || frames < 1) {
      throw new UserInputException("--warmup and --threads must be >= 0, --limit and --frames >= 1", true);
    }
    EncodeParams params;
    try {
      params = EncodeParams.quality(quality).withEffort(effort);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), true);
    }
    if (decodeOnly != null) {
      return decodeOnly(decodeOnly);
    }
    if (video) {
      if (kodak || large) {
        throw new UserInputException("--video goes with DIR only, not with --kodak or --large", true);
      }
      return video();
    }
    int modes = (dir != null ? 1 : 0) + (kodak ? 1 : 0) + (large ? 1 : 0);
    if (modes != 1) {
      throw new UserInputException("give one of DIR, --kodak, --large or --video", true);
    }
    if (large) {
      return large(params);
    }
    Path folder = kodak ? findKodak() : dir;
    if (!Files.isDirectory(folder)) {
      throw new UserInputException(folder + ": not a folder of pictures", false);
    }
    List<Path> images = Inputs.expand(List.of(folder), ImageFiles.INPUT_SUFFIXES);
    if (limit != null && images.size() > limit) {
      images = images.subList(0, limit);
    }
    if (images.isEmpty()) {
      throw new UserInputException(folder + ": no pictures (" + String.join(", ", ImageFiles.INPUT_SUFFIXES) + ")", false);
    }
    return pictures(folder, images, params);
  }

  /** --video: the clips of DIR, the default shared clips, or generated ones; then {@link VideoBench}. */
  private int video() throws IOException {
    int wanted = warmup + frames;
    List<VideoBenchClips.Clip> clips = new ArrayList<>();
    String note;
    if (dir != null) {
      if (!Files.isDirectory(dir)) {
        throw new UserInputException(dir + ": not a folder of clips", false);
      }
      List<Path> files = VideoBenchClips.inFolder(dir);
      if (limit != null && files.size() > limit) {
        files = files.subList(0, limit);
      }
      if (files.isEmpty()) {
        throw new UserInputException(dir + ": no clips (" + String.join(" ", VideoBenchClips.VIDEO_SUFFIXES) + ")", false);
      }
      for (Path f : files) {
        clips.add(VideoBenchClips.read(f, wanted));
      }
      note = "clips in " + dir + ", decoded by ffmpeg to 8-bit 4:2:0 y4m (y4m files: their first frames, as 8-bit y4m)";
    } else {
      Optional<Path> shared = VideoBenchClips.sharedFolder();
      List<Path> files = new ArrayList<>();
      if (shared.isPresent()) {
        for (String name : VideoBenchClips.DEFAULT_CLIPS) {
          Path f = shared.get().resolve(name);
          if (Files.isRegularFile(f)) {
            files.add(f);
          }
        }
      }
      if (!files.isEmpty() && Tool.find("ffmpeg").isPresent()) {
        if (limit != null && files.size() > limit) {
          files = files.subList(0, limit);
        }
        for (Path f : files) {
          clips.add(VideoBenchClips.read(f, wanted));
        }
        note = "clips in " + shared.get() + ", decoded by ffmpeg to 8-bit 4:2:0 y4m";
      } else {
        for (int[] size : VideoBenchClips.GENERATED_SIZES) {
          clips.add(VideoBenchClips.generated(size[0], size[1], wanted));
        }
        note = "GENERATED moving pictures, not real clips: " + (shared.isEmpty()
            ? "no shared/data/video above the working directory (set LIC4J_VIDEO)"
            : files.isEmpty() ? "none of " + VideoBenchClips.DEFAULT_CLIPS + " in " + shared.get()
            : "no ffmpeg on the PATH to decode " + files.get(0).getFileName());
      }
    }
    VideoBench.Settings settings = new VideoBench.Settings(quality, warmup, frames, threads, json, !intraOnly);
    return new VideoBench(spec.commandLine().getOut(), spec.commandLine().getErr(), System.console() != null)
        .run(clips, note, codecOptions(), settings);
  }

  private record Row(String name, int width, int height, long bytes, EncodeResult.Timings encode,
      DecodeResult.Timings decode) {
    long pixels() {
      return (long) width * height;
    }
  }

  private int pictures(Path folder, List<Path> images, EncodeParams params) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    String loadBefore = loadAverage();
    CodecOptions options = codecOptions();
    long t0 = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    String modelName;
    try (ImageModel opened = ImageModel.open(options); ImageEncoder encoder = ImageEncoder.open(opened);
        ImageDecoder decoder = ImageDecoder.open(opened)) {
      long loadNanos = System.nanoTime() - t0;
      modelName = opened.toString();
      bundleStep = opened.trainingSteps() > 0 ? String.valueOf(opened.trainingSteps()) : "?";
      RgbImage first = ImageFiles.read(images.get(0));
      for (int i = 0; i < warmup; i++) {
        decoder.decodeTimed(encoder.encode(first, params).stream(), "warm-up");
      }
      Progress progress = new Progress(spec.commandLine().getErr(), images.size(), System.console() != null);
      for (Path path : images) {
        RgbImage image = ImageFiles.read(path);
        EncodeResult e = encoder.encode(image, params);
        DecodeResult d = decoder.decodeTimed(e.stream(), path.toString());
        Row row = new Row(path.getFileName().toString(), image.width(), image.height(), e.stream().length, e.timings(),
            d.timings());
        rows.add(row);
        progress.step(row.name, String.format("encode %.0f ms, decode %.0f ms, %.4f bpp",
            e.timings().totalNanos() / 1e6, d.timings().totalNanos() / 1e6, e.bitsPerPixel()));
      }
      out.printf("lic4j bench: %d pictures from %s, quality %s, effort %d (%d refinement steps)%n", rows.size(), folder,
          trim(quality), effort, params.refineIterations());
      out.printf("model:   %s, bundle step %s; both opened in %.0f ms%n", modelName, bundleStep, loadNanos / 1e6);
    }
    String loadAfter = loadAverage();
    out.printf("runtime: ONNX Runtime on the CPU, --threads %d (%d cores), Java %s; %d warm-up round(s) on %s%n",
        threads, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), warmup,
        images.get(0).getFileName());
    out.printf("load:    1-minute load average %s before, %s after (wall times: other processes slow them)%n",
        loadBefore, loadAfter);
    out.printf("size:    median %s, median %.4f bpp%n", dims(rows), median(rows, r -> r.bytes * 8_000_000 / r.pixels()) / 1e6);
    out.println();

    long encTotal = median(rows, r -> r.encode.totalNanos());
    long decTotal = median(rows, r -> r.decode.totalNanos());
    long pixels = median(rows, Row::pixels);
    out.println("median ms per picture                    ms   share");
    out.printf("encode%n");
    part(out, "analysis transform (ONNX)", median(rows, r -> r.encode.analysisNanos()), encTotal);
    part(out, "entropy model", median(rows, r -> r.encode.entropyModelNanos()), encTotal);
    part(out, "arithmetic coding", median(rows, r -> r.encode.codingNanos()), encTotal);
    out.printf("  %-32s %7.0f          %.2f Mpixel/s   target <= %.0f ms at 768x512%n", "total", encTotal / 1e6,
        pixels / (encTotal / 1e3), ENCODE_TARGET_MS);
    out.printf("decode%n");
    part(out, "arithmetic decoding", median(rows, r -> r.decode.codingNanos()), decTotal);
    part(out, "entropy model", median(rows, r -> r.decode.entropyModelNanos()), decTotal);
    part(out, "synthesis transform (ONNX)", median(rows, r -> r.decode.synthesisNanos()), decTotal);
    out.printf("  %-32s %7.0f          %.2f Mpixel/s   target <= %.0f ms at 768x512%n", "total", decTotal / 1e6,
        pixels / (decTotal / 1e3), DECODE_TARGET_MS);
    long codingShare = median(rows, r -> 1000 * (r.encode.codingNanos() + r.decode.codingNanos())
        / Math.max(1, r.encode.totalNanos() + r.decode.totalNanos()));
    out.printf("arithmetic coding, encode + decode: %.1f%% of encode + decode (median; target < 10%%)%n",
        codingShare / 10.0);
    out.println("(medians of parts need not add up to the median total; the rest of a total is tiling,");
    out.println(" pixel conversion and the container)");
    out.printf("memory:  peak resident (VmHWM, heap + native) %s, peak heap %s (heap may grow to %s)%n",
        PeakMemory.mib(PeakMemory.residentPeakBytes()), PeakMemory.mib(PeakMemory.heapPeakBytes()),
        PeakMemory.mib(PeakMemory.heapMaxBytes()));
    if (!noTorch) {
      out.println();
      torch(out, modelName, images, rows, encTotal, decTotal);
    }
    return 0;
  }

  private void torch(PrintWriter out, String model, List<Path> images, List<Row> rows, long encTotal, long decTotal)
      throws IOException {
    Path repository = TorchBaseline.findRepository();
    String name = model.split(" ")[0];
    Path pt = weights != null ? weights
        : repository == null ? null : repository.resolve("training").resolve("checkpoints").resolve(name + ".pt");
    TorchBaseline.Result t;
    if (repository == null) {
      t = TorchBaseline.skipped("no training/benchmark.py in or above the working directory");
    } else if (pt == null || !Files.isRegularFile(pt)) {
      t = TorchBaseline.skipped(pt + ": no such checkpoint (--weights)");
    } else {
      int torchThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
      spec.commandLine().getErr().println("running PyTorch on the same pictures (" + python + " -m training.benchmark)...");
      t = TorchBaseline.run(python, repository, pt, quality, torchThreads, images);
    }
    if (t.skipped() != null) {
      out.println("PyTorch: skipped: " + t.skipped());
      return;
    }
    out.printf("PyTorch %s on the same pictures, %d threads%s, checkpoint step %.0f, median ms per picture:%n",
        t.texts().get("torch"), Math.round(t.numbers().getOrDefault("threads", 0.0)),
        t.environment().isEmpty() ? "" : " (" + t.environment() + ")", t.numbers().getOrDefault("step", -1.0));
    out.println("                                         PyTorch    lic4j   lic4j/PyTorch");
    long analysis = median(rows, r -> r.encode.analysisNanos());
    long synthesis = median(rows, r -> r.decode.synthesisNanos());
    compare(out, "analysis g_a", t.ms("g_a"), analysis);
    compare(out, "synthesis g_s", t.ms("g_s"), synthesis);
    compare(out, "encode: g_a + h_a / lic4j total", t.ms("encode"), encTotal);
    compare(out, "decode: h_mean + ctx + g_s / total", t.ms("decode"), decTotal);
    out.printf("  (PyTorch parts: h_a %.0f, h_mean %.0f, ctx_mean %.0f ms; lic4j totals include the integer scale%n",
        t.ms("h_a"), t.ms("h_mean"), t.ms("ctx_mean"));
    out.println("   network and the arithmetic coder, which PyTorch does not run)");
    List<Long> estimated = t.estimatedBits();
    if (estimated.size() == rows.size()) {
      long[] ratio = new long[rows.size()];
      double real = 0;
      double est = 0;
      for (int i = 0; i < ratio.length; i++) {
        ratio[i] = rows.get(i).bytes * 8 * 10000 / Math.max(1, estimated.get(i));
        real += rows.get(i).bytes * 8.0;
        est += estimated.get(i);
      }
      Arrays.sort(ratio);
      String step = bundleStep;
      double ptStep = t.numbers().getOrDefault("step", -1.0);
      boolean same = step.equals(String.valueOf(Math.round(ptStep)));
      out.printf("size:    coded %.0f bits vs the model's estimate %.0f bits (%s scales), all pictures: %+.1f%%;"
          + " median picture %+.1f%%%n", real, est, t.texts().getOrDefault("scales", "?"), 100 * (real / est - 1),
          ratio[ratio.length / 2] / 100.0 - 100);
      if (!same) {
        out.printf("         NOTE: the checkpoint (step %.0f) is not the one the bundle was exported from (step %s):"
            + " the sizes are not comparable until the bundle is re-exported%n", ptStep, step);
      }
    }
  }

  /** --large: encode here, decode in a fresh JVM so that its peak memory is the decoder's alone. */
  private int large(EncodeParams params) throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Matcher m = Pattern.compile("(\\d{1,5})x(\\d{1,5})").matcher(largeSize);
    if (!m.matches()) {
      throw new UserInputException("--large-size must be WxH, e.g. 6000x4000, got '" + largeSize + "'", true);
    }
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    String loadBefore = loadAverage();
    long r0 = System.nanoTime();
    RgbImage image;
    try {
      image = SyntheticPictures.landscape(w, h, 2026);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--large-size " + largeSize + ": " + e.getMessage(), true);
    }
    long renderNanos = System.nanoTime() - r0;
    EncodeResult e;
    try (ImageEncoder encoder = ImageEncoder.open(codecOptions())) {
      e = encoder.encode(image, params);
    }
    long encodeResident = PeakMemory.residentPeakBytes();
    long encodeHeap = PeakMemory.heapPeakBytes();
    Path stream = Files.createTempFile("lic4j-bench-large-", ".lic");
    try {
      Files.write(stream, e.stream());
      image = null;
      Map<String, String> child = decodeInChild(stream);
      out.printf("lic4j bench --large: synthetic %dx%d picture (%.1f Mpixel, rendered in %.0f ms), quality %s,"
          + " --threads %d%n", w, h, w * (double) h / 1e6, renderNanos / 1e6, trim(quality), threads);
      out.printf("load:    1-minute load average %s before, %s after%n", loadBefore, loadAverage());
      out.printf("stream:  %d bytes, %.4f bpp%n", e.stream().length, e.bitsPerPixel());
      out.printf("encode:  %.1f s (analysis %.1f, entropy model %.1f, coding %.1f); this JVM (which also rendered"
          + " the picture): peak resident %s, peak heap %s%n", e.timings().totalNanos() / 1e9,
          e.timings().analysisNanos() / 1e9, e.timings().entropyModelNanos() / 1e9, e.timings().codingNanos() / 1e9,
          PeakMemory.mib(encodeResident), PeakMemory.mib(encodeHeap));
      out.printf("decode:  %.1f s (coding %.1f, entropy model %.1f, synthesis %.1f), in a separate JVM (%s):%n",
          ms(child, "total") / 1e3, ms(child, "coding") / 1e3, ms(child, "model") / 1e3, ms(child, "synthesis") / 1e3,
          child.getOrDefault("jvm", "?"));
      out.printf("         after decoding: peak resident %s, peak heap %s%n",
          PeakMemory.mib(bytes(child, "decode_resident")), PeakMemory.mib(bytes(child, "decode_heap")));
      out.printf("         after also writing the PNG (%.1f s): peak resident %s, peak heap %s (heap may grow to %s)%n",
          ms(child, "png") / 1e3, PeakMemory.mib(bytes(child, "png_resident")), PeakMemory.mib(bytes(child, "png_heap")),
          PeakMemory.mib(bytes(child, "heap_max")));
    } finally {
      Files.deleteIfExists(stream);
    }
    return 0;
  }

  private Map<String, String> decodeInChild(Path stream) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LabCommand.class.getName(), "bench",
        "--decode-only", stream.toString(), "--threads", Integer.toString(threads), "-q", trim(quality)));
    if (model != null) {
      cmd.addAll(List.of("--model", model.toString()));
    }
    spec.commandLine().getErr().println("decoding in a separate JVM...");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text;
    try (InputStream in = p.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int code = p.waitFor();
    Map<String, String> figures = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith(DECODE_ONLY_TAG)) {
        for (String kv : line.substring(DECODE_ONLY_TAG.length()).trim().split(" ")) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            figures.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
        }
      }
    }
    if (code != 0 || figures.isEmpty()) {
      throw new IOException("the decoding JVM failed (exit " + code + "): " + text.strip());
    }
    return figures;
  }

  /** The child of --large: decode, then write the PNG to nowhere; one line of figures on stdout. */
  private int decodeOnly(Path file) throws IOException {
    byte[] stream = LicFiles.read(file);
    DecodeResult d;
    try (ImageDecoder decoder = ImageDecoder.open(codecOptions())) {
      d = decoder.decodeTimed(stream, file.toString());
    }
    long decodeResident = PeakMemory.residentPeakBytes();
    long decodeHeap = PeakMemory.heapPeakBytes();
    long p0 = System.nanoTime();
    ImageFiles.write(d.image(), ImageFiles.Format.PNG, OutputStream.nullOutputStream());
    long pngNanos = System.nanoTime() - p0;
    DecodeResult.Timings t = d.timings();
    spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s total=%d coding=%d model=%d synthesis=%d png=%d"
            + " decode_resident=%d decode_heap=%d png_resident=%d png_heap=%d heap_max=%d jvm=%s",
        DECODE_ONLY_TAG, t.totalNanos() / 1_000_000, t.codingNanos() / 1_000_000, t.entropyModelNanos() / 1_000_000,
        t.synthesisNanos() / 1_000_000, pngNanos / 1_000_000, decodeResident, decodeHeap,
        PeakMemory.residentPeakBytes(), PeakMemory.heapPeakBytes(), PeakMemory.heapMaxBytes(),
        String.join(",", ManagementFactory.getRuntimeMXBean().getInputArguments()).replace(' ', '_')));
    return 0;
  }

  /** The codec's options from --model, --device and --threads; a wrong one is a usage error. */
  private CodecOptions codecOptions() throws UserInputException {
    if (model != null && !Files.isDirectory(model)) {
      throw new UserInputException(model + ": no such model bundle folder", true);
    }
    try {
      CodecOptions options = CodecOptions.defaults().withDevice(CodecOptions.Device.parse(device)).withThreads(threads);
      return model == null ? options : options.withModel(model);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), true);
    }
  }

  private static double ms(Map<String, String> figures, String key) {
    return Double.parseDouble(figures.getOrDefault(key, "NaN"));
  }

  private static long bytes(Map<String, String> figures, String key) {
    return Long.parseLong(figures.getOrDefault(key, "-1"));
  }

  private static void part(PrintWriter out, String name, long nanos, long total) {
    out.printf("  %-32s %7.0f  %5.1f%%%n", name, nanos / 1e6, 100.0 * nanos / Math.max(1, total));
  }

  private static void compare(PrintWriter out, String name, double torchMs, long javaNanos) {
    out.printf("  %-36s %7.0f  %7.0f   %.2f%n", name, torchMs, javaNanos / 1e6, javaNanos / 1e6 / torchMs);
  }

  private static long median(List<Row> rows, ToLongFunction<Row> f) {
    long[] v = rows.stream().mapToLong(f).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String dims(List<Row> rows) {
    Row r = rows.stream().sorted((a, b) -> Long.compare(a.pixels(), b.pixels())).toList().get(rows.size() / 2);
    return r.width + "x" + r.height;
  }

  static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static Path findKodak() throws UserInputException {
    String env = System.getenv("LIC4J_KODAK");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path k = p.resolve("shared").resolve("data").resolve("eval").resolve("kodak");
      if (Files.isDirectory(k)) {
        return k;
      }
    }
    throw new UserInputException("Kodak pictures not found (set LIC4J_KODAK, or give DIR)", false);
  }
}
