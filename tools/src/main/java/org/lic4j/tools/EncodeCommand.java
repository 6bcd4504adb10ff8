package org.lic4j.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.EncodeResult;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.Inputs;
import org.lic4j.media.MetadataOptions;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.Picture;
import org.lic4j.media.UserInputException;
import org.lic4j.media.VideoFiles;
import org.lic4j.video.VideoEncodeParams;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "encode", mixinStandardHelpOptions = true, description = {
    "Encode pictures (PNG, JPEG, BMP, GIF, TIFF, PPM/PGM; WebP and more through FFmpeg) and video to lic4j streams.",
    "  lic4j encode IN OUT.lic          (OUT '-' writes to stdout)",
    "  lic4j encode IN.y4m OUT.licv     (or mp4, mkv, avi, mpg, .264, ... by FFmpeg)",
    "  lic4j encode - OUT.licv          (y4m from stdin: ffmpeg ... -f yuv4mpegpipe -)",
    "  lic4j encode - OUT.lic           (a picture from stdin: curl ... | lic4j encode - x.lic)",
    "  lic4j encode -d OUTDIR IN... (files, or folders: their tree is mirrored under OUTDIR)"})
final class EncodeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "IN OUT, or inputs with --output-dir.")
  List<Path> files;

  @ArgGroup(exclusive = true)
  Rate rate = new Rate();

  static final class Rate {
    @Option(names = {"-q", "--quality"}, paramLabel = "Q", description = "Quality 0..100, higher is better (default 75).")
    Double quality;

    @Option(names = "--bpp", paramLabel = "B", description = "Target size in bits per pixel (rate control).")
    Double bpp;

    @Option(names = "--bitrate", paramLabel = "RATE", description = {"Video: a target bit rate in bits per second,"
        + " 500k, 1.5M or 800000 (k = 1000): one-pass rate control, as x264's --bitrate; the summary gives the rate"
        + " achieved."})
    String bitrate;
  }

  @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR", description = "Write IN... as DIR/NAME.lic; a folder's pictures as DIR/SUB/FOLDERS/NAME.lic.")
  Path outputDir;

  @Option(names = "--tile-size", paramLabel = "N", defaultValue = "1024",
      description = "Tile side in pixels, a multiple of 64 (default: ${DEFAULT-VALUE}).")
  int tileSize;

  @Option(names = "--effort", paramLabel = "N",
      description = {"Encoder effort 0..9, as cwebp -m: 0 is the plain encoder, each level up refines the latent"
          + " for more steps (1, 2, 3, 4, 6, 8, 12, 18, 25) for fewer bits at the same quality, at the cost of"
          + " encode time; decoding is the same at every level (default for pictures: " + EncodeParams.DEFAULT_EFFORT + ", the"
          + " highest level that encodes a Kodak picture in 1.5 s on 2 cores, docs/benchmarks.md; for video: 0)."})
  Integer effort;

  @Option(names = "--refine", paramLabel = "N", arity = "0..1", fallbackValue = "25",
      description = {"Expert form of --effort: refine each latent with exactly N steps of descent on the decoder's"
          + " rate-distortion loss (--refine alone: ${FALLBACK-VALUE}, as --effort 9): about 10%% fewer bits at"
          + " the same quality, each step costing roughly three decodes' time. The decoder is the same either way."})
  Integer refine;

  @Option(names = "--gop", paramLabel = "N", defaultValue = "" + VideoEncodeParams.DEFAULT_GOP_LENGTH,
      description = "Video: an intra frame every N frames, P frames between (default: ${DEFAULT-VALUE}).")
  int gop;

  @Option(names = "--intra-only", description = "Video: code every frame as an intra frame (no P-frame model).")
  boolean intraOnly;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
      description = "Video: code the first N frames only (default: all).")
  long frames;

  @Option(names = {"-f", "--force"}, description = "Overwrite existing outputs.")
  boolean force;

  @Option(names = "--metadata", paramLabel = "KINDS", defaultValue = "all",
      description = {"Metadata of a picture kept in the stream and written back on decode: all (default), none, or"
          + " a list of exif, icc, xmp. A kept ICC profile leaves the pixels as stored; without it they are"
          + " converted to sRGB."})
  String metadata;

  @Option(names = "--auto-orient", description = {"Turn or flip the pixels as the Exif orientation says and set the"
      + " tag to 1 (by default the pixels are kept as stored and the tag is kept, as cwebp does)."})
  boolean autoOrient;

  @Mixin
  BatchOptions batchOptions;

  @Mixin
  CommonOptions common;

  @ParentCommand
  Lic4jCommand root;

  @Override
  public Integer call() throws Exception {
    EncodeParams params = params();
    if (outputDir == null && files.size() == 2 && isVideo(files.get(0), files.get(1))) {
      if (rate.bpp != null) {
        throw new UserInputException("--bpp: video frames are coded at a --quality or to a --bitrate, not to a size"
            + " per pixel", true);
      }
      if (frames < 0) {
        throw new UserInputException("--frames must be >= 0", true);
      }
      double kbps = rate.bitrate != null ? parseKbps(rate.bitrate) : 0;
      new VideoEncodeJob(files.get(0), files.get(1), force, frames, root.out(), root.err())
          .run(root.in(), common.codecOptions(), common.pFrameModel(), !intraOnly, params, gop, kbps);
      return Failures.OK;
    }
    if (rate.bitrate != null) {
      throw new UserInputException("--bitrate: a bit rate is for video; a picture is coded at a --quality or to a"
          + " size, --bpp", true);
    }
    refuseVideoForms();
    MetadataOptions keep = MetadataOptions.parse(metadata, autoOrient);
    Jobs.Plan plan = Jobs.plan(files, outputDir, batchOptions.existing(force), "lic", ImageFiles.INPUT_SUFFIXES);
    PrintStream out = root.out();
    try (ImageEncoder encoder = ImageEncoder.open(batchOptions.perPicture(common.codecOptions()))) {
      if (effort == null && refine == null && encoder.model().canRefine()) {
        // The default effort is the pictures' (a video's frames stay plain unless asked), and it
        // needs the model's refinement graph: a bundle without one encodes plain by default.
        params = params.withEffort(EncodeParams.DEFAULT_EFFORT);
      }
      EncodeParams pictureParams = params;
      return batchOptions.run("encoded", plan, outputDir, out, root.err()).run((in, target) -> {
        Picture picture = Jobs.isStdin(in) ? ImageFiles.read(root.in(), "standard input", keep)
            : ImageFiles.read(in, keep);
        if (!batchOptions.quiet) {
          for (String notice : picture.notices()) {
            root.err().println("lic4j: " + in + ": " + notice);
          }
        }
        RgbImage image = picture.image();
        EncodeResult r = encoder.encode(image, pictureParams, picture.metadata());
        if (target.toString().equals("-")) {
          out.write(r.stream());
          out.flush();
          if (out.checkError()) {
            // PrintStream keeps write errors (a full disk, a closed pipe) to itself.
            throw new FileSystemException("-", null, "cannot write to standard output");
          }
        } else {
          OutputFiles.write(target, force, o -> o.write(r.stream()));
        }
        return new BatchRun.Result((long) image.width() * image.height(), r.stream().length,
            String.format("%dx%d -> %d bytes, %.4f bpp, quality %.2f, %.0f ms", image.width(), image.height(),
                r.stream().length, r.bitsPerPixel(), r.quality(), r.timings().totalNanos() / 1e6));
      });
    }
  }

  /**
   * A y4m file by name or signature, or standard input (video, unless the output is a {@code .lic}: a
   * picture then); or, for a
   * {@code .licv} output, any input but a picture by its name (FFmpeg reads it); or, for standard
   * output, a file named as a video ({@code .mp4}, {@code .264}, ...). Anything else is a picture:
   * a file FFmpeg reads with more than one frame is then refused with the {@code .licv} to name.
   */
  private static boolean isVideo(Path in, Path out) throws IOException {
    if (Jobs.isStdin(in) && out.getFileName() != null && Inputs.hasSuffix(out, "lic")) {
      return false;
    }
    if (VideoOutputs.isStdout(in) || VideoFiles.isY4m(in)) {
      return true;
    }
    if (VideoFiles.isLicv(out)) {
      return !Inputs.hasSuffix(in, ImageFiles.INPUT_SUFFIXES);
    }
    return VideoOutputs.isStdout(out) && VideoFiles.hasVideoSuffix(in);
  }

  /** What only a picture may be given: a video in a batch, a picture to a .licv output. */
  private void refuseVideoForms() throws IOException {
    if (outputDir == null) {
      if (files.size() == 2 && VideoFiles.isLicv(files.get(1))) {
        throw new UserInputException(files.get(1) + ": a ." + VideoFiles.LICV_SUFFIX + " stream is a video's, and "
            + files.get(0) + " is a picture: name the output *.lic", true);
      }
      return;
    }
    for (Path in : files) {
      if (Files.isRegularFile(in) && VideoFiles.isY4m(in)) {
        throw new UserInputException(in + ": a y4m video: encode videos one at a time (lic4j encode IN.y4m OUT.licv)",
            true);
      }
    }
  }

  /**
   * A bit rate as x264 and FFmpeg take it, in kbit/s: bits per second, or thousands of them with
   * {@code k} (or {@code K}), millions with {@code M}; {@code 500k}, {@code 1.5M}, {@code 800000}.
   */
  static double parseKbps(String text) throws UserInputException {
    String t = text.strip();
    int thousands = -1;
    if (t.endsWith("k") || t.endsWith("K")) {
      thousands = 0;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("M")) {
      thousands = 1;
      t = t.substring(0, t.length() - 1);
    }
    // Digits and one point only: no sign, exponent, NaN or Infinity, which parseDouble would take.
    if (!t.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
      throw new UserInputException("--bitrate: '" + text + "' is not a bit rate: give bits per second, with k for"
          + " thousands or M for millions (500k, 1.5M, 800000)", true);
    }
    // In decimal, so that 1.1M is 1100 kbit/s exactly.
    double kbps = new BigDecimal(t).scaleByPowerOfTen(3 * thousands).doubleValue();
    if (!(kbps > 0) || Double.isInfinite(kbps)) {
      throw new UserInputException("--bitrate: '" + text + "': the bit rate must be above 0", true);
    }
    return kbps;
  }

  private EncodeParams params() throws UserInputException {
    try {
      EncodeParams p = rate.bpp != null ? EncodeParams.targetBpp(rate.bpp)
          : EncodeParams.quality(rate.quality != null ? rate.quality : EncodeParams.DEFAULT_QUALITY);
      p = p.withTiles(tileSize, EncodeParams.DEFAULT_OVERLAP);
      if (effort != null && refine != null) {
        throw new UserInputException("--effort and --refine both set the refinement: give one", true);
      }
      return refine != null ? p.withRefinement(refine) : effort != null ? p.withEffort(effort) : p;
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), true);
    }
  }
}
