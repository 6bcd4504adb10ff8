package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.RgbImage;
import org.lic4j.conformance.SyntheticPictures;
import org.lic4j.media.Metrics;

/**
 * Each classical pipeline codes a picture and decodes it to the same pixels, nearly: a wrong colour
 * matrix or range on either side costs many dB, so the thresholds catch the PLATFORM.md pitfalls.
 * Skipped, with a message, where the codec's programs are not installed.
 */
class ClassicalCodecsTest {
  @TempDir Path work;

  // The test picture's sharp blue edges cost the 4:2:0 codecs a few dB of chroma.
  @Test
  void jpeg420() throws IOException {
    check(JpegCodec.probe(true, work), 95, 35);
  }

  @Test
  void jpeg444() throws IOException {
    check(JpegCodec.probe(false, work), 95, 40);
  }

  @Test
  void webp() throws IOException {
    check(WebpCodec.probe(work), 95, 28);
  }

  @Test
  void avif() throws IOException {
    check(AvifCodec.probe(work), 4, 45);
  }

  @Test
  void x265() throws IOException {
    // Near-lossless QP: what is left is mostly the 8-bit Y'CbCr round trip (about 50 dB).
    check(X265Codec.probe(work), 4, 45);
  }

  @Test
  void missingProgramsAreSkippedWithAnInstallHint() throws IOException {
    Path empty = Files.createDirectory(work.resolve("empty"));
    String saved = System.getProperty(Tool.PATH_PROPERTY);
    System.setProperty(Tool.PATH_PROPERTY, empty.toString());
    try {
      Probe p = X265Codec.probe(work);
      assertEquals(null, p.codec());
      assertTrue(p.skipped().contains("x265 not found") && p.skipped().contains("apt-get install"), p.skipped());
    } finally {
      if (saved == null) {
        System.clearProperty(Tool.PATH_PROPERTY);
      } else {
        System.setProperty(Tool.PATH_PROPERTY, saved);
      }
    }
  }

  private void check(Probe probe, double setting, double minPsnr) throws IOException {
    assumeTrue(probe.codec() != null, "skipped: " + probe.skipped());
    RdCodec codec = probe.codec();
    assertTrue(codec.tool().length() > 10, codec.tool());
    // Smooth ramps: every codec reaches its usual quality on them at a high setting.
    RgbImage picture = SyntheticPictures.gradient(200, 184);
    Path dir = Files.createDirectory(work.resolve("subject"));
    Subject subject = new Subject("test.png", picture, dir);
    Path trial = Files.createDirectory(work.resolve("trial"));
    RdCodec.Trial t = codec.run(subject, setting, trial);
    assertEquals(picture.width(), t.decoded().width());
    assertEquals(picture.height(), t.decoded().height());
    assertTrue(t.bytes() > 0 && t.bytes() < picture.rgb().length, "bytes " + t.bytes());
    double psnr = Metrics.psnr(picture, t.decoded());
    assertTrue(psnr > minPsnr, codec.id() + " at " + setting + ": " + psnr + " dB");
    assertTrue(t.encodeNanos() > 0 && t.decodeNanos() > 0);
  }
}
