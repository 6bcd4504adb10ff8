package org.lic4j.conformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.RejectionClass;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.video.DecodedFrame;
import org.lic4j.video.VideoDecoder;
import org.lic4j.video.VideoEncodeParams;
import org.lic4j.video.VideoEncoder;

/**
 * The video streams of the suite (docs/conformance.md, "Video streams"): short clips of synthetic
 * moving content coded by {@link VideoEncoder}, and streams a decoder must reject, rewritten at the
 * chunk level by {@link VideoStreamEdits} or written frame by frame with the container writer
 * where the encoder never writes such a stream (a P frame).
 */
final class VideoSuite {
  /** The file suffix of a video stream (docs/video.md). */
  static final String SUFFIX = ".licv";

  private final ImageModel model;

  VideoSuite(ImageModel model) {
    this.model = model;
  }

  /**
   * A clip to code: its frames, and the parameters beyond quality.
   *
   * @param tile the tile size, or 0 for the codec's default tiling
   */
  record Clip(List<RgbImage> frames, double quality, boolean seekIndex, boolean frameCount, FrameRate rate, int tile) {}

  /** A stream of the suite: a clip to decode, or bytes to reject. */
  record Case(String name, String description, List<String> features, Clip clip, Maker reject, String rejectAs) {}

  @FunctionalInterface
  interface Maker {
    byte[] make() throws IOException;
  }

