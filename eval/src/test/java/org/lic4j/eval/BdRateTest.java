package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BdRateTest {
  // Published Kodak curves (CompressAI results/image/kodak, BSD 3-Clause Clear), copied so this
  // test needs no files: VTM intra, BPG 4:4:4 and the ELIC paper.
  private static final Curve VTM = new Curve("VTM",
      new double[] {0.04824490017361111, 0.11249542236328125, 0.24581654866536465, 0.4905454847547744,
          0.8748101128472224, 1.43084971110026, 2.3246070014105906, 3.6326090494791665},
      new double[] {26.14484539430146, 28.493021754424603, 31.199873720014093, 34.26153257289846,
          37.419793158067485, 40.42444421698711, 43.505766973634486, 46.59176008512777});
  private static final Curve BPG = new Curve("BPG 4:4:4",
      new double[] {0.06776767306857638, 0.1610234578450521, 0.35155402289496523, 0.6846966213650174,
          1.1996654934353295, 1.9297120836046002, 3.0578757392035594, 4.703142801920573},
      new double[] {26.19512806390954, 28.68154930675666, 31.5946565907943, 34.857473813062924,
          38.259886899666974, 41.47887283561703, 44.70311031066196, 47.63251604714922});
  private static final Curve ELIC = new Curve("ELIC",
      new double[] {0.1235, 0.1965, 0.3337, 0.4908, 0.7041, 0.8573},
      new double[] {29.113, 30.698, 32.784, 34.577, 36.488, 37.624});

  @Test
  void halvedRateIsMinusFiftyPercent() {
    Curve half = scaled(VTM, 0.5);
    assertEquals(-50.0, BdRate.of(VTM, half).percent(), 1e-9);
    assertEquals(100.0, BdRate.of(half, VTM).percent(), 1e-9);
    assertEquals(0.0, BdRate.of(VTM, VTM).percent(), 1e-9);
  }

  @Test
  void matchesPythonReferenceOnCopiedCurves() {
    // training/bdrate.py gives +22.051% (BPG) and -7.165% (ELIC) on these numbers.
    BdRate.Result bpg = BdRate.of(VTM, BPG);
    assertTrue(bpg.ok(), bpg.format());
    assertEquals(22.051, bpg.percent(), 0.001);
    assertEquals("+22.1%", bpg.format());
    assertEquals(-7.165, BdRate.of(VTM, ELIC).percent(), 0.001);
    assertEquals(29.113, BdRate.of(VTM, ELIC).low(), 1e-12);
    assertEquals(37.624, BdRate.of(VTM, ELIC).high(), 1e-12);
  }

  @Test
  void orderOfPointsDoesNotMatter() {
    Curve reversed = new Curve("ELIC reversed", new double[] {0.8573, 0.7041, 0.4908, 0.3337, 0.1965, 0.1235},
        new double[] {37.624, 36.488, 34.577, 32.784, 30.698, 29.113});
    assertEquals(BdRate.of(VTM, ELIC).percent(), BdRate.of(VTM, reversed).percent(), 1e-9);
  }

  @Test
  void aMissingFigureIsNamedNotPrintedAsNaN() {
    // MS-SSIM of frames too small for its scales is NaN: the table says so in words.
    Curve small = new Curve("x264", new double[] {0.1, 0.2, 0.3, 0.4},
        new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
    BdRate.Result r = BdRate.of(VTM, small);
    assertFalse(r.ok());
    assertEquals("n/a (x264 has no figure at 0.1000 bpp)", r.format());
  }

  @Test
  void disjointCurvesHaveNoFigure() {
    Curve low = new Curve("low", new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {18, 19, 19.5, 20});
    BdRate.Result r = BdRate.of(VTM, low);
    assertFalse(r.ok());
    assertTrue(Double.isNaN(r.percent()));
    assertTrue(r.format().startsWith("n/a (no overlap"), r.format());
  }

  @Test
  void tooFewPointsHaveNoFigure() {
    Curve three = new Curve("three", new double[] {0.1, 0.2, 0.4}, new double[] {28, 30, 33});
    BdRate.Result r = BdRate.of(VTM, three);
    assertFalse(r.ok());
    assertTrue(r.problem().contains("4"), r.problem());
  }

  @Test
  void repeatedQualitiesHaveNoFigure() {
    Curve flat = new Curve("flat", new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {30, 30, 30, 30});
    assertFalse(BdRate.of(flat, VTM).ok());
  }

  @Test
  void reproducesTheAnchorsReadme() throws IOException {
    Optional<Path> dir = Anchors.locate(null);
    assumeTrue(dir.isPresent(), "skipped: no published curves at " + Anchors.RELATIVE_TO_REPO
        + " beside the repository (the shared folder is not on this machine)");
    List<Anchors.Published> all = Anchors.load(dir.get());
    Curve vtm = find(all, "vtm");
    // ../shared/anchors/README.md: BD-rate vs VTM on Kodak.
    Map<String, Double> expected = Map.of(
        "compressai-bmshj2018-hyperprior_mse_cpu", 30.1,
        "compressai-mbt2018_mse_cpu", 10.6,
        "bpg_444_x265_ycbcr", 22.1,
        "webp", 78.1,
        "jpeg", 210.2,
        "paper-elic2022_mse", -7.2);
    expected.forEach((id, percent) ->
        assertEquals(percent, BdRate.of(vtm, find(all, id)).percent(), 0.1, id));
  }

  private static Curve find(List<Anchors.Published> all, String id) {
    return all.stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no published curve " + id)).psnr();
  }

  private static Curve scaled(Curve c, double factor) {
    double[] bpp = c.bpp().clone();
    for (int i = 0; i < bpp.length; i++) {
      bpp[i] *= factor;
    }
    return new Curve(c.name() + " x" + factor, bpp, c.quality());
  }
}
