package org.lic4j.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Writes an {@code eval-video} report folder: {@code results.json} (every point, with its
 * per-frame figures), {@code summary.md}, {@code index.html}, rate-distortion plots per clip in
 * {@code clips/}, the per-frame plots of one clip, and the published UVG curves for context.
 */
final class VideoReport {
  static final String CLIPS = "clips";
  static final String CONTEXT_CHART = "uvg-context-rgb-psnr.png";
  static final String FRAME_BITS_CHART = "frames-bits.png";
  static final String FRAME_PSNR_CHART = "frames-yuv-psnr.png";

  private final VideoEvaluation e;
  private final List<UvgCurves.Published> uvg;
  private final List<VideoEvaluation.BdRow> bd;
  private final List<String> notes = new ArrayList<>();
  /** The clip whose frames are plotted, or null when no codec coded it. */
  private final VideoClips.Clip frameClip;

  VideoReport(VideoEvaluation e, List<UvgCurves.Published> uvg, List<String> notes, String frameClip) {
    this.e = e;
    this.uvg = List.copyOf(uvg);
    this.bd = e.bdRates();
    this.notes.addAll(notes);
    this.frameClip = e.clips.stream().filter(c -> c.name().equals(frameClip)).findFirst().orElse(null);
  }

  List<VideoEvaluation.BdRow> bdRates() {
    return bd;
  }

  /** The clip plotted frame by frame when none is asked for: the longest, the first by name among equals. */
  static String longest(List<VideoClips.Clip> clips) {
    VideoClips.Clip best = clips.get(0);
    for (VideoClips.Clip c : clips) {
      if (c.frames() > best.frames()) {
        best = c;
      }
    }
    return best.name();
  }

