package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.PSNR_FLOOR_DB;
import static org.lic4j.video.VideoSamples.frame;
import static org.lic4j.video.VideoSamples.psnr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.bitstream.container.CodedFrame;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoLimits;

/**
 * Rate control end to end, through the image model and the repository's P-frame model (skipped
 * without it, as {@link PFrameCodingTest}): a clip coded to the bit rate that one quality gives it
 * lands near that rate, with frames at several qualities, and decodes.
 */
final class RateControlCodingTest {
  private static final int WIDTH = 128;
  private static final int HEIGHT = 128;
  private static final int FRAMES = 32;
  private static final int GOP = 16;
  private static final FrameRate RATE = new FrameRate(25, 1);

  /** The stream of the pattern's frames at {@code params}; its encoder's bit-rate summary into {@code summary}. */
  private static byte[] encode(PFrameModel pFrames, VideoEncodeParams params, BitrateSummary[] summary)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(VideoSamples.model(), pFrames, out, params)) {
      for (int k = 0; k < FRAMES; k++) {
        encoder.encode(frame(WIDTH, HEIGHT, k));
      }
      encoder.finish();
      summary[0] = encoder.bitrate().orElse(null);
    }
    return out.toByteArray();
  }

  private static double kbps(byte[] stream) {
    return stream.length * 8.0 / FRAMES * RATE.perSecond() / 1000;
  }

  @Test
  void reachesTheRateOfAFixedQualityAndDecodes() throws IOException {
    PFrameModel pFrames = PFrameCodingTest.model();
    BitrateSummary[] none = new BitrateSummary[1];
    VideoEncodeParams fixed = VideoEncodeParams.quality(50).withGopLength(GOP).withFrameRate(RATE);
    double target = kbps(encode(pFrames, fixed, none));
    assertEquals(null, none[0], "no summary without a target");

    BitrateSummary[] summary = new BitrateSummary[1];
    byte[] stream = encode(pFrames, fixed.withTargetBitrate(target), summary);
    double achieved = kbps(stream);
    System.out.printf("rate control: target %.1f kbit/s (quality 50), achieved %.1f (encoder's count %.1f),"
        + " mean quality %.1f%n", target, achieved, summary[0].achievedKbps(), summary[0].meanQuality());
    assertTrue(Math.abs(achieved / target - 1) <= 0.15, achieved + " kbit/s for " + target);
    // The encoder counts every byte of the stream.
    assertEquals(achieved, summary[0].achievedKbps(), 1e-6 * achieved);
    assertEquals(target, summary[0].targetKbps(), 1e-9);
    assertEquals(FRAMES, summary[0].frames());
    assertTrue(summary[0].unreachable().isEmpty(), summary[0]::toString);

    Set<Integer> qualities = new HashSet<>();
    try (VideoDecoder decoder = VideoDecoder.open(VideoSamples.model(), pFrames, new ByteArrayInputStream(stream),
        "rate.licv")) {
      int k = 0;
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        double db = psnr(frame(WIDTH, HEIGHT, k), f.get().image());
        assertTrue(db > PSNR_FLOOR_DB - 6, "frame " + k + ": " + db + " dB");
        k++;
      }
      assertEquals(FRAMES, k);
    }
    VideoContainerReader reader = VideoContainerReader.open(new ByteArrayInputStream(stream), "rate.licv",
        VideoLimits.DEFAULT);
    for (Optional<CodedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
      qualities.add(f.get().header().quality());
    }
    assertTrue(qualities.size() > 1, "the controller moved the quality: " + qualities);
  }
}
