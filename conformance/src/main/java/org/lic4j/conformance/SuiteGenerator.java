package org.lic4j.conformance;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.RejectionClass;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.conformance.ConformanceAccess;
import org.lic4j.video.DecodedFrame;
import org.lic4j.video.PFrameModel;

/**
 * Writes the conformance suite: every stream, the PNG of its reference decode, and {@code
 * manifest.json}. Run only when the format version or the model changes (docs/conformance.md,
 * "Regenerating"); the suite in the repository is the reference.
 */
public final class SuiteGenerator {
  /** Samples a decoder on another execution provider may differ by, against the reference decode. */
  public static final int MAX_ABS_DIFF = 4;
  /** PSNR a decoder on another execution provider must reach against the reference decode. */
  public static final double MIN_PSNR = 50.0;

  public static final String REGENERATE = "lic4j conform --generate conformance/streams --force";

  private final ImageEncoder encoder;
  private final ImageDecoder decoder;
  /** Codes and decodes the P-frame streams. */
  private final PFrameModel pFrameModel;

  /**
   * A generator coding pictures and intra frames with {@code encoder}'s model (the reference decode
   * is {@code decoder}'s) and P frames with {@code pFrameModel}.
   */
  public SuiteGenerator(ImageEncoder encoder, ImageDecoder decoder, PFrameModel pFrameModel) {
    this.encoder = encoder;
    this.decoder = decoder;
    this.pFrameModel = Objects.requireNonNull(pFrameModel, "pFrameModel");
  }

  /** What a stream is made from and how. */
  @FunctionalInterface
  private interface Maker {
    byte[] make() throws IOException;
  }

  private record Case(String name, String description, List<String> features, Maker maker, String rejectAs) {}

