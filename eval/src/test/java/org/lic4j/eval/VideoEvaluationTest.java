package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;

/** What the BD-rates are computed from: rates from sizes, curves in sweep order, per clip and mean. */
class VideoEvaluationTest {
  private static final List<Double> QPS = List.of(22.0, 27.0, 32.0, 37.0);

  private static VideoClips.Clip clip(String name, int w, int h, int frames, int fps) {
    return new VideoClips.Clip(name, w * 2, h * 2, w, h, frames, new FrameRate(fps, 1),
        ColourDescription.guessFor(w, h), Path.of(name + ".y4m"));
  }

  private static VideoEvaluation.Codec codec(String id) {
    return new VideoEvaluation.Codec(id, id, "qp", QPS, id + " tool", null);
  }

  /** {@code frames} equal frames of {@code bytes} in all, each at {@code psnr} in every plane. */
  private static void add(VideoEvaluation e, VideoClips.Clip clip, String codec, double qp, long bytes, double psnr) {
    long[] sizes = new long[clip.frames()];
    List<FrameQuality> frames = new ArrayList<>();
    for (int i = 0; i < clip.frames(); i++) {
      sizes[i] = bytes / clip.frames();
      frames.add(new FrameQuality(psnr, psnr + 1, psnr + 2, psnr - 1, 1 - Math.pow(10, -psnr / 20)));
    }
    e.add(clip, codec, qp, new VideoCodec.Trial(bytes, 0, sizes, Path.of("unused"), 1_000_000, 2_000_000), frames);
  }

  @Test
  void ratesCurvesAndBdRates() {
    VideoClips.Clip a = clip("a.y4m", 320, 240, 10, 25);
    VideoClips.Clip b = clip("b.y4m", 64, 48, 4, 50);
    VideoEvaluation e = new VideoEvaluation(new VideoEvaluation.Meta("cmd", "now", "dir", 10, 360, 32, null, "v", "m"),
        List.of(a, b), List.of(codec("lic4j"), codec("x264"), codec("x265"),
            new VideoEvaluation.Codec("x265-missing", "x", "", List.of(), null, "not here")));
    for (VideoClips.Clip c : List.of(a, b)) {
      // Added out of order: curves come back in sweep order. x265 needs half x264's bits, lic4j twice.
      for (int k = QPS.size() - 1; k >= 0; k--) {
        long bytes = 40_000L >> k;
        double psnr = 40 - 3 * k;
        add(e, c, "x264", QPS.get(k), bytes, psnr);
        add(e, c, "x265", QPS.get(k), bytes / 2, psnr);
        add(e, c, "lic4j", QPS.get(k), bytes * 2, psnr);
      }
    }
    VideoEvaluation.Point p = e.curve("a.y4m", "x264").get(0);
    assertEquals(22.0, p.setting());
    assertEquals(40_000 * 8.0 / (320 * 240 * 10), p.bpp(), 1e-12);
    assertEquals(40_000 * 8.0 / (10 / 25.0) / 1000, p.kbps(), 1e-9);
    assertEquals((6 * 40 + 41 + 42) / 8.0, p.mean().psnrYuv(), 1e-12);
    assertEquals(1.0, p.encodeMs());
    Curve yuv = e.curve("b.y4m", "x265", VideoEvaluation.Metric.YUV);
    assertArrayEquals(new double[] {40.375, 37.375, 34.375, 31.375}, yuv.quality(), 1e-12);
    assertEquals(20_000 * 8.0 / (64 * 48 * 4), yuv.bpp()[0], 1e-12);

    List<VideoEvaluation.BdRow> rows = e.bdRates();
    assertEquals(3 * 3, rows.size(), "three pairs, two clips and the mean each");
    for (VideoEvaluation.BdRow r : rows) {
      double expected = r.test().equals("x265") ? -50 : r.reference().equals("x264") ? 100 : 300;
      for (VideoEvaluation.Metric m : VideoEvaluation.Metric.values()) {
        assertEquals(expected, r.results().get(m).percent(), 1e-6, r + " " + m);
      }
      if (r.clip().equals(VideoEvaluation.MEAN)) {
        assertEquals(2, r.clips().get(VideoEvaluation.Metric.YUV));
      }
    }
  }

  @Test
  void aCodecMissingFromAPairGivesNoRow() {
    VideoClips.Clip a = clip("a.y4m", 320, 240, 10, 25);
    VideoEvaluation e = new VideoEvaluation(new VideoEvaluation.Meta("cmd", "now", "dir", 10, 360, 32, null, "v", "m"),
        List.of(a), List.of(codec("lic4j"), codec("x264")));
    for (int k = 0; k < 2; k++) {
      add(e, a, "lic4j", QPS.get(k), 1000L << k, 30 + k);
      add(e, a, "x264", QPS.get(k), 1000L << k, 30 + k);
    }
    List<VideoEvaluation.BdRow> rows = e.bdRates();
    assertEquals(2, rows.size(), "lic4j vs x264 only");
    assertFalse(rows.get(0).results().get(VideoEvaluation.Metric.YUV).ok(), "two points are too few for a cubic");
    assertFalse(rows.get(1).results().get(VideoEvaluation.Metric.YUV).ok());
  }
}
