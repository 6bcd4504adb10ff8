package org.lic4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;

/** Regenerating the suite gives a suite that passes, with the same streams as the committed one. */
class SuiteGeneratorTest {

  @Test
  void aRegeneratedSuitePassesAndHasTheCommittedStreams(@TempDir Path tmp) throws IOException {
    try (ImageEncoder encoder = ImageEncoder.open(CodecOptions.defaults());
        ImageDecoder decoder = ImageDecoder.open(CodecOptions.defaults())) {
      SuiteManifest fresh = new SuiteGenerator(encoder, decoder).generate(tmp);
      for (ConformanceCheck.Result r : new ConformanceCheck(decoder).check(tmp)) {
        assertTrue(r.passed(), r.name() + ": " + r.detail());
      }
      Map<String, SuiteManifest.Entry> committed = ConformanceSuiteTest.byEntry(SuiteManifest.read(ConformanceSuiteTest.SUITE));
      assertEquals(committed.keySet(), ConformanceSuiteTest.byEntry(fresh).keySet(),
          "the generator's cases differ from the committed suite's: regenerate it (docs/conformance.md)");
      // Latents depend on the encoder's float analysis, which may differ between machines, so
      // only the cases are compared, not the digests. What the decoder must reproduce is checked
      // against the committed suite.
    }
  }
}
