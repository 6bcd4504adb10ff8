package org.lic4j.conformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.RejectionClass;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.video.DecodedFrame;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.PFrameParams;
import org.lic4j.video.VideoDecoder;
import org.lic4j.video.VideoEncodeParams;
import org.lic4j.video.VideoEncoder;

/**
 * The video streams of the suite (docs/conformance.md, "What is in it"): short clips of synthetic
 * moving content coded by {@link VideoEncoder}, all intra or with P frames ({@link PFrameModel}),
 * and streams a decoder must reject, rewritten at the chunk level by {@link VideoStreamEdits} or
 * written frame by frame with the container writer where the encoder never writes such a stream
 * (a P frame in a 1.0 stream, P tiles swapped or cut).
 */
final class VideoSuite {
  /** The file suffix of a video stream (docs/video.md). */
  static final String SUFFIX = ".licv";

  /** Where a P frame's first tile's data starts in its FrameData: 8 bytes, one Reference, one TileLength. */
  private static final int P_TILE = 8 + 4 + 4;
  /** A format 1.0 sequence chunk's length: a 1.1 one appends the prediction model (docs/video.md). */
  private static final int SEQUENCE_1_0_LENGTH = 16;

  private final ImageModel model;
  /** Codes and decodes the P frames; null: the suite's P-frame streams cannot be made or decoded. */
  private final PFrameModel pFrameModel;

  VideoSuite(ImageModel model, PFrameModel pFrameModel) {
    this.model = model;
    this.pFrameModel = pFrameModel;
  }

  /**
   * A clip to code: its frames, and the parameters beyond quality.
   *
   * @param tile the tile size, or 0 for the codec's default tiling
   * @param gopLength frames from one intra frame to the next, or 0 for the encoder's default
   * @param pFrames how the frames between intra frames are coded as P frames, or null for every
   *     frame intra (format 1.0)
   */
  record Clip(List<RgbImage> frames, double quality, boolean seekIndex, boolean frameCount, FrameRate rate, int tile,
      int gopLength, PFrameParams pFrames) {
    /** An all-intra clip. */
    Clip(List<RgbImage> frames, double quality, boolean seekIndex, boolean frameCount, FrameRate rate, int tile) {
      this(frames, quality, seekIndex, frameCount, rate, tile, 0, null);
    }
  }

