package org.lic4j.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.Metrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lic4j eval}: codes every picture of a folder with lic4j at each quality and with classical
 * codecs over their own sweeps, in one run, and writes a rate-distortion report with BD-rates.
 */
@Command(name = "eval", sortOptions = false, description = {
    "Rate-distortion evaluation: lic4j against classical codecs and, on Kodak, published curves.",
    "  lic4j eval DIR [--codecs lic4j,jpeg,webp,avif,x265] [--out DIR] [--jobs N]",
    "Classical codecs run through Debian's command-line tools (cjpeg, cwebp,",
    "avifenc, x265 + ffmpeg); a missing one is skipped with a note. Writes",
    "results.json, summary.md, index.html and PNG plots."})
public final class EvalCommand implements Callable<Integer> {
  /** Every codec name --codecs takes; {@code jpeg} means both JPEG curves. */
  static final List<String> CODECS = List.of("lic4j", "jpeg-420", "jpeg-444", "webp", "avif", "x265");
  private static final Pattern KODAK_NAME = Pattern.compile("kodim(0[1-9]|1[0-9]|2[0-4])");
  private static final int KODAK_SIZE = 24;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of pictures (PNG, PPM, BMP, TIFF, JPEG).")
  Path dir;

  @Option(names = {"-q", "--qualities"}, split = ",", paramLabel = "Q",
      description = "lic4j qualities 0..100 (default: the model's trained levels, 0, 14.29, ... 100).")
  List<Double> qualities;

  @Option(names = "--codecs", split = ",", paramLabel = "C", defaultValue = "lic4j,jpeg,webp,avif,x265",
      description = "Codecs to run: lic4j, jpeg (= jpeg-420 and jpeg-444), webp, avif, x265 "
          + "(default: ${DEFAULT-VALUE}).")
  List<String> codecs;

