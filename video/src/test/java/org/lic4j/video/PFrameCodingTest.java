package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.PSNR_FLOOR_DB;
import static org.lic4j.video.VideoSamples.frame;
import static org.lic4j.video.VideoSamples.psnr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoLimits;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.RgbImage;

/**
 * P frames end to end with the P-frame model bundle of the repository ({@code models/lic-pframe-v1};
 * skipped with a message without it): the GOP structure, round trips through every decoder, seeking
 * into a GOP, the cost of a P frame against an intra frame, and decoders without the model.
 */
final class PFrameCodingTest {
  private static final int WIDTH = 192;
  private static final int HEIGHT = 128;
  private static final int FRAMES = 6;
  private static final int GOP = 4;

  private static final class Holder {
    static final PFrameModel MODEL = open();

    private static PFrameModel open() {
      Path bundle = bundle();
      if (bundle == null) {
        return null;
      }
      try {
        return PFrameModel.open(bundle, CodecOptions.defaults());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The repository's P-frame bundle, found from the module's folder or the repository's root; or
   * the one {@code -Dlic4j.pframeBundle=DIR} names (as the codec's and transforms' tests).
   */
  static Path bundle() {
    String named = System.getProperty("lic4j.pframeBundle", "");
    if (!named.isEmpty()) {
      return Path.of(named);
    }
    for (String p : new String[] {"../models/lic-pframe-v1", "models/lic-pframe-v1"}) {
      if (Files.isRegularFile(Path.of(p, "manifest.json"))) {
        return Path.of(p);
      }
    }
    return null;
  }

  static PFrameModel model() {
    Assumptions.assumeTrue(bundle() != null, "no P-frame model bundle at models/lic-pframe-v1: P-frame tests skipped");
    return Holder.MODEL;
  }

  /**
   * Without the intra choice, so that the GOP structure is what it says whatever the model's
   * rate-distortion (the choice is tested on its own below).
   */
  private static VideoEncodeParams params() {
    return VideoEncodeParams.quality(60).withGopLength(GOP).withFrameCount(FRAMES)
        .withPFrames(PFrameParams.DEFAULT.withIntraChoice(false));
  }

  /** The stream, and each frame's packet size. */
  private static byte[] encode(PFrameModel pFrames, List<Long> sizes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(VideoSamples.model(), pFrames, out, params())) {
      long before = 0;
      for (int k = 0; k < FRAMES; k++) {
        encoder.encode(frame(WIDTH, HEIGHT, k));
        sizes.add(encoder.position() - before);
        before = encoder.position();
      }
      encoder.finish();
    }
    return out.toByteArray();
  }

  private static List<DecodedFrame> decodeAll(VideoDecoder decoder) throws IOException {
    List<DecodedFrame> frames = new ArrayList<>();
    for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
      frames.add(f.get());
    }
    return frames;
  }

