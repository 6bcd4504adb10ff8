package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;

/** The video value types refuse what the format cannot carry; their codes are the spec's. */
final class VideoValueTypesTest {

  @Test
  void codesAreThoseOfTheSpec() {
    assertEquals(List.of(0, 1, 2, 5, 6, 9),
        java.util.Arrays.stream(ColourMatrix.values()).map(ColourMatrix::code).toList());
    assertEquals(List.of(0, 1),
        java.util.Arrays.stream(ColourRange.values()).map(ColourRange::code).toList());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6),
        java.util.Arrays.stream(ChromaSiting.values()).map(ChromaSiting::code).toList());
    assertEquals(List.of(0, 1, 2, 3, 4),
        java.util.Arrays.stream(ChromaFormat.values()).map(ChromaFormat::code).toList());
    for (int code = 0; code < 256; code++) {
      ColourMatrix m = ColourMatrix.fromCode(code);
      assertTrue(m == null || m.code() == code);
      ChromaSiting s = ChromaSiting.fromCode(code);
      assertTrue(s == null || s.code() == code);
    }
    assertNull(ColourRange.fromCode(2));
    assertNull(ChromaFormat.fromCode(5));
    assertSame(ChromaSiting.LEFT, ChromaSiting.fromCode(1));
  }

  @Test
  void videoChunkTypesStayOutOfTheImageRegistry() {
    for (ChunkType type : List.of(VideoFormat.SEQUENCE, VideoFormat.FRAME, VideoFormat.INDEX)) {
      assertFalse(type.isRegistered(), type + " must look unknown to an image reader");
      assertFalse(ChunkType.registered().containsKey(type.name()));
    }
    assertTrue(VideoFormat.SEQUENCE.isMandatory());
    assertTrue(VideoFormat.FRAME.isMandatory());
    assertFalse(VideoFormat.INDEX.isMandatory());
  }

  @Test
  void frameRate() {
    assertEquals(29.97, new FrameRate(30_000, 1001).perSecond(), 0.001);
    assertEquals("30000/1001", new FrameRate(30_000, 1001).toString());
    assertThrows(IllegalArgumentException.class, () -> new FrameRate(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new FrameRate(25, 0));
    assertThrows(IllegalArgumentException.class, () -> new FrameRate(1L << 31, 1));
  }

  @Test
  void frameHeaderReferences() {
    assertTrue(FrameHeader.intra(0, 100).isIntra());
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.INTRA, 100, 1, List.of(0L)));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.PREDICTED, 100, 1, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.PREDICTED, 100, 1, List.of(2L)));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.BIPREDICTED, 100, 1, List.of(0L, 0L)));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.BIPREDICTED, 100, 1, List.of(1L)));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.INTRA, 10_001, 1, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.INTRA, 100, 1L << 32, List.of()));
    List<Long> many = new ArrayList<>();
    for (long r = 0; r <= VideoRules.MAX_REFERENCES; r++) {
      many.add(r);
    }
    assertThrows(IllegalArgumentException.class,
        () -> new FrameHeader(FrameType.PREDICTED, 100, 100, many));
    FrameHeader b = new FrameHeader(FrameType.BIPREDICTED, 100, 1, List.of(2L, 0L));
    assertEquals(List.of(2L, 0L), b.references(), "references keep their order");
  }

  @Test
  void sequenceHeader() {
    SequenceHeader sequence = VideoSamples.sequence(100, 50, 8, 0);
    assertFalse(sequence.hasFrameCount());
    assertEquals(2, sequence.tileCount());
    assertEquals(8, sequence.gopLength());
    assertEquals(SourceColour.rgb().chromaFormat(), ChromaFormat.RGB);
    // An image header, alpha, and a frame count beyond u32 are refused.
    assertThrows(IllegalArgumentException.class, () -> new SequenceHeader(Samples.header(),
        sequence.frameRate(), sequence.colour(), 0));
    assertThrows(IllegalArgumentException.class, () -> new SequenceHeader(
        sequence.stream().toBuilder().colourFormat(ColourFormat.RGBA).build(),
        sequence.frameRate(), sequence.colour(), 0));
    assertThrows(IllegalArgumentException.class, () -> new SequenceHeader(
        sequence.stream().toBuilder().mediaKind(MediaKind.VIDEO)
            .frame(FrameType.PREDICTED, 0, 8).build(),
        sequence.frameRate(), sequence.colour(), 0));
    assertThrows(IllegalArgumentException.class, () -> new SequenceHeader(sequence.stream(),
        sequence.frameRate(), sequence.colour(), 1L << 32));
  }

  @Test
  void limits() {
    assertThrows(IllegalArgumentException.class, () -> VideoLimits.DEFAULT.withMaxFrames(0));
    assertThrows(IllegalArgumentException.class, () -> VideoLimits.DEFAULT.withMaxFrameLength(11));
    assertThrows(IllegalArgumentException.class, () -> VideoLimits.DEFAULT.withMaxIndexEntries(0));
    assertEquals(1L << 24, VideoLimits.DEFAULT.maxFrames());
  }
}
