package org.lic4j.eval;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mReader;
import org.lic4j.media.Y4mWriter;
import org.lic4j.video.DecodedFrame;
import org.lic4j.video.PFrameModel;
import org.lic4j.video.PFrameParams;
import org.lic4j.video.VideoDecoder;
import org.lic4j.video.VideoEncodeParams;
import org.lic4j.video.VideoEncoder;
import org.lic4j.video.YuvFrame;

/**
 * lic4j's video codec in this process, all intra or, with a P-frame model, an intra frame per GOP
 * and P frames between: y4m frames through {@link VideoEncoder} to a {@code .licv} file, whose
 * every byte counts, then {@link VideoDecoder} back to the source's Y'CbCr 4:2:0 as y4m, as {@code
 * lic4j decode clip.licv out.y4m} gives it.
 */
final class LicVideoCodec implements VideoCodec {
  /** Of the model's trained levels, this many spread over its range are the default sweep. */
  static final int DEFAULT_POINTS = 5;
  private static final int WARM_UP_SIZE = 128;

  private final ImageModel model;
  /** Null: every frame intra. */
  private final PFrameModel pFrameModel;
  private final PFrameParams pFrameParams;
  private final List<Double> qualities;
  private final int gop;
  private final String version;

  private LicVideoCodec(ImageModel model, PFrameModel pFrameModel, PFrameParams pFrameParams, List<Double> qualities,
      int gop, String version) {
    this.model = model;
    this.pFrameModel = pFrameModel;
    this.pFrameParams = pFrameParams;
    this.qualities = qualities != null ? List.copyOf(qualities) : defaultQualities(model.qualityLevels());
    this.gop = gop;
    this.version = version;
  }

  /**
   * The codec on {@code model} (shared, left open), warmed up so that first-run costs stay out of
   * the first clip's timings.
   *
   * @param qualities the sweep asked for, or null for {@value #DEFAULT_POINTS} trained levels from 0 to 100
   */
  static LicVideoCodec open(ImageModel model, PFrameModel pFrameModel, PFrameParams pFrameParams,
      List<Double> qualities, int gop, String version) throws IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    try (VideoEncoder encoder = VideoEncoder.open(model, pFrameModel, stream, VideoEncodeParams.quality(50))) {
      // Two frames: the second a P frame when there is a P-frame model, to warm its graphs too.
      for (int i = 0; i < 2; i++) {
        encoder.encode(RgbImage.ofRgb(WARM_UP_SIZE, WARM_UP_SIZE, new byte[WARM_UP_SIZE * WARM_UP_SIZE * 3]));
      }
      encoder.finish();
    }
    try (VideoDecoder decoder = VideoDecoder.open(model, pFrameModel, new ByteArrayInputStream(stream.toByteArray()),
        "warm-up")) {
      decoder.next();
      decoder.next();
    }
    return new LicVideoCodec(model, pFrameModel, pFrameParams, qualities, gop, version);
  }

  /** {@value #DEFAULT_POINTS} of the trained levels, the lowest and the highest among them. */
  static List<Double> defaultQualities(int levels) {
    List<Double> trained = LicCodec.trainedLevels(levels, false);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < DEFAULT_POINTS; i++) {
      Double q = trained.get((int) Math.round(i * (trained.size() - 1) / (DEFAULT_POINTS - 1.0)));
      if (!out.contains(q)) {
        out.add(q);
      }
    }
    return out;
  }

  @Override
  public String id() {
    return "lic4j";
  }

  @Override
  public String label() {
    return pFrameModel == null ? "lic4j (all intra)" : "lic4j (P frames)";
  }

  @Override
  public String settingName() {
    return "quality";
  }

  @Override
  public List<Double> settings() {
    return qualities;
  }

  @Override
  public String tool() {
    return String.format(Locale.ROOT, "lic4j %s in process, model %s%s; VideoEncoder, %s, GOP %d; size = the whole "
        + ".licv stream", version, model, model.trainingSteps() > 0 ? ", trained " + model.trainingSteps() + " steps" : "",
        pFrameModel == null ? "every frame intra" : "P frames with " + pFrameModel + " (low delay, the frame before; "
            + pFrameParams + ")",
        gop);
  }

  @Override
  public Trial run(VideoClips.Clip clip, double setting, Path work) throws IOException {
    Path coded = work.resolve("coded.licv");
    Path decoded = work.resolve("decoded.y4m");
    long[] frameBytes = new long[clip.frames()];
    long t0 = System.nanoTime();
    try (Y4mReader in = Y4mReader.open(clip.y4m(), notice -> { });
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(coded));
        VideoEncoder encoder = VideoEncoder.open(model, pFrameModel, out, VideoEncodeParams.quality(setting).withGopLength(gop)
            .withPFrames(pFrameParams)
            .withFrameRate(clip.rate()).withFrameCount(clip.frames()))) {
      long before = 0;
      for (Optional<YuvFrame> f = clip.next(in); f.isPresent(); f = clip.next(in)) {
        encoder.encode(f.get());
        frameBytes[(int) encoder.frames() - 1] = encoder.position() - before;
        before = encoder.position();
      }
      encoder.finish();
      // The footer and the seek index are the stream's too: they go to the last frame.
      frameBytes[frameBytes.length - 1] += encoder.position() - before;
    }
    long t1 = System.nanoTime();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(coded));
        VideoDecoder decoder = VideoDecoder.open(model, pFrameModel, in, coded.toString());
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(decoded))) {
      Y4mWriter writer = null;
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        YuvFrame frame = f.get().toYuv();
        if (writer == null) {
          writer = Y4mWriter.open(out, Y4mHeader.of(frame, clip.rate()));
        }
        writer.write(frame);
      }
      if (writer != null) {
        writer.flush();
      }
    }
    long t2 = System.nanoTime();
    return new Trial(Files.size(coded), 0, frameBytes, decoded, t1 - t0, t2 - t1);
  }
}
