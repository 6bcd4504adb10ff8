package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A frame's invariants: plane sizes for odd and even sizes, checked on construction. */
class YuvFrameTest {
  private static final ColourDescription SD = ColourDescription.guessFor(352, 288);

  @Test
  void chromaPlanesOfOddSizesRoundUp() {
    assertEquals(3, ChromaFormat.YUV420.chromaWidth(5));
    assertEquals(1, ChromaFormat.YUV420.chromaHeight(1));
    assertEquals(176, ChromaFormat.YUV420.chromaWidth(352));
    assertEquals(5, ChromaFormat.YUV444.chromaWidth(5));
    assertEquals(5 * 3 + 2 * 3 * 2, ChromaFormat.YUV420.samplesPerFrame(5, 3));
    YuvFrame f = YuvFrame.filled(5, 3, ChromaFormat.YUV420, SD, 16, 128, 128);
    assertEquals(3, f.chromaWidth());
    assertEquals(2, f.chromaHeight());
    assertEquals(6, f.cb().length);
  }

  @Test
  void wrongPlaneSizesAreRejectedWithTheSizesExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> YuvFrame.of(5, 3, ChromaFormat.YUV420, SD, new byte[15], new byte[4], new byte[6]));
    assertTrue(e.getMessage().contains("3x2 = 6"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> YuvFrame.of(5, 3, ChromaFormat.YUV420, SD, new byte[14], new byte[6], new byte[6]));
    assertThrows(IllegalArgumentException.class,
        () -> YuvFrame.of(0, 3, ChromaFormat.YUV420, SD, new byte[0], new byte[0], new byte[0]));
    assertThrows(NullPointerException.class,
        () -> YuvFrame.of(1, 1, ChromaFormat.YUV444, null, new byte[1], new byte[1], new byte[1]));
  }

  @Test
  void withColourSharesThePlanes() {
    YuvFrame f = YuvFrame.filled(4, 4, ChromaFormat.YUV444, SD, 16, 128, 128);
    YuvFrame g = f.withColour(ColourDescription.JPEG);
    assertSame(f.y(), g.y());
    assertEquals(ColourDescription.JPEG, g.colour());
  }

  @Test
  void hdSizesGuessBt709() {
    assertEquals(ColourMatrix.BT601, ColourDescription.guessFor(720, 576).matrix());
    assertEquals(ColourMatrix.BT601, ColourDescription.guessFor(1024, 576).matrix());
    assertEquals(ColourMatrix.BT709, ColourDescription.guessFor(1280, 720).matrix());
    assertEquals(ColourMatrix.BT709, ColourDescription.guessFor(720, 720).matrix());
    assertEquals(ColourRange.LIMITED, ColourDescription.guessFor(1280, 720).range());
  }

  @Test
  void sitingsHaveFfmpegNames() {
    assertEquals("topleft", ChromaSiting.TOP_LEFT.ffmpegName());
    assertEquals(ChromaSiting.BOTTOM_LEFT, ChromaSiting.ofFfmpegName("bottomleft"));
    assertEquals(ChromaSiting.CENTER, ChromaSiting.ofFfmpegName("Center"));
    assertThrows(IllegalArgumentException.class, () -> ChromaSiting.ofFfmpegName("unspecified"));
  }

  @Test
  void rationalsArePositive() {
    assertEquals("30000:1001", new Rational(30000, 1001).toString());
    assertThrows(IllegalArgumentException.class, () -> new Rational(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Rational(25, 0));
  }
}
