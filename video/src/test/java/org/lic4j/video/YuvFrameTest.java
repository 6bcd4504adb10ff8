package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.codec.RgbImage;

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
    assertEquals(ColourMatrix.BT470BG, ColourDescription.guessFor(720, 576).matrix());
    assertEquals(ColourMatrix.BT470BG, ColourDescription.guessFor(1024, 576).matrix());
    assertEquals(ColourMatrix.BT709, ColourDescription.guessFor(1280, 720).matrix());
    assertEquals(ColourMatrix.BT709, ColourDescription.guessFor(720, 720).matrix());
    assertEquals(ColourRange.LIMITED, ColourDescription.guessFor(1280, 720).range());
  }

  @Test
  void framesHoldOnly420And444() {
    for (ChromaFormat format : new ChromaFormat[] {ChromaFormat.RGB, ChromaFormat.YUV400, ChromaFormat.YUV422}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> YuvFrame.filled(4, 4, format, SD, 16, 128, 128));
      assertTrue(e.getMessage().contains(format.toString()), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> ColourConversion.toYuv(RgbImage.ofRgb(1, 1, new byte[3]), format, SD));
    }
  }

  /** A frame's description is definite: a Y'CbCr matrix and a chroma position. */
  @Test
  void descriptionsRefuseWhatNamesNoMatrixOrPosition() {
    for (ColourMatrix m : new ColourMatrix[] {ColourMatrix.IDENTITY, ColourMatrix.UNSPECIFIED}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SD.withMatrix(m));
      assertTrue(e.getMessage().contains(m.toString()), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> SD.withSiting(ChromaSiting.UNSPECIFIED));
    assertThrows(NullPointerException.class, () -> new ColourDescription(null, ColourRange.FULL, ChromaSiting.LEFT));
  }

  @Test
  void bothBt601CodesMeanTheSame() {
    ColourDescription pal = ColourDescription.JPEG;
    ColourDescription ntsc = pal.withMatrix(ColourMatrix.SMPTE170M);
    assertEquals(ColourMatrix.SMPTE170M, ntsc.matrix(), "a description keeps the code it is given");
    assertTrue(pal.sameMeaningAs(ntsc, ChromaFormat.YUV420));
    assertFalse(pal.sameMeaningAs(pal.withMatrix(ColourMatrix.BT709), ChromaFormat.YUV444));
    assertFalse(pal.sameMeaningAs(pal.withSiting(ChromaSiting.LEFT), ChromaFormat.YUV420));
    assertTrue(pal.sameMeaningAs(pal.withSiting(ChromaSiting.LEFT), ChromaFormat.YUV444), "4:4:4 has no siting");
  }

  /** What a stream's sequence header records, and back. */
  @Test
  void descriptionsMapToAndFromTheStreamsSourceColour() {
    ColourDescription d = new ColourDescription(ColourMatrix.SMPTE170M, ColourRange.FULL, ChromaSiting.LEFT);
    SourceColour s420 = d.toSource(ChromaFormat.YUV420);
    assertEquals(new SourceColour(ColourMatrix.SMPTE170M, ColourRange.FULL, ChromaSiting.LEFT, ChromaFormat.YUV420), s420);
    assertEquals(d, ColourDescription.fromSource(s420, 720, 480));
    SourceColour s444 = d.toSource(ChromaFormat.YUV444);
    assertEquals(ChromaSiting.UNSPECIFIED, s444.siting(), "4:4:4 records no siting");
    assertEquals(d.withSiting(ChromaSiting.CENTER), ColourDescription.fromSource(s444, 720, 480));
    SourceColour silent = new SourceColour(ColourMatrix.UNSPECIFIED, ColourRange.LIMITED, ChromaSiting.UNSPECIFIED,
        ChromaFormat.YUV420);
    assertEquals(ColourDescription.guessFor(1920, 1080), ColourDescription.fromSource(silent, 1920, 1080));
    assertEquals(ColourDescription.guessFor(352, 288), ColourDescription.fromSource(silent, 352, 288));
    assertThrows(IllegalArgumentException.class, () -> ColourDescription.fromSource(SourceColour.rgb(), 8, 8));
    assertThrows(IllegalArgumentException.class, () -> ColourDescription.fromSource(
        new SourceColour(ColourMatrix.BT709, ColourRange.FULL, ChromaSiting.UNSPECIFIED, ChromaFormat.YUV400), 8, 8));
  }
}
