package org.lic4j.conformance;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.RejectionClass;
import org.lic4j.codec.Failure;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.conformance.ConformanceAccess;
import org.lic4j.video.DecodedFrame;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.VideoDecoder;

/**
 * Checks a decoder against a conformance suite: every stream decodes to the manifest's latents
 * exactly and to its pixels exactly or within tolerance (a video stream frame by frame, with the
 * decoder's model and, for P frames, the P-frame model), and every damaged stream is rejected with
 * the manifest's class of failure.
 */
public final class ConformanceCheck {
  private final ImageDecoder decoder;
  /** Decodes the P frames; null when the checker has no P-frame model. */
  private final PFrameModel pFrameModel;
  /** Decodes the video streams with the decoder's model and the P-frame model. */
  private final VideoSuite videos;

  /** A checker of a suite without P frames (one with P frames is refused as a whole). */
  public ConformanceCheck(ImageDecoder decoder) {
    this(decoder, null);
  }

  /**
   * A checker decoding images and intra frames with {@code decoder}'s model and P frames with
   * {@code pFrameModel} (null: none; a suite with P frames is then refused as a whole).
   */
  public ConformanceCheck(ImageDecoder decoder, PFrameModel pFrameModel) {
    this.decoder = decoder;
    this.pFrameModel = pFrameModel;
    this.videos = new VideoSuite(decoder.model(), pFrameModel);
  }

  /** How one stream fared. {@code latents} and {@code pixels} say what matched, for the table. */
  public record Result(String name, boolean passed, String latents, String pixels, String detail) {}

  /**
   * Checks every stream of the suite in {@code dir}.
   *
   * @throws IOException if the suite cannot be read (no or malformed manifest), or the suite is for
   *     another model than the decoder's (every stream would fail for the same reason)
   */
  public List<Result> check(Path dir) throws IOException {
    SuiteManifest manifest = SuiteManifest.read(dir);
    String problem = modelProblem(manifest, decoder.model().id());
    if (problem == null) {
      problem = pFrameModelProblem(manifest, pFrameModel == null ? null : pFrameModel.id());
    }
    if (problem != null) {
      throw new IOException(dir + ": " + problem);
    }
    List<Result> results = new ArrayList<>();
    for (SuiteManifest.Entry e : manifest.streams()) {
      results.add(check(dir, e));
    }
    return results;
  }

  /** Why {@code have} cannot be checked against the suite, or null when it is the suite's model. */
  public static String modelProblem(SuiteManifest manifest, ModelId have) {
    if (have.name().equals(manifest.model()) && have.sha256Hex().equalsIgnoreCase(manifest.modelSha256())) {
      return null;
    }
    return "the suite is for model " + manifest.model() + " (sha256 " + abbreviate(manifest.modelSha256())
        + "), the decoder has " + have.name() + " (sha256 " + abbreviate(have.sha256Hex())
        + "); pass that model's bundle with --model";
  }

  /**
   * Why {@code have} (null: no P-frame model) cannot decode the suite's P frames, or null when the
   * suite has none or names {@code have}.
   */
  public static String pFrameModelProblem(SuiteManifest manifest, ModelId have) {
    if (manifest.pFrameModel() == null || have != null && have.name().equals(manifest.pFrameModel())
        && have.sha256Hex().equalsIgnoreCase(manifest.pFrameModelSha256())) {
      return null;
    }
    return "the suite's P frames are for model " + manifest.pFrameModel() + " (sha256 "
        + abbreviate(manifest.pFrameModelSha256()) + "), the decoder has "
        + (have == null ? "no P-frame model" : have.name() + " (sha256 " + abbreviate(have.sha256Hex()) + ")")
        + "; pass that model's bundle with --pframe-model";
  }

  private Result check(Path dir, SuiteManifest.Entry e) {
    byte[] stream;
    try {
      stream = Files.readAllBytes(dir.resolve(e.file()));
    } catch (NoSuchFileException x) {
      return fail(e, "-", "-", e.file() + " is missing");
    } catch (IOException x) {
      return fail(e, "-", "-", e.file() + ": " + x.getMessage());
    }
    if (!Digests.stream(stream).equals(e.streamSha256())) {
      return fail(e, "-", "-", e.file() + " differs from the manifest's SHA-256 (the suite is damaged)");
    }
    if (e.isVideo()) {
      return e.expectsDecode() ? checkVideo(dir, e, stream) : checkReject(e, () -> videos.decode(stream, e.file()));
    }
    return e.expectsDecode() ? checkDecode(dir, e, stream) : checkReject(e, () -> decoder.decode(stream, e.file()));
  }

