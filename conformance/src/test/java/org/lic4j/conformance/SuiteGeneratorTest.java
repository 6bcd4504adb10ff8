package org.lic4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.video.PFrameModel;

/**
 * Regenerating the suite gives a suite that passes, with the same streams as the committed one, and
 * removes the streams of the previous suite that the new one no longer has.
 */
class SuiteGeneratorTest {

  @Test
  void aRegeneratedSuitePassesAndHasTheCommittedStreams(@TempDir Path tmp) throws IOException {
    try (ImageEncoder encoder = ImageEncoder.open(CodecOptions.defaults());
        ImageDecoder decoder = ImageDecoder.open(CodecOptions.defaults());
        PFrameModel pFrameModel = PFrameModel.open(CodecOptions.defaults())) {
      // A previous suite whose manifest lists a stream the generator no longer writes (as when a
      // model drops a quality level), and a file that is not part of any suite.
      SuiteManifest old = SuiteManifest.read(ConformanceSuiteTest.SUITE);
      SuiteManifest.Entry reject = old.streams().stream().filter(e -> !e.expectsDecode()).findFirst().orElseThrow();
      List<SuiteManifest.Entry> oldEntries = new ArrayList<>(old.streams());
      oldEntries.add(new SuiteManifest.Entry("quality-stale", "quality-stale.lic", "a level of an older model",
          List.of(), SuiteManifest.EXPECT_REJECT, reject.rejectAs(), 0, 0, null, 0, null, 1, "00", null, null, null,
          null, null, null));
      SuiteManifest planted = new SuiteManifest(old.suite(), old.format(), old.model(), old.modelSha256(),
          old.pFrameModel(), old.pFrameModelSha256(), old.regenerate(), oldEntries);
      Files.writeString(tmp.resolve(SuiteManifest.FILE_NAME), planted.toJson());
      Files.write(tmp.resolve("quality-stale.lic"), new byte[] {1});
      Files.writeString(tmp.resolve("notes.txt"), "not the generator's");

      SuiteManifest fresh = new SuiteGenerator(encoder, decoder, pFrameModel).generate(tmp);
      assertFalse(Files.exists(tmp.resolve("quality-stale.lic")), "a stream the new suite does not list is deleted");
      assertTrue(Files.exists(tmp.resolve("notes.txt")), "a file no manifest listed is left alone");
      for (ConformanceCheck.Result r : new ConformanceCheck(decoder, pFrameModel).check(tmp)) {
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
