package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Lossy WebP (always 4:2:0) through libwebp's {@code cwebp -m 6} and {@code dwebp}. */
final class WebpCodec extends CliCodec {
  static final String PACKAGE = "webp";
  private static final List<Double> SWEEP = List.of(5.0, 15.0, 30.0, 45.0, 60.0, 75.0, 85.0, 95.0);
  private static final List<Double> QUICK = List.of(10.0, 40.0, 70.0, 90.0);

  private final Path cwebp;
  private final Path dwebp;

  private WebpCodec(Path cwebp, Path dwebp, String tool) {
    super("webp", "WebP", "quality", SWEEP, QUICK, tool);
    this.cwebp = cwebp;
    this.dwebp = dwebp;
  }

  static Probe probe(Path work) {
    Tool.Found f = Tool.findAll("cwebp", "dwebp");
    if (f.missing() != null) {
      return Probe.missing("webp", f.missing(), PACKAGE);
    }
    String version = Tool.versionLine(work, ".", f.get(0).toString(), "-version");
    String tool = "cwebp/dwebp: libwebp " + (version.isEmpty() ? "(version unknown)" : version)
        + debianPackage(work, PACKAGE)
        + "; cwebp -m 6 -metadata none, dwebp defaults";
    return Probe.ok(new WebpCodec(f.get(0), f.get(1), tool));
  }

  @Override
  public Trial run(Subject subject, double setting, Path work) throws IOException {
    Path coded = work.resolve("coded.webp");
    Path decoded = work.resolve("decoded.ppm");
    return encodeDecode(work, List.of(cwebp.toString(), "-quiet", "-q", Integer.toString((int) setting), "-m", "6",
        "-metadata", "none", subject.ppm().toString(), "-o", coded.toString()), coded,
        List.of(dwebp.toString(), "-quiet", coded.toString(), "-ppm", "-o", decoded.toString()), decoded, 0);
  }
}
