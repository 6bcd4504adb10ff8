package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.codec.RgbImage;

/**
 * The conversion against the standards: known colours map to the codes ITU-R BT.601 and BT.709
 * give them, round trips stay within one code, and 4:2:0 chroma is interpolated at its siting.
 */
class ColourConversionTest {
  private static final ColourDescription BT601_LIMITED =
      new ColourDescription(ColourMatrix.BT470BG, ColourRange.LIMITED, ChromaSiting.CENTER);
  private static final ColourDescription BT709_LIMITED =
      new ColourDescription(ColourMatrix.BT709, ColourRange.LIMITED, ChromaSiting.CENTER);

  /** The matrices a frame can carry: BT.601 (both codes), BT.709, BT.2020 non-constant luminance. */
  static List<ColourMatrix> yuvMatrices() {
    return Arrays.stream(ColourMatrix.values()).filter(ColourMatrix::hasLumaWeights).toList();
  }

  /** The sitings a frame can carry: all but UNSPECIFIED. */
  static List<ChromaSiting> positions() {
    return Arrays.stream(ChromaSiting.values()).filter(ChromaSiting::hasPosition).toList();
  }

  static List<ColourDescription> allDescriptions() {
    List<ColourDescription> out = new ArrayList<>();
    for (ColourMatrix m : yuvMatrices()) {
      for (ColourRange r : ColourRange.values()) {
        out.add(new ColourDescription(m, r, ChromaSiting.CENTER));
      }
    }
    return out;
  }

  private static RgbImage pixel(int r, int g, int b) {
    return RgbImage.ofRgb(1, 1, new byte[] {(byte) r, (byte) g, (byte) b});
  }

  private static int[] yuvOf(int r, int g, int b, ColourDescription colour) {
    YuvFrame f = ColourConversion.toYuv(pixel(r, g, b), ChromaFormat.YUV444, colour);
    return new int[] {f.y()[0] & 0xff, f.cb()[0] & 0xff, f.cr()[0] & 0xff};
  }

  private static int[] rgbOf(int y, int cb, int cr, ColourDescription colour) {
    YuvFrame f = YuvFrame.of(1, 1, ChromaFormat.YUV444, colour,
        new byte[] {(byte) y}, new byte[] {(byte) cb}, new byte[] {(byte) cr});
    byte[] rgb = ColourConversion.toRgb(f).rgb();
    return new int[] {rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff};
  }

  @Test
  void blackAndWhiteAreTheRangesEnds() {
    for (ColourDescription d : allDescriptions()) {
      boolean limited = d.range() == ColourRange.LIMITED;
      assertArrayEquals(new int[] {limited ? 16 : 0, 128, 128}, yuvOf(0, 0, 0, d), d.toString());
      assertArrayEquals(new int[] {limited ? 235 : 255, 128, 128}, yuvOf(255, 255, 255, d), d.toString());
      assertArrayEquals(new int[] {0, 0, 0}, rgbOf(limited ? 16 : 0, 128, 128, d), d.toString());
      assertArrayEquals(new int[] {255, 255, 255}, rgbOf(limited ? 235 : 255, 128, 128, d), d.toString());
    }
  }

  @Test
  void greysAreGreyAndScaledByTheRange() {
    for (ColourDescription d : allDescriptions()) {
      boolean limited = d.range() == ColourRange.LIMITED;
      for (int v = 0; v < 256; v++) {
        int expectedY = limited ? (int) Math.floor(16 + 219 * v / 255.0 + 0.5) : v;
        assertArrayEquals(new int[] {expectedY, 128, 128}, yuvOf(v, v, v, d), d + " grey " + v);
        int back = limited ? Math.max(0, Math.min(255, (int) Math.floor((v - 16) * 255 / 219.0 + 0.5))) : v;
        assertArrayEquals(new int[] {back, back, back}, rgbOf(v, 128, 128, d), d + " Y " + v);
      }
    }
  }

