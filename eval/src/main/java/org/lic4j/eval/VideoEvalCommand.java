package org.lic4j.eval;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;
import org.lic4j.media.Y4mReader;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.PFrameParams;
import org.lic4j.video.VideoEncodeParams;
import org.lic4j.video.YuvFrame;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lic4j eval-video}: lic4j (all intra, or P frames with a P-frame model) against x264 and x265 (low-delay P), measured in one
 * run on the same frames of the same clips, with a rate-distortion report and BD-rates
 * (docs/results-video.md).
 */
@Command(name = "eval-video", sortOptions = false, description = {
    "Video rate-distortion: lic4j against x264 and x265 on the same frames.",
    "  lic4j eval-video [DIR] [--frames N] [--max-height H] [--out DIR]",
    "Each clip of DIR (y4m, mp4, mkv, avi, mpg, raw .264/.265, ...) is decoded once",
    "by ffmpeg to 4:2:0 y4m; x264 and x265 run through ffmpeg (a missing one is",
    "skipped with a note). Writes results.json, summary.md, index.html and PNG plots."})
public final class VideoEvalCommand implements Callable<Integer> {
  /** Every codec name --codecs takes, in report order. */
  static final List<String> CODECS = List.of("lic4j", "x264", "x265");
  /** Where the clips are when no DIR is given, relative to the repository root. */
  static final String CLIPS_RELATIVE_TO_REPO = "../shared/data/video";
  /** The default height limit: keeps the default run on the shared clips near 20 minutes on 2 cores. */
  static final int DEFAULT_MAX_HEIGHT = 360;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "Folder of clips (default: " + CLIPS_RELATIVE_TO_REPO + " beside the repository).")
  Path dir;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "60",
      description = "At most the first N frames of each clip (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--max-height", paramLabel = "H", defaultValue = "" + DEFAULT_MAX_HEIGHT,
      description = "Clips taller than H lines are scaled down to H (even; 0: never; default: ${DEFAULT-VALUE}).")
  int maxHeight;

  @Option(names = {"-q", "--quality", "--qualities"}, split = ",", paramLabel = "Q",
      description = "lic4j qualities 0..100 (default: " + LicVideoCodec.DEFAULT_POINTS
          + " of the model's trained levels from 0 to 100).")
  List<Double> qualities;

  @Option(names = "--qp", split = ",", paramLabel = "QP",
      description = "x264 and x265 constant QPs, 0..51 (default: 22,27,32,37,42).")
  List<Double> qps;

  @Option(names = "--gop", paramLabel = "N", defaultValue = "" + VideoEncodeParams.DEFAULT_GOP_LENGTH,
      description = "Frames from one intra frame to the next (x264/x265 keyint; recorded by lic4j; default: "
          + "${DEFAULT-VALUE}).")
  int gop;

  @Option(names = "--codecs", split = ",", paramLabel = "C", defaultValue = "lic4j,x264,x265",
      description = "Codecs to run (default: ${DEFAULT-VALUE}).")
  List<String> codecs;

  @Option(names = {"-o", "--out"}, paramLabel = "REPORT_DIR",
      description = "Report folder (default: target/eval-video-<DIR name>); its report files are replaced.")
  Path out;

  @Option(names = "--frame-clip", paramLabel = "NAME",
      description = "The clip plotted frame by frame (default: the longest).")
  String frameClip;

  @Option(names = "--anchors", paramLabel = "DIR",
      description = "Published UVG curves (default: " + UvgCurves.RELATIVE_TO_REPO + " beside the repository).")
  Path anchors;

  @Option(names = "--model", paramLabel = "PATH", description = "Model bundle folder (default: the bundled model).")
  Path model;

  @Option(names = "--pframe-model", paramLabel = "PATH",
      description = "P-frame model bundle folder: lic4j codes P frames between its intra frames (default: every "
          + "frame intra).")
  Path pframeModel;

  @Option(names = "--pframe-blocks", paramLabel = "B", defaultValue = "16",
      description = "With --pframe-model: motion blocks of 16 or 8 (default: ${DEFAULT-VALUE}).")
  int pframeBlocks;

  @Option(names = "--pframe-hierarchy", paramLabel = "DROP/PERIOD",
      description = "With --pframe-model: every PERIOD-th frame after an intra frame at the intra quality, the others "
          + "DROP quality points lower (default: all at one quality).")
  String pframeHierarchy;

  @Option(names = "--no-intra-choice", description = "With --pframe-model: never code a would-be P frame intra.")
  boolean noIntraChoice;

  @Option(names = "--clips", split = ",", paramLabel = "NAME",
      description = "Only the clips whose file name starts with one of these (e.g. the P-frame model's held-out "
          + "clips: foreman,mobile,street_1920x1080).")
  List<String> clipNames;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "lic4j threads; 0 = all cores (default).")
  int threads;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws Exception {
    List<String> wanted = codecIds();
    checkOptions();
    System.setProperty("java.awt.headless", "true");
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path clipsDir = clipsDir();
    List<Path> sources = VideoClips.list(clipsDir);
    if (clipNames != null) {
      sources = sources.stream()
          .filter(p -> clipNames.stream().anyMatch(n -> p.getFileName().toString().startsWith(n)))
          .toList();
    }
    if (sources.isEmpty()) {
      throw usage(clipsDir + ": no video clips (" + String.join(", ", VideoClips.SUFFIXES.stream().sorted().toList())
          + ")");
    }
    if (frameClip != null && sources.stream().noneMatch(p -> p.getFileName().toString().equals(frameClip))) {
      throw usage("--frame-clip " + frameClip + ": no such clip in " + clipsDir);
    }
    Tool.Found programs = Tool.findAll("ffmpeg", "ffprobe");
    if (programs.missing() != null) {
      throw new IOException(programs.missing() + " not found on the PATH: eval-video decodes every clip with it "
          + "(Debian: apt-get install ffmpeg, or eval/src/main/scripts/install-classical-codecs.sh)");
    }
    Path report = out != null ? out : Path.of("target", "eval-video-" + clipsDir.toAbsolutePath().normalize().getFileName());
    Path parent = report.toAbsolutePath().getParent();
    Files.createDirectories(parent);

    Path work = Files.createTempDirectory("lic4j-eval-video-");
    ImageModel lic = null;
    PFrameModel pFrames = null;
    try {
      List<String> notes = new ArrayList<>();
      stderr.println("lic4j eval-video: decoding " + sources.size() + " clips with ffmpeg (at most " + frames
          + " frames" + (maxHeight > 0 ? ", at most " + maxHeight + " lines" : "") + ")");
      stderr.flush();
      List<VideoClips.Clip> clips = new ArrayList<>();
      for (Path s : sources) {
        clips.add(VideoClips.prepare(programs.get(0), programs.get(1), s, work, frames, maxHeight));
      }
      List<VideoCodec> run = new ArrayList<>();
      List<VideoEvaluation.Codec> entries = new ArrayList<>();
      for (String id : wanted) {
        VideoCodec.Found found;
        if (id.equals("lic4j")) {
          CodecOptions options = CodecOptions.defaults().withThreads(threads);
          lic = ImageModel.open(model != null ? options.withModel(model) : options);
          if (pframeModel != null) {
            pFrames = PFrameModel.open(pframeModel, options);
          }
          found = new VideoCodec.Found(LicVideoCodec.open(lic, pFrames, pFrameParams(), qualities, gop,
              EvalCommand.version()), null);
        } else {
          found = X26xVideoCodec.probe(id, programs.get(0), qps != null ? qps : X26xVideoCodec.DEFAULT_QPS, gop, work);
        }
        if (found.codec() == null) {
          stderr.println("lic4j eval-video: skipping " + id + ": " + found.skipped());
          entries.add(new VideoEvaluation.Codec(id, id, "", List.of(), null, found.skipped()));
        } else {
          VideoCodec c = found.codec();
          run.add(c);
          entries.add(new VideoEvaluation.Codec(c.id(), c.label(), c.settingName(), c.settings(), c.tool(), null));
        }
      }
      List<UvgCurves.Published> uvg = uvgCurves(notes);
      VideoEvaluation e = new VideoEvaluation(new VideoEvaluation.Meta(EvalCommand.commandLine(spec, "eval-video"),
          OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), clipsDir.toString(), frames, maxHeight,
          gop, lic, EvalCommand.version(), EvalCommand.machine()), clips, entries);
      int total = 0;
      for (VideoCodec c : run) {
        total += c.settings().size() * clips.size();
      }
      ProgressBar progress = new ProgressBar(stderr, total, System.console() != null);
      for (VideoClips.Clip clip : clips) {
        codeClip(e, run, clip, work, progress);
      }

      VideoReport r = new VideoReport(e, uvg, notes, frameClip != null ? frameClip : VideoReport.longest(clips));
      Path staging = Files.createTempDirectory(parent, "." + report.getFileName() + ".");
      try {
        r.write(staging);
        publish(staging, report);
      } finally {
        EvalCommand.deleteTree(staging);
      }
      stdout.println("report: " + report.resolve(Report.INDEX));
      for (VideoEvaluation.BdRow row : r.bdRates()) {
        if (row.clip().equals(VideoEvaluation.MEAN)) {
          stdout.printf(Locale.ROOT, "BD-rate of %s vs %s, mean over clips: YUV-PSNR %s, RGB-PSNR %s, MS-SSIM %s%n",
              row.test(), row.reference(), row.results().get(VideoEvaluation.Metric.YUV).format(),
              row.results().get(VideoEvaluation.Metric.RGB).format(),
              row.results().get(VideoEvaluation.Metric.MS_SSIM).format());
        }
      }
      stdout.flush();
      return 0;
    } finally {
      if (pFrames != null) {
        pFrames.close();
      }
      if (lic != null) {
        lic.close();
      }
      EvalCommand.deleteTree(work);
    }
  }

  /** Every codec at every setting on one clip; a failing trial is recorded and the rest go on. */
  private static void codeClip(VideoEvaluation e, List<VideoCodec> run, VideoClips.Clip clip, Path work,
      ProgressBar progress) throws IOException {
    for (VideoCodec codec : run) {
      for (double setting : codec.settings()) {
        String item = Report.stem(clip.name()) + " " + codec.id() + " " + codec.settingName() + " "
            + Report.num(setting, 2);
        Path trialDir = Files.createDirectory(work.resolve("trial-" + codec.id() + "-" + Report.num(setting, 2)));
        try {
          VideoCodec.Trial t = codec.run(clip, setting, trialDir);
          VideoEvaluation.Point p = e.add(clip, codec.id(), setting, t, measure(clip, t.decoded()));
          progress.step(item + String.format(Locale.ROOT, ": %.1f kbps, %.2f dB", p.kbps(), p.mean().psnrYuv()));
        } catch (InterruptedIOException ex) {
          throw ex;
        } catch (IOException | RuntimeException ex) {
          e.fail(new VideoEvaluation.Failure(clip.name(), codec.id(), setting, String.valueOf(ex.getMessage())));
          progress.note("lic4j eval-video: " + item + " failed: " + ex.getMessage());
          progress.step(item);
        } finally {
          EvalCommand.deleteTree(trialDir);
        }
      }
    }
  }

  /**
   * Each decoded frame against its source frame, read side by side: a frame's MS-SSIM statistics
   * are large (tens of MB at 640x360), so no clip's worth of them is held.
   */
  static List<FrameQuality> measure(VideoClips.Clip clip, Path decoded) throws IOException {
    List<FrameQuality> out = new ArrayList<>();
    try (Y4mReader source = Y4mReader.open(clip.y4m(), notice -> { });
        Y4mReader test = Y4mReader.open(decoded, notice -> { })) {
      for (Optional<YuvFrame> s = clip.next(source); s.isPresent(); s = clip.next(source)) {
        YuvFrame d = test.next().orElseThrow(() -> new IOException("decoded clip has " + out.size()
            + " frames, the source " + clip.frames()));
        out.add(FrameQuality.of(FrameQuality.Source.of(s.get()), d));
      }
      if (test.next().isPresent()) {
        throw new IOException("decoded clip has more frames than its source's " + clip.frames());
      }
    }
    return out;
  }

  /** Moves the report's files from {@code staging} into {@code report}, replacing those there. */
  private static void publish(Path staging, Path report) throws IOException {
    Files.createDirectories(report);
    List<Path> files;
    try (Stream<Path> s = Files.walk(staging)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      Path target = report.resolve(staging.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private List<UvgCurves.Published> uvgCurves(List<String> notes) {
    Optional<Path> located = Anchors.locate(anchors, UvgCurves.RELATIVE_TO_REPO);
    if (located.isEmpty()) {
      notes.add("No published UVG curves at " + (anchors != null ? anchors : UvgCurves.RELATIVE_TO_REPO
          + " beside the repository") + " (`--anchors DIR`).");
      return List.of();
    }
    try {
      return UvgCurves.load(located.get());
    } catch (IOException ex) {
      notes.add("Published UVG curves at " + located.get() + " are unreadable: " + ex.getMessage());
      return List.of();
    }
  }

  private Path clipsDir() throws IOException {
    if (dir != null) {
      if (!Files.isDirectory(dir)) {
        throw new NoSuchFileException(dir.toString(), null, "no such directory");
      }
      return dir;
    }
    return Anchors.locate(null, CLIPS_RELATIVE_TO_REPO).orElseThrow(() -> usage("no DIR given and no "
        + CLIPS_RELATIVE_TO_REPO + " beside the repository: name the folder of clips"));
  }

  private void checkOptions() {
    if (frames < 1) {
      throw usage("--frames must be at least 1");
    }
    if (maxHeight < 0 || maxHeight == 1) {
      throw usage("--max-height must be 0 (no limit) or at least 2");
    }
    if (gop < 1 || gop > VideoEncodeParams.MAX_GOP_LENGTH) {
      throw usage("--gop must be in 1.." + VideoEncodeParams.MAX_GOP_LENGTH);
    }
    if (threads < 0) {
      throw usage("--threads must be >= 0");
    }
    if (qualities != null && qualities.stream().anyMatch(q -> !(q >= 0 && q <= 100))) {
      throw usage("--quality must be in 0..100, got " + qualities);
    }
    if (qps != null && qps.stream().anyMatch(q -> !(q >= 0 && q <= 51 && q == Math.rint(q)))) {
      throw usage("--qp must be whole numbers in 0..51, got " + qps);
    }
    if (model != null && !Files.isDirectory(model)) {
      throw usage(model + ": no such model bundle folder");
    }
  }

  private List<String> codecIds() {
    Set<String> asked = new LinkedHashSet<>();
    for (String raw : codecs) {
      String c = raw.trim().toLowerCase(Locale.ROOT);
      if (c.isEmpty()) {
        continue;
      }
      if (!CODECS.contains(c)) {
        throw usage("unknown codec '" + raw + "' (" + String.join(", ", CODECS) + ")");
      }
      asked.add(c);
    }
    if (asked.isEmpty()) {
      throw usage("--codecs names no codec");
    }
    return CODECS.stream().filter(asked::contains).toList();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** The P-frame choices asked for (PFrameParams.DEFAULT without options). */
  private PFrameParams pFrameParams() {
    try {
      PFrameParams p = PFrameParams.DEFAULT.withBlockSize(pframeBlocks).withIntraChoice(!noIntraChoice);
      if (pframeHierarchy != null) {
        String[] parts = pframeHierarchy.split("/");
        if (parts.length != 2) {
          throw usage("--pframe-hierarchy " + pframeHierarchy + ": give DROP/PERIOD, e.g. 10/4");
        }
        p = p.withHierarchy(Double.parseDouble(parts[0]), Integer.parseInt(parts[1]));
      }
      return p;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }
}
