package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.bitstream.container.VideoSamples.RESOURCE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.SequenceHeader;

/**
 * A frame's payload on its own (a video packet) and the configuration record, against the golden
 * stream: payloads are its FRAM payloads, the record its first bytes, and a stream written from
 * payloads is the same stream.
 */
class FramePayloadsTest {
  @Test
  void theGoldenStreamsPayloadsAndRecordStandAlone() throws IOException {
    byte[] golden = VideoSamples.golden();
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(golden), RESOURCE);
    SequenceHeader sequence = reader.sequence();
    byte[] record = VideoContainerWriter.configurationRecord(sequence, VideoLimits.DEFAULT);
    assertEquals(120, record.length, "signature, header and SEQH of the worked example");
    assertArrayEquals(Arrays.copyOf(golden, record.length), record);
    assertEquals(sequence, VideoContainerReader.readConfiguration(record, RESOURCE, VideoLimits.DEFAULT));

    List<byte[]> payloads = new ArrayList<>();
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      CodedFrame frame = f.get();
      byte[] payload = frame.payload();
      List<byte[]> tiles = new ArrayList<>();
      for (int t = 0; t < frame.tileCount(); t++) {
        tiles.add(frame.tileData(t));
      }
      assertArrayEquals(payload, FramePayloads.encode(frame.header(), tiles));
      assertEquals(frame.header(),
          FramePayloads.header(payload, "packet", 0, FormatVersion.CURRENT, RESOURCE));
      CodedFrame parsed = FramePayloads.parse(payload, frame.number(), frame.offset(), 0,
          sequence.tileCount(), FormatVersion.CURRENT, RESOURCE);
      assertEquals(frame.header(), parsed.header());
      assertEquals(frame.tileLength(1), parsed.tileLength(1));
      payloads.add(payload);
    }
    assertEquals(4, payloads.size());

    ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
    try (VideoContainerWriter writer = VideoContainerWriter.create(rewritten, sequence, true)) {
      for (byte[] payload : payloads) {
        writer.writeFrame(payload);
      }
      writer.finish();
    }
    VideoContainerReader again =
        VideoContainerReader.open(new ByteArrayInputStream(rewritten.toByteArray()), RESOURCE);
    for (byte[] payload : payloads) {
      assertArrayEquals(payload, again.next().orElseThrow().payload());
    }
    assertTrue(again.next().isEmpty());
  }

  @Test
  void aPayloadThatIsNotAFrameOfTheStreamIsRefused() throws IOException {
    SequenceHeader sequence = VideoSamples.sequence(100, 50, 3, 0);
    byte[] payload = FramePayloads.encode(FrameHeader.intra(0, 6000), VideoSamples.tiles(sequence, 0));
    byte[] cut = Arrays.copyOf(payload, payload.length - 1);
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> FramePayloads.parse(cut, 0, 0, 0, sequence.tileCount(), FormatVersion.CURRENT, RESOURCE));
    assertTrue(e.reason().startsWith("frame 0: tile 1 ends at byte"), e.getMessage());
    try (VideoContainerWriter writer = VideoContainerWriter.create(new ByteArrayOutputStream(), sequence, true)) {
      assertThrows(IllegalArgumentException.class, () -> writer.writeFrame(cut));
      // Frame order holds for payloads too: the first frame is intra.
      byte[] predicted = FramePayloads.encode(new FrameHeader(org.lic4j.bitstream.FrameType.PREDICTED, 6000, 1,
          List.of(0L)), VideoSamples.tiles(sequence, 1));
      assertThrows(IllegalArgumentException.class, () -> writer.writeFrame(predicted));
      writer.writeFrame(payload);
    }
    assertThrows(CorruptStreamException.class,
        () -> FramePayloads.header(new byte[11], "packet", 0, FormatVersion.CURRENT, RESOURCE));
  }
}
