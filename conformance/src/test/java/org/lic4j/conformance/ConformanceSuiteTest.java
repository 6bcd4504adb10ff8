package org.lic4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.RejectionClass;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ExitCode;
import org.lic4j.codec.Failure;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.video.PFrameModel;

/** The committed suite passes with the reference decoder, and the check catches what it must. */
class ConformanceSuiteTest {
  static final Path SUITE = Path.of("streams");

  static ImageDecoder decoder;
  static PFrameModel pFrameModel;

  @BeforeAll
  static void open() throws IOException {
    decoder = ImageDecoder.open(CodecOptions.defaults());
    pFrameModel = PFrameModel.open(CodecOptions.defaults());
  }

  @AfterAll
  static void close() {
    pFrameModel.close();
    decoder.close();
  }

  @Test
  void everyStreamOfTheCommittedSuitePasses() throws IOException {
    List<ConformanceCheck.Result> results = new ConformanceCheck(decoder, pFrameModel).check(SUITE);
    assertEquals(SuiteManifest.read(SUITE).streams().size(), results.size());
    for (ConformanceCheck.Result r : results) {
      assertTrue(r.passed(), r.name() + ": " + r.detail());
    }
  }

  @Test
  void passesWithoutGraphOptimisationOnOneThread() throws IOException {
    CodecOptions options = CodecOptions.defaults().withThreads(1).withOptimization(CodecOptions.Optimization.NONE);
    try (ImageDecoder plain = ImageDecoder.open(options); PFrameModel plainP = PFrameModel.open(options)) {
      for (ConformanceCheck.Result r : new ConformanceCheck(plain, plainP).check(SUITE)) {
        assertTrue(r.passed(), r.name() + ": " + r.detail());
        assertEquals("exact", r.latents().equals("-") ? "exact" : r.latents(), r.name());
      }
    }
  }

  /**
   * CPU against CUDA: the same latents (the check requires them exactly) and pixels within the
   * suite's tolerance. Runs only where ONNX Runtime has a working CUDA provider (build with
   * {@code -Pcuda} on a machine with a GPU).
   */
  @Test
  void cudaParsesTheSameLatents() throws IOException {
    ImageDecoder cuda;
    CodecOptions options = CodecOptions.defaults().withDevice(CodecOptions.Device.CUDA);
    try {
      cuda = ImageDecoder.open(options);
    } catch (Exception e) {
      org.junit.jupiter.api.Assumptions.abort("no CUDA here (" + e.getMessage() + "): CPU against CUDA not checked");
      return;
    }
    try (cuda; PFrameModel cudaP = PFrameModel.open(options)) {
      for (ConformanceCheck.Result r : new ConformanceCheck(cuda, cudaP).check(SUITE)) {
        assertTrue(r.passed(), r.name() + " on CUDA: " + r.detail());
      }
    }
  }