  @Option(names = {"-o", "--out"}, paramLabel = "REPORT_DIR",
      description = "Report folder (default: target/eval-<DIR name>); its report files are replaced.")
  Path out;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
      description = "Pictures coded in parallel (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--images", paramLabel = "N", description = "Only the first N pictures (by file name).")
  Integer images;

  @Option(names = "--quick", description = "A reduced sweep: 4 settings per classical codec, every other "
      + "trained level (and the top) for lic4j.")
  boolean quick;

  @Option(names = "--kodak", description = "Compare with the published Kodak curves even if the file names "
      + "are not kodim01..kodim24.")
  boolean kodak;

  @Option(names = "--anchors", paramLabel = "DIR",
      description = "Published curves (default: " + Anchors.RELATIVE_TO_REPO + " beside the repository).")
  Path anchors;

  @Option(names = "--publish", paramLabel = "FILE.md",
      description = "Also write the summary into FILE.md between markers and copy the main plot beside it.")
  Path publish;

  @Option(names = "--refine", paramLabel = "N", defaultValue = "0",
      description = "lic4j encodes with N steps of latent refinement (as `lic4j encode --refine N`; default: none).")
  int refine;

  @Option(names = "--effort", paramLabel = "N",
      description = "lic4j encodes at effort N, 0..9 (as `lic4j encode --effort N`: the refinement steps of that"
          + " level; default: 0, the plain encoder, so that reports stay comparable).")
  Integer effort;

  @Option(names = "--model", paramLabel = "PATH", description = "Model bundle folder (default: the bundled model).")
  Path model;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "lic4j threads per picture; 0 = all cores (default).")
  int threads;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<String> wanted = codecIds();
    if (jobs < 1) {
      throw usage("--jobs must be at least 1");
    }
    if (threads < 0) {
      throw usage("--threads must be >= 0");
    }
    if (images != null && images < 1) {
      throw usage("--images must be at least 1");
    }
    if (refine < 0 || refine > EncodeParams.MAX_REFINE_ITERATIONS) {
      throw usage("--refine must be in 0.." + EncodeParams.MAX_REFINE_ITERATIONS + ", got " + refine);
    }
    if (effort != null) {
      if (refine != 0) {
        throw usage("--effort and --refine both set the refinement: give one");
      }
      if (effort < 0 || effort > EncodeParams.MAX_EFFORT) {
        throw usage("--effort must be in 0.." + EncodeParams.MAX_EFFORT + ", got " + effort);
      }
      refine = EncodeParams.refinementSteps(effort);
    }
    if (qualities != null) {
      for (double q : qualities) {
        if (!(q >= 0 && q <= 100)) {
          throw usage("--qualities must be in 0..100, got " + q);
        }
      }
    }
    if (model != null && !Files.isDirectory(model)) {
      throw usage(model + ": no such model bundle folder");
    }
    List<Path> files = pictures();
    Path report = out != null ? out : Path.of("target", "eval-" + dir.toAbsolutePath().normalize().getFileName());
    Files.createDirectories(report);
    boolean isKodak = kodak || files.stream().allMatch(f -> KODAK_NAME.matcher(Report.stem(f.getFileName().toString())).matches());

    Path work = Files.createTempDirectory("lic4j-eval-");
    List<String> notes = new ArrayList<>();
    LicCodec lic = null;
    try {
      List<RdCodec> run = new ArrayList<>();
      List<Evaluation.Codec> entries = new ArrayList<>();
      ImageModel modelInfo = null;
      for (String id : wanted) {
        if (id.equals("lic4j")) {
          CodecOptions options = CodecOptions.defaults().withThreads(threads);
          if (model != null) {
            options = options.withModel(model);
          }
          lic = LicCodec.open(options, qualities == null ? null : List.copyOf(qualities), version(), refine);
          modelInfo = lic.model();
          run.add(lic);
          entries.add(entry(lic));
          continue;
        }
        Probe p = probe(id, work);
        if (p.codec() == null) {
          stderr.println("lic4j eval: skipping " + id + ": " + p.skipped());
          entries.add(new Evaluation.Codec(id, label(id), "", List.of(), null, p.skipped()));
        } else {
          run.add(p.codec());
          entries.add(entry(p.codec()));
        }
      }
      List<Anchors.Published> published = List.of();
      Path anchorsDir = null;
      if (isKodak) {
        var located = Anchors.locate(anchors);
        if (located.isPresent()) {
          try {
            published = Anchors.load(located.get());
            anchorsDir = located.get();
          } catch (IOException ex) {
            notes.add("Published curves at " + located.get() + " are unreadable (" + ex.getMessage()
                + "): BD-rates against measured codecs only.");
          }
        } else {
          notes.add("Kodak, but no published curves found at " + (anchors != null ? anchors
              : Anchors.RELATIVE_TO_REPO + " beside the repository")
              + " (`--anchors DIR`): BD-rates against measured codecs only.");
        }
      }
      List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
      Evaluation e = new Evaluation(new Evaluation.Meta(commandLine(),
          OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), dir.toString(), names, isKodak,
          anchorsDir == null ? null : anchorsDir.toString(), modelInfo, version(), machine(), quick), entries);
      int total = 0;
      for (RdCodec c : run) {
        total += c.settings(quick).size() * files.size();
      }
      ProgressBar progress = new ProgressBar(stderr, total, System.console() != null);
      runAll(e, run, files, work, progress);

      Report r = new Report(e, published, notes);
      Doc doc = r.write(report);
      stdout.println("report: " + report.resolve(Report.INDEX));
      for (BdTable.Row row : r.lic4jRows()) {
        stdout.printf(Locale.ROOT, "BD-rate of lic4j vs %-40s %s%n", row.against() + " (" + row.source() + "):",
            row.psnr().format());
      }
      if (publish != null) {
        Path plot = Publisher.publish(doc, report, publish);
        stdout.println("published: " + publish + ", " + plot);
      }
      stdout.flush();
      return 0;
    } finally {
      if (lic != null) {
        lic.close();
      }
      deleteTree(work);
    }
  }

  private void runAll(Evaluation e, List<RdCodec> run, List<Path> files, Path work, ProgressBar progress)
      throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, files.size()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        Path subjectDir = work.resolve("p" + i);
        futures.add(pool.submit(() -> {
          codeOne(e, run, file, subjectDir, progress);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException ex) {
          pool.shutdownNow();
          if (ex.getCause() instanceof IOException io) {
            throw io;
          }
          if (ex.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(ex.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every codec and setting on one picture; a failing trial is recorded and the rest go on. */
  private void codeOne(Evaluation e, List<RdCodec> run, Path file, Path subjectDir, ProgressBar progress)
      throws IOException {
    Files.createDirectories(subjectDir);
    String name = file.getFileName().toString();
    RgbImage image = Pictures.read(file);
    Subject subject = new Subject(name, image, subjectDir);
    MsSsim.Reference reference = MsSsim.reference(image);
    try {
      for (RdCodec codec : run) {
        for (double setting : codec.settings(quick)) {
          String item = Report.stem(name) + " " + codec.id() + " " + codec.settingName() + " " + Report.num(setting, 2);
          Path trialDir = Files.createDirectory(subjectDir.resolve(codec.id() + "-" + Report.num(setting, 2)));
          try {
            RdCodec.Trial t = codec.run(subject, setting, trialDir);
            double pixels = subject.pixels();
            e.add(new Evaluation.Point(name, codec.id(), setting, t.bytes(), t.bytes() * 8.0 / pixels,
                Metrics.psnr(image, t.decoded()), reference.compare(t.decoded()), t.encodeNanos() / 1e6,
                t.decodeNanos() / 1e6, t.zBytes() < 0 ? Double.NaN : t.zBytes() * 8.0 / pixels,
                t.yBytes() < 0 ? Double.NaN : t.yBytes() * 8.0 / pixels));
          } catch (InterruptedIOException ex) {
            throw ex;
          } catch (IOException | RuntimeException ex) {
            e.fail(new Evaluation.Failure(name, codec.id(), setting, String.valueOf(ex.getMessage())));
            progress.note("lic4j eval: " + item + " failed: " + ex.getMessage());
          } finally {
            deleteTree(trialDir);
          }
          progress.step(item);
        }
      }
    } finally {
      deleteTree(subjectDir);
    }
  }

  private List<String> codecIds() {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : codecs) {
      String c = raw.trim().toLowerCase(Locale.ROOT);
      if (c.isEmpty()) {
        continue;
      }
      if (c.equals("jpeg")) {
        out.add("jpeg-420");
        out.add("jpeg-444");
      } else if (CODECS.contains(c)) {
        out.add(c);
      } else {
        throw usage("unknown codec '" + raw + "' (lic4j, jpeg, jpeg-420, jpeg-444, webp, avif, x265)");
      }
    }
    if (out.isEmpty()) {
      throw usage("--codecs names no codec");
    }
    // Reports list the codecs in one order whatever order they were asked in.
    return CODECS.stream().filter(out::contains).toList();
  }

  private static Probe probe(String id, Path work) {
    return switch (id) {
      case "jpeg-420" -> JpegCodec.probe(true, work);
      case "jpeg-444" -> JpegCodec.probe(false, work);
      case "webp" -> WebpCodec.probe(work);
      case "avif" -> AvifCodec.probe(work);
      case "x265" -> X265Codec.probe(work);
      default -> throw new IllegalArgumentException(id);
    };
  }

  private static String label(String id) {
    return switch (id) {
      case "jpeg-420" -> "JPEG 4:2:0";
      case "jpeg-444" -> "JPEG 4:4:4";
      case "webp" -> "WebP";
      case "avif" -> "AVIF 4:4:4 (aom)";
      case "x265" -> "HEVC 4:4:4 (x265)";
      default -> id;
    };
  }

  private Evaluation.Codec entry(RdCodec c) {
    return new Evaluation.Codec(c.id(), c.label(), c.settingName(), c.settings(quick), c.tool(), null);
  }

  private List<Path> pictures() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no such directory");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).filter(Pictures::isPicture)
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
    if (files.isEmpty()) {
      throw usage(dir + ": no pictures (" + String.join(", ", Pictures.SUFFIXES) + ")");
    }
    return images != null && images < files.size() ? files.subList(0, images) : files;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private String commandLine() {
    return commandLine(spec, "eval");
  }

  /** The command as typed, quoted for a shell, to run it again: {@code lic4j NAME ARGS}. */
  static String commandLine(CommandLine.Model.CommandSpec spec, String name) {
    List<String> args = spec.commandLine().getParseResult() == null ? List.of()
        : spec.commandLine().getParseResult().originalArgs();
    // Under the lic4j command the original arguments start with the command's name.
    if (!args.isEmpty() && args.get(0).equals(name)) {
      args = args.subList(1, args.size());
    }
    StringBuilder sb = new StringBuilder("lic4j " + name);
    for (String a : args) {
      sb.append(' ').append(a.matches("[\\w./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }

  static String version() {
    Properties p = new Properties();
    try (InputStream in = EvalCommand.class.getResourceAsStream("/org/lic4j/eval/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  /** Processors, CPU, load, OS and Java: what the timings depend on. */
  static String machine() {
    StringBuilder sb = new StringBuilder();
    sb.append(Runtime.getRuntime().availableProcessors()).append(" processors");
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          sb.append(" (").append(line.substring(line.indexOf(':') + 1).trim()).append(')');
          break;
        }
      }
      String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
      sb.append(", load average ").append(load).append(" at start");
    } catch (IOException | RuntimeException e) {
      // Not Linux: the processor count is all there is.
    }
    sb.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
        .append(", Java ").append(System.getProperty("java.version"));
    return sb.toString();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
