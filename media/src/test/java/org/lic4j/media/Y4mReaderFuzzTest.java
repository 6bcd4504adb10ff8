package org.lic4j.media;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * Fuzzes the y4m reader, header and frames: whatever the bytes, it returns frames or throws
 * {@link UserInputException}; no other exception, no hang, no allocation beyond its limits (frames
 * capped at {@link #LIMITS}' 4096 pixels, so each input costs little).
 *
 * <p>Seeds (small y4m streams of each colour space) are regenerated with
 * {@code mvn -B -pl video,media -am test -Dtest=Y4mReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlic4j.regenerateSeeds=true}; to fuzz,
 * as the other targets (docs/conformance.md): {@code cd media && JAZZER_FUZZ=1 mvn -B test
 * -Dtest='Y4mReaderFuzzTest#readY4m'}.
 */
class Y4mReaderFuzzTest {
  private static final Y4mLimits LIMITS = new Y4mLimits(256, 256, 4096, 256);
  private static final Path SEEDS = Path.of("src/test/resources/org/lic4j/media/Y4mReaderFuzzTestInputs/readY4m");

  @FuzzTest(maxDuration = "60s")
  void readY4m(byte[] data) {
    try (Y4mReader reader = Y4mReader.open(new ByteArrayInputStream(data), "fuzz", LIMITS, n -> { })) {
      for (Optional<YuvFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
        YuvFrame frame = f.get();
        if (frame.width() != reader.header().width() || frame.height() != reader.header().height()) {
          throw new AssertionError("frame size differs from the header's");
        }
      }
    } catch (UserInputException expected) {
      // Bad input, told as such.
    } catch (IOException e) {
      throw new AssertionError("untyped IOException: " + e, e);
    }
  }

  /** Writes small valid streams: 8-bit 4:2:0 of each siting and 4:4:4, 10-bit, odd sizes. */
  @Test
  @EnabledIfSystemProperty(named = "lic4j.regenerateSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Files.createDirectories(SEEDS);
    int i = 0;
    for (ChromaSiting siting : new ChromaSiting[] {ChromaSiting.CENTER, ChromaSiting.LEFT, ChromaSiting.TOP_LEFT}) {
      ColourDescription colour = new ColourDescription(ColourMatrix.BT709, ColourRange.FULL, siting);
      YuvFrame f = Y4mTest.randomFrame(5, 3, ChromaFormat.YUV420, colour, i);
      Files.write(SEEDS.resolve("seed-" + i++), Y4mTest.write(Y4mHeader.of(f, new FrameRate(30000, 1001)), List.of(f, f)));
    }
    YuvFrame f444 = Y4mTest.randomFrame(4, 2, ChromaFormat.YUV444, ColourDescription.guessFor(4, 2), i);
    Files.write(SEEDS.resolve("seed-" + i++), Y4mTest.write(Y4mHeader.of(f444, new FrameRate(25, 1)), List.of(f444)));
    String tenBit = "YUV4MPEG2 W2 H2 F25:1 Ip A1:1 C420p10 XYSCSS=420P10 XCOLORRANGE=LIMITED\nFRAME\n";
    byte[] header = tenBit.getBytes(StandardCharsets.US_ASCII);
    byte[] seed = new byte[header.length + 12];
    System.arraycopy(header, 0, seed, 0, header.length);
    for (int k = header.length; k < seed.length; k += 2) {
      seed[k] = (byte) 0xff;
      seed[k + 1] = 3;
    }
    Files.write(SEEDS.resolve("seed-" + i), seed);
  }
}