  /**
   * Writes the suite to {@code dir} (created if needed), replacing the files of a previous suite.
   * Each stream is decoded once here with this generator's decoder: that decode is the reference.
   * Files the previous suite's manifest listed and this one does not (the streams of a quality
   * level the new model no longer has, say) are deleted; nothing the manifest did not list is.
   *
   * @return the manifest written
   */
  public SuiteManifest generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    Set<String> previous = previousFiles(dir);
    List<SuiteManifest.Entry> entries = new ArrayList<>();
    for (Case c : cases()) {
      byte[] stream = c.maker.make();
      String file = c.name + ".lic";
      write(dir.resolve(file), stream);
      if (c.rejectAs != null) {
        entries.add(new SuiteManifest.Entry(c.name, file, c.description, c.features, SuiteManifest.EXPECT_REJECT,
            c.rejectAs, 0, 0, null, 0, null, stream.length, Digests.stream(stream), null, null, null, null, null, null));
        continue;
      }
      var info = org.lic4j.codec.StreamInfo.read(stream, file);
      var h = info.header();
      RgbImage decoded = decoder.decode(stream, file);
      String reference = c.name + ".png";
      writePng(dir.resolve(reference), decoded);
      entries.add(new SuiteManifest.Entry(c.name, file, c.description, c.features, SuiteManifest.EXPECT_DECODE, null,
          h.width(), h.height(), h.colourFormat().toString(), h.quality() / 100.0,
          h.tileColumns() + "x" + h.tileRows() + " of " + h.tiles().tileWidth() + ", overlap " + h.tiles().overlap(),
          stream.length, Digests.stream(stream), Digests.latents(ConformanceAccess.tileSymbols(decoder, stream, file)), Digests.pixels(decoded),
          reference, MAX_ABS_DIFF, MIN_PSNR, null));
    }
    VideoSuite videos = new VideoSuite(decoder.model(), pFrameModel);
    for (VideoSuite.Case c : videos.cases()) {
      entries.add(videoEntry(dir, videos, c));
    }
    ModelId model = decoder.model().id();
    ModelId pModel = pFrameModel.id();
    SuiteManifest manifest = new SuiteManifest("lic4j conformance", FormatVersion.IMPLEMENTED.toString(), model.name(),
        model.sha256Hex(), pModel.name(), pModel.sha256Hex(), REGENERATE, entries);
    write(dir.resolve(SuiteManifest.FILE_NAME), manifest.toJson().getBytes(StandardCharsets.UTF_8));
    previous.removeAll(files(manifest));
    for (String stale : previous) {
      Files.deleteIfExists(dir.resolve(stale));
    }
    return manifest;
  }

  /** Writes a video case's stream (and, for one to decode, its reference frames) and gives its entry. */
  private SuiteManifest.Entry videoEntry(Path dir, VideoSuite videos, VideoSuite.Case c) throws IOException {
    String file = c.name() + VideoSuite.SUFFIX;
    if (c.rejectAs() != null) {
      byte[] stream = c.reject().make();
      write(dir.resolve(file), stream);
      return new SuiteManifest.Entry(c.name(), file, c.description(), c.features(), SuiteManifest.EXPECT_REJECT,
          c.rejectAs(), 0, 0, null, 0, null, stream.length, Digests.stream(stream), null, null, null, null, null,
          new SuiteManifest.Video(null, null, null, null));
    }
    byte[] stream = videos.encode(c.clip());
    write(dir.resolve(file), stream);
    SequenceHeader sequence = VideoContainerReader.open(new ByteArrayInputStream(stream), file).sequence();
    StreamHeader h = sequence.stream();
    List<DecodedFrame> decoded = videos.decode(stream, file);
    List<VideoFrames.Latents> latents = VideoFrames.latentDigests(decoder, pFrameModel, stream, file);
    List<SuiteManifest.Frame> frames = new ArrayList<>();
    List<RgbImage> pictures = new ArrayList<>();
    for (int k = 0; k < decoded.size(); k++) {
      DecodedFrame f = decoded.get(k);
      frames.add(new SuiteManifest.Frame(f.displayIndex(), latents.get(k).type(), latents.get(k).sha256(),
          Digests.pixels(f.image())));
      pictures.add(f.image());
    }
    String reference = c.name() + ".png";
    writePng(dir.resolve(reference), VideoSuite.stacked(pictures));
    return new SuiteManifest.Entry(c.name(), file, c.description(), c.features(), SuiteManifest.EXPECT_DECODE, null,
        h.width(), h.height(), h.colourFormat().toString(), c.clip().quality(),
        h.tileColumns() + "x" + h.tileRows() + " of " + h.tiles().tileWidth() + ", overlap " + h.tiles().overlap(),
        stream.length, Digests.stream(stream), null, null, reference, MAX_ABS_DIFF, MIN_PSNR,
        new SuiteManifest.Video(VideoSuite.describe(sequence.frameRate()), sequence.frameCount(),
            c.clip().seekIndex(), frames));
  }

  /** The stream and reference files the manifest already in {@code dir} lists; none if there is none. */
  private static Set<String> previousFiles(Path dir) throws IOException {
    if (!Files.exists(dir.resolve(SuiteManifest.FILE_NAME))) {
      return new TreeSet<>();
    }
    Set<String> names = files(SuiteManifest.readStreams(dir));
    // A manifest is data: only plain names in this directory are ever deleted.
    names.removeIf(n -> n.isEmpty() || n.contains("/") || n.contains("\\") || n.startsWith(".")
        || n.equals(SuiteManifest.FILE_NAME));
    return names;
  }

  private static Set<String> files(SuiteManifest manifest) {
    Set<String> names = new TreeSet<>();
    for (SuiteManifest.Entry e : manifest.streams()) {
      if (e.file() != null) {
        names.add(e.file());
      }
      if (e.reference() != null) {
        names.add(e.reference());
      }
    }
    return names;
  }

  private List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // Sizes: the smallest picture, odd and non-square sizes, a size that is one latent element.
    cases.add(decode("size-1x1", "a single pixel", List.of("size"), () -> SyntheticPictures.gradient(1, 1), 75));
    cases.add(decode("size-16x16", "one latent element", List.of("size"), () -> SyntheticPictures.scene(16, 16, 1), 75));
    cases.add(decode("size-17x9", "odd width and height", List.of("size", "odd"),
        () -> SyntheticPictures.textEdges(17, 9, 2), 75));
    cases.add(decode("size-255x33", "wide, odd, not a multiple of 64", List.of("size", "odd", "non-square"),
        () -> SyntheticPictures.noise(255, 33, 3, 30), 60));
    cases.add(decode("size-40x300", "tall and narrow", List.of("size", "non-square"),
        () -> SyntheticPictures.scene(40, 300, 4), 60));
    cases.add(decode("size-64x64", "exactly one 64x64 grid cell", List.of("size"),
        () -> SyntheticPictures.zonePlate(64, 64), 75));
    // Every quality level of the model (L levels: quality 100 k / (L - 1)), and one in between.
    int top = encoder.qualityLevels() - 1;
    for (int k = 0; k <= top; k++) {
      double q = Math.round(100.0 * k / top * 100) / 100.0;
      cases.add(decode(String.format(Locale.ROOT, "quality-%05.2f", q), "quality level " + k + " of 0.." + top,
          List.of("quality"), () -> SyntheticPictures.scene(128, 96, 5), q));
    }
    double between = Math.round(100.0 * (top / 2 + 0.5) / top * 100) / 100.0;
    cases.add(decode(String.format(Locale.ROOT, "quality-%05.2f", between),
        "a quality between levels " + top / 2 + " and " + (top / 2 + 1) + " (interpolated gains)",
        List.of("quality", "interpolation"), () -> SyntheticPictures.scene(128, 96, 5), between));
    // Colour formats.
    cases.add(decode("gray", "grey picture", List.of("colour-format", "gray"),
        () -> SyntheticPictures.gray(SyntheticPictures.scene(100, 70, 6)), 70));
    cases.add(decode("gray-alpha", "grey picture with alpha", List.of("colour-format", "gray", "alpha", "ALPH"),
        () -> SyntheticPictures.gray(SyntheticPictures.scene(90, 66, 7)).withAlpha(SyntheticPictures.alpha(90, 66)), 70));
    cases.add(decode("rgba", "colour picture with alpha", List.of("colour-format", "alpha", "ALPH"),
        () -> SyntheticPictures.scene(97, 61, 8).withAlpha(SyntheticPictures.alpha(97, 61)), 70));
    // Tiling: small tiles with and without overlap, several tiles with alpha, default tiles.
    cases.add(tiled("tiles-64-overlap-0", "3x2 tiles of 64, no overlap", () -> SyntheticPictures.scene(190, 100, 9),
        64, 0));
    cases.add(tiled("tiles-128-overlap-64", "3x2 tiles of 128, overlap 64",
        () -> SyntheticPictures.scene(300, 200, 10), 128, 64));
    cases.add(tiled("tiles-128-rgba", "2x2 tiles of 128 with alpha, overlap 64",
        () -> SyntheticPictures.scene(200, 150, 11).withAlpha(SyntheticPictures.alpha(200, 150)), 128, 64));
    cases.add(decode("multitile-1300x1100", "a large picture: 2x2 default tiles of 1024, overlap 64",
        List.of("tiles", "large"), () -> SyntheticPictures.scene(1300, 1100, 12), 60));
    // Chunks: metadata, an unknown optional chunk, tiles out of order; version 1.x with an extension.
    cases.add(edited("chunks-metadata", "iccp (sRGB profile), exif and two text chunks before the tiles",
        List.of("chunks", "iccp", "exif", "text"), () -> SyntheticPictures.scene(80, 48, 13),
        s -> StreamEdits.rewrap(s, List.of(
            new StreamEdits.Chunk(ChunkType.ICCP, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()),
            new StreamEdits.Chunk(ChunkType.EXIF, minimalExif()),
            new StreamEdits.Chunk(ChunkType.TEXT, text("Comment", "lic4j conformance stream")),
            new StreamEdits.Chunk(ChunkType.TEXT, text("XML:com.adobe.xmp", "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>"))),
            false)));
    cases.add(edited("chunks-unknown-optional", "an unregistered optional chunk 'zzzz' that a decoder must skip",
        List.of("chunks", "unknown-optional"), () -> SyntheticPictures.scene(80, 48, 14),
        s -> StreamEdits.rewrap(s, List.of(new StreamEdits.Chunk(ChunkType.of("zzzz"),
            "skip me".getBytes(StandardCharsets.US_ASCII))), false)));
    cases.add(editedTiled("chunks-reverse-order", "3x2 tiles with alpha written in reverse order",
        List.of("chunks", "order", "tiles", "alpha"),
        () -> SyntheticPictures.scene(150, 100, 15).withAlpha(SyntheticPictures.alpha(150, 100)), 64, 0,
        s -> StreamEdits.rewrap(s, List.of(), true)));
    // A minor version newer than the reader implements (1.1 is implemented: its header must be exact).
    cases.add(edited("version-1.2-extension", "minor version 2 with 6 header extension bytes a 1.1 decoder ignores",
        List.of("version"), () -> SyntheticPictures.scene(80, 48, 16),
        s -> StreamEdits.withMinorVersion(s, 2, new byte[] {1, 2, 3, 4, 5, 6})));
    // Our own model's output, coded again.
    cases.add(decode("generation-2", "the decode of a quality-30 stream, coded again at quality 90",
        List.of("model-output"), () -> decoder.decode(encoder.encode(SyntheticPictures.scene(128, 96, 17),
            EncodeParams.quality(30)).stream(), "generation-1"), 90));
    // Streams a decoder must reject, each with its class of failure.
    cases.add(reject("reject-truncated", "cut in the middle of the tile data", RejectionClass.CORRUPT,
        () -> { byte[] s = small(18); return StreamEdits.truncated(s, StreamEdits.firstTilePayload(s) + 10); }));
    cases.add(reject("reject-damaged-tile", "one byte of the tile data inverted", RejectionClass.CORRUPT,
        () -> { byte[] s = small(19); return StreamEdits.flipped(s, StreamEdits.firstTilePayload(s) + 6); }));
    cases.add(reject("reject-major-2", "format version 2.0 (checksums intact)",
        RejectionClass.UNSUPPORTED_VERSION,
        () -> StreamEdits.withMajorVersion(small(20), 2)));
    cases.add(reject("reject-unknown-mandatory", "an unregistered mandatory chunk 'ZZZZ'",
        RejectionClass.UNSUPPORTED_FEATURE,
        () -> StreamEdits.rewrap(small(21), List.of(new StreamEdits.Chunk(ChunkType.of("ZZZZ"), new byte[] {0})),
            false)));
    return cases;
  }

  private Case decode(String name, String description, List<String> features, PictureMaker picture, double quality) {
    return new Case(name, description, features,
        () -> encoder.encode(picture.make(), EncodeParams.quality(quality)).stream(), null);
  }

  private Case tiled(String name, String description, PictureMaker picture, int tile, int overlap) {
    return new Case(name, description, List.of("tiles"),
        () -> encoder.encode(picture.make(), EncodeParams.quality(60).withTiles(tile, overlap)).stream(), null);
  }

  private Case edited(String name, String description, List<String> features, PictureMaker picture, Edit edit) {
    return new Case(name, description, features,
        () -> edit.apply(encoder.encode(picture.make(), EncodeParams.quality(60)).stream()), null);
  }

  private Case editedTiled(String name, String description, List<String> features, PictureMaker picture, int tile,
      int overlap, Edit edit) {
    return new Case(name, description, features,
        () -> edit.apply(encoder.encode(picture.make(), EncodeParams.quality(60).withTiles(tile, overlap)).stream()),
        null);
  }

  private static Case reject(String name, String description, RejectionClass rejectAs, Maker maker) {
    return new Case(name, description, List.of("reject"), maker, rejectAs.id());
  }

  private byte[] small(long seed) throws IOException {
    return encoder.encode(SyntheticPictures.scene(64, 48, seed), EncodeParams.quality(50)).stream();
  }

  @FunctionalInterface
  private interface PictureMaker {
    RgbImage make() throws IOException;
  }

  @FunctionalInterface
  private interface Edit {
    byte[] apply(byte[] stream) throws IOException;
  }

  /** A big-endian TIFF structure with one IFD holding one entry (Orientation = 1). */
  private static byte[] minimalExif() {
    return new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0};
  }

  private static byte[] text(String keyword, String value) {
    byte[] k = keyword.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 1 + v.length];
    System.arraycopy(k, 0, out, 0, k.length);
    System.arraycopy(v, 0, out, k.length + 1, v.length);
    return out;
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writePng(Path file, RgbImage image) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    if (!ImageIO.write(image.toBufferedImage(), "png", tmp.toFile())) {
      throw new IOException("no PNG writer");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