  /**
   * How the suite's P frames are coded: blocks of {@code blockSize}, and every frame between intra
   * frames a P frame (no intra choice), so that each stream has the frame types its description
   * gives whatever the content.
   */
  static PFrameParams pFrames(int blockSize) {
    return PFrameParams.DEFAULT.withBlockSize(blockSize).withIntraChoice(false);
  }

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
    // P frames (format 1.1, docs/video.md "P frames"): decoded with the P-frame model the manifest names.
    cases.add(decode("video-p-gop4", "8 frames panning right in GOPs of 4 (I P P P I P P P), motion blocks of 16,"
        + " hierarchical quality (P frames 2 and 6 at 60, the others at 50), with a seek index",
        List.of("video", "p-frames", "gop", "hierarchy", "seek-index", "frame-count"),
        new Clip(panning(64, 48, 8, 41), 60, true, true, new FrameRate(25, 1), 0, 4,
            pFrames(16).withHierarchy(10, 2))));
    cases.add(decode("video-p-static", "4 frames of a still scene (I P P P): every P frame skips its residual",
        List.of("video", "p-frames", "skipped-residual"),
        new Clip(still(64, 48, 4, 42), 40, false, false, new FrameRate(25, 1), 0, 0, pFrames(16))));
    cases.add(decode("video-p-tiles-blocks8", "3 frames of 100x40 (I P P) in 2x1 tiles of 64, motion blocks of 8:"
        + " a motion field per tile", List.of("video", "p-frames", "tiles", "blocks-8"),
        new Clip(panning(100, 40, 3, 43), 50, false, true, new FrameRate(24, 1), 64, 0, pFrames(8))));
    cases.add(reject("video-reject-p-damaged-motion", "one byte of the first P frame's motion field inverted,"
        + " checksum recomputed", RejectionClass.CORRUPT,
        // FrameData of a P frame of one tile: 8 bytes, Reference, one TileLength, then the tile:
        // BlockSizeCode, MotionLength, MotionData (the coder's two states first: one is damaged).
        () -> VideoStreamEdits.withFramePayload(predicted(44, 16, 0), 1,
            payload -> payload.put(P_TILE + 5 + 2, (byte) ~payload.get(P_TILE + 5 + 2)))));
    cases.add(reject("video-reject-p-block-size", "a P tile whose BlockSizeCode is 2 (undefined)",
        RejectionClass.CORRUPT,
        () -> VideoStreamEdits.withFramePayload(predicted(45, 16, 0), 1, payload -> payload.put(P_TILE, (byte) 2))));
    cases.add(reject("video-reject-p-mixed-blocks", "a P frame of 2x1 tiles, the first with motion blocks of 16,"
        + " the second of 8", RejectionClass.CORRUPT,
        () -> { List<byte[]> eights = tilesOf(predicted(46, 8, 64), 1);
            return withTiles(predicted(46, 16, 64), 1, tiles -> tiles.set(1, eights.get(1))); }));
    cases.add(reject("video-reject-p-partial-skip", "a P frame of 2x1 tiles whose second tile has no residual data",
        RejectionClass.CORRUPT,
        // Frame 2: the encoder skipped frame 1's residual (its tiles have none), not frame 2's.
        () -> withTiles(predicted(47, 16, 64), 2, tiles -> tiles.set(1, withoutResidual(tiles.get(1))))));
    cases.add(reject("video-reject-p-reference", "a P frame (display 2) predicted from display 0, not from the"
        + " frame just before it", RejectionClass.UNSUPPORTED_FEATURE,
        () -> VideoStreamEdits.withFramePayload(predicted(48, 16, 0), 2, payload -> payload.putInt(8, 0))));
    cases.add(reject("video-reject-p-no-model", "format 1.1 whose sequence chunk names no P-frame model"
        + " (PredictionModelNameLength 0), with P frames", RejectionClass.UNSUPPORTED_FEATURE,
        () -> VideoStreamEdits.withSequencePayload(predicted(49, 16, 0),
            seqh -> {
              byte[] edited = Arrays.copyOf(seqh, SEQUENCE_1_0_LENGTH + 1);
              edited[SEQUENCE_1_0_LENGTH] = 0; // PredictionModelNameLength: no model
              return edited;
            })));
    cases.add(reject("video-reject-p-other-model", "a sequence chunk naming the P-frame model with another hash",
        RejectionClass.MODEL_MISMATCH,
        () -> VideoStreamEdits.withSequencePayload(predicted(50, 16, 0), seqh -> {
          byte[] edited = seqh.clone();
          edited[edited.length - ModelId.HASH_LENGTH] ^= (byte) 0xFF; // PredictionModelHash's first byte
          return edited;
        })));
    return cases;
  }

  /**
   * Three frames of 64x48 (I P P; with {@code tile} 64, 100x40 in 2x1 tiles) at quality 50, motion
   * blocks of {@code blockSize}, no seek index: the base of the P-frame streams to reject.
   */
  private byte[] predicted(long seed, int blockSize, int tile) throws IOException {
    List<RgbImage> frames = tile == 0 ? panning(64, 48, 3, seed) : panning(100, 40, 3, seed);
    return encode(new Clip(frames, 50, false, false, new FrameRate(25, 1), tile, 0, pFrames(blockSize)));
  }

  /** The tile data of frame {@code frame} (stream order) of {@code stream}. */
  private static List<byte[]> tilesOf(byte[] stream, int frame) throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), "encoder output");
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      if (f.get().number() == frame) {
        return tiles(f.get());
      }
    }
    throw new IllegalArgumentException("the stream has no frame " + frame);
  }

  private static List<byte[]> tiles(CodedFrame frame) {
    List<byte[]> tiles = new ArrayList<>();
    for (int t = 0; t < frame.tileCount(); t++) {
      tiles.add(frame.tileData(t));
    }
    return tiles;
  }

  /**
   * {@code stream} written again by the container writer (no seek index), frame {@code frame}'s tiles
   * edited by {@code edit}: tile lengths and checksums are the writer's, only the tile data is wrong.
   */
  private static byte[] withTiles(byte[] stream, int frame, Consumer<List<byte[]>> edit) throws IOException {
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), "encoder output");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoContainerWriter writer = VideoContainerWriter.create(out, reader.sequence(), false)) {
      for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
        List<byte[]> tiles = tiles(f.get());
        if (f.get().number() == frame) {
          edit.accept(tiles);
        }
        writer.writeFrame(f.get().header(), tiles);
      }
      writer.finish();
    }
    return out.toByteArray();
  }

  /** A P tile's data without its ResidualData: BlockSizeCode, MotionLength and MotionData only. */
  private static byte[] withoutResidual(byte[] tile) {
    int motionLength = ByteBuffer.wrap(tile, 1, 4).getInt();
    return Arrays.copyOf(tile, 5 + motionLength);
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
    if (clip.gopLength() > 0) {
      params = params.withGopLength(clip.gopLength());
    }
    if (clip.pFrames() != null) {
      params = params.withPFrames(clip.pFrames());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(model, clip.pFrames() == null ? null : requirePFrameModel(), out,
        params)) {
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
    try (VideoDecoder decoder = VideoDecoder.open(model, pFrameModel, new ByteArrayInputStream(stream), resource)) {
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        frames.add(f.get());
      }
    }
    return frames;
  }

  /** The P-frame model, which the suite's P-frame streams need. */
  private PFrameModel requirePFrameModel() {
    if (pFrameModel == null) {
      throw new IllegalStateException("the suite's P-frame streams need a P-frame model");
    }
    return pFrameModel;
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

  /** {@code count} frames of {@code w} x {@code h}, all the same picture: a still scene. */
  static List<RgbImage> still(int w, int h, int count, long seed) {
    RgbImage scene = SyntheticPictures.scene(w, h, seed);
    return Collections.nCopies(count, scene);
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