  @Test
  void theSuiteCoversWhatTheIssueAsksFor() throws IOException {
    SuiteManifest m = SuiteManifest.read(SUITE);
    List<String> features = m.streams().stream().flatMap(e -> e.features().stream()).toList();
    for (String f : List.of("size", "odd", "non-square", "quality", "interpolation", "gray", "alpha", "tiles", "large",
        "iccp", "exif", "text", "unknown-optional", "order", "version", "model-output", "reject",
        "video", "one-frame", "seek-index", "no-index", "frame-count", "p-frames", "gop", "hierarchy",
        "skipped-residual", "blocks-8")) {
      assertTrue(features.contains(f), "no stream exercises " + f);
    }
    // Every one of the model's quality levels.
    long levels = m.streams().stream().filter(e -> e.features().equals(List.of("quality"))).count();
    try (ImageEncoder encoder = ImageEncoder.open(CodecOptions.defaults())) {
      assertEquals(encoder.qualityLevels(), levels);
    }
    // Video: odd sizes, a frame with several tiles, and each rejection the issue names.
    Map<String, SuiteManifest.Entry> entries = byEntry(m);
    assertTrue(m.streams().stream().anyMatch(e -> e.isVideo() && e.expectsDecode() && e.width() % 2 == 1
        && e.height() % 2 == 1), "no video of odd size");
    assertEquals(1, entries.get("video-1-frame").video().frames().size());
    assertEquals(Boolean.FALSE, entries.get("video-65x47-odd").video().seekIndex());
    assertEquals(0L, entries.get("video-65x47-odd").video().frameCount());
    assertEquals(4L, entries.get("video-64x48-indexed").video().frameCount());
    assertEquals("2x1 of 64, overlap 0", entries.get("video-tiles-2x1").tiles());
    for (String name : List.of("video-reject-truncated", "video-reject-damaged-frame", "video-reject-damaged-index",
        "video-reject-missing-frame", "video-reject-unknown-mandatory", "video-reject-p-frame",
        "video-reject-missing-reference", "video-reject-p-damaged-motion", "video-reject-p-block-size",
        "video-reject-p-mixed-blocks", "video-reject-p-partial-skip", "video-reject-p-reference",
        "video-reject-p-no-model", "video-reject-p-other-model")) {
      assertTrue(entries.get(name).isVideo() && !entries.get(name).expectsDecode(), name);
    }
    // P frames (issue 20): the P-frame model named, each frame's type, GOPs of 4.
    assertEquals(pFrameModel.id().name(), m.pFrameModel());
    assertEquals(pFrameModel.id().sha256Hex(), m.pFrameModelSha256());
    assertEquals(List.of("I", "P", "P", "P", "I", "P", "P", "P"),
        entries.get("video-p-gop4").video().frames().stream().map(SuiteManifest.Frame::type).toList());
    assertEquals("2x1 of 64, overlap 0", entries.get("video-p-tiles-blocks8").tiles());
  }

  /**
   * The still scene's P frames skip their residual (the frame is its prediction): every tile has
   * its field and no residual symbols; the other P streams code theirs in at least one frame.
   */
  @Test
  void theStillSceneSkipsEveryResidualAndTheOthersCodeSome() throws IOException {
    Map<String, Integer> skipped = new java.util.TreeMap<>();
    Map<String, Integer> coded = new java.util.TreeMap<>();
    for (String name : List.of("video-p-static", "video-p-gop4", "video-p-tiles-blocks8")) {
      byte[] stream = Files.readAllBytes(SUITE.resolve(name + VideoSuite.SUFFIX));
      var reader = org.lic4j.bitstream.container.VideoContainerReader.open(
          new java.io.ByteArrayInputStream(stream), name);
      for (var f = reader.next(); f.isPresent(); f = reader.next()) {
        if (f.get().header().isIntra()) {
          continue;
        }
        List<byte[]> tiles = new java.util.ArrayList<>();
        for (int t = 0; t < f.get().tileCount(); t++) {
          tiles.add(f.get().tileData(t));
        }
        var symbols = org.lic4j.video.conformance.VideoConformanceAccess.predictedTiles(pFrameModel,
            reader.sequence().stream(), tiles, name);
        assertEquals(f.get().tileCount(), symbols.size());
        boolean all = symbols.stream().allMatch(t -> t.skipped());
        (all ? skipped : coded).merge(name, 1, Integer::sum);
        int block = name.endsWith("blocks8") ? 8 : 16;
        assertTrue(symbols.stream().allMatch(t -> t.blockSize() == block && t.vectors().length > 0), name);
      }
    }
    assertEquals(3, skipped.get("video-p-static"), skipped.toString());
    assertFalse(coded.containsKey("video-p-static"), coded.toString());
    assertTrue(coded.containsKey("video-p-gop4") && coded.containsKey("video-p-tiles-blocks8"), coded.toString());
  }

  @Test
  void aSuiteWithPFramesIsRefusedWithoutItsPFrameModel() {
    IOException e = assertThrows(IOException.class, () -> new ConformanceCheck(decoder).check(SUITE));
    assertTrue(e.getMessage().contains("the suite's P frames are for model lic-pframe-v1"), e.getMessage());
    assertTrue(e.getMessage().contains("the decoder has no P-frame model"), e.getMessage());
  }

