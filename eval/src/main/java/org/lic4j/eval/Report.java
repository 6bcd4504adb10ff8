package org.lic4j.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lic4j.codec.ImageModel;

/**
 * Writes a report folder: {@code results.json} (every point), {@code summary.md}, {@code
 * index.html}, {@code rd-psnr.png} and {@code rd-msssim.png} (all curves) and per-picture charts in
 * {@code images/}.
 */
final class Report {
  static final String RESULTS = "results.json";
  static final String SUMMARY = "summary.md";
  static final String INDEX = "index.html";
  static final String PSNR_CHART = "rd-psnr.png";
  static final String MSSSIM_CHART = "rd-msssim.png";
  static final String IMAGES = "images";
  /** Published curves drawn on the main charts (all of them are in the BD-rate table). */
  static final List<String> CHARTED = List.of("vtm", "bpg_444_x265_ycbcr", "compressai-bmshj2018-hyperprior_mse_cpu",
      "compressai-mbt2018_mse_cpu", "paper-elic2022_mse");

  /** BD-rates over a quality range narrower than this (dB) are flagged, not bold. */
  static final double NARROW_DB = 1.0;

  private final Evaluation e;
  private final List<Anchors.Published> published;
  private final List<BdTable.Row> lic4jRows;
  private final List<BdTable.Row> classicalRows;
  private final List<String> notes = new ArrayList<>();

  /** @param published the published curves to compare with; empty unless the pictures are Kodak */
  Report(Evaluation e, List<Anchors.Published> published, List<String> notes) {
    this.e = e;
    this.published = List.copyOf(published);
    this.lic4jRows = BdTable.lic4j(e, published);
    this.classicalRows = BdTable.classical(e, published);
    this.notes.addAll(notes);
  }

  List<BdTable.Row> lic4jRows() {
    return lic4jRows;
  }

