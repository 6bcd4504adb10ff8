package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * AVIF 4:4:4 through libavif's {@code avifenc} with libaom at a fixed quantizer ({@code --min Q
 * --max Q}: avifenc 0.11 has no {@code -q}), full-range BT.601 Y'CbCr signalled explicitly, speed 6
 * (avifenc's default), one thread; decoded by {@code avifdec} to 8-bit PNG.
 */
final class AvifCodec extends CliCodec {
  static final String PACKAGE = "libavif-bin";
  static final int SPEED = 6;
  private static final List<Double> SWEEP = List.of(58.0, 52.0, 46.0, 40.0, 34.0, 28.0, 22.0, 16.0);
  private static final List<Double> QUICK = List.of(52.0, 40.0, 28.0, 16.0);
  /** CICP: BT.709 primaries, sRGB transfer, BT.601 matrix (with full range, JPEG's Y'CbCr). */
  private static final String CICP = "1/13/6";

  private final Path avifenc;
  private final Path avifdec;

  private AvifCodec(Path avifenc, Path avifdec, String tool) {
    super("avif", "AVIF 4:4:4 (aom)", "quantizer", SWEEP, QUICK, tool);
    this.avifenc = avifenc;
    this.avifdec = avifdec;
  }

  static Probe probe(Path work) {
    Tool.Found f = Tool.findAll("avifenc", "avifdec");
    if (f.missing() != null) {
      return Probe.missing("avif", f.missing(), PACKAGE);
    }
    String version = Tool.versionLine(work, "Version", f.get(0).toString(), "--version");
    if (!version.contains("aom")) {
      return new Probe("avif", null, "avifenc has no libaom encoder (" + version + ")");
    }
    String tool = "avifenc/avifdec: libavif " + version.replaceFirst("^Version: ", "")
        + debianPackage(work, PACKAGE)
        + "; avifenc -c aom -s " + SPEED + " -j 1 -y 444 -r full --cicp " + CICP + " --min Q --max Q";
    return Probe.ok(new AvifCodec(f.get(0), f.get(1), tool));
  }

  @Override
  public Trial run(Subject subject, double setting, Path work) throws IOException {
    Path coded = work.resolve("coded.avif");
    Path decoded = work.resolve("decoded.png");
    String q = Integer.toString((int) setting);
    Path png = subject.png();
    return encodeDecode(work, List.of(avifenc.toString(), "-c", "aom", "-s", Integer.toString(SPEED), "-j", "1",
        "-d", "8", "-y", "444", "-r", "full", "--cicp", CICP, "--min", q, "--max", q,
        png.toString(), coded.toString()), coded,
        List.of(avifdec.toString(), "-d", "8", coded.toString(), decoded.toString()), decoded, 0);
  }
}