  /**
   * The cases, in the order they are checked. Every name starts with {@code video-}, those to
   * reject with {@code video-reject-}: the image suite's {@code reject-*} names stay the image
   * rejections (tools' tests pick them by that prefix).
   */
  List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(decode("video-64x48-indexed", "4 frames of a scene panning right, with a seek index and a frame count",
        List.of("video", "seek-index", "frame-count"),
        new Clip(panning(64, 48, 4, 30), 60, true, true, new FrameRate(30000, 1001), 0)));
    cases.add(decode("video-65x47-odd", "3 frames of odd size, without seek index or frame count (as from a pipe)",
        List.of("video", "odd", "no-index"), new Clip(panning(65, 47, 3, 31), 60, false, false, new FrameRate(25, 1), 0)));
    cases.add(decode("video-1-frame", "a single frame", List.of("video", "one-frame", "seek-index", "frame-count"),
        new Clip(panning(64, 48, 1, 32), 75, true, true, new FrameRate(25, 1), 0)));
    cases.add(decode("video-tiles-2x1", "3 frames of 100x40 in 2x1 tiles of 64 without overlap: tile lengths per frame",
        List.of("video", "tiles"), new Clip(panning(100, 40, 3, 38), 50, true, false, new FrameRate(24, 1), 64)));
    cases.add(reject("video-reject-truncated", "cut in the middle of the second frame", RejectionClass.CORRUPT,
        () -> { byte[] s = small(33, true); return StreamEdits.truncated(s, VideoStreamEdits.framePayload(s, 1) + 20); }));
    cases.add(reject("video-reject-damaged-frame", "one byte of the second frame's tile data inverted",
        RejectionClass.CORRUPT,
        () -> { byte[] s = small(34, true); return StreamEdits.flipped(s, VideoStreamEdits.framePayload(s, 1) + 20); }));
    cases.add(reject("video-reject-damaged-index", "one byte of the seek index inverted (its chunk checksum fails)",
        RejectionClass.CORRUPT,
        () -> { byte[] s = small(39, true); return StreamEdits.flipped(s, VideoStreamEdits.indexPayload(s) + 5); }));
    cases.add(reject("video-reject-missing-frame", "a frame count of 2 with the second frame removed whole, checksums"
        + " and footer rewritten", RejectionClass.CORRUPT,
        () -> VideoStreamEdits.withoutFrame(encode(new Clip(panning(64, 48, 2, 40), 50, false, true,
            new FrameRate(25, 1), 0)), 1)));
    cases.add(reject("video-reject-unknown-mandatory", "an unregistered mandatory chunk 'ZZZZ' after the first frame",
        RejectionClass.UNSUPPORTED_FEATURE,
        // Chunk 0 is SEQH, chunk 1 frame 0.
        () -> VideoStreamEdits.withChunkBefore(small(35, false), 2, ChunkType.of("ZZZZ"), new byte[] {0})));
    cases.add(reject("video-reject-p-frame", "a valid P frame (display 1, from 0), which this version cannot decode",
        RejectionClass.UNSUPPORTED_FEATURE, () -> withPredictedFrame(small(36, false), 1)));
    cases.add(reject("video-reject-missing-reference", "a P frame (display 2) predicted from display 1, no such frame",
        RejectionClass.CORRUPT,
        // Written as predicted from 0, then its Reference (FrameData offset 8) set to 1.
        () -> VideoStreamEdits.withFramePayload(withPredictedFrame(small(37, false), 2), 1,
            payload -> payload.putInt(8, 1))));
    return cases;
  }

  private static Case decode(String name, String description, List<String> features, Clip clip) {
    return new Case(name, description, features, clip, null, null);
  }

  private static Case reject(String name, String description, RejectionClass rejectAs, Maker maker) {
    return new Case(name, description, List.of("video", "reject"), null, maker, rejectAs.id());
  }

  /** Codes {@code clip} with the video encoder. */
  byte[] encode(Clip clip) throws IOException {
    EncodeParams picture = EncodeParams.quality(clip.quality());
    VideoEncodeParams params = VideoEncodeParams.quality(clip.quality())
        .withPicture(clip.tile() == 0 ? picture : picture.withTiles(clip.tile(), 0))
        .withFrameRate(clip.rate())
        .withSeekIndex(clip.seekIndex());
    if (clip.frameCount()) {
      params = params.withFrameCount(clip.frames().size());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(model, out, params)) {
      for (RgbImage frame : clip.frames()) {
        encoder.encode(frame);
      }
      encoder.finish();
    }
    return out.toByteArray();
  }

  /** Every frame of {@code stream}, decoded front to back, in display order. */
  List<DecodedFrame> decode(byte[] stream, String resource) throws IOException {
    List<DecodedFrame> frames = new ArrayList<>();
    try (VideoDecoder decoder = VideoDecoder.open(model, new ByteArrayInputStream(stream), resource)) {
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }

  /** A two-frame clip of 64x48 at quality 50, the base of the streams to reject. */
  private byte[] small(long seed, boolean seekIndex) throws IOException {
    return encode(new Clip(panning(64, 48, 2, seed), 50, seekIndex, false, new FrameRate(25, 1), 0));
  }

  /**
   * {@code intra}'s sequence and first frame, then a P frame at {@code display} predicted from
   * display 0, carrying the intra frame's tile data: a stream every reader of 1.0 walks, and only
   * a decoder that implements P frames could decode.
   */
  private static byte[] withPredictedFrame(byte[] intra, long display) throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(intra), "encoder output");
    SequenceHeader sequence = reader.sequence();
    CodedFrame first = reader.next().orElseThrow();
    List<byte[]> tiles = new ArrayList<>();
    for (int t = 0; t < first.tileCount(); t++) {
      tiles.add(first.tileData(t));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoContainerWriter writer = VideoContainerWriter.create(out, sequence, false)) {
      writer.writeFrame(first.header(), tiles);
      writer.writeFrame(new FrameHeader(FrameType.PREDICTED, first.header().quality(), display, List.of(0L)), tiles);
      writer.finish();
    }
    return out.toByteArray();
  }

  /**
   * {@code count} frames of {@code w} x {@code h} looking at a wider synthetic scene through a
   * window that moves 3 pixels right per frame, so that consecutive frames differ by motion.
   */
  static List<RgbImage> panning(int w, int h, int count, long seed) {
    int step = 3;
    RgbImage scene = SyntheticPictures.scene(w + step * count, h, seed);
    byte[] src = scene.rgb();
    List<RgbImage> frames = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      byte[] rgb = new byte[w * h * 3];
      for (int y = 0; y < h; y++) {
        System.arraycopy(src, (y * scene.width() + k * step) * 3, rgb, y * w * 3, w * 3);
      }
      frames.add(RgbImage.ofRgb(w, h, rgb));
    }
    return frames;
  }

  /** The frames stacked top to bottom: one reference picture for a whole clip. */
  static RgbImage stacked(List<RgbImage> frames) {
    int w = frames.get(0).width();
    int h = frames.get(0).height();
    ByteBuffer rgb = ByteBuffer.allocate(w * h * 3 * frames.size());
    for (RgbImage f : frames) {
      rgb.put(f.rgb());
    }
    return RgbImage.ofRgb(w, h * frames.size(), rgb.array());
  }

  /** Frame {@code k} of a picture made by {@link #stacked}. */
  static RgbImage frameOf(RgbImage stacked, int k, int h) {
    int w = stacked.width();
    byte[] rgb = new byte[w * h * 3];
    System.arraycopy(stacked.rgb(), k * w * h * 3, rgb, 0, rgb.length);
    return RgbImage.ofRgb(w, h, rgb);
  }

  static String describe(FrameRate rate) {
    return rate.numerator() + "/" + rate.denominator();
  }
}