  @Test
  void aTamperedPFrameDigestOrTypeFails(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    Map<String, SuiteManifest.Entry> m = byEntry(SuiteManifest.read(copy));
    replaceInManifest(copy, m.get("video-p-gop4").video().frames().get(5).latentSha256(), "0".repeat(64));
    // video-p-static's frame 0 called a P frame: the type is checked, not only the digest.
    String first = m.get("video-p-static").video().frames().get(0).latentSha256();
    replaceInManifest(copy, "\"type\": \"I\",\n            \"latentSha256\": \"" + first,
        "\"type\": \"P\",\n            \"latentSha256\": \"" + first);
    Map<String, ConformanceCheck.Result> results = byName(new ConformanceCheck(decoder, pFrameModel).check(copy));
    ConformanceCheck.Result latents = results.get("video-p-gop4");
    assertFalse(latents.passed());
    assertTrue(latents.detail().startsWith("frame 5: latents differ"), latents.detail());
    ConformanceCheck.Result type = results.get("video-p-static");
    assertFalse(type.passed());
    assertEquals("frame 0 is of type I, manifest P", type.detail());
  }

  @Test
  void aDamagedStreamFileFails(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    Path file = copy.resolve("size-16x16.lic");
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 1;
    Files.write(file, b);
    ConformanceCheck.Result r = byName(new ConformanceCheck(decoder, pFrameModel).check(copy)).get("size-16x16");
    assertFalse(r.passed());
    assertTrue(r.detail().contains("SHA-256"), r.detail());
  }

  @Test
  void otherLatentsFailAndOtherPixelsAreJudgedByTolerance(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    SuiteManifest m = SuiteManifest.read(copy);
    // A decoder whose latents differ fails, whatever its pixels.
    replaceInManifest(copy, byEntry(m).get("gray").latentSha256(), "0".repeat(64));
    // Pixels that are not bit-exact pass when they are within tolerance of the reference PNG
    // (identical to it on the machine that made the suite; elsewhere the float graphs may move a
    // sample by a level or so, which the tolerance is there for).
    replaceInManifest(copy, byEntry(m).get("rgba").pixelSha256(), "0".repeat(64));
    Map<String, ConformanceCheck.Result> results = byName(new ConformanceCheck(decoder, pFrameModel).check(copy));
    assertFalse(results.get("gray").passed());
    assertTrue(results.get("gray").detail().startsWith("latents differ"), results.get("gray").detail());
    assertTrue(results.get("rgba").passed(), results.get("rgba").detail());
    assertEquals("within tolerance", results.get("rgba").detail());
    assertTrue(results.get("rgba").pixels().matches("max [0-" + SuiteGenerator.MAX_ABS_DIFF + "],.*"),
        results.get("rgba").pixels());
  }

  @Test
  void pixelsBeyondToleranceFail(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    SuiteManifest.Entry e = byEntry(SuiteManifest.read(copy)).get("size-64x64");
    // The reference moved by more than the tolerance in one sample: the decode is now too far.
    var png = javax.imageio.ImageIO.read(copy.resolve(e.reference()).toFile());
    int rgb = png.getRGB(5, 5);
    png.setRGB(5, 5, rgb ^ 0x00400000);
    javax.imageio.ImageIO.write(png, "png", copy.resolve(e.reference()).toFile());
    replaceInManifest(copy, e.pixelSha256(), "0".repeat(64));
    ConformanceCheck.Result r = byName(new ConformanceCheck(decoder, pFrameModel).check(copy)).get("size-64x64");
    assertFalse(r.passed());
    assertTrue(r.detail().startsWith("pixels beyond tolerance"), r.detail());
  }

  @Test
  void aSuiteForAnotherModelIsRefusedAsAWhole(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    replaceInManifest(copy, SuiteManifest.read(copy).modelSha256(), "ab".repeat(32));
    IOException e = assertThrows(IOException.class, () -> new ConformanceCheck(decoder, pFrameModel).check(copy));
    assertTrue(e.getMessage().contains("the suite is for model"), e.getMessage());
  }

  @Test
  void aFolderWithoutManifestIsNotASuite(@TempDir Path tmp) {
    IOException e = assertThrows(IOException.class, () -> new ConformanceCheck(decoder, pFrameModel).check(tmp));
    assertTrue(e.getMessage().contains("not a conformance suite"), e.getMessage());
  }

