package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * x264 (H.264) or x265 (HEVC) through the {@code ffmpeg} program's libx264 and libx265, as the
 * video literature runs them as anchors: low-delay P (no B-frames), {@code -preset medium -tune
 * psnr}, an intra frame every GOP frames exactly (keyint = min-keyint, no scene-cut detection), each
 * point at a constant QP (the encoders' I- and P-frame QP offsets apply), raw Annex B output. The
 * stream's size counts every byte but the encoder's settings SEI ({@link AnnexB}); ffmpeg decodes it
 * back to y4m.
 */
final class X26xVideoCodec implements VideoCodec {
  /** QPs of the default sweep: the common test conditions' four and two more towards both ends. */
  static final List<Double> DEFAULT_QPS = List.of(22.0, 27.0, 32.0, 37.0, 42.0);
  private static final String PRESET = "medium";
  private static final String TUNE = "psnr";

  private final String id;
  private final Path ffmpeg;
  private final List<Double> qps;
  private final int gop;
  private final String tool;

  private X26xVideoCodec(String id, Path ffmpeg, List<Double> qps, int gop, String tool) {
    this.id = id;
    this.ffmpeg = ffmpeg;
    this.qps = List.copyOf(qps);
    this.gop = gop;
    this.tool = tool;
  }

  /** {@code x264} or {@code x265} when this ffmpeg has its library, else why not. */
  static VideoCodec.Found probe(String id, Path ffmpeg, List<Double> qps, int gop, Path work) {
    String encoders;
    try {
      encoders = Tool.run(work, List.of(ffmpeg.toString(), "-hide_banner", "-encoders"));
    } catch (IOException e) {
      return VideoCodec.Found.skipped("ffmpeg -encoders failed: " + e.getMessage());
    }
    if (!encoders.contains(" lib" + id + " ")) {
      return VideoCodec.Found.skipped("this ffmpeg has no lib" + id + " encoder (Debian's ffmpeg has it: "
          + "eval/src/main/scripts/install-classical-codecs.sh)");
    }
    String version = Tool.versionLine(work, "ffmpeg version", ffmpeg.toString(), "-version")
        .replaceFirst(" Copyright.*", "");
    String lib = Tool.debianPackage(work, id.equals("x264") ? "libx264-164" : "libx265-199").orElse("lib" + id);
    String tool = String.format(Locale.ROOT, "%s, %s; ffmpeg -c:v lib%s -preset %s -tune %s, constant QP, "
        + "bframes=0, keyint=min-keyint=%d, scenecut=0%s; raw Annex B, its settings SEI left out of the size",
        version.isEmpty() ? "ffmpeg (version unknown)" : version, lib, id, PRESET, TUNE, gop,
        id.equals("x265") ? ", info=0" : "");
    return new VideoCodec.Found(new X26xVideoCodec(id, ffmpeg, qps, gop, tool), null);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String label() {
    return id.equals("x264") ? "x264 (H.264)" : "x265 (HEVC)";
  }

  @Override
  public String settingName() {
    return "qp";
  }

  @Override
  public List<Double> settings() {
    return qps;
  }

  @Override
  public String tool() {
    return tool;
  }

  private AnnexB.Syntax syntax() {
    return id.equals("x264") ? AnnexB.Syntax.H264 : AnnexB.Syntax.HEVC;
  }

  /** The encoder's part of the ffmpeg command line. */
  List<String> encoderArguments(int qp) {
    List<String> a = new ArrayList<>(List.of("-c:v", "lib" + id, "-preset", PRESET, "-tune", TUNE));
    if (id.equals("x264")) {
      // x264 clamps min-keyint to keyint/2+1; without scene cuts it never places an early I-frame anyway.
      a.addAll(List.of("-qp", Integer.toString(qp), "-x264-params",
          "bframes=0:keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:open-gop=0", "-f", "h264"));
    } else {
      a.addAll(List.of("-x265-params", "qp=" + qp + ":bframes=0:keyint=" + gop + ":min-keyint=" + gop
          + ":scenecut=0:open-gop=0:info=0:log-level=error", "-f", "hevc"));
    }
    return a;
  }

  @Override
  public Trial run(VideoClips.Clip clip, double setting, Path work) throws IOException {
    Path coded = work.resolve(id.equals("x264") ? "coded.264" : "coded.265");
    Path decoded = work.resolve("decoded.y4m");
    List<String> encode = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y",
        "-i", clip.y4m().toString()));
    encode.addAll(encoderArguments((int) Math.round(setting)));
    encode.add(coded.toString());
    long t0 = System.nanoTime();
    Tool.run(work, encode);
    long t1 = System.nanoTime();
    Tool.run(work, List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y", "-f", syntax() == AnnexB.Syntax.H264
        ? "h264" : "hevc", "-i", coded.toString(), "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", decoded.toString()));
    long t2 = System.nanoTime();
    AnnexB.Measure m = AnnexB.measure(Files.readAllBytes(coded), syntax());
    if (m.frames().length != clip.frames()) {
      throw new IOException(id + " stream holds " + m.frames().length + " frames, the clip " + clip.frames());
    }
    return new Trial(m.counted(), m.encoderInfo(), m.frames(), decoded, t1 - t0, t2 - t1);
  }
}