  /** The 8-bit codes of the primaries and secondaries that the two recommendations tabulate. */
  @Test
  void primariesMapToTheStandardsCodes() {
    // BT.601 limited: red 81/90/240, green 145/54/34, blue 41/240/110 (and their complements).
    assertArrayEquals(new int[] {81, 90, 240}, yuvOf(255, 0, 0, BT601_LIMITED));
    assertArrayEquals(new int[] {145, 54, 34}, yuvOf(0, 255, 0, BT601_LIMITED));
    assertArrayEquals(new int[] {41, 240, 110}, yuvOf(0, 0, 255, BT601_LIMITED));
    assertArrayEquals(new int[] {210, 16, 146}, yuvOf(255, 255, 0, BT601_LIMITED));
    assertArrayEquals(new int[] {170, 166, 16}, yuvOf(0, 255, 255, BT601_LIMITED));
    assertArrayEquals(new int[] {106, 202, 222}, yuvOf(255, 0, 255, BT601_LIMITED));
    // BT.709 limited: red 63/102/240, green 173/42/26, blue 32/240/118.
    assertArrayEquals(new int[] {63, 102, 240}, yuvOf(255, 0, 0, BT709_LIMITED));
    assertArrayEquals(new int[] {173, 42, 26}, yuvOf(0, 255, 0, BT709_LIMITED));
    assertArrayEquals(new int[] {32, 240, 118}, yuvOf(0, 0, 255, BT709_LIMITED));
    // BT.2020 non-constant luminance, limited: red 74/97/240 (Y' = 16 + 219 * 0.2627).
    assertArrayEquals(new int[] {74, 97, 240}, yuvOf(255, 0, 0, BT709_LIMITED.withMatrix(ColourMatrix.BT2020_NCL)));
    // BT.601 full range (JFIF): red 76/85/255, where Cr = 255.5 clips to 255.
    ColourDescription jfif = ColourDescription.JPEG;
    assertArrayEquals(new int[] {76, 85, 255}, yuvOf(255, 0, 0, jfif));
    assertArrayEquals(new int[] {150, 44, 21}, yuvOf(0, 255, 0, jfif));
    assertArrayEquals(new int[] {29, 255, 107}, yuvOf(0, 0, 255, jfif));
  }

  @Test
  void primaryCodesMapBackToPrimaries() {
    // The tabulated codes are rounded: back in RGB they land within 2 of the primary.
    int[][] codes601 = {{81, 90, 240}, {145, 54, 34}, {41, 240, 110}};
    int[][] codes709 = {{63, 102, 240}, {173, 42, 26}, {32, 240, 118}};
    int[][] primaries = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
    for (int i = 0; i < 3; i++) {
      assertNear(primaries[i], rgbOf(codes601[i][0], codes601[i][1], codes601[i][2], BT601_LIMITED), 2);
      assertNear(primaries[i], rgbOf(codes709[i][0], codes709[i][1], codes709[i][2], BT709_LIMITED), 2);
    }
  }

  @Test
  void footroomAndHeadroomClipInRgb() {
    assertArrayEquals(new int[] {0, 0, 0}, rgbOf(1, 128, 128, BT601_LIMITED));
    assertArrayEquals(new int[] {255, 255, 255}, rgbOf(254, 128, 128, BT709_LIMITED));
    // Chroma beyond 16..240 saturates a channel rather than wrapping.
    assertEquals(255, rgbOf(235, 128, 255, BT601_LIMITED)[0]);
    assertEquals(0, rgbOf(16, 0, 128, BT601_LIMITED)[2]);
  }

  @Test
  void yuv444RoundTripsThroughRgbWithinOneCode() {
    SplittableRandom random = new SplittableRandom(19);
    int w = 67;
    int h = 41;
    byte[] rgb = new byte[w * h * 3];
    random.nextBytes(rgb);
    RgbImage picture = RgbImage.ofRgb(w, h, rgb);
    for (ColourDescription d : allDescriptions()) {
      // A frame of codes that come from RGB: inside the gamut, where a round trip can be exact.
      YuvFrame source = ColourConversion.toYuv(picture, ChromaFormat.YUV444, d);
      YuvFrame back = ColourConversion.toYuv(ColourConversion.toRgb(source), ChromaFormat.YUV444, d);
      assertTrue(maxDifference(source.y(), back.y()) <= 1, d + " Y");
      assertTrue(maxDifference(source.cb(), back.cb()) <= 1, d + " Cb");
      assertTrue(maxDifference(source.cr(), back.cr()) <= 1, d + " Cr");
    }
  }