  /**
   * The runner and the command line classify with the same {@link Failure}: every stream the suite
   * rejects gets its manifest's class there, and exit code 2 (bad input) from {@code lic4j}.
   */
  @Test
  void everyRejectedStreamGetsItsManifestClassAndExitCodeTwo() throws IOException {
    int rejected = 0;
    int rejectedVideos = 0;
    VideoSuite videos = new VideoSuite(decoder.model(), pFrameModel);
    for (SuiteManifest.Entry e : SuiteManifest.read(SUITE).streams()) {
      if (e.expectsDecode()) {
        continue;
      }
      byte[] stream = Files.readAllBytes(SUITE.resolve(e.file()));
      if (e.isVideo()) {
        Exception x = assertThrows(Exception.class, () -> videos.decode(stream, e.file()), e.name());
        Failure f = Failure.of(x);
        assertEquals(RejectionClass.of(e.rejectAs()), f.rejection(), e.name() + ": " + x);
        assertEquals(ExitCode.BAD_INPUT, f.exitCode(), e.name() + ": " + x);
        assertTrue(f.message().startsWith(e.file() + ": "), f.message());
        rejectedVideos++;
        continue;
      }
      Exception x = assertThrows(Exception.class, () -> decoder.decode(stream, e.file()), e.name());
      Failure f = Failure.of(x);
      assertEquals(RejectionClass.of(e.rejectAs()), f.rejection(), e.name() + ": " + x);
      assertEquals(ExitCode.BAD_INPUT, f.exitCode(), e.name() + ": " + x);
      assertTrue(f.message().startsWith(e.file() + ": "), f.message());
      rejected++;
    }
    assertEquals(4, rejected);
    assertEquals(14, rejectedVideos);
  }

  /** Each video rejection fails for the reason its description gives, not for another one. */
  @Test
  void eachVideoRejectionNamesItsReason() throws IOException {
    VideoSuite videos = new VideoSuite(decoder.model(), pFrameModel);
    Map<String, String> reasons = Map.ofEntries(
        Map.entry("video-reject-truncated", "truncated: frame 1"),
        Map.entry("video-reject-damaged-frame", "frame 1: chunk 'FRAM' checksum mismatch"),
        Map.entry("video-reject-damaged-index", "after frame 1: index: chunk 'indx' checksum mismatch"),
        Map.entry("video-reject-missing-frame", "stream has 1 frames, its sequence header declares 2"),
        Map.entry("video-reject-unknown-mandatory", "unknown mandatory chunk type 'ZZZZ'"),
        // Since P frames are decoded (format 1.1), one in a 1.0 stream is refused for want of a model.
        Map.entry("video-reject-p-frame", "frame 1: P frame in a stream that names no P-frame model"),
        Map.entry("video-reject-missing-reference", "frame 1 (display 2): reference 1 is not among"),
        Map.entry("video-reject-p-damaged-motion", "frame 1: tile 0: P tile motion field: "),
        Map.entry("video-reject-p-block-size", "frame 1: tile 0: P tile block size code 2 undefined"),
        Map.entry("video-reject-p-mixed-blocks", "frame 1: tile 1: block size 8, tile 0 has 16"),
        Map.entry("video-reject-p-partial-skip", "frame 2: tile 1: residual data empty, tile 0's present"),
        Map.entry("video-reject-p-reference", "frame 2: P frame refers to frame 0, not to the frame decoded just"
            + " before it (1)"),
        Map.entry("video-reject-p-no-model", "frame 1: P frame in a stream that names no P-frame model"),
        Map.entry("video-reject-p-other-model", "coded with model lic-pframe-v1 (sha256 "));
    for (Map.Entry<String, String> r : reasons.entrySet()) {
      byte[] stream = Files.readAllBytes(SUITE.resolve(r.getKey() + VideoSuite.SUFFIX));
      Exception x = assertThrows(Exception.class, () -> videos.decode(stream, r.getKey()));
      assertTrue(x.getMessage().startsWith(r.getValue()), r.getKey() + ": " + x.getMessage());
    }
  }

