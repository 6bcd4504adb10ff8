package org.lic4j.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.lic4j.codec.ImageModel;

/** Everything one {@code lic4j eval-video} run measured, and the curves and BD-rates made from it. */
final class VideoEvaluation {
  /** The comparisons of the BD-rate tables: {test, reference}. */
  static final List<List<String>> PAIRS = List.of(List.of("lic4j", "x264"), List.of("lic4j", "x265"),
      List.of("x265", "x264"));
  /** The clip name of the rows that average the clips. */
  static final String MEAN = "mean";

  /**
   * The run itself.
   *
   * @param command the command line, to run it again
   * @param created when, ISO-8601
   * @param directory the clips' folder
   * @param model the lic4j model, or null when lic4j was not run
   */
  record Meta(String command, String created, String directory, int maxFrames, int maxHeight, int gop,
      ImageModel model, String lic4jVersion, String machine) {}

  /** A codec asked for; {@code tool} null and {@code skipped} set when it did not run. */
  record Codec(String id, String label, String settingName, List<Double> settings, String tool, String skipped) {}

  /** The three qualities of the BD-rate tables; each is a mean over frames of a per-frame figure. */
  enum Metric {
    YUV("YUV-PSNR 6:1:1", "yuv_psnr", FrameQuality::psnrYuv),
    RGB("RGB-PSNR", "rgb_psnr", FrameQuality::psnrRgb),
    MS_SSIM("MS-SSIM (dB)", "ms_ssim_db", q -> MsSsim.toDecibels(q.msSsim()));

    final String label;
    final String key;
    private final ToDoubleFunction<FrameQuality> value;

    Metric(String label, String key, ToDoubleFunction<FrameQuality> value) {
      this.label = label;
      this.key = key;
      this.value = value;
    }

    double of(FrameQuality q) {
      return value.applyAsDouble(q);
    }
  }

  /**
   * One clip coded at one setting.
   *
   * @param bytes the size the rate counts ({@link VideoCodec.Trial#bytes})
   * @param removedBytes the encoder's settings SEI, left out of {@code bytes}
   * @param kbps {@code bytes} at the clip's frame rate, in kilobits (1000 bits) per second
   * @param bpp bits per pixel: {@code bytes * 8} over frames times pixels
   * @param mean each quality averaged over the frames (MS-SSIM as the mean of per-frame MS-SSIM)
   */
  record Point(String clip, String codec, double setting, long bytes, long removedBytes, double kbps, double bpp,
      FrameQuality mean, double encodeMs, double decodeMs, long[] frameBytes, List<FrameQuality> frames) {}

  /** A trial that failed: the codec ran but gave an error. */
  record Failure(String clip, String codec, double setting, String message) {}

  /**
   * One BD-rate comparison on one clip, or the mean over clips.
   *
   * @param results per metric
   * @param clips for the mean: how many clips gave a figure, per metric
   */
  record BdRow(String clip, String test, String reference, Map<Metric, BdRate.Result> results,
      Map<Metric, Integer> clips) {}

  final Meta meta;
  final List<VideoClips.Clip> clips;
  final List<Codec> codecs;
  private final List<Point> points = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();

  VideoEvaluation(Meta meta, List<VideoClips.Clip> clips, List<Codec> codecs) {
    this.meta = meta;
    this.clips = List.copyOf(clips);
    this.codecs = List.copyOf(codecs);
  }

  /** Records a trial: rates from its sizes, qualities as means over its frames. */
  Point add(VideoClips.Clip clip, String codec, double setting, VideoCodec.Trial t, List<FrameQuality> frames) {
    double seconds = clip.frames() / clip.fps();
    Point p = new Point(clip.name(), codec, setting, t.bytes(), t.removedBytes(), t.bytes() * 8 / seconds / 1000,
        t.bytes() * 8.0 / (clip.pixels() * clip.frames()), mean(frames), t.encodeNanos() / 1e6, t.decodeNanos() / 1e6,
        t.frameBytes().clone(), List.copyOf(frames));
    points.add(p);
    return p;
  }

  void fail(Failure f) {
    failures.add(f);
  }

  List<Point> points() {
    return List.copyOf(points);
  }

  List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** Codecs that ran. */
  List<Codec> measured() {
    return codecs.stream().filter(c -> c.skipped() == null).toList();
  }

  Optional<Codec> codec(String id) {
    return measured().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** One clip's points of one codec, in sweep order. */
  List<Point> curve(String clip, String codec) {
    List<Double> sweep = codec(codec).map(Codec::settings).orElse(List.of());
    List<Point> out = new ArrayList<>();
    for (double s : sweep) {
      points.stream().filter(p -> p.clip().equals(clip) && p.codec().equals(codec) && p.setting() == s)
          .findFirst().ifPresent(out::add);
    }
    return out;
  }

  /** bpp over {@code metric} of one clip and codec. */
  Curve curve(String clip, String codec, Metric metric) {
    List<Point> c = curve(clip, codec);
    return new Curve(codec(codec).map(Codec::label).orElse(codec), c.stream().mapToDouble(Point::bpp).toArray(),
        c.stream().mapToDouble(p -> metric.of(p.mean())).toArray());
  }

  /**
   * Per clip, then the mean over the clips that gave a figure, for each pair of {@link #PAIRS}
   * whose two codecs ran. Rates are bpp; at one clip's fixed size and frame rate, kbps gives the same
   * figure.
   */
  List<BdRow> bdRates() {
    List<BdRow> rows = new ArrayList<>();
    for (List<String> pair : PAIRS) {
      if (codec(pair.get(0)).isEmpty() || codec(pair.get(1)).isEmpty()) {
        continue;
      }
      Map<Metric, double[]> sums = new EnumMap<>(Metric.class);
      for (VideoClips.Clip clip : clips) {
        Map<Metric, BdRate.Result> results = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
          BdRate.Result r = BdRate.of(curve(clip.name(), pair.get(1), m), curve(clip.name(), pair.get(0), m));
          results.put(m, r);
          double[] s = sums.computeIfAbsent(m, k -> new double[2]);
          if (r.ok()) {
            s[0] += r.percent();
            s[1]++;
          }
        }
        rows.add(new BdRow(clip.name(), pair.get(0), pair.get(1), results, Map.of()));
      }
      Map<Metric, BdRate.Result> means = new EnumMap<>(Metric.class);
      Map<Metric, Integer> counts = new EnumMap<>(Metric.class);
      for (Metric m : Metric.values()) {
        double[] s = sums.get(m);
        counts.put(m, (int) s[1]);
        means.put(m, s[1] > 0 ? new BdRate.Result(s[0] / s[1], Double.NaN, Double.NaN, null)
            : new BdRate.Result(Double.NaN, Double.NaN, Double.NaN, "no clip gave a figure"));
      }
      rows.add(new BdRow(MEAN, pair.get(0), pair.get(1), means, counts));
    }
    return rows;
  }

  /** Each quality averaged over the frames. */
  static FrameQuality mean(List<FrameQuality> frames) {
    double[] sum = new double[5];
    for (FrameQuality q : frames) {
      sum[0] += q.psnrY();
      sum[1] += q.psnrU();
      sum[2] += q.psnrV();
      sum[3] += q.psnrRgb();
      sum[4] += q.msSsim();
    }
    int n = Math.max(1, frames.size());
    return new FrameQuality(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, sum[4] / n);
  }
}
