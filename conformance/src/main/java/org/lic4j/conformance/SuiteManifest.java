package org.lic4j.conformance;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lic4j.bitstream.RejectionClass;

/**
 * {@code manifest.json} of a conformance suite: the model the streams need and, per stream, what a
 * conforming decoder must produce (docs/conformance.md describes every field).
 *
 * @param format the bitstream format version the suite was written for: the newest its streams use
 * @param model the model bundle's name; {@code modelSha256} its content hash
 * @param pFrameModel the P-frame model bundle's name that the video streams with P frames name
 *     (docs/video.md, "P frames"); {@code pFrameModelSha256} its content hash; both absent in a
 *     suite without P frames
 * @param regenerate the command that wrote the suite
 * @param streams the streams, in the order they are checked
 */
public record SuiteManifest(String suite, String format, String model, String modelSha256, String pFrameModel,
    String pFrameModelSha256, String regenerate, List<Entry> streams) {

  public static final String FILE_NAME = "manifest.json";
  public static final String EXPECT_DECODE = "decode";
  public static final String EXPECT_REJECT = "reject";

  /**
   * One stream. For {@code expect = "decode"}: the digests and the pixel tolerance; for {@code
   * expect = "reject"}: the failure class ({@link RejectionClass#id()}) a decoder must report.
   *
   * @param features what the stream exercises, for the table and for finding streams by feature
   * @param reference a lossless PNG of the reference decode, for the tolerance check
   * @param maxAbsDiff the largest difference allowed in any sample against the reference decode
   * @param minPsnr the lowest PSNR (dB, over all samples) allowed against the reference decode
   * @param video present for a video stream (docs/video.md), absent for an image: then {@code
   *     latentSha256} and {@code pixelSha256} are absent and the digests are per frame, and {@code
   *     reference} holds every frame, top to bottom in display order
   */
  public record Entry(String name, String file, String description, List<String> features, String expect,
      String rejectAs, int width, int height, String colourFormat, double quality, String tiles, long bytes,
      String streamSha256, String latentSha256, String pixelSha256, String reference, Integer maxAbsDiff,
      Double minPsnr, Video video) {

    boolean expectsDecode() {
      return EXPECT_DECODE.equals(expect);
    }

    boolean isVideo() {
      return video != null;
    }
  }

  /**
   * What a video stream holds beyond an image entry's fields. All absent (an empty object) for a
   * stream that must be rejected.
   *
   * @param frameRate the sequence's frame rate, {@code "num/den"}
   * @param frameCount the sequence's {@code FrameCount}: 0 when the stream does not signal it
   * @param seekIndex whether the stream ends with a seek index ({@code indx})
   * @param frames every frame a decoder must produce, in display order
   */
  public record Video(String frameRate, Long frameCount, Boolean seekIndex, List<Frame> frames) {}

  /**
   * One decoded frame of a video stream: its type, its integer latents (an intra frame: the image
   * digest's layout over the frame's tiles; a P frame: motion fields and residual symbols) and its
   * samples (R G B, the image digest's layout).
   *
   * @param type {@code "I"} for an intra frame, {@code "P"} for a P frame
   */
  public record Frame(long displayIndex, String type, String latentSha256, String pixelSha256) {}

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** Reads {@code dir/manifest.json}; a missing or malformed manifest is an {@link IOException} naming it. */
  public static SuiteManifest read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    SuiteManifest m = readStreams(dir);
    if ((m.pFrameModel() == null) != (m.pFrameModelSha256() == null)) {
      throw new IOException(file + ": malformed manifest: a P-frame model without its hash, or a hash without model");
    }
    for (Entry e : m.streams()) {
      if (e.name() == null || e.file() == null || e.expect() == null) {
        throw new IOException(file + ": malformed manifest: a stream without name, file or expect");
      }
      if (e.expectsDecode() && (!hasDigests(e) || e.reference() == null || e.maxAbsDiff() == null
          || e.minPsnr() == null)) {
        throw new IOException(file + ": malformed manifest: stream " + e.name() + " lacks digests or tolerance");
      }
      if (!e.expectsDecode() && RejectionClass.of(e.rejectAs()).isEmpty()) {
        throw new IOException(file + ": malformed manifest: stream " + e.name() + " has no valid rejectAs");
      }
    }
    return m;
  }

  /**
   * {@code dir/manifest.json} with its list of streams, each stream's fields unchecked: what the
   * generator needs of a previous suite (which files it listed), whatever fields a newer suite
   * requires.
   */
  static SuiteManifest readStreams(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new IOException(dir + ": not a conformance suite (no " + FILE_NAME + ")");
    }
    SuiteManifest m;
    try {
      m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), SuiteManifest.class);
    } catch (JsonParseException e) {
      // Gson wraps the reader's exception: its message says where, without class names.
      Throwable why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
      throw new IOException(file + ": malformed manifest: " + why.getMessage(), e);
    }
    if (m == null || m.streams() == null || m.model() == null || m.modelSha256() == null) {
      throw new IOException(file + ": malformed manifest: model or streams missing");
    }
    return m;
  }

  /** An image's two digests, or a video's frames, each with both of its digests. */
  private static boolean hasDigests(Entry e) {
    if (!e.isVideo()) {
      return e.latentSha256() != null && e.pixelSha256() != null;
    }
    List<Frame> frames = e.video().frames();
    return frames != null && !frames.isEmpty()
        && frames.stream().allMatch(f -> f != null && f.type() != null && f.latentSha256() != null
            && f.pixelSha256() != null);
  }

  String toJson() {
    return GSON.toJson(this) + "\n";
  }
}