  @Test
  void aTamperedVideoDigestFailsAndOtherVideoPixelsAreJudgedByTolerance(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    Map<String, SuiteManifest.Entry> m = byEntry(SuiteManifest.read(copy));
    replaceInManifest(copy, m.get("video-64x48-indexed").video().frames().get(2).latentSha256(), "0".repeat(64));
    replaceInManifest(copy, m.get("video-65x47-odd").video().frames().get(1).pixelSha256(), "0".repeat(64));
    Map<String, ConformanceCheck.Result> results = byName(new ConformanceCheck(decoder, pFrameModel).check(copy));
    ConformanceCheck.Result latents = results.get("video-64x48-indexed");
    assertFalse(latents.passed());
    assertEquals("DIFFER", latents.latents());
    assertTrue(latents.detail().startsWith("frame 2: latents differ"), latents.detail());
    // The frame's pixels are the reference's slice: within tolerance.
    ConformanceCheck.Result pixels = results.get("video-65x47-odd");
    assertTrue(pixels.passed(), pixels.detail());
    assertEquals("3 frames, within tolerance", pixels.detail());
    assertTrue(pixels.pixels().startsWith("max 0, "), pixels.pixels());
  }

  @Test
  void videoPixelsBeyondToleranceFail(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    SuiteManifest.Entry e = byEntry(SuiteManifest.read(copy)).get("video-tiles-2x1");
    // Frame 2's slice of the reference moved by more than the tolerance in one sample.
    var png = javax.imageio.ImageIO.read(copy.resolve(e.reference()).toFile());
    int y = 2 * e.height() + 7;
    png.setRGB(70, y, png.getRGB(70, y) ^ 0x00400000);
    javax.imageio.ImageIO.write(png, "png", copy.resolve(e.reference()).toFile());
    replaceInManifest(copy, e.video().frames().get(2).pixelSha256(), "0".repeat(64));
    ConformanceCheck.Result r = byName(new ConformanceCheck(decoder, pFrameModel).check(copy)).get("video-tiles-2x1");
    assertFalse(r.passed());
    assertTrue(r.detail().startsWith("frame 2: pixels beyond tolerance"), r.detail());
  }

  @Test
  void aVideoEntryWithoutFrameDigestsIsAMalformedManifest(@TempDir Path tmp) throws IOException {
    Path copy = copySuite(tmp);
    String digest = byEntry(SuiteManifest.read(copy)).get("video-1-frame").video().frames().get(0).latentSha256();
    replaceInManifest(copy, "\"latentSha256\": \"" + digest + "\",", "");
    IOException x = assertThrows(IOException.class, () -> SuiteManifest.read(copy));
    assertTrue(x.getMessage().contains("stream video-1-frame lacks digests"), x.getMessage());
  }

  @Test
  void aRejectionOfAnotherClassFails(@TempDir Path tmp) throws IOException {
    Path suite = copySuite(tmp);
    replaceInManifest(suite, "\"rejectAs\": \"unsupported-feature\"", "\"rejectAs\": \"corrupt\"");
    Map<String, ConformanceCheck.Result> results = new ConformanceCheck(decoder, pFrameModel).check(suite).stream()
        .collect(Collectors.toMap(ConformanceCheck.Result::name, Function.identity()));
    ConformanceCheck.Result r = results.get("reject-unknown-mandatory");
    assertFalse(r.passed());
    assertTrue(r.detail().startsWith("rejected as unsupported-feature, must be corrupt"), r.detail());
  }

  static void replaceInManifest(Path suite, String what, String by) throws IOException {
    Path file = suite.resolve(SuiteManifest.FILE_NAME);
    Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8).replace(what, by), StandardCharsets.UTF_8);
  }

  static Path copySuite(Path tmp) throws IOException {
    Path copy = tmp.resolve("suite");
    Files.createDirectories(copy);
    try (var files = Files.list(SUITE)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  static Map<String, ConformanceCheck.Result> byName(List<ConformanceCheck.Result> results) {
    return results.stream().collect(Collectors.toMap(ConformanceCheck.Result::name, Function.identity()));
  }

  static Map<String, SuiteManifest.Entry> byEntry(SuiteManifest m) {
    return m.streams().stream().collect(Collectors.toMap(SuiteManifest.Entry::name, Function.identity()));
  }
}
