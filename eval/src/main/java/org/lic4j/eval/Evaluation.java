package org.lic4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lic4j.codec.ImageModel;

/** Everything one run measured, and the curves made from it. */
final class Evaluation {
  /**
   * The run itself.
   *
   * @param command the command line, to run it again
   * @param created when, ISO-8601
   * @param directory the pictures' folder
   * @param images the pictures' file names, in order
   * @param kodak whether they are (a subset of) the 24 Kodak pictures
   * @param anchors the published curves' folder, or null
   * @param model the lic4j model, or null when lic4j was not run
   * @param machine processors, OS and Java
   */
  record Meta(String command, String created, String directory, List<String> images, boolean kodak,
      String anchors, ImageModel model, String lic4jVersion, String machine, boolean quick) {}

  /**
   * A codec asked for.
   *
   * @param tool the program and version that produced the curve, or null when skipped
   * @param skipped why it did not run, or null
   */
  record Codec(String id, String label, String settingName, List<Double> settings, String tool, String skipped) {}

  /**
   * One picture coded at one setting.
   *
   * @param bppZ bits per pixel of side information (lic4j's z), NaN where the codec has no such split
   * @param bppY bits per pixel of the latent proper (lic4j's y), NaN likewise
   */
  record Point(String image, String codec, double setting, long bytes, double bpp, double psnr, double msSsim,
      double encodeMs, double decodeMs, double bppZ, double bppY) {
    /** A point without a z / y split. */
    Point(String image, String codec, double setting, long bytes, double bpp, double psnr, double msSsim,
        double encodeMs, double decodeMs) {
      this(image, codec, setting, bytes, bpp, psnr, msSsim, encodeMs, decodeMs, Double.NaN, Double.NaN);
    }
  }

  /** A trial that failed: the codec ran but gave an error. */
  record Failure(String image, String codec, double setting, String message) {}

  /**
   * The mean over the pictures at one setting: bpp, PSNR and MS-SSIM are each averaged over the
   * pictures (as the published curves are).
   *
   * @param images how many pictures it covers; a curve uses only settings that cover them all
   */
  record Average(double setting, int images, double bpp, double psnr, double msSsim, double encodeMs,
      double decodeMs, double bppZ, double bppY) {
    Average(double setting, int images, double bpp, double psnr, double msSsim, double encodeMs, double decodeMs) {
      this(setting, images, bpp, psnr, msSsim, encodeMs, decodeMs, Double.NaN, Double.NaN);
    }

    /** Whether the codec reported its z / y split. */
    boolean hasSplit() {
      return !Double.isNaN(bppZ);
    }

    double msSsimDb() {
      return MsSsim.toDecibels(msSsim);
    }
  }

  final Meta meta;
  final List<Codec> codecs;
  private final List<Point> points = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();

  Evaluation(Meta meta, List<Codec> codecs) {
    this.meta = meta;
    this.codecs = List.copyOf(codecs);
  }

  synchronized void add(Point p) {
    points.add(p);
  }

  synchronized void fail(Failure f) {
    failures.add(f);
  }

  /** Every point, by codec (in the order asked), picture, then setting. */
  synchronized List<Point> points() {
    List<Point> out = new ArrayList<>(points);
    out.sort(Comparator.comparingInt((Point p) -> codecIndex(p.codec()))
        .thenComparingInt(p -> meta.images().indexOf(p.image()))
        .thenComparingInt(p -> settingIndex(p.codec(), p.setting())));
    return out;
  }

  synchronized List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** Codecs that ran. */
  List<Codec> measured() {
    return codecs.stream().filter(c -> c.skipped() == null).toList();
  }

  Optional<Codec> codec(String id) {
    return codecs.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Means per setting, in sweep order; settings no picture reached are left out. */
  List<Average> averages(String codec) {
    List<Point> all = points().stream().filter(p -> p.codec().equals(codec)).toList();
    List<Average> out = new ArrayList<>();
    for (double s : codec(codec).map(Codec::settings).orElse(List.of())) {
      List<Point> at = all.stream().filter(p -> p.setting() == s).toList();
      if (at.isEmpty()) {
        continue;
      }
      out.add(new Average(s, at.size(), mean(at, Point::bpp), mean(at, Point::psnr), mean(at, Point::msSsim),
          mean(at, Point::encodeMs), mean(at, Point::decodeMs), mean(at, Point::bppZ), mean(at, Point::bppY)));
    }
    return out;
  }

  /** One picture's points, in sweep order, each as the "mean" of that one picture. */
  List<Average> pointsOf(String codec, String image) {
    List<Average> out = new ArrayList<>();
    for (Point p : points()) {
      if (p.codec().equals(codec) && p.image().equals(image)) {
        out.add(new Average(p.setting(), 1, p.bpp(), p.psnr(), p.msSsim(), p.encodeMs(), p.decodeMs(), p.bppZ(),
            p.bppY()));
      }
    }
    return out;
  }

  /** bpp over RGB-PSNR, from the settings every picture reached. */
  Curve psnrCurve(String codec) {
    List<Average> a = complete(codec);
    return new Curve(label(codec), a.stream().mapToDouble(Average::bpp).toArray(),
        a.stream().mapToDouble(Average::psnr).toArray());
  }

  /** bpp over MS-SSIM in dB, from the settings every picture reached. */
  Curve msSsimCurve(String codec) {
    List<Average> a = complete(codec);
    return new Curve(label(codec), a.stream().mapToDouble(Average::bpp).toArray(),
        a.stream().mapToDouble(Average::msSsimDb).toArray());
  }

  private List<Average> complete(String codec) {
    int n = meta.images().size();
    return averages(codec).stream().filter(a -> a.images() == n).toList();
  }

  String label(String codec) {
    return codec(codec).map(Codec::label).orElse(codec);
  }

  private int codecIndex(String id) {
    for (int i = 0; i < codecs.size(); i++) {
      if (codecs.get(i).id().equals(id)) {
        return i;
      }
    }
    return codecs.size();
  }

  private int settingIndex(String codec, double setting) {
    return codec(codec).map(c -> c.settings().indexOf(setting)).orElse(0);
  }

  private interface Field {
    double of(Point p);
  }

  private static double mean(List<Point> ps, Field f) {
    double s = 0;
    for (Point p : ps) {
      s += f.of(p);
    }
    return s / ps.size();
  }
}
