package org.lic4j.bitstream.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.SourceColour;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;

/**
 * Video streams the tests share, made here from nothing: sequences of any size and tile data that
 * differs per frame and tile, so a frame or tile handed back in the wrong place shows.
 */
final class VideoSamples {
  static final String RESOURCE = "clip.licv";
  static final SourceColour BT601 = new SourceColour(
      ColourMatrix.SMPTE170M, ColourRange.LIMITED, ChromaSiting.LEFT, ChromaFormat.YUV420);

  private VideoSamples() {}

  /** A sequence of {@code width x height} RGB in 64 x 64 tiles, 25 fps, BT.601 4:2:0 source. */
  static SequenceHeader sequence(int width, int height, int gop, long frameCount) {
    StreamHeader stream = StreamHeader.builder()
        .mediaKind(MediaKind.VIDEO)
        .size(width, height)
        .colourFormat(ColourFormat.RGB)
        .model(Samples.MODEL)
        .quality(6000)
        .tiles(new TileLayout(64, 64, 0))
        .frame(org.lic4j.bitstream.FrameType.INTRA, 0, gop)
        .build();
    return new SequenceHeader(stream, new FrameRate(25, 1), BT601, frameCount);
  }

  /** Codec bytes of tile {@code tile} of frame {@code frame}: a few bytes, some empty. */
  static byte[] tileData(long frame, int tile) {
    byte[] data = new byte[(int) ((frame * 7 + tile * 3) % 11)];
    for (int k = 0; k < data.length; k++) {
      data[k] = (byte) (frame * 31 + tile * 17 + k);
    }
    return data;
  }

  static List<byte[]> tiles(SequenceHeader sequence, long frame) {
    List<byte[]> tiles = new ArrayList<>();
    for (int t = 0; t < sequence.tileCount(); t++) {
      tiles.add(tileData(frame, t));
    }
    return tiles;
  }

  /** All-intra: frame {@code n} has display index {@code n}, quality varying. */
  static FrameHeader intra(long n) {
    return FrameHeader.intra(n, (int) (5000 + 100 * (n % 10)));
  }

  /** {@code frames} intra frames, written with or without index. */
  static byte[] allIntra(SequenceHeader sequence, int frames, boolean indexed) {
    return write(sequence, indexed, writer -> {
      for (int n = 0; n < frames; n++) {
        writer.writeFrame(intra(n), tiles(sequence, n));
      }
    });
  }

  /**
   * Format 1.0's golden video stream (see {@link VideoGoldenStreamTest}; do not change what it
   * writes): 100 x 50 in two tiles, 30000/1001 fps, a BT.709 full-range 4:4:4 source, GOP 3,
   * four frames I0 P2 B1 I3 (stream order), metadata, an unknown optional chunk, the index.
   */
  static byte[] golden() {
    StreamHeader stream = StreamHeader.builder()
        .mediaKind(MediaKind.VIDEO)
        .size(100, 50)
        .colourFormat(ColourFormat.RGB)
        .model(Samples.MODEL)
        .quality(6000)
        .tiles(new TileLayout(64, 64, 0))
        .frame(org.lic4j.bitstream.FrameType.INTRA, 0, 3)
        .build();
    SequenceHeader sequence = new SequenceHeader(stream, new FrameRate(30_000, 1001),
        new SourceColour(ColourMatrix.BT709, ColourRange.FULL, ChromaSiting.CENTER,
            ChromaFormat.YUV444), 4);
    return write(sequence, true, writer -> {
      writer.writeMetadata(org.lic4j.bitstream.ChunkType.TEXT, Samples.TEXT);
      writer.writeFrame(FrameHeader.intra(0, 6000), tiles(sequence, 0));
      writer.writeFrame(new FrameHeader(org.lic4j.bitstream.FrameType.PREDICTED, 5000, 2,
          List.of(0L)), tiles(sequence, 1));
      writer.writeFrame(new FrameHeader(org.lic4j.bitstream.FrameType.BIPREDICTED, 4000, 1,
          List.of(0L, 2L)), tiles(sequence, 2));
      writer.writeMetadata(Samples.PRIVATE_OPTIONAL, Samples.PRIVATE);
      writer.writeFrame(FrameHeader.intra(3, 6000), tiles(sequence, 3));
    });
  }

  /** What a test writes between create and finish. */
  interface Body {
    void write(VideoContainerWriter writer) throws IOException;
  }

  static byte[] write(SequenceHeader sequence, boolean indexed, Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (VideoContainerWriter writer = VideoContainerWriter.create(bytes, sequence, indexed)) {
        body.write(writer);
        writer.finish();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