  @Test
  void fullRangeRgbRoundTripsThroughFullRangeYuv444WithinOneCode() {
    SplittableRandom random = new SplittableRandom(7);
    byte[] rgb = new byte[30 * 30 * 3];
    random.nextBytes(rgb);
    RgbImage picture = RgbImage.ofRgb(30, 30, rgb);
    for (ColourMatrix m : yuvMatrices()) {
      ColourDescription d = new ColourDescription(m, ColourRange.FULL, ChromaSiting.CENTER);
      byte[] back = ColourConversion.toRgb(ColourConversion.toYuv(picture, ChromaFormat.YUV444, d)).rgb();
      assertTrue(maxDifference(rgb, back) <= 2, m + ": " + maxDifference(rgb, back));
    }
  }

  @Test
  void flatColoursSurvive420Exactly() {
    for (ColourDescription d : allDescriptions()) {
      for (ChromaSiting s : positions()) {
        ColourDescription ds = d.withSiting(s);
        int[] code = yuvOf(200, 60, 90, ds);
        YuvFrame flat = YuvFrame.filled(7, 5, ChromaFormat.YUV420, ds, code[0], code[1], code[2]);
        YuvFrame back = ColourConversion.toYuv(ColourConversion.toRgb(flat), ChromaFormat.YUV420, ds);
        assertEquals(0, maxDifference(flat.y(), back.y()), ds.toString());
        assertEquals(0, maxDifference(flat.cb(), back.cb()), ds.toString());
        assertEquals(0, maxDifference(flat.cr(), back.cr()), ds.toString());
      }
    }
  }

  /**
   * Two chroma columns a, b (4 luma columns): centred chroma interpolates a, 3/4 a + 1/4 b,
   * 1/4 a + 3/4 b, b; left-sited chroma gives a, (a + b) / 2, b, b.
   */
  @Test
  void upsamplingInterpolatesAtTheSiting() {
    ColourDescription jfif = ColourDescription.JPEG;
    int a = 64;
    int b = 192;
    double[] centred = {a, 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b, b};
    double[] left = {a, 0.5 * a + 0.5 * b, b, b};
    for (ChromaSiting s : new ChromaSiting[] {ChromaSiting.CENTER, ChromaSiting.LEFT, ChromaSiting.TOP_LEFT}) {
      YuvFrame f = YuvFrame.of(4, 2, ChromaFormat.YUV420, jfif.withSiting(s), filledBytes(8, 128),
          new byte[] {(byte) a, (byte) b}, new byte[] {(byte) 128, (byte) 128});
      byte[] rgb = ColourConversion.toRgb(f).rgb();
      double[] cb = s == ChromaSiting.CENTER ? centred : left;
      for (int row = 0; row < 2; row++) {
        for (int c = 0; c < 4; c++) {
          // Full-range BT.601: B = Y + 2 (1 - Kb) (Cb - 128).
          int expected = (int) Math.max(0, Math.min(255, Math.floor(128 + 1.772 * (cb[c] - 128) + 0.5)));
          assertEquals(expected, rgb[(row * 4 + c) * 3 + 2] & 0xff, s + " column " + c);
        }
      }
    }
  }

  @Test
  void verticalSitingMovesTheChromaRows() {
    ColourDescription jfif = ColourDescription.JPEG;
    // Two chroma rows 64 and 192, 4 luma rows: top-sited gives 64, 128, 192, 192 in Cb.
    YuvFrame top = YuvFrame.of(2, 4, ChromaFormat.YUV420, jfif.withSiting(ChromaSiting.TOP), filledBytes(8, 128),
        new byte[] {64, (byte) 192}, new byte[] {(byte) 128, (byte) 128});
    YuvFrame bottom = top.withColour(jfif.withSiting(ChromaSiting.BOTTOM));
    int[] topBlue = blueColumn(ColourConversion.toRgb(top), 2, 4);
    int[] bottomBlue = blueColumn(ColourConversion.toRgb(bottom), 2, 4);
    int lo = blue(64);
    int mid = blue(128);
    int hi = blue(192);
    assertArrayEquals(new int[] {lo, mid, hi, hi}, topBlue);
    // Bottom-sited: chroma rows sit on luma rows 1 and 3.
    assertArrayEquals(new int[] {lo, lo, mid, hi}, bottomBlue);
  }

