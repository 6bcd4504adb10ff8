package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.RESOURCE;
import static org.lic4j.video.VideoSamples.frame;
import static org.lic4j.video.VideoSamples.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.frame.FrameCoder;

/** Damage is reported with the frame it is in; a stream of another model is refused at open. */
class VideoDamageTest {
  private static final EncodeParams PICTURE = EncodeParams.quality(50);

  /**
   * A three-frame stream written tile by tile, frame 1's tile 0 replaced by {@code badTile}
   * (null: kept), its header's model {@code modelId}.
   */
  private static byte[] stream(ModelId modelId, byte[] badTile) throws IOException {
    FrameCoder coder = FrameCoder.open(model());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VideoContainerWriter writer = null;
    for (int k = 0; k < 3; k++) {
      FrameCoder.CodedPicture coded = coder.encode(frame(96, 64, k), PICTURE);
      if (writer == null) {
        StreamHeader stream = coded.header().toBuilder().mediaKind(MediaKind.VIDEO).model(modelId)
            .frame(org.lic4j.bitstream.FrameType.INTRA, 0, 1).build();
        writer = VideoContainerWriter.create(out,
            new SequenceHeader(stream, new FrameRate(25, 1), SourceColour.rgb(), 3), true);
      }
      List<byte[]> tiles = new ArrayList<>(coded.tiles());
      if (k == 1 && badTile != null) {
        tiles.set(0, badTile);
      }
      writer.writeFrame(FrameHeader.intra(k, coded.header().quality()), tiles);
    }
    writer.finish();
    return out.toByteArray();
  }

  /** Offset of frame {@code number}'s chunk. */
  private static long frameOffset(byte[] stream, int number) throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), RESOURCE);
    for (int k = 0; k < number; k++) {
      reader.next();
    }
    return reader.next().orElseThrow().offset();
  }

  @Test
  void tileDataThatDoesNotParseNamesItsFrameAndTile() throws IOException {
    byte[] stream = stream(model().id(), new byte[] {0, 0});
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE)) {
      assertEquals(0, decoder.next().orElseThrow().displayIndex());
      CorruptStreamException e = assertThrows(CorruptStreamException.class, decoder::next);
      assertTrue(e.reason().startsWith("frame 1: tile 0: "), e.getMessage());
      assertEquals(frameOffset(stream, 1), e.offset());
      assertEquals(RESOURCE, e.resource());
    }
  }

  @Test
  void aFlippedBitInAFrameNamesTheFrame() throws IOException {
    byte[] stream = stream(model().id(), null);
    long at = frameOffset(stream, 2);
    stream[(int) at + 40] ^= 0x10;
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE)) {
      decoder.next();
      decoder.next();
      CorruptStreamException e = assertThrows(CorruptStreamException.class, decoder::next);
      assertTrue(e.reason().startsWith("frame 2: "), e.getMessage());
      assertEquals(at, e.offset());
    }
  }

  @Test
  void aTruncatedStreamIsCorrupt() throws IOException {
    byte[] whole = stream(model().id(), null);
    byte[] cut = java.util.Arrays.copyOf(whole, (int) frameOffset(whole, 2) + 30);
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(cut), RESOURCE)) {
      decoder.next();
      decoder.next();
      CorruptStreamException e = assertThrows(CorruptStreamException.class, decoder::next);
      assertTrue(e.reason().contains("truncated"), e.getMessage());
      assertTrue(e.reason().contains("frame 2"), e.getMessage());
    }
  }

  @Test
  void aStreamOfAnotherModelIsRefusedAtOpen() throws IOException {
    ModelId other = ModelId.of("lic-other", "ab".repeat(ModelId.HASH_LENGTH));
    byte[] stream = stream(other, null);
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE));
    assertTrue(e.getMessage().contains("lic-other"), e.getMessage());
  }
}
