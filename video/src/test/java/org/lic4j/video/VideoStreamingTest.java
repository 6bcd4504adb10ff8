package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.frame;
import static org.lic4j.video.VideoSamples.model;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Frames go through a pipe one at a time: the encoder codes frame k+1 only after the decoder has
 * returned frame k, so neither side may wait for more than the frame in hand (a buffering encoder
 * or a decoder reading ahead would stall, and the test would time out).
 */
class VideoStreamingTest {
  private static final int FRAMES = 3;
  private static final long TIMEOUT_SECONDS = 120;

  @Test
  void framesCrossAPipeOneByOne() throws Exception {
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    SynchronousQueue<Long> received = new SynchronousQueue<>();
    ExecutorService producer = Executors.newSingleThreadExecutor();
    try {
      Future<Long> encoded = producer.submit(() -> {
        try (VideoEncoder encoder = VideoEncoder.open(model(), out, VideoEncodeParams.quality(50))) {
          for (int k = 0; k < FRAMES; k++) {
            if (k > 0) {
              Long got = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
              if (got == null || got != k - 1) {
                throw new IllegalStateException("frame " + (k - 1) + " did not arrive before frame " + k
                    + " was coded (got " + got + ")");
              }
            }
            encoder.encode(frame(96, 64, k));
          }
          encoder.finish();
          return encoder.frames();
        }
      });
      try (VideoDecoder decoder = VideoDecoder.open(model(), in, "-")) {
        for (long k = 0; k < FRAMES; k++) {
          DecodedFrame f = decoder.next().orElseThrow();
          assertEquals(k, f.displayIndex());
          if (k < FRAMES - 1) {
            assertTrue(received.offer(k, TIMEOUT_SECONDS, TimeUnit.SECONDS), "the encoder did not wait for frame " + k);
          }
        }
        assertTrue(decoder.next().isEmpty());
      }
      assertEquals(FRAMES, encoded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } finally {
      producer.shutdownNow();
    }
  }

  @Test
  void thePipedFramesAreThoseOfAByteArray() throws Exception {
    byte[] stream = VideoSamples.encode(96, 64, 2, VideoEncodeParams.quality(50));
    List<DecodedFrame> direct = VideoCodecTest.decodeAll(stream);
    PipedInputStream in = new PipedInputStream(1 << 10);
    PipedOutputStream out = new PipedOutputStream(in);
    Thread writer = new Thread(() -> {
      try (out) {
        out.write(stream);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    try (VideoDecoder decoder = VideoDecoder.open(model(), in, "-")) {
      for (DecodedFrame expected : direct) {
        assertArrayEquals(expected.image().rgb(), decoder.next().orElseThrow().image().rgb());
      }
      assertTrue(decoder.next().isEmpty());
    }
    writer.join();
  }
}
