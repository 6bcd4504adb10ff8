package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;

/** The P tile's syntax: written and parsed back, tiles cut from and put into a frame's field, damage rejected. */
class PredictedTileTest {
  @Test
  void writesAndParsesBack() throws CorruptStreamException {
    Random random = new Random(3);
    for (int block : new int[] {16, 8}) {
      // A 100 x 50 tile area (an edge tile): 7 x 4 blocks of 16, 13 x 7 of 8.
      int columns = MotionCompensation.blockColumns(100, block);
      int rows = MotionCompensation.blockRows(50, block);
      int[] vectors = new int[2 * columns * rows];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = random.nextInt(513) - 256;
      }
      byte[] residual = {1, 2, 3, 4, 5};
      byte[] data = PredictedTile.of(100, 50, block, vectors, residual).write();
      assertEquals(block == 16 ? 0 : 1, data[0]);
      PredictedTile parsed = PredictedTile.parse(data, 0, data.length, 100, 50, 1000, "clip.licv");
      assertEquals(block, parsed.blockSize());
      assertArrayEquals(vectors, parsed.vectors());
      assertArrayEquals(residual, parsed.residual());
    }
  }

  @Test
  void aPFrameInAStreamIsParsedByATool() throws IOException {
    // An intra frame, then a P frame from it whose one tile carries the estimated field.
    byte[] intra = VideoSamples.encode(64, 48, 1, VideoEncodeParams.quality(50));
    byte[] current = VideoSamples.frame(64, 48, 1).rgb();
    int[] field = MotionEstimator.trainingDefault().estimate(VideoSamples.frame(64, 48, 0).rgb(), current, 64, 48, 8);
    byte[] tile = PredictedTile.of(64, 48, 8, field, new byte[] {7}).write();
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(intra), "intra");
    CodedFrame first = reader.next().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoContainerWriter writer = VideoContainerWriter.create(out, reader.sequence(), false)) {
      writer.writeFrame(first.header(), List.of(first.tileData(0)));
      writer.writeFrame(new FrameHeader(FrameType.PREDICTED, first.header().quality(), 1, List.of(0L)), List.of(tile));
      writer.finish();
    }
    byte[] stream = out.toByteArray();

    VideoContainerReader tool = VideoContainerReader.open(new ByteArrayInputStream(stream), "clip.licv");
    tool.next().orElseThrow();
    CodedFrame p = tool.next().orElseThrow();
    assertEquals(FrameType.PREDICTED, p.header().type());
    PredictedTile parsed = PredictedTile.parse(p.tileData(0), 0, p.tileLength(0), 64, 48, p.offset(), "clip.licv");
    assertArrayEquals(field, parsed.vectors());
    assertEquals(8, parsed.blockSize());

    try (VideoDecoder decoder = VideoDecoder.open(VideoSamples.model(), new ByteArrayInputStream(stream), "clip.licv")) {
      Optional<DecodedFrame> intraFrame = decoder.next();
      assertTrue(intraFrame.isPresent());
      assertThrows(UnsupportedFeatureException.class, decoder::next);
    }
  }

  @Test
  void tilesMakeUpTheFrameField() {
    int frameColumns = 22;
    int frameRows = 18;
    int[] frame = new int[2 * frameColumns * frameRows];
    for (int i = 0; i < frame.length; i++) {
      frame[i] = i % 513 - 256;
    }
    // Tiles of 256 samples at blocks of 16: 16 x 16 blocks, the right and bottom ones cut.
    int[] rebuilt = new int[frame.length];
    for (int row = 0; row < frameRows; row += 16) {
      for (int column = 0; column < frameColumns; column += 16) {
        int columns = Math.min(16, frameColumns - column);
        int rows = Math.min(16, frameRows - row);
        int[] part = PredictedTile.tileField(frame, frameColumns, column, row, columns, rows);
        new PredictedTile(16, columns, rows, part, new byte[0]).placeInto(rebuilt, frameColumns, column, row);
      }
    }
    assertArrayEquals(frame, rebuilt);
  }

  @Test
  void rejectsDamage() {
    byte[] data = PredictedTile.of(64, 64, 16, new int[32], new byte[] {9, 9}).write();
    assertCorrupt(data, data.length - 3, "shorter"); // cut into the motion field
    byte[] code = data.clone();
    code[0] = 2;
    assertCorrupt(code, code.length, "block size code 2");
    byte[] length = data.clone();
    length[4] = 7;
    assertCorrupt(length, length.length, "motion length 7");
    byte[] huge = data.clone();
    huge[1] = (byte) 0xff;
    assertCorrupt(huge, huge.length, "motion length 4278");
    byte[] flipped = data.clone();
    flipped[HEADER + 2] ^= 0x40;
    assertCorrupt(flipped, flipped.length, "motion field");
  }

  private static final int HEADER = PredictedTile.HEADER_BYTES;

  private static void assertCorrupt(byte[] data, int len, String reason) {
    CorruptStreamException e = assertThrows(CorruptStreamException.class,
        () -> PredictedTile.parse(data, 0, Math.min(len, data.length), 64, 64, 500, "clip.licv"));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