  @Test
  void intraFramePerGopAndPFramesBetween(@TempDir Path dir) throws IOException {
    PFrameModel pFrames = model();
    List<Long> sizes = new ArrayList<>();
    byte[] stream = encode(pFrames, sizes);
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), "p.licv",
        VideoLimits.DEFAULT);
    assertEquals(FormatVersion.V1_1, reader.version());
    assertEquals(pFrames.id(), reader.sequence().predictionModel());
    List<FrameType> types = new ArrayList<>();
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      types.add(f.get().header().type());
      if (!f.get().header().isIntra()) {
        assertEquals(List.of(f.get().header().displayIndex() - 1), f.get().header().references());
      }
    }
    assertEquals(List.of(FrameType.INTRA, FrameType.PREDICTED, FrameType.PREDICTED, FrameType.PREDICTED,
        FrameType.INTRA, FrameType.PREDICTED), types);
    // A pipe and a channel decode the same pictures, close to the source.
    List<DecodedFrame> piped;
    try (VideoDecoder d = VideoDecoder.open(VideoSamples.model(), pFrames, new ByteArrayInputStream(stream), "p")) {
      piped = decodeAll(d);
    }
    Path file = dir.resolve("p.licv");
    Files.write(file, stream);
    List<DecodedFrame> channel;
    try (VideoDecoder d = VideoDecoder.open(VideoSamples.model(), pFrames, Files.newByteChannel(file), "p")) {
      channel = decodeAll(d);
      assertEquals(FRAMES, channel.size());
      // Seeking into the GOP decodes the frames before the target (its references) without returning them.
      d.seek(2);
      DecodedFrame third = d.next().orElseThrow();
      assertEquals(2, third.displayIndex());
      assertArrayEquals(channel.get(2).image().rgb(), third.image().rgb());
    }
    for (int k = 0; k < FRAMES; k++) {
      assertArrayEquals(piped.get(k).image().rgb(), channel.get(k).image().rgb(), "frame " + k);
      double db = psnr(frame(WIDTH, HEIGHT, k), piped.get(k).image());
      assertTrue(db > PSNR_FLOOR_DB, "frame " + k + ": " + db + " dB");
      System.out.printf("frame %d %s: %d bytes, %.2f dB%n", k, types.get(k), sizes.get(k), db);
    }
  }

  @Test
  void packetsDecodeAsTheStream() throws IOException {
    PFrameModel pFrames = model();
    VideoPacketEncoder encoder = VideoEncoder.packets(VideoSamples.model(), pFrames, params());
    List<VideoPacket> packets = new ArrayList<>();
    for (int k = 0; k < FRAMES; k++) {
      packets.addAll(encoder.encode(frame(WIDTH, HEIGHT, k)));
    }
    packets.addAll(encoder.flush());
    VideoPacketDecoder decoder = VideoPacketDecoder.open(VideoSamples.model(), pFrames, encoder.configuration(), "p");
    List<Long> sizes = new ArrayList<>();
    byte[] stream = encode(pFrames, sizes);
    List<DecodedFrame> fromStream;
    try (VideoDecoder d = VideoDecoder.open(VideoSamples.model(), pFrames, new ByteArrayInputStream(stream), "p")) {
      fromStream = decodeAll(d);
    }
    for (int k = 0; k < FRAMES; k++) {
      assertEquals(k % GOP == 0, packets.get(k).isKeyFrame());
      assertArrayEquals(fromStream.get(k).image().rgb(), decoder.decode(packets.get(k)).image().rgb(), "frame " + k);
    }
  }

  @Test
  void aStaticSceneCostsFarLessAsPFrames() throws IOException {
    PFrameModel pFrames = model();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> sizes = new ArrayList<>();
    try (VideoEncoder encoder = VideoEncoder.open(VideoSamples.model(), pFrames, out, params().withFrameCount(3))) {
      long before = 0;
      for (int k = 0; k < 3; k++) {
        encoder.encode(frame(WIDTH, HEIGHT, 0));
        sizes.add(encoder.position() - before);
        before = encoder.position();
      }
      encoder.finish();
    }
    System.out.println("static scene: I " + sizes.get(0) + " bytes, P " + sizes.get(1) + ", " + sizes.get(2));
    assertTrue(sizes.get(1) * 4 < sizes.get(0), sizes.toString());
    assertTrue(sizes.get(2) * 4 < sizes.get(0), sizes.toString());
  }

  @Test
  void aSceneCutIsCodedIntra() throws IOException {
    PFrameModel pFrames = model();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VideoEncodeParams params = VideoEncodeParams.quality(60).withGopLength(GOP).withFrameCount(2);
    try (VideoEncoder encoder = VideoEncoder.open(VideoSamples.model(), pFrames, out, params)) {
      encoder.encode(frame(WIDTH, HEIGHT, 0));
      // Another picture altogether: nothing of the first predicts it.
      RgbImage other = VideoSamples.frame(WIDTH, HEIGHT, 0);
      byte[] rgb = other.rgb();
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (byte) (255 - (rgb[i] & 0xff) ^ (i * 37 >> 5));
      }
      encoder.encode(RgbImage.ofRgb(WIDTH, HEIGHT, rgb));
      encoder.finish();
    }
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(out.toByteArray()), "cut.licv",
        VideoLimits.DEFAULT);
    reader.next();
    assertEquals(FrameType.INTRA, reader.next().orElseThrow().header().type());
  }

  @Test
  void aSceneCutOnALoweredFrameKeepsTheHierarchysTopQuality() throws IOException {
    PFrameModel pFrames = model();
    VideoEncodeParams params = VideoEncodeParams.quality(60).withGopLength(GOP).withFrameCount(4)
        .withPFrames(PFrameParams.DEFAULT.withHierarchy(10, 4));
    VideoPacketEncoder encoder = VideoEncoder.packets(VideoSamples.model(), pFrames, params);
    List<VideoPacket> packets = new ArrayList<>(encoder.encode(frame(WIDTH, HEIGHT, 0)));
    // Frame 1 would be 10 points lower; a cut there is coded intra at that quality.
    RgbImage other = VideoSamples.frame(WIDTH, HEIGHT, 0);
    byte[] rgb = other.rgb();
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (255 - (rgb[i] & 0xff) ^ (i * 37 >> 5));
    }
    RgbImage cut = RgbImage.ofRgb(WIDTH, HEIGHT, rgb);
    packets.addAll(encoder.encode(cut));
    packets.addAll(encoder.encode(cut));
    packets.addAll(encoder.encode(cut));
    packets.addAll(encoder.flush());
    assertEquals(FrameType.INTRA, packets.get(1).header().type());
    assertEquals(5000, packets.get(1).header().quality());
    // The frames after it are lowered from the GOP's 60, not from the cut's 50 once more.
    assertEquals(5000, packets.get(2).header().quality());
    assertEquals(5000, packets.get(3).header().quality());
  }

  @Test
  void withoutThePFrameModelPFramesAreUnsupported() throws IOException {
    byte[] stream = encode(model(), new ArrayList<>());
    try (VideoDecoder d = VideoDecoder.open(VideoSamples.model(), new ByteArrayInputStream(stream), "p.licv")) {
      assertEquals(0, d.next().orElseThrow().displayIndex());
      UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, d::next);
      assertTrue(e.getMessage().contains("frame 1: P frame needs the P-frame model"), e.getMessage());
    }
  }
}
