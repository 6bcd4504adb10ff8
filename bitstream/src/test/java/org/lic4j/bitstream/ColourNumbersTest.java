package org.lic4j.bitstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The numbers the colour enums carry for the {@code video} module's conversion are the standards'
 * (ITU-T H.273, ITU-R BT.601, BT.709, BT.2020), and values that name none refuse to give any.
 */
final class ColourNumbersTest {

  @Test
  void matricesCarryTheirLumaWeights() {
    assertEquals(0.299, ColourMatrix.BT470BG.kr());
    assertEquals(0.114, ColourMatrix.SMPTE170M.kb());
    assertEquals(0.2126, ColourMatrix.BT709.kr());
    assertEquals(0.0722, ColourMatrix.BT709.kb());
    assertEquals(0.2627, ColourMatrix.BT2020_NCL.kr());
    assertEquals(0.0593, ColourMatrix.BT2020_NCL.kb());
    assertEquals(1 - 0.299 - 0.114, ColourMatrix.BT470BG.kg());
    assertTrue(ColourMatrix.BT470BG.sameWeightsAs(ColourMatrix.SMPTE170M), "both are BT.601");
    assertFalse(ColourMatrix.BT470BG.sameWeightsAs(ColourMatrix.BT709));
    for (ColourMatrix none : new ColourMatrix[] {ColourMatrix.IDENTITY, ColourMatrix.UNSPECIFIED}) {
      assertFalse(none.hasLumaWeights());
      assertFalse(none.sameWeightsAs(none));
      assertThrows(IllegalStateException.class, none::kr);
      assertThrows(IllegalStateException.class, none::kg);
    }
  }

  @Test
  void rangesCarryTheir8BitQuantisation() {
    assertEquals(16, ColourRange.LIMITED.lumaOffset());
    assertEquals(219, ColourRange.LIMITED.lumaScale());
    assertEquals(224, ColourRange.LIMITED.chromaScale());
    assertEquals(0, ColourRange.FULL.lumaOffset());
    assertEquals(255, ColourRange.FULL.lumaScale());
    assertEquals(255, ColourRange.FULL.chromaScale());
  }

  @Test
  void sitingsCarryTheirPositionsInHalfLumaSamples() {
    int[][] expected = {{0, 1}, {1, 1}, {0, 0}, {1, 0}, {0, 2}, {1, 2}};
    ChromaSiting[] sitings = {ChromaSiting.LEFT, ChromaSiting.CENTER, ChromaSiting.TOP_LEFT, ChromaSiting.TOP,
        ChromaSiting.BOTTOM_LEFT, ChromaSiting.BOTTOM};
    for (int i = 0; i < sitings.length; i++) {
      assertEquals(expected[i][0], sitings[i].halfSamplesRight(), sitings[i].toString());
      assertEquals(expected[i][1], sitings[i].halfSamplesDown(), sitings[i].toString());
    }
    assertFalse(ChromaSiting.UNSPECIFIED.hasPosition());
    assertThrows(IllegalStateException.class, ChromaSiting.UNSPECIFIED::halfSamplesRight);
  }

  @Test
  void sitingsHaveFfmpegNames() {
    assertEquals("topleft", ChromaSiting.TOP_LEFT.ffmpegName());
    assertEquals("unspecified", ChromaSiting.UNSPECIFIED.ffmpegName());
    assertEquals(ChromaSiting.BOTTOM_LEFT, ChromaSiting.ofFfmpegName("bottomleft"));
    assertEquals(ChromaSiting.CENTER, ChromaSiting.ofFfmpegName("Center"));
    assertThrows(IllegalArgumentException.class, () -> ChromaSiting.ofFfmpegName("unspecified"));
    assertThrows(IllegalArgumentException.class, () -> ChromaSiting.ofFfmpegName("middle"));
  }

  @Test
  void chromaPlanesOfOddSizesRoundUp() {
    assertEquals(3, ChromaFormat.YUV420.chromaWidth(5));
    assertEquals(2, ChromaFormat.YUV420.chromaHeight(3));
    assertEquals(3, ChromaFormat.YUV422.chromaWidth(5));
    assertEquals(3, ChromaFormat.YUV422.chromaHeight(3));
    assertEquals(5, ChromaFormat.YUV444.chromaWidth(5));
    assertEquals(5 * 3 + 2 * 3 * 2, ChromaFormat.YUV420.samplesPerFrame(5, 3));
    assertEquals(5 * 3 + 2 * 3 * 3, ChromaFormat.YUV422.samplesPerFrame(5, 3));
    assertEquals(3 * 5 * 3, ChromaFormat.YUV444.samplesPerFrame(5, 3));
    assertEquals(3 * 5 * 3, ChromaFormat.RGB.samplesPerFrame(5, 3));
    assertEquals(5 * 3, ChromaFormat.YUV400.samplesPerFrame(5, 3));
    assertTrue(ChromaFormat.YUV422.isSubsampled());
    assertFalse(ChromaFormat.YUV444.isSubsampled());
    assertFalse(ChromaFormat.RGB.hasChroma());
    assertThrows(IllegalStateException.class, () -> ChromaFormat.YUV400.chromaWidth(5));
    assertThrows(IllegalStateException.class, () -> ChromaFormat.RGB.chromaHeight(5));
  }
}
