package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.RESOURCE;
import static org.lic4j.video.VideoSamples.frame;
import static org.lic4j.video.VideoSamples.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.FramePayloads;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.bitstream.container.VideoLimits;
import org.lic4j.codec.EncodeParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packet level under the stream: packets are the frame chunks' payloads, the configuration
 * record is the stream's first bytes, and packets decode to the stream decoder's frames.
 */
class VideoPacketTest {
  private static final int FRAMES = 3;
  /** Two tiles per frame, so that tile lengths are exercised. */
  private static final VideoEncodeParams PARAMS = VideoEncodeParams.quality(60)
      .withFrameRate(new FrameRate(30000, 1001)).withPicture(EncodeParams.quality(60).withTiles(64, 0));

  private static List<VideoPacket> packets;
  private static byte[] configuration;
  private static SequenceHeader sequence;
  private static byte[] stream;

  @BeforeAll
  static void encodeBothWays() throws IOException {
    VideoPacketEncoder encoder = VideoEncoder.packets(model(), PARAMS);
    assertThrows(IllegalStateException.class, encoder::configuration);
    packets = new ArrayList<>();
    for (int k = 0; k < FRAMES; k++) {
      List<VideoPacket> out = encoder.encode(frame(96, 64, k));
      assertEquals(1, out.size(), "an intra frame leaves at once");
      packets.addAll(out);
    }
    assertEquals(List.of(), encoder.flush());
    configuration = encoder.configuration();
    sequence = encoder.sequence();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder streamEncoder = VideoEncoder.open(model(), out, PARAMS)) {
      for (int k = 0; k < FRAMES; k++) {
        streamEncoder.encode(frame(96, 64, k));
      }
      streamEncoder.finish();
    }
    stream = out.toByteArray();
  }

  @Test
  void packetsAreTheFrameChunksPayloadsAndTheRecordTheStreamsFirstBytes() throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), RESOURCE);
    assertArrayEquals(Arrays.copyOf(stream, (int) reader.position()), configuration);
    assertEquals(reader.sequence(), sequence);
    for (int k = 0; k < FRAMES; k++) {
      CodedFrame frame = reader.next().orElseThrow();
      VideoPacket packet = packets.get(k);
      assertArrayEquals(frame.payload(), packet.data(), "frame " + k);
      assertEquals(frame.header(), packet.header());
      assertTrue(packet.isKeyFrame());
      assertEquals(FrameType.INTRA, packet.type());
      assertEquals(k, packet.displayIndex());
      assertEquals(6000, packet.quality());
      assertEquals(List.of(), packet.references());
    }
    assertTrue(reader.next().isEmpty());
  }

  @Test
  void packetsDecodeToTheStreamDecodersFrames() throws IOException {
    VideoPacketDecoder decoder = VideoPacketDecoder.open(model(), configuration, RESOURCE);
    try (VideoDecoder streamDecoder = VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE)) {
      for (VideoPacket packet : packets) {
        // As a demuxer hands it back: bytes only.
        DecodedFrame fromPacket = decoder.decode(VideoPacket.parse(packet.data()));
        DecodedFrame fromStream = streamDecoder.next().orElseThrow();
        assertEquals(fromStream.displayIndex(), fromPacket.displayIndex());
        assertEquals(fromStream.number(), fromPacket.number());
        assertEquals(fromStream.source(), fromPacket.source());
        assertArrayEquals(fromStream.image().rgb(), fromPacket.image().rgb());
      }
      assertEquals(Optional.empty(), streamDecoder.next());
    }
  }

  @Test
  void theConfigurationRecordRoundTrips() throws IOException {
    assertEquals(sequence, VideoContainerReader.readConfiguration(configuration, RESOURCE, VideoLimits.DEFAULT));
    assertEquals(sequence, VideoPacketDecoder.open(model(), configuration, RESOURCE).sequence());
    assertEquals(sequence, VideoPacketDecoder.open(model(), sequence, RESOURCE).sequence());
    assertArrayEquals(configuration,
        VideoContainerWriter.configurationRecord(sequence, VideoLimits.DEFAULT));
  }

  @Test
  void aDamagedOrExtendedRecordIsCorrupt() {
    byte[] flipped = configuration.clone();
    flipped[flipped.length - 6] ^= 0x01; // in the sequence chunk's payload: its checksum fails
    assertThrows(CorruptStreamException.class, () -> VideoPacketDecoder.open(model(), flipped, RESOURCE));
    byte[] cut = Arrays.copyOf(configuration, configuration.length - 1);
    assertThrows(CorruptStreamException.class, () -> VideoPacketDecoder.open(model(), cut, RESOURCE));
    byte[] longer = Arrays.copyOf(configuration, configuration.length + 1);
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> VideoPacketDecoder.open(model(), longer, RESOURCE));
    assertTrue(e.reason().contains("after the sequence chunk"), e.getMessage());
  }

  @Test
  void aDamagedPacketIsCorruptAndNamesItsFrame() throws IOException {
    VideoPacketDecoder decoder = VideoPacketDecoder.open(model(), sequence, RESOURCE);
    decoder.decode(packets.get(0));
    // Frame 1: its tile lengths no longer add up to the packet.
    byte[] cut = Arrays.copyOf(packets.get(1).data(), packets.get(1).size() - 1);
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> decoder.decode(VideoPacket.parse(cut)));
    assertTrue(e.reason().startsWith("frame 1: tile 1 ends at byte"), e.getMessage());
    assertEquals(RESOURCE, e.resource());
    // Frame 2: tile data that does not parse.
    FrameHeader header = packets.get(2).header();
    byte[] garbage = FramePayloads.encode(header, List.of(new byte[] {0, 0}, new byte[] {0, 0}));
    e = assertThrows(CorruptStreamException.class, () -> decoder.decode(VideoPacket.parse(garbage)));
    assertTrue(e.reason().startsWith("frame 2: tile 0: "), e.getMessage());
    assertEquals(0, e.offset(), "offsets are from the packet's first byte");
    // Too short to be a frame at all.
    assertThrows(CorruptStreamException.class, () -> VideoPacket.parse(new byte[5]));
  }

  @Test
  void aPredictedPacketIsAnUnsupportedFeature() throws IOException {
    byte[] tiles = packets.get(1).data();
    FrameHeader predicted = new FrameHeader(FrameType.PREDICTED, 6000, 1, List.of(0L));
    VideoPacket packet = VideoPacket.parse(FramePayloads.encode(predicted, List.of(tiles, new byte[0])));
    assertFalse(packet.isKeyFrame());
    assertEquals(List.of(0L), packet.references());
    VideoPacketDecoder decoder = VideoPacketDecoder.open(model(), sequence, RESOURCE);
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> decoder.decode(packet));
    assertTrue(e.getMessage().contains("names no P-frame model"), e.getMessage());
  }

  @Test
  void aSequenceOfAnotherModelOrTilingIsRefused() throws IOException {
    ModelId other = ModelId.of("lic-other", "ab".repeat(ModelId.HASH_LENGTH));
    SequenceHeader otherModel = new SequenceHeader(sequence.stream().toBuilder().model(other).build(),
        sequence.frameRate(), sequence.colour(), sequence.frameCount());
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> VideoPacketDecoder.open(model(), otherModel, RESOURCE));
    assertTrue(e.getMessage().contains("lic-other"), e.getMessage());

    // A packet of a one-tile stream given to a decoder of this two-tile one: its lengths do not fit.
    VideoPacketEncoder oneTile = VideoEncoder.packets(model(), VideoEncodeParams.quality(60));
    VideoPacket small = oneTile.encode(frame(40, 32, 0)).get(0);
    VideoPacketDecoder decoder = VideoPacketDecoder.open(model(), sequence, RESOURCE);
    assertThrows(CorruptStreamException.class, () -> decoder.decode(small));
  }

  @Test
  void theStreamWriterTakesPacketsAsTheyAre() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoContainerWriter writer =
        VideoContainerWriter.create(out, sequence, PARAMS.seekIndex())) {
      for (VideoPacket packet : packets) {
        writer.writeFrame(packet.data());
      }
      writer.finish();
    }
    assertArrayEquals(stream, out.toByteArray(), "a muxer of lic4j streams writes the encoder's stream");
  }
}
