package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.LicFiles;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.UserInputException;
import org.lic4j.media.VideoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "decode", mixinStandardHelpOptions = true, description = {
    "Decode lic4j streams to PNG, PPM/PGM, BMP or JPEG (by the output's extension); a picture's EXIF, ICC and XMP"
        + " go back into PNG and JPEG.",
    "  lic4j decode IN.lic OUT.png      (OUT '-' writes to stdout, as --format)",
    "  lic4j decode IN.licv OUT.y4m     (a video; OUT '-' writes y4m to stdout)",
    "  lic4j decode IN.licv OUT.mkv     (FFV1; OUT.mp4: x264 -qp 0; both lossless)",
    "  lic4j decode -d OUTDIR IN.lic... (files, or folders: their tree is mirrored under OUTDIR)"})
final class DecodeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "IN OUT, or inputs with --output-dir.")
  List<Path> files;

  @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR", description = "Write IN... as DIR/NAME.FORMAT.")
  Path outputDir;

  @Option(names = "--format", paramLabel = "F", description = "png, ppm, pgm, bmp or jpg: for stdout and --output-dir (default png).")
  String format;

  @Option(names = {"-f", "--force"}, description = "Overwrite existing outputs.")
  boolean force;

  @Option(names = "--salvage", description = {"Video: when the stream is damaged or truncated, keep the frames decoded"
      + " before the damage (the output is finished with them); the command still fails (exit 2)."})
  boolean salvage;

  @Mixin
  BatchOptions batchOptions;

  @Mixin
  CommonOptions common;

  @ParentCommand
  Lic4jCommand root;

  @Override
  public Integer call() throws Exception {
    if (outputDir == null && files.size() == 2 && VideoFiles.isLicv(files.get(0))) {
      new VideoDecodeJob(files.get(0), files.get(1), force, salvage, root.out(), root.err()).run(common.codecOptions(), common.pFrameModel());
      return Failures.OK;
    }
    if (outputDir != null) {
      for (Path in : files) {
        if (VideoFiles.isLicv(in)) {
          throw new UserInputException(in + ": a video: decode videos one at a time (lic4j decode IN.licv OUT.y4m)", true);
        }
      }
    }
    ImageFiles.Format named = ImageFiles.Format.named(format == null ? "png" : format);
    Jobs.Plan plan = Jobs.plan(files, outputDir, batchOptions.existing(force), named.suffix(), new String[] {"lic"});
    // Every output's format is known before the first decode: a typo costs no work.
    for (Path[] job : plan.jobs()) {
      format(job[1], named);
    }
    PrintStream out = root.out();
    try (ImageDecoder decoder = ImageDecoder.open(batchOptions.perPicture(common.codecOptions()))) {
      return batchOptions.run("decoded", plan, outputDir, out, root.err()).run((in, target) -> {
        ImageFiles.Format f = format(target, named);
        long t0 = System.nanoTime();
        byte[] stream = LicFiles.read(in);
        RgbImage image = decoder.decode(stream, in.toString());
        // The stream's metadata goes back into the file where its format holds it (PNG, JPEG).
        PictureMetadata metadata = PictureMetadata.read(stream, in.toString());
        if (!metadata.isEmpty() && !ImageFiles.keepsMetadata(f) && !batchOptions.quiet) {
          root.err().println("lic4j: " + in + ": its metadata (" + metadata.size() + " bytes) is not written: "
              + f.suffix() + " holds none (png and jpg do)");
        }
        if (target.toString().equals("-")) {
          // Encoded whole first, so that a failure writes nothing rather than half a picture.
          out.write(ImageFiles.encode(image, f, metadata));
          out.flush();
          if (out.checkError()) {
            // PrintStream keeps write errors (a full disk, a closed pipe) to itself.
            throw new FileSystemException("-", null, "cannot write to standard output");
          }
        } else {
          OutputFiles.write(target, force, o -> ImageFiles.write(image, f, metadata, o));
        }
        long pixels = (long) image.width() * image.height();
        return new BatchRun.Result(pixels, stream.length, String.format("%dx%d, %.4f bpp, %.0f ms", image.width(),
            image.height(), stream.length * 8.0 / pixels, (System.nanoTime() - t0) / 1e6));
      });
    }
  }

  /** The format an output is written in: the one named for stdout and a batch, else by its extension. */
  private ImageFiles.Format format(Path target, ImageFiles.Format named) throws UserInputException {
    return target.toString().equals("-") || outputDir != null ? named : ImageFiles.Format.of(target);
  }
}