  /** Writes everything into {@code dir}; a chart that cannot be drawn is noted, not fatal. */
  void write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(CLIPS));
    notes.addAll(charts(dir));
    Files.writeString(dir.resolve(Report.RESULTS), json(), StandardCharsets.UTF_8);
    Doc doc = document();
    Files.writeString(dir.resolve(Report.SUMMARY), doc.toMarkdown(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(Report.INDEX), doc.toHtml(title()), StandardCharsets.UTF_8);
  }

  private String title() {
    Path d = Path.of(e.meta.directory()).getFileName();
    return "lic4j eval-video: " + (d == null ? e.meta.directory() : d) + " (" + e.clips.size() + " clips)";
  }

  // ---- charts

  private List<String> charts(Path dir) {
    try {
      for (VideoClips.Clip clip : e.clips) {
        String stem = Report.stem(clip.name());
        for (VideoEvaluation.Metric m : List.of(VideoEvaluation.Metric.YUV, VideoEvaluation.Metric.RGB)) {
          List<Charts.Line> lines = new ArrayList<>();
          for (VideoEvaluation.Codec c : e.measured()) {
            Curve curve = e.curve(clip.name(), c.id(), m);
            lines.add(new Charts.Line(c.id(), c.label(), curve.bpp(), curve.quality(), false));
          }
          Charts.write(dir.resolve(CLIPS).resolve(stem + "-" + m.key + ".png"), clip.name() + ": " + m.label,
              m.label + " (dB)", lines, Charts.SMALL_WIDTH, Charts.SMALL_HEIGHT);
        }
      }
      contextChart(dir.resolve(CONTEXT_CHART));
      if (frameClip != null) {
        frameCharts(dir);
      }
      return List.of();
    } catch (IOException | RuntimeException | Error ex) {
      // Charts need AWT and fonts; the numbers are worth having without them.
      if (ex instanceof VirtualMachineError v) {
        throw v;
      }
      return List.of("plots could not be drawn: " + ex);
    }
  }

  /** This run's curves averaged over the clips, beside the published UVG curves (other clips, other GOP). */
  private void contextChart(Path png) throws IOException {
    List<Charts.Line> lines = new ArrayList<>();
    for (VideoEvaluation.Codec c : e.measured()) {
      List<double[]> mean = meanCurve(c);
      lines.add(new Charts.Line(c.id(), c.label() + ", these clips", mean.get(0), mean.get(1), false));
    }
    for (UvgCurves.Published p : uvg) {
      lines.add(new Charts.Line(p.id(), p.name() + " on UVG", p.psnrRgb().bpp(), p.psnrRgb().quality(), true));
    }
    Charts.write(png, "RGB-PSNR: this run (mean over clips) and published UVG curves (context only)",
        "RGB-PSNR (dB)", lines, Charts.WIDTH, Charts.HEIGHT);
  }

  /** {bpp, RGB-PSNR} per setting, averaged over the clips; settings some clip lacks are left out. */
  private List<double[]> meanCurve(VideoEvaluation.Codec c) {
    List<Double> bpp = new ArrayList<>();
    List<Double> psnr = new ArrayList<>();
    for (int k = 0; k < c.settings().size(); k++) {
      double b = 0;
      double q = 0;
      int n = 0;
      for (VideoClips.Clip clip : e.clips) {
        int index = k;
        Optional<VideoEvaluation.Point> p = e.curve(clip.name(), c.id()).stream()
            .filter(x -> x.setting() == c.settings().get(index)).findFirst();
        if (p.isPresent()) {
          b += p.get().bpp();
          q += p.get().mean().psnrRgb();
          n++;
        }
      }
      if (n == e.clips.size() && n > 0) {
        bpp.add(b / n);
        psnr.add(q / n);
      }
    }
    return List.of(bpp.stream().mapToDouble(Double::doubleValue).toArray(),
        psnr.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Each codec's point in the middle of its sweep on {@link #frameClip}, or none. */
  private List<VideoEvaluation.Point> middlePoints() {
    List<VideoEvaluation.Point> out = new ArrayList<>();
    for (VideoEvaluation.Codec c : e.measured()) {
      double middle = c.settings().get(c.settings().size() / 2);
      e.curve(frameClip.name(), c.id()).stream().filter(p -> p.setting() == middle).findFirst().ifPresent(out::add);
    }
    return out;
  }

  private void frameCharts(Path dir) throws IOException {
    List<Charts.Line> bits = new ArrayList<>();
    List<Charts.Line> psnr = new ArrayList<>();
    for (VideoEvaluation.Point p : middlePoints()) {
      int n = p.frames().size();
      double[] index = new double[n];
      double[] kbits = new double[n];
      double[] q = new double[n];
      for (int i = 0; i < n; i++) {
        index[i] = i;
        kbits[i] = p.frameBytes()[i] * 8 / 1000.0;
        q[i] = p.frames().get(i).psnrYuv();
      }
      String name = e.codec(p.codec()).map(VideoEvaluation.Codec::label).orElse(p.codec()) + " at "
          + e.codec(p.codec()).map(VideoEvaluation.Codec::settingName).orElse("") + " " + Report.num(p.setting(), 2);
      bits.add(new Charts.Line(p.codec(), name, index, kbits, false));
      psnr.add(new Charts.Line(p.codec(), name, index, q, false));
    }
    Charts.write(dir.resolve(FRAME_BITS_CHART), frameClip.name() + ": kbit per frame", "frame", "kbit", bits,
        Charts.WIDTH, Charts.HEIGHT, false);
    Charts.write(dir.resolve(FRAME_PSNR_CHART), frameClip.name() + ": YUV-PSNR 6:1:1 per frame", "frame",
        "YUV-PSNR 6:1:1 (dB)", psnr, Charts.WIDTH, Charts.HEIGHT, false);
  }

  // ---- results.json

  String json() {
    VideoEvaluation.Meta m = e.meta;
    JsonObject root = new JsonObject();
    JsonObject meta = new JsonObject();
    meta.addProperty("command", m.command());
    meta.addProperty("created", m.created());
    meta.addProperty("directory", m.directory());
    meta.addProperty("max_frames", m.maxFrames());
    meta.addProperty("max_height", m.maxHeight());
    meta.addProperty("gop", m.gop());
    meta.addProperty("lic4j_version", m.lic4jVersion());
    meta.addProperty("machine", m.machine());
    if (m.model() != null) {
      meta.addProperty("model", m.model().name());
      meta.addProperty("model_source", m.model().source());
      meta.addProperty("model_training_steps", m.model().trainingSteps());
    }
    root.add("meta", meta);
    JsonArray clips = new JsonArray();
    for (VideoClips.Clip c : e.clips) {
      JsonObject o = new JsonObject();
      o.addProperty("name", c.name());
      o.addProperty("original_width", c.originalWidth());
      o.addProperty("original_height", c.originalHeight());
      o.addProperty("width", c.width());
      o.addProperty("height", c.height());
      o.addProperty("frames", c.frames());
      o.addProperty("frame_rate", c.rate().numerator() + "/" + c.rate().denominator());
      o.addProperty("colour", c.colour().toString());
      clips.add(o);
    }
    root.add("clips", clips);
    JsonArray codecs = new JsonArray();
    for (VideoEvaluation.Codec c : e.codecs) {
      codecs.add(ResultsJson.codec(c.id(), c.label(), c.settingName(), c.settings(), c.tool(), c.skipped()));
    }
    root.add("codecs", codecs);
    JsonArray rates = new JsonArray();
    for (VideoEvaluation.BdRow r : bd) {
      JsonObject o = new JsonObject();
      o.addProperty("clip", r.clip());
      o.addProperty("test", r.test());
      o.addProperty("reference", r.reference());
      for (VideoEvaluation.Metric metric : VideoEvaluation.Metric.values()) {
        JsonObject b = ResultsJson.bdJson(r.results().get(metric));
        if (r.clips().containsKey(metric)) {
          b.addProperty("clips", r.clips().get(metric));
        }
        o.add(metric.key, b);
      }
      rates.add(o);
    }
    root.add("bd_rate", rates);
    JsonArray points = new JsonArray();
    for (VideoEvaluation.Point p : e.points()) {
      JsonObject o = new JsonObject();
      o.addProperty("clip", p.clip());
      o.addProperty("codec", p.codec());
      o.addProperty("setting", p.setting());
      o.addProperty("bytes", p.bytes());
      o.addProperty("settings_sei_bytes", p.removedBytes());
      o.add("kbps", ResultsJson.number(p.kbps()));
      o.add("bpp", ResultsJson.number(p.bpp()));
      quality(o, p.mean());
      o.add("encode_ms", ResultsJson.number(p.encodeMs()));
      o.add("decode_ms", ResultsJson.number(p.decodeMs()));
      JsonObject frames = new JsonObject();
      JsonArray bytes = new JsonArray();
      for (long b : p.frameBytes()) {
        bytes.add(b);
      }
      frames.add("bytes", bytes);
      frames.add("psnr_y", series(p.frames(), FrameQuality::psnrY));
      frames.add("psnr_u", series(p.frames(), FrameQuality::psnrU));
      frames.add("psnr_v", series(p.frames(), FrameQuality::psnrV));
      frames.add("rgb_psnr", series(p.frames(), FrameQuality::psnrRgb));
      frames.add("ms_ssim", series(p.frames(), FrameQuality::msSsim));
      o.add("frames", frames);
      points.add(o);
    }
    root.add("points", points);
    JsonArray failures = new JsonArray();
    for (VideoEvaluation.Failure f : e.failures()) {
      failures.add(ResultsJson.failure("clip", f.clip(), f.codec(), f.setting(), f.message()));
    }
    return ResultsJson.finish(root, failures, notes);
  }

  private static void quality(JsonObject o, FrameQuality q) {
    o.add("psnr_y", ResultsJson.number(q.psnrY()));
    o.add("psnr_u", ResultsJson.number(q.psnrU()));
    o.add("psnr_v", ResultsJson.number(q.psnrV()));
    o.add("yuv_psnr", ResultsJson.number(q.psnrYuv()));
    o.add("rgb_psnr", ResultsJson.number(q.psnrRgb()));
    o.add("ms_ssim", ResultsJson.number(q.msSsim()));
  }

  private static JsonArray series(List<FrameQuality> frames, ToDoubleFunction<FrameQuality> f) {
    JsonArray a = new JsonArray();
    for (FrameQuality q : frames) {
      a.add(ResultsJson.number(f.applyAsDouble(q)));
    }
    return a;
  }

  // ---- summary

  Doc document() {
    VideoEvaluation.Meta m = e.meta;
    Doc d = Report.header(title(), m.command(), m.created(), m.machine(), m.lic4jVersion(), m.model());
    d.text("Every codec codes the same frames: each clip decoded once by ffmpeg to 8-bit 4:2:0 y4m, at most "
        + m.maxFrames() + " frames, " + (m.maxHeight() > 0 ? "scaled down (lanczos) to " + m.maxHeight()
        + " lines when taller, " : "") + "cropped to even sizes. GOP " + m.gop() + ": lic4j codes low-delay P with a P-frame "
        + "model (an intra frame every " + m.gop() + " frames, P frames from the frame before; its tool line says which "
        + "model), every frame intra without one; x264 and x265 code low-delay P (an I-frame every " + m.gop() + " frames, no "
        + "B-frames, no scene cuts).");
    clipsTable(d);

    d.heading(2, "BD-rate");
    d.text("Bjontegaard delta rate of the first codec against the second, per clip and their mean (the mean of "
        + "the per-clip figures, as video test conditions average them): the average change in bits for the same "
        + "quality, negative when the first needs fewer. Cubic fit of log-rate over quality, over the range both "
        + "curves cover (shown for YUV-PSNR; under " + Report.num(Report.NARROW_DB, 1) + " dB it is flagged). "
        + "Quality is each frame's figure averaged over the frames.");
    for (List<String> pair : VideoEvaluation.PAIRS) {
      List<List<String>> rows = new ArrayList<>();
      for (VideoEvaluation.BdRow r : bd) {
        if (r.test().equals(pair.get(0)) && r.reference().equals(pair.get(1))) {
          rows.add(bdRow(r));
        }
      }
      if (!rows.isEmpty()) {
        d.heading(3, label(pair.get(0)) + " against " + label(pair.get(1)));
        d.table(List.of("clip", "YUV-PSNR 6:1:1", "YUV range compared", "RGB-PSNR", "MS-SSIM (dB)"), rows);
      }
    }
    if (bd.isEmpty()) {
      d.text("No two of lic4j, x264 and x265 ran: no BD-rate.");
    }

    d.heading(2, "Rate-distortion per clip");
    List<String> captions = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (VideoClips.Clip clip : e.clips) {
      for (VideoEvaluation.Metric metric : List.of(VideoEvaluation.Metric.YUV, VideoEvaluation.Metric.RGB)) {
        captions.add(Report.stem(clip.name()) + " " + metric.label);
        paths.add(CLIPS + "/" + Report.stem(clip.name()) + "-" + metric.key + ".png");
      }
    }
    d.gallery(captions, paths);
    if (frameClip != null) {
      d.heading(2, "Frame by frame: " + frameClip.name());
      d.text("Each codec at the middle of its sweep. lic4j's first frame carries the stream and sequence headers, "
          + "its last the seek index and footer; x264's and x265's I-frames carry the parameter sets.");
      d.image(FRAME_BITS_CHART, "kbit per frame", false);
      d.image(FRAME_PSNR_CHART, "YUV-PSNR 6:1:1 per frame", false);
    }
    d.heading(2, "Published UVG curves, for context only");
    if (uvg.isEmpty()) {
      d.text("No published UVG curves were found (`--anchors DIR`, default `" + UvgCurves.RELATIVE_TO_REPO + "`).");
    } else {
      d.text("The curves CompressAI publishes for the UVG sequences (1920x1080, 120 frames/s; their kbit/s turned into "
          + "bpp at that size and rate) beside this run's curves averaged over its clips. Other clips, other "
          + "settings (x264 and x265 with `-tune zerolatency`, VTM low-delay, a learned codec) and a different GOP: "
          + "no BD-rate is taken against them.");
      d.image(CONTEXT_CHART, "RGB-PSNR over bits per pixel, with published UVG curves", true);
    }

    d.heading(2, "Codecs");
    List<List<String>> codecRows = new ArrayList<>();
    for (VideoEvaluation.Codec c : e.codecs) {
      codecRows.add(List.of(c.label(), c.skipped() == null ? c.settingName() + " " + Report.settings(c.settings()) : "-",
          c.skipped() == null ? c.tool() : "**skipped**: " + c.skipped()));
    }
    d.table(List.of("codec", "sweep", "tool and how it ran"), codecRows);
    List<VideoEvaluation.Failure> failures = e.failures();
    if (!failures.isEmpty()) {
      d.text("**" + failures.size() + " trials failed** and are left out:");
      List<List<String>> rows = new ArrayList<>();
      for (VideoEvaluation.Failure f : failures.subList(0, Math.min(20, failures.size()))) {
        rows.add(List.of(f.codec(), f.clip(), Report.num(f.setting(), 2), f.message()));
      }
      d.table(List.of("codec", "clip", "setting", "error"), rows);
    }
    for (String n : notes) {
      d.text(n);
    }

    d.heading(2, "Points");
    d.text("Times are wall-clock milliseconds for the whole clip on this machine (shared: for orientation "
        + "only). lic4j runs in process, from y4m to its stream and back to y4m; x264 and x265 are ffmpeg "
        + "processes (reading and writing y4m included).");
    for (VideoClips.Clip clip : e.clips) {
      List<List<String>> rows = new ArrayList<>();
      for (VideoEvaluation.Codec c : e.measured()) {
        for (VideoEvaluation.Point p : e.curve(clip.name(), c.id())) {
          FrameQuality q = p.mean();
          rows.add(List.of(c.id() + " " + Report.num(p.setting(), 2), Report.num(p.kbps(), 1), Report.num(p.bpp(), 4),
              Report.num(q.psnrY(), 2), Report.num(q.psnrU(), 2), Report.num(q.psnrV(), 2), Report.num(q.psnrYuv(), 2),
              Report.num(q.psnrRgb(), 2), Report.num(q.msSsim(), 4), Report.num(p.encodeMs(), 0),
              Report.num(p.decodeMs(), 0)));
        }
      }
      d.heading(3, clip.name());
      d.table(List.of("codec setting", "kbps", "bpp", "Y", "U", "V", "YUV 6:1:1", "RGB", "MS-SSIM", "encode ms",
          "decode ms"), rows);
    }

    d.heading(2, "Definitions");
    d.text("Rate: the coded stream's bytes over the clip, in kbit/s (1000 bits) at the clip's frame rate, and in "
        + "bits per pixel (bits over frames times pixels). lic4j: the whole `.licv` stream (headers, seek index and "
        + "footer included). x264 and x265: the raw Annex B stream, every byte but the encoder's settings SEI "
        + "(user data unregistered, `x264 - core ...`; x265 is told `info=0`), found by parsing the NAL units. "
        + "Quality, per frame then averaged over the frames, each decoded frame against its source frame: PSNR of "
        + "each 8-bit plane of 4:2:0 Y'CbCr, YUV-PSNR 6:1:1 = (6 Y + U + V) / 8 of those PSNRs, RGB-PSNR after "
        + "converting both frames to 8-bit RGB with the clip's colour description (lic4j's ColourConversion), "
        + "MS-SSIM on that RGB as the image eval computes it (MS-SSIM (dB) = -10 log10(1 - MS-SSIM); n/a for "
        + "frames under 176 pixels on a side). A plane decoded without loss counts as "
        + Report.num(FrameQuality.CAP_DB, 0) + " dB.");
    return d;
  }

  private void clipsTable(Doc d) {
    List<List<String>> rows = new ArrayList<>();
    for (VideoClips.Clip c : e.clips) {
      rows.add(List.of(c.name(), c.originalWidth() + "x" + c.originalHeight(), c.width() + "x" + c.height(),
          Integer.toString(c.frames()), Report.num(c.fps(), 3), c.colour().toString()));
    }
    d.table(List.of("clip", "original size", "coded size", "frames", "frames/s", "colour"), rows);
  }

  private List<String> bdRow(VideoEvaluation.BdRow r) {
    List<String> row = new ArrayList<>();
    boolean mean = r.clip().equals(VideoEvaluation.MEAN);
    row.add(mean ? "**mean**" : r.clip());
    for (VideoEvaluation.Metric metric : VideoEvaluation.Metric.values()) {
      BdRate.Result res = r.results().get(metric);
      String cell = res.ok() && Report.narrow(res) ? res.format() + " (narrow overlap)" : res.format();
      if (mean && res.ok()) {
        cell = "**" + cell + "** (" + r.clips().get(metric) + " of " + e.clips.size() + " clips)";
      }
      row.add(cell);
      if (metric == VideoEvaluation.Metric.YUV) {
        row.add(res.ok() && !mean ? String.format(Locale.ROOT, "%.1f-%.1f dB", res.low(), res.high()) : "");
      }
    }
    return row;
  }

  private String label(String id) {
    return e.codec(id).map(VideoEvaluation.Codec::label).orElse(id);
  }
}
