package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * JPEG through libjpeg-turbo's {@code cjpeg} (from PPM: it reads no PNG; Huffman tables optimised)
 * and {@code djpeg} (its default islow IDCT and fancy upsampling), 4:2:0 or 4:4:4.
 */
final class JpegCodec extends CliCodec {
  static final String PACKAGE = "libjpeg-turbo-progs";
  private static final List<Double> SWEEP = List.of(5.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 95.0);
  private static final List<Double> QUICK = List.of(10.0, 30.0, 60.0, 90.0);

  private final boolean subsampled;
  private final Path cjpeg;
  private final Path djpeg;

  private JpegCodec(boolean subsampled, Path cjpeg, Path djpeg, String tool) {
    super(subsampled ? "jpeg-420" : "jpeg-444", subsampled ? "JPEG 4:2:0" : "JPEG 4:4:4", "quality", SWEEP, QUICK,
        tool);
    this.subsampled = subsampled;
    this.cjpeg = cjpeg;
    this.djpeg = djpeg;
  }

  /** @param subsampled 4:2:0 when true, else 4:4:4 */
  static Probe probe(boolean subsampled, Path work) {
    String id = subsampled ? "jpeg-420" : "jpeg-444";
    Tool.Found f = Tool.findAll("cjpeg", "djpeg");
    if (f.missing() != null) {
      return Probe.missing(id, f.missing(), PACKAGE);
    }
    String version = Tool.versionLine(work, "version", f.get(0).toString(), "-version");
    String tool = "cjpeg/djpeg: " + (version.isEmpty() ? "libjpeg (version unknown)" : version)
        + debianPackage(work, PACKAGE)
        + "; cjpeg -optimize -sample " + (subsampled ? "2x2" : "1x1") + ", djpeg defaults";
    return Probe.ok(new JpegCodec(subsampled, f.get(0), f.get(1), tool));
  }

  @Override
  public Trial run(Subject subject, double setting, Path work) throws IOException {
    Path coded = work.resolve("coded.jpg");
    Path decoded = work.resolve("decoded.ppm");
    return encodeDecode(work, List.of(cjpeg.toString(), "-quality", Integer.toString((int) setting), "-optimize",
        "-sample", subsampled ? "2x2" : "1x1", "-outfile", coded.toString(), subject.ppm().toString()), coded,
        List.of(djpeg.toString(), "-ppm", "-outfile", decoded.toString(), coded.toString()), decoded, 0);
  }
}
