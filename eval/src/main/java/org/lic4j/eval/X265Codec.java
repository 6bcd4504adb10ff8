package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * HEVC intra 4:4:4 through the {@code x265} encoder, the BPG-like anchor: ffmpeg's swscale converts
 * RGB to full-range BT.601 Y'CbCr 4:4:4 (matrix and range given explicitly both ways, with {@code
 * accurate_rnd+full_chroma_int}: its defaults lose dB), x265 codes the one frame at a fixed QP
 * without its settings SEI ({@code --no-info}, 2.2 kB otherwise), and ffmpeg decodes the raw HEVC
 * stream back to RGB.
 */
final class X265Codec extends CliCodec {
  private static final String PACKAGES = "x265 ffmpeg";
  private static final String PRESET = "slow";
  private static final List<Double> SWEEP = List.of(46.0, 42.0, 38.0, 34.0, 30.0, 26.0, 22.0, 18.0);
  private static final List<Double> QUICK = List.of(42.0, 34.0, 26.0, 18.0);
  private static final String SWS_FLAGS = "accurate_rnd+full_chroma_int+bitexact";

  private final Path x265;
  private final Path ffmpeg;

  private X265Codec(Path x265, Path ffmpeg, String tool) {
    super("x265", "HEVC 4:4:4 (x265)", "qp", SWEEP, QUICK, tool);
    this.x265 = x265;
    this.ffmpeg = ffmpeg;
  }

  static Probe probe(Path work) {
    Tool.Found f = Tool.findAll("x265", "ffmpeg");
    if (f.missing() != null) {
      return Probe.missing("x265", f.missing(), PACKAGES);
    }
    String x = Tool.versionLine(work, "version", f.get(0).toString(), "--version")
        .replaceFirst("^x265 \\[info\\]: ", "");
    String ff = Tool.versionLine(work, "ffmpeg version", f.get(1).toString(), "-version")
        .replaceFirst(" Copyright.*", "");
    String tool = "x265: " + (x.isEmpty() ? "(version unknown)" : x) + " + " + ff
        + debianPackage(work, "x265")
        + Tool.debianPackage(work, "ffmpeg").map(p -> ", " + p).orElse("")
        + "; x265 --preset " + PRESET + " --tune psnr --qp Q --no-info, Y'CbCr 4:4:4 BT.601 full range";
    return Probe.ok(new X265Codec(f.get(0), f.get(1), tool));
  }

  /** The picture as planar Y'CbCr 4:4:4, made once per picture; with its conversion time. */
  private record Planar(Path file, long nanos) {}

  @Override
  public Trial run(Subject subject, double setting, Path work) throws IOException {
    Planar yuv = subject.derived("yuv444", () -> {
      Path file = subject.dir().resolve("source-444.yuv");
      Path ppm = subject.ppm();
      long t0 = System.nanoTime();
      Tool.run(subject.dir(), List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y", "-i", ppm.toString(),
          "-vf", "scale=out_color_matrix=bt601:out_range=pc:flags=" + SWS_FLAGS,
          "-pix_fmt", "yuv444p", "-f", "rawvideo", file.toString()));
      return new Planar(file, System.nanoTime() - t0);
    });
    Path coded = work.resolve("coded.hevc");
    Path decoded = work.resolve("decoded.ppm");
    int w = subject.image().width();
    int h = subject.image().height();
    // The RGB to Y'CbCr conversion is part of coding the picture: BPG does it inside its encoder.
    return encodeDecode(work, List.of(x265.toString(), "--log-level", "error", "--no-progress",
        "--input", yuv.file().toString(), "--input-res", w + "x" + h, "--input-csp", "i444",
        "--input-depth", "8", "--output-depth", "8", "--fps", "1", "--frames", "1",
        "--preset", PRESET, "--tune", "psnr", "--qp", Integer.toString((int) setting), "--no-info",
        "--range", "full", "--colormatrix", "bt470bg", "--output", coded.toString()), coded,
        List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y", "-f", "hevc", "-i", coded.toString(),
        "-vf", "scale=in_color_matrix=bt601:in_range=pc:flags=" + SWS_FLAGS,
        "-pix_fmt", "rgb24", "-frames:v", "1", "-update", "1", decoded.toString()), decoded, yuv.nanos());
  }
}