  /** A decode that must fail. */
  @FunctionalInterface
  private interface Decode {
    void run() throws Exception;
  }

  private Result checkReject(SuiteManifest.Entry e, Decode decode) {
    // SuiteManifest.read has checked that rejectAs names a class.
    RejectionClass expected = RejectionClass.of(e.rejectAs()).orElseThrow();
    try {
      decode.run();
      return fail(e, "-", "-", "decoded; must be rejected as " + expected.id());
    } catch (Exception x) {
      // The command line's classification, so that the runner and the exit code agree.
      Optional<RejectionClass> got = Failure.of(x).rejection();
      if (got.equals(Optional.of(expected))) {
        return new Result(e.name(), true, "-", "rejected", expected.id());
      }
      return fail(e, "-", "-", "rejected as " + got.map(RejectionClass::id).orElse(x.getClass().getSimpleName())
          + ", must be " + expected.id() + ": " + x.getMessage());
    }
  }

  private Result checkDecode(Path dir, SuiteManifest.Entry e, byte[] stream) {
    String latents;
    try {
      latents = Digests.latents(ConformanceAccess.tileSymbols(decoder, stream, e.file()));
    } catch (Exception x) {
      return fail(e, "error", "-", "parsing failed: " + x.getMessage());
    }
    if (!latents.equals(e.latentSha256())) {
      return fail(e, "DIFFER", "-", "latents differ: SHA-256 " + latents.substring(0, 16) + "..., manifest "
          + e.latentSha256().substring(0, 16) + "...");
    }
    RgbImage decoded;
    try {
      decoded = decoder.decode(stream, e.file());
    } catch (Exception x) {
      return fail(e, "exact", "error", "decoding failed: " + x.getMessage());
    }
    if (decoded.width() != e.width() || decoded.height() != e.height()) {
      return fail(e, "exact", "DIFFER", "decoded " + decoded.width() + "x" + decoded.height() + ", manifest "
          + e.width() + "x" + e.height());
    }
    if (Digests.pixels(decoded).equals(e.pixelSha256())) {
      return new Result(e.name(), true, "exact", "exact", "");
    }
    RgbImage reference;
    try {
      reference = readReference(dir, e);
    } catch (UnreadableReference x) {
      return fail(e, "exact", "?", x.getMessage());
    }
    PixelDifference d = PixelDifference.between(decoded, reference);
    if (d == null) {
      return fail(e, "exact", "DIFFER", "the reference " + e.reference() + " has another size or format");
    }
    String pixels = String.format(Locale.ROOT, "max %d, %.1f dB", d.maxAbs(), d.psnr());
    if (d.maxAbs() <= e.maxAbsDiff() && d.psnr() >= e.minPsnr()) {
      return new Result(e.name(), true, "exact", pixels, "within tolerance");
    }
    return fail(e, "exact", pixels, String.format(Locale.ROOT, "pixels beyond tolerance (max %d, %.1f dB allowed)",
        e.maxAbsDiff(), e.minPsnr()));
  }