  @Test
  void downsamplingFiltersAtTheSiting() {
    // One row of luma-resolution Cb 64, 64, 192, 192 from a blue ramp: centred chroma averages
    // pairs (64, 192); left-sited chroma takes [1 2 1]/4 around columns 0 and 2: 64 and 160.
    int[] cbCodes = {64, 64, 192, 192};
    byte[] rgb = new byte[4 * 3];
    for (int c = 0; c < 4; c++) {
      rgb[c * 3] = (byte) 128;
      rgb[c * 3 + 1] = (byte) 128;
      // Full-range BT.601 with R = G = 128: Cb = 128 + (B - Y) / 1.772, Y = 128 + 0.114 (B - 128).
      double blue = 128 + (cbCodes[c] - 128) * 1.772 / (1 - 0.114);
      rgb[c * 3 + 2] = (byte) (int) Math.round(blue);
    }
    RgbImage picture = RgbImage.ofRgb(4, 1, rgb);
    int[] full = new int[4];
    YuvFrame f444 = ColourConversion.toYuv(picture, ChromaFormat.YUV444, ColourDescription.JPEG);
    for (int c = 0; c < 4; c++) {
      full[c] = f444.cb()[c] & 0xff;
    }
    YuvFrame centred = ColourConversion.toYuv(picture, ChromaFormat.YUV420, ColourDescription.JPEG);
    YuvFrame left = ColourConversion.toYuv(picture, ChromaFormat.YUV420, ColourDescription.JPEG.withSiting(ChromaSiting.LEFT));
    assertNear(new int[] {full[0], full[3]}, new int[] {centred.cb()[0] & 0xff, centred.cb()[1] & 0xff}, 1);
    assertNear(new int[] {full[0], (full[1] + 2 * full[2] + full[3]) / 4},
        new int[] {left.cb()[0] & 0xff, left.cb()[1] & 0xff}, 1);
  }

  @Test
  void bt601FullRangeMatchesTheCodecsJfifConversion() {
    SplittableRandom random = new SplittableRandom(3);
    int w = 40;
    int h = 30;
    byte[] rgb = new byte[w * h * 3];
    random.nextBytes(rgb);
    YuvFrame f = ColourConversion.toYuv(RgbImage.ofRgb(w, h, rgb), ChromaFormat.YUV444, ColourDescription.JPEG);
    byte[][] codec = RgbImage.ofRgb(w, h, rgb).toYuv(false);
    assertTrue(maxDifference(codec[0], f.y()) <= 1);
    assertTrue(maxDifference(codec[1], f.cb()) <= 1);
    assertTrue(maxDifference(codec[2], f.cr()) <= 1);
    byte[] ours = ColourConversion.toRgb(f).rgb();
    byte[] theirs = RgbImage.ofYuv(w, h, f.y(), f.cb(), f.cr(), false).rgb();
    assertTrue(maxDifference(ours, theirs) <= 1);
  }

  @Test
  void oddSizesConvertBothWays() {
    SplittableRandom random = new SplittableRandom(5);
    for (int[] size : new int[][] {{1, 1}, {1, 7}, {7, 1}, {5, 3}, {33, 17}}) {
      byte[] rgb = new byte[size[0] * size[1] * 3];
      random.nextBytes(rgb);
      for (ChromaSiting s : positions()) {
        ColourDescription d = BT709_LIMITED.withSiting(s);
        YuvFrame f = ColourConversion.toYuv(RgbImage.ofRgb(size[0], size[1], rgb), ChromaFormat.YUV420, d);
        assertEquals((size[0] + 1) / 2 * ((size[1] + 1) / 2), f.cb().length);
        RgbImage back = ColourConversion.toRgb(f);
        assertEquals(size[0], back.width());
        assertEquals(size[1], back.height());
      }
    }
  }

  private static int blue(int cb) {
    return (int) Math.max(0, Math.min(255, Math.floor(128 + 1.772 * (cb - 128) + 0.5)));
  }

  private static int[] blueColumn(RgbImage image, int w, int h) {
    int[] out = new int[h];
    for (int r = 0; r < h; r++) {
      out[r] = image.rgb()[(r * w) * 3 + 2] & 0xff;
    }
    return out;
  }

  private static byte[] filledBytes(int n, int v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  static int maxDifference(byte[] a, byte[] b) {
    assertEquals(a.length, b.length);
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
    }
    return max;
  }

  private static void assertNear(int[] expected, int[] actual, int tolerance) {
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
          "component " + i + ": expected " + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
    }
  }
}
