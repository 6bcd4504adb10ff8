package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.PSNR_FLOOR_DB;
import static org.lic4j.video.VideoSamples.RESOURCE;
import static org.lic4j.video.VideoSamples.encode;
import static org.lic4j.video.VideoSamples.frame;
import static org.lic4j.video.VideoSamples.model;
import static org.lic4j.video.VideoSamples.psnr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.RgbImage;

/** Round trips through VideoEncoder and VideoDecoder: sizes, order, quality, seeking, determinism. */
class VideoCodecTest {
  private static final int FRAMES = 3;

  @TempDir
  Path dir;

  /** Every frame of a stream, read front to back from an input stream. */
  static List<DecodedFrame> decodeAll(byte[] stream) throws IOException {
    List<DecodedFrame> frames = new ArrayList<>();
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE)) {
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }

  @ParameterizedTest
  @CsvSource({"96, 64", "97, 65"})
  void framesComeBackInOrderAtTheirSizeAndAboveThePsnrFloor(int width, int height) throws IOException {
    VideoEncodeParams params = VideoEncodeParams.quality(75).withFrameRate(new FrameRate(30000, 1001))
        .withGopLength(8).withFrameCount(FRAMES);
    List<DecodedFrame> frames = decodeAll(encode(width, height, FRAMES, params));

    assertEquals(FRAMES, frames.size());
    for (int k = 0; k < FRAMES; k++) {
      DecodedFrame f = frames.get(k);
      assertEquals(k, f.displayIndex());
      assertEquals(k, f.number());
      assertEquals(width, f.image().width());
      assertEquals(height, f.image().height());
      double db = psnr(frame(width, height, k), f.image());
      assertTrue(db > PSNR_FLOOR_DB, "frame " + k + ": " + db + " dB");
      assertEquals(SourceColour.rgb(), f.source());
      assertFalse(f.hasYuvSource());
    }
  }

  @Test
  void theSequenceSaysWhatTheParametersAsked() throws IOException {
    VideoEncodeParams params = VideoEncodeParams.quality(62.5).withFrameRate(new FrameRate(30000, 1001))
        .withGopLength(8).withFrameCount(2).withPicture(EncodeParams.quality(62.5).withTiles(64, 0));
    byte[] stream = encode(97, 65, 2, params);
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE)) {
      SequenceHeader s = decoder.sequence();
      assertEquals(97, s.width());
      assertEquals(65, s.height());
      assertEquals(new FrameRate(30000, 1001), s.frameRate());
      assertEquals(2, s.frameCount());
      assertEquals(8, s.gopLength());
      assertEquals(6250, s.stream().quality());
      assertEquals(ColourFormat.RGB, s.stream().colourFormat());
      assertEquals(model().id(), s.model());
      assertEquals(4, s.tileCount(), "64-pixel tiles over 97x65");
      assertFalse(decoder.seekable());
    }
  }

  @Test
  void withoutAFrameCountTheStreamSaysNone() throws IOException {
    byte[] stream = encode(96, 64, 2, VideoEncodeParams.quality(50));
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE)) {
      assertFalse(decoder.sequence().hasFrameCount());
    }
    assertEquals(2, decodeAll(stream).size());
  }

  @Test
  void encodingTwiceGivesTheSameBytes() throws IOException {
    VideoEncodeParams params = VideoEncodeParams.quality(60).withPicture(EncodeParams.quality(60).withTiles(64, 0));
    assertArrayEquals(encode(97, 65, 2, params), encode(97, 65, 2, params));
  }

  /**
   * A frame's tile data is byte for byte what the image codec writes in the TILE chunks of the
   * same picture at the same parameters, so both parse to the same symbols.
   */
  @Test
  void aFramesTilesAreThoseOfTheSamePictureCodedAsAnImage() throws IOException {
    EncodeParams picture = EncodeParams.quality(70).withTiles(64, 0);
    RgbImage image = frame(97, 65, 1);
    ByteArrayOutputStream video = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(model(), video, VideoEncodeParams.quality(70).withPicture(picture))) {
      encoder.encode(image);
      encoder.finish();
    }
    byte[] still = ImageEncoder.open(model()).encode(image, picture).stream();

    ContainerReader stillReader = ContainerReader.read(still, "still.lic");
    var frame = VideoContainerReader.open(new ByteArrayInputStream(video.toByteArray()), RESOURCE).next().orElseThrow();
    assertEquals(stillReader.header().tileCount(), frame.tileCount());
    assertEquals(stillReader.header().quality(), frame.header().quality());
    for (int t = 0; t < frame.tileCount(); t++) {
      assertArrayEquals(stillReader.readData(stillReader.tile(t).orElseThrow()), frame.tileData(t), "tile " + t);
    }
  }

  @Test
  void seekingGoesToTheFrameWithAndWithoutIndex() throws IOException {
    int count = 5;
    VideoEncodeParams params = VideoEncodeParams.quality(50).withFrameCount(count);
    List<DecodedFrame> all = decodeAll(encode(96, 64, count, params));
    for (boolean indexed : new boolean[] {true, false}) {
      Path file = dir.resolve("clip-" + indexed + ".licv");
      Files.write(file, encode(96, 64, count, params.withSeekIndex(indexed)));
      try (VideoDecoder decoder = VideoDecoder.open(model(), Files.newByteChannel(file), file.toString())) {
        assertTrue(decoder.seekable());
        assertEquals(indexed, decoder.hasIndex());
        decoder.seek(3);
        assertSameFrame(all.get(3), decoder.next());
        assertSameFrame(all.get(4), decoder.next());
        assertTrue(decoder.next().isEmpty());
        decoder.seek(1);
        assertSameFrame(all.get(1), decoder.next());
        decoder.seek(0);
        assertSameFrame(all.get(0), decoder.next());
        decoder.seek(count + 3);
        assertTrue(decoder.next().isEmpty(), "past the last frame");
      }
    }
  }

  private static void assertSameFrame(DecodedFrame expected, Optional<DecodedFrame> actual) {
    assertTrue(actual.isPresent(), "frame " + expected.displayIndex() + " missing");
    assertEquals(expected.displayIndex(), actual.get().displayIndex());
    assertEquals(expected.number(), actual.get().number());
    assertArrayEquals(expected.image().rgb(), actual.get().image().rgb(), "frame " + expected.displayIndex());
  }

  @Test
  void seekingAPipeIsRefused() throws IOException {
    byte[] stream = encode(96, 64, 1, VideoEncodeParams.quality(50));
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(stream), RESOURCE)) {
      assertThrows(IllegalStateException.class, () -> decoder.seek(0));
    }
  }

  @Test
  void aChannelOpenedAtAnOffsetReadsTheStreamFromThere(@TempDir Path temp) throws IOException {
    byte[] stream = encode(96, 64, 2, VideoEncodeParams.quality(50));
    Path file = temp.resolve("wrapped.bin");
    byte[] wrapped = new byte[stream.length + 7];
    System.arraycopy(stream, 0, wrapped, 7, stream.length);
    Files.write(file, wrapped);
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(7);
      try (VideoDecoder decoder = VideoDecoder.open(model(), channel, file.toString())) {
        decoder.seek(1);
        assertEquals(1, decoder.next().orElseThrow().displayIndex());
      }
    }
  }

  @Test
  void framesOfAnotherSizeAreRefused() throws IOException {
    try (VideoEncoder encoder = VideoEncoder.open(model(), new ByteArrayOutputStream(), VideoEncodeParams.quality(50))) {
      encoder.encode(frame(96, 64, 0));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(frame(97, 64, 1)));
      assertTrue(e.getMessage().contains("96x64"), e.getMessage());
    }
  }

  @Test
  void finishingWithoutFramesOrWithTooFewIsRefused() throws IOException {
    try (VideoEncoder encoder = VideoEncoder.open(model(), new ByteArrayOutputStream(), VideoEncodeParams.quality(50))) {
      assertThrows(IllegalStateException.class, encoder::finish);
    }
    try (VideoEncoder encoder = VideoEncoder.open(model(), new ByteArrayOutputStream(),
        VideoEncodeParams.quality(50).withFrameCount(2))) {
      encoder.encode(frame(96, 64, 0));
      assertThrows(IllegalStateException.class, encoder::finish);
    }
  }

  /** Video frames are RGB: a grey picture is coded as its three equal planes, alpha is dropped. */
  @Test
  void greyAndAlphaPicturesAreCodedAsRgb() throws IOException {
    RgbImage colour = frame(96, 64, 0);
    byte[] luma = new byte[96 * 64];
    for (int i = 0; i < luma.length; i++) {
      luma[i] = colour.rgb()[3 * i + 1];
    }
    RgbImage grey = RgbImage.ofGray(96, 64, luma);
    RgbImage withAlpha = RgbImage.ofRgb(96, 64, colour.rgb()).withAlpha(new byte[96 * 64]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(model(), out, VideoEncodeParams.quality(75))) {
      encoder.encode(grey);
      encoder.encode(withAlpha);
      encoder.finish();
      assertEquals(ColourFormat.RGB, encoder.sequence().stream().colourFormat());
    }
    List<DecodedFrame> frames = decodeAll(out.toByteArray());
    assertFalse(frames.get(0).image().isGray());
    assertFalse(frames.get(1).image().hasAlpha());
    assertTrue(psnr(grey, frames.get(0).image()) > PSNR_FLOOR_DB);
    assertTrue(psnr(colour, frames.get(1).image()) > PSNR_FLOOR_DB);
  }

  @Test
  void rateControlIsRefusedForVideo() {
    assertThrows(IllegalArgumentException.class,
        () -> VideoEncodeParams.quality(50).withPicture(EncodeParams.targetBpp(0.5)));
    assertThrows(IllegalArgumentException.class, () -> VideoEncodeParams.quality(50).withGopLength(0));
  }

  @Test
  void yuvFramesRecordTheirSourceWhenTheParametersDoNot() throws IOException {
    ColourDescription bt709 = ColourDescription.guessFor(1280, 720);
    YuvFrame yuv = ColourConversion.toYuv(frame(96, 64, 0), ChromaFormat.YUV420, bt709);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(model(), out, VideoEncodeParams.quality(50))) {
      encoder.encode(yuv);
      encoder.finish();
      assertEquals(bt709.toSource(ChromaFormat.YUV420), encoder.sequence().colour());
    }
    assertEquals(bt709.toSource(ChromaFormat.YUV420), decodeAll(out.toByteArray()).get(0).source());
  }

  @Test
  void eachFrameSaysWhereItsTimeWent() throws IOException {
    YuvFrame yuv = ColourConversion.toYuv(frame(96, 64, 0), ChromaFormat.YUV420, ColourDescription.guessFor(96, 64));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameTimings fromYuv;
    FrameTimings fromRgb;
    try (VideoEncoder encoder = VideoEncoder.open(model(), out, VideoEncodeParams.quality(50))) {
      fromYuv = encoder.encode(yuv);
      fromRgb = encoder.encode(ColourConversion.toRgb(yuv));
      encoder.finish();
    }
    for (FrameTimings t : List.of(fromYuv, fromRgb)) {
      assertTrue(t.transformNanos() > 0 && t.entropyModelNanos() > 0 && t.codingNanos() > 0
          && t.containerNanos() > 0, t.toString());
      assertTrue(t.colourNanos() + t.transformNanos() + t.entropyModelNanos() + t.codingNanos() + t.containerNanos()
          <= t.totalNanos(), t.toString());
    }
    assertTrue(fromYuv.colourNanos() > 0, fromYuv.toString());
    assertEquals(0, fromRgb.colourNanos());

    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(out.toByteArray()), RESOURCE)) {
      for (int k = 0; k < 2; k++) {
        TimedFrame f = decoder.nextTimed().orElseThrow();
        assertEquals(k, f.frame().displayIndex());
        FrameTimings t = f.timings();
        assertEquals(0, t.colourNanos());
        assertTrue(t.transformNanos() > 0 && t.codingNanos() > 0 && t.containerNanos() > 0, t.toString());
        assertTrue(t.transformNanos() <= t.totalNanos(), t.toString());
      }
      assertTrue(decoder.nextTimed().isEmpty());
    }
  }
}