  /**
   * A video stream: every frame's latents exactly, its pixels exactly or within tolerance of its
   * slice of the reference picture; with a seek index, the last frame decoded after a seek is the
   * frame decoded front to back.
   */
  private Result checkVideo(Path dir, SuiteManifest.Entry e, byte[] stream) {
    List<SuiteManifest.Frame> expected = e.video().frames();
    List<VideoFrames.Latents> latents;
    try {
      latents = VideoFrames.latentDigests(decoder, pFrameModel, stream, e.file());
    } catch (Exception x) {
      return fail(e, "error", "-", "parsing failed: " + x.getMessage());
    }
    if (latents.size() != expected.size()) {
      return fail(e, "DIFFER", "-", "parsed " + latents.size() + " frames, manifest " + expected.size());
    }
    for (int k = 0; k < latents.size(); k++) {
      VideoFrames.Latents got = latents.get(k);
      if (!got.type().equals(expected.get(k).type())) {
        return fail(e, "DIFFER", "-", "frame " + k + " is of type " + got.type() + ", manifest "
            + expected.get(k).type());
      }
      if (!got.sha256().equals(expected.get(k).latentSha256())) {
        return fail(e, "DIFFER", "-", "frame " + k + ": latents differ: SHA-256 " + got.sha256().substring(0, 16)
            + "..., manifest " + abbreviate(expected.get(k).latentSha256()));
      }
    }
    List<DecodedFrame> decoded;
    try {
      decoded = videos.decode(stream, e.file());
    } catch (Exception x) {
      return fail(e, "exact", "error", "decoding failed: " + x.getMessage());
    }
    if (decoded.size() != expected.size()) {
      return fail(e, "exact", "DIFFER", "decoded " + decoded.size() + " frames, manifest " + expected.size());
    }
    String frames = decoded.size() + (decoded.size() == 1 ? " frame" : " frames");
    RgbImage reference = null;
    int maxAbs = 0;
    double minPsnr = Double.POSITIVE_INFINITY;
    for (int k = 0; k < decoded.size(); k++) {
      DecodedFrame f = decoded.get(k);
      RgbImage picture = f.image();
      if (f.displayIndex() != expected.get(k).displayIndex()) {
        return fail(e, "exact", "DIFFER", "frame " + k + " has display index " + f.displayIndex() + ", manifest "
            + expected.get(k).displayIndex());
      }
      if (picture.width() != e.width() || picture.height() != e.height()) {
        return fail(e, "exact", "DIFFER", "frame " + k + " decoded " + picture.width() + "x" + picture.height()
            + ", manifest " + e.width() + "x" + e.height());
      }
      if (Digests.pixels(picture).equals(expected.get(k).pixelSha256())) {
        continue;
      }
      if (reference == null) {
        try {
          reference = readReference(dir, e);
        } catch (UnreadableReference x) {
          return fail(e, "exact", "?", x.getMessage());
        }
        if (reference.width() != e.width() || reference.height() != e.height() * expected.size()) {
          return fail(e, "exact", "DIFFER", "the reference " + e.reference() + " is not the frames stacked");
        }
      }
      PixelDifference d = PixelDifference.between(picture, VideoSuite.frameOf(reference, k, e.height()));
      if (d == null) {
        return fail(e, "exact", "DIFFER", "the reference " + e.reference() + " has another format");
      }
      maxAbs = Math.max(maxAbs, d.maxAbs());
      minPsnr = Math.min(minPsnr, d.psnr());
      if (d.maxAbs() > e.maxAbsDiff() || d.psnr() < e.minPsnr()) {
        return fail(e, "exact", String.format(Locale.ROOT, "max %d, %.1f dB", d.maxAbs(), d.psnr()),
            String.format(Locale.ROOT, "frame %d: pixels beyond tolerance (max %d, %.1f dB allowed)", k,
                e.maxAbsDiff(), e.minPsnr()));
      }
    }
    String pixels = reference == null ? "exact" : String.format(Locale.ROOT, "max %d, %.1f dB", maxAbs, minPsnr);
    String within = reference == null ? frames : frames + ", within tolerance";
    if (Boolean.TRUE.equals(e.video().seekIndex()) && decoded.size() > 1) {
      String problem = seekProblem(dir.resolve(e.file()), e.file(), decoded.get(decoded.size() - 1));
      if (problem != null) {
        return fail(e, "exact", pixels, problem);
      }
      within += ", seek";
    }
    return new Result(e.name(), true, "exact", pixels, within);
  }

  /** Why the last frame, reached by a seek through the index, is not {@code last}; null if it is. */
  private String seekProblem(Path file, String resource, DecodedFrame last) {
    try (VideoDecoder seeking = VideoDecoder.open(decoder.model(), pFrameModel, Files.newByteChannel(file),
        resource)) {
      if (!seeking.hasIndex()) {
        return "the manifest says the stream has a seek index; the decoder found none";
      }
      seeking.seek(last.displayIndex());
      Optional<DecodedFrame> f = seeking.next();
      if (f.isEmpty() || f.get().displayIndex() != last.displayIndex()
          || !Digests.pixels(f.get().image()).equals(Digests.pixels(last.image()))) {
        return "frame " + last.displayIndex() + " after a seek differs from the same frame decoded front to back";
      }
      return null;
    } catch (Exception x) {
      return "seek to frame " + last.displayIndex() + " failed: " + x.getMessage();
    }
  }

  /** Why an entry's reference PNG cannot be read: the detail of the failed result. */
  private static final class UnreadableReference extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableReference(String detail) {
      super(detail);
    }
  }

  /** The entry's reference pixels (a PNG; for a video, its frames stacked top to bottom). */
  private static RgbImage readReference(Path dir, SuiteManifest.Entry e) throws UnreadableReference {
    BufferedImage png;
    try {
      png = ImageIO.read(dir.resolve(e.reference()).toFile());
    } catch (IOException x) {
      throw new UnreadableReference(e.reference() + ": " + x.getMessage());
    }
    if (png == null) {
      throw new UnreadableReference(e.reference() + " is not a PNG");
    }
    return RgbImage.of(png);
  }

  private static Result fail(SuiteManifest.Entry e, String latents, String pixels, String detail) {
    return new Result(e.name(), false, latents, pixels, detail);
  }

  private static String abbreviate(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "..." : hex;
  }
}