  /** Writes everything; a chart that cannot be drawn is noted, not fatal. */
  Doc write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(IMAGES));
    Files.writeString(dir.resolve(RESULTS), ResultsJson.write(e, lic4jRows, classicalRows, notes),
        StandardCharsets.UTF_8);
    List<String> chartProblems = charts(dir);
    notes.addAll(chartProblems);
    Doc doc = document();
    Files.writeString(dir.resolve(SUMMARY), doc.toMarkdown(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(INDEX), doc.toHtml(title()), StandardCharsets.UTF_8);
    return doc;
  }

  private String title() {
    Path d = Path.of(e.meta.directory()).getFileName();
    return "lic4j eval: " + (d == null ? e.meta.directory() : d) + " (" + e.meta.images().size() + " pictures)";
  }

  // ---- charts

  private List<String> charts(Path dir) {
    List<String> problems = new ArrayList<>();
    try {
      List<Charts.Line> psnr = new ArrayList<>();
      List<Charts.Line> ms = new ArrayList<>();
      for (Evaluation.Codec c : e.measured()) {
        List<Evaluation.Average> a = e.averages(c.id());
        psnr.add(line(c, a, false));
        ms.add(line(c, a, true));
      }
      for (Anchors.Published p : published) {
        if (CHARTED.contains(p.id())) {
          psnr.add(new Charts.Line(p.id(), p.name(), p.psnr().bpp(), p.psnr().quality(), true));
          if (p.msSsimDb() != null) {
            ms.add(new Charts.Line(p.id(), p.name(), p.msSsimDb().bpp(), p.msSsimDb().quality(), true));
          }
        }
      }
      String set = title().replaceFirst("^lic4j eval: ", "");
      Charts.write(dir.resolve(PSNR_CHART), "RGB-PSNR, " + set, "RGB-PSNR (dB)", psnr, Charts.WIDTH, Charts.HEIGHT);
      Charts.write(dir.resolve(MSSSIM_CHART), "MS-SSIM, " + set, "MS-SSIM (dB)", ms, Charts.WIDTH, Charts.HEIGHT);
      for (String image : e.meta.images()) {
        List<Charts.Line> ip = new ArrayList<>();
        List<Charts.Line> im = new ArrayList<>();
        for (Evaluation.Codec c : e.measured()) {
          List<Evaluation.Average> a = e.pointsOf(c.id(), image);
          ip.add(line(c, a, false));
          im.add(line(c, a, true));
        }
        String stem = stem(image);
        Charts.write(dir.resolve(IMAGES).resolve(stem + "-psnr.png"), image + ": RGB-PSNR", "RGB-PSNR (dB)", ip,
            Charts.SMALL_WIDTH, Charts.SMALL_HEIGHT);
        Charts.write(dir.resolve(IMAGES).resolve(stem + "-msssim.png"), image + ": MS-SSIM", "MS-SSIM (dB)", im,
            Charts.SMALL_WIDTH, Charts.SMALL_HEIGHT);
      }
    } catch (IOException | RuntimeException | Error e) {
      // Charts need AWT and fonts; the numbers are worth having without them.
      if (e instanceof VirtualMachineError v) {
        throw v;
      }
      problems.add("plots could not be drawn: " + e);
    }
    return problems;
  }

  private static Charts.Line line(Evaluation.Codec c, List<Evaluation.Average> a, boolean msSsim) {
    return new Charts.Line(c.id(), c.label(), a.stream().mapToDouble(Evaluation.Average::bpp).toArray(),
        a.stream().mapToDouble(msSsim ? Evaluation.Average::msSsimDb : Evaluation.Average::psnr).toArray(), false);
  }

  static String stem(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  // ---- summary

  Doc document() {
    Evaluation.Meta m = e.meta;
    Doc d = header(title(), m.command(), m.created(), m.machine(), m.lic4jVersion(), m.model());
    d.text("Pictures: " + m.images().size() + " from `" + m.directory() + "`"
        + (m.kodak() ? " (Kodak" + (m.images().size() < 24 ? ", a subset: published curves average all 24" : "") + ")" : "")
        + (m.quick() ? "; quick sweep (`--quick`)" : "") + ".");

    d.heading(2, "BD-rate of lic4j");
    if (e.codec("lic4j").filter(c -> c.skipped() == null).isEmpty()) {
      d.text("lic4j was not run.");
    } else if (lic4jRows.isEmpty()) {
      d.text("No other curve to compare with.");
    } else {
      d.text("Bjontegaard delta rate of lic4j against each curve: the average change in bits for the same "
          + "quality (negative: lic4j needs fewer bits). Cubic fit of log-rate over quality, integrated over "
          + "the quality range both curves cover (shown; under " + num(NARROW_DB, 1) + " dB it is flagged "
          + "as narrow: such a figure says little). MS-SSIM figures are over MS-SSIM in dB. Curves are means "
          + "over the pictures per setting.");
      if (lic4jRows.stream().noneMatch(r -> r.psnr().ok())) {
        Curve ours = e.psnrCurve("lic4j");
        d.text(String.format(Locale.ROOT, "**No PSNR BD-rate for lic4j yet**: its curve (%.1f-%.1f dB) does not "
            + "reach the PSNR range of any other curve.", ours.minQuality(), ours.maxQuality()));
      }
      d.table(List.of("against", "source", "BD-rate (PSNR)", "PSNR range compared", "BD-rate (MS-SSIM)"),
          bdRows(lic4jRows, false));
      if (!m.kodak()) {
        d.text("The pictures are not Kodak (kodim01..kodim24, or `--kodak`): no published curves compared.");
      }
    }
    if (!classicalRows.isEmpty()) {
      d.heading(2, "Classical codecs as measured here");
      d.text("A check of this run's classical curves: BD-rate of each against the measured JPEG 4:2:0 and, on "
          + "Kodak, the published VTM. For comparison, PLATFORM.md (Kodak, RGB-PSNR, vs libjpeg-turbo 4:2:0): "
          + "x265 4:4:4 intra -55%, AVIF 4:4:4 -52%, WebP -35%; the anchors README (vs VTM): BPG 4:4:4 +22.1%, "
          + "WebP +78.1%, JPEG +210%.");
      d.table(List.of("codec", "against", "BD-rate (PSNR)", "PSNR range compared", "BD-rate (MS-SSIM)"),
          bdRows(classicalRows, true));
    }

    d.heading(2, "Rate-distortion");
    d.image(PSNR_CHART, "RGB-PSNR over bits per pixel", true);
    d.image(MSSSIM_CHART, "MS-SSIM (dB) over bits per pixel", false);
    if (!published.isEmpty()) {
      d.text("Dashed: published curves (" + String.join(", ", publishedNames()) + "), from CompressAI's Kodak "
          + "results; every published curve is in the BD-rate table.");
    }

    d.heading(2, "Codecs");
    List<List<String>> codecRows = new ArrayList<>();
    for (Evaluation.Codec c : e.codecs) {
      codecRows.add(List.of(c.label(), c.skipped() == null ? c.settingName() + " " + settings(c.settings()) : "-",
          c.skipped() == null ? c.tool() : "**skipped**: " + c.skipped()));
    }
    d.table(List.of("curve", "sweep", "tool and version"), codecRows);
    List<Evaluation.Failure> failures = e.failures();
    if (!failures.isEmpty()) {
      d.text("**" + failures.size() + " trials failed** and are left out (a setting missing on any picture "
          + "leaves the curves): ");
      List<List<String>> rows = new ArrayList<>();
      for (Evaluation.Failure f : failures.subList(0, Math.min(20, failures.size()))) {
        rows.add(List.of(f.codec(), f.image(), num(f.setting(), 2), f.message()));
      }
      d.table(List.of("codec", "picture", "setting", "error"), rows);
    }
    for (String n : notes) {
      d.text(n);
    }

    d.heading(2, "Means per setting");
    d.text("Means over the pictures. Times are wall-clock milliseconds per picture on this machine, which "
        + "is shared with a training job: noisy, for orientation only. lic4j runs in process (analysis, "
        + "entropy coding and synthesis on all its threads); the classical codecs run as separate processes "
        + "(process start-up included; x265's encode includes ffmpeg's RGB to Y'CbCr conversion, its "
        + "decode ffmpeg's HEVC decoder and conversion back).");
    for (Evaluation.Codec c : e.measured()) {
      d.heading(3, c.label());
      List<List<String>> rows = new ArrayList<>();
      for (Evaluation.Average a : e.averages(c.id())) {
        rows.add(List.of(num(a.setting(), 2), num(a.bpp(), 4), num(a.psnr(), 2), num(a.msSsim(), 4),
            num(a.msSsimDb(), 2), num(a.encodeMs(), 0), num(a.decodeMs(), 0),
            a.images() + (a.images() < m.images().size() ? " (incomplete)" : "")));
      }
      d.table(List.of(c.settingName(), "bpp", "PSNR (dB)", "MS-SSIM", "MS-SSIM (dB)", "encode ms", "decode ms",
          "pictures"), rows);
      splitTable(d, e.averages(c.id()), c.settingName());
    }

    d.beginReportOnly();
    d.heading(2, "Per picture");
    List<String> captions = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String image : m.images()) {
      captions.add(stem(image) + " PSNR");
      paths.add(IMAGES + "/" + stem(image) + "-psnr.png");
      captions.add(stem(image) + " MS-SSIM");
      paths.add(IMAGES + "/" + stem(image) + "-msssim.png");
    }
    d.gallery(captions, paths);
    d.text("Every point (picture, codec, setting: bytes, bpp, PSNR, MS-SSIM, times) is in `" + RESULTS + "`.");
    d.endReportOnly();

    d.heading(2, "Definitions");
    d.text("bpp: bits of the whole coded file (container and headers included) over pixels. RGB-PSNR: "
        + "10 log10(255^2 / MSE), the MSE over all three 8-bit channels. MS-SSIM: on RGB in [0, 1], 5 scales, "
        + "11x11 Gaussian window (sigma 1.5), weights 0.0448 0.2856 0.3001 0.2363 0.1333, contrast-structure "
        + "(SSIM at the coarsest scale) averaged over the three channels at each scale, as training/metrics.py; "
        + "MS-SSIM (dB) is -10 log10(1 - MS-SSIM). Published curves were measured by their authors with their "
        + "own settings and metrics code.");
    return d;
  }

  /** A report's title, the command that made it, and when, where and with which model it ran. */
  static Doc header(String title, String command, String created, String machine, String version, ImageModel model) {
    Doc d = new Doc().heading(1, title);
    d.text("Command: `" + command + "`");
    StringBuilder run = new StringBuilder("Run " + created + " on " + machine + "; lic4j " + version + ".");
    if (model != null) {
      run.append(" Model: `").append(model.name()).append("` from ").append(model.source());
      if (model.trainingSteps() > 0) {
        run.append(String.format(Locale.ROOT, ", %d training steps (%.2f h)", model.trainingSteps(), model.trainingHours()));
      }
      run.append('.');
    }
    return d.text(run.toString());
  }

  private List<String> publishedNames() {
    List<String> names = new ArrayList<>();
    for (Anchors.Published p : published) {
      if (CHARTED.contains(p.id())) {
        names.add(p.name());
      }
    }
    return names;
  }

  private static List<List<String>> bdRows(List<BdTable.Row> rows, boolean withTest) {
    List<List<String>> out = new ArrayList<>();
    for (BdTable.Row r : rows) {
      List<String> row = new ArrayList<>();
      if (withTest) {
        row.add(r.test());
      }
      row.add(r.against());
      if (!withTest) {
        row.add(r.source());
      }
      row.add(r.psnr().ok() && !narrow(r.psnr()) ? bold(r.psnr().format()) : cell(r.psnr()));
      row.add(r.psnr().ok() ? range(r.psnr()) : "");
      row.add(r.msSsim() == null ? "(no MS-SSIM)" : r.msSsim().ok() ? cell(r.msSsim()) + " over " + range(r.msSsim())
          : r.msSsim().format());
      out.add(row);
    }
    return out;
  }

  /** Whether two curves share so little quality range that their BD-rate says little. */
  static boolean narrow(BdRate.Result r) {
    return r.ok() && r.high() - r.low() < NARROW_DB;
  }

  private static String cell(BdRate.Result r) {
    return r.format() + (narrow(r) ? " (narrow overlap)" : "");
  }

  private static String range(BdRate.Result r) {
    return String.format(Locale.ROOT, "%.1f-%.1f dB", r.low(), r.high());
  }

  private static String bold(String s) {
    return "**" + s + "**";
  }

  /**
   * Where a learned codec's bits go per setting: side information z, latent y, and the rest
   * (headers, framing, checksums); nothing for a codec without the split.
   */
  private static void splitTable(Doc d, List<Evaluation.Average> averages, String settingName) {
    List<List<String>> rows = new ArrayList<>();
    for (Evaluation.Average a : averages) {
      if (a.hasSplit()) {
        double other = a.bpp() - a.bppZ() - a.bppY();
        rows.add(List.of(num(a.setting(), 2), num(a.bpp(), 4), num(a.bppZ(), 4), num(a.bppY(), 4), num(other, 4),
            num(100 * a.bppZ() / a.bpp(), 1) + "%"));
      }
    }
    if (!rows.isEmpty()) {
      d.text("Bits split: z (side information), y (latent), other (header, chunk framing, checksums), in bpp.");
      d.table(List.of(settingName, "bpp", "z bpp", "y bpp", "other bpp", "z share"), rows);
    }
  }

  /** A sweep, for a table: {@code 22, 27, 32}. */
  static String settings(List<Double> s) {
    List<String> out = new ArrayList<>();
    for (double v : s) {
      out.add(num(v, 2));
    }
    return String.join(", ", out);
  }

  /** A number with up to {@code decimals} places, trailing zeros dropped for settings. */
  static String num(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "n/a" : (v > 0 ? "inf" : "-inf");
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (decimals == 2 && v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return s;
  }
}
