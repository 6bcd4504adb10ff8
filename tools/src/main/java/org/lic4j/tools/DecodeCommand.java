package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.LicFiles;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.Progress;
import org.lic4j.media.UserInputException;
import org.lic4j.media.VideoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "decode", mixinStandardHelpOptions = true, description = {
    "Decode lic4j streams to PNG, PPM/PGM, BMP or JPEG (by the output's extension).",
    "  lic4j decode IN.lic OUT.png      (OUT '-' writes to stdout, as --format)",
    "  lic4j decode IN.licv OUT.y4m     (a video; OUT '-' writes y4m to stdout)",
    "  lic4j decode IN.licv OUT.mkv     (FFV1; OUT.mp4: x264 -qp 0; both lossless)",
    "  lic4j decode -d OUTDIR IN.lic... (files or directories)"})
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
  CommonOptions common;

  @ParentCommand
  Lic4jCommand root;

  @Override
  public Integer call() throws Exception {
    if (outputDir == null && files.size() == 2 && VideoFiles.isLicv(files.get(0))) {
      new VideoDecodeJob(files.get(0), files.get(1), force, salvage, root.out(), root.err()).run(common.codecOptions());
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
    List<Path[]> jobs = Jobs.plan(files, outputDir, force, named.suffix(), new String[] {"lic"});
    // Every output's format is known before the first decode: a typo costs no work.
    ImageFiles.Format[] formats = new ImageFiles.Format[jobs.size()];
    for (int i = 0; i < formats.length; i++) {
      Path target = jobs.get(i)[1];
      formats[i] = target.toString().equals("-") || outputDir != null ? named : ImageFiles.Format.of(target);
    }
    PrintStream out = root.out();
    try (ImageDecoder decoder = ImageDecoder.open(common.codecOptions())) {
      Progress progress = jobs.size() > 1 ? new Progress(root.err(), jobs.size()) : null;
      long start = System.nanoTime();
      long pixels = 0;
      for (int i = 0; i < formats.length; i++) {
        Path[] job = jobs.get(i);
        ImageFiles.Format f = formats[i];
        long t0 = System.nanoTime();
        byte[] stream = LicFiles.read(job[0]);
        RgbImage image = decoder.decode(stream, job[0].toString());
        boolean stdout = job[1].toString().equals("-");
        if (stdout) {
          // Encoded whole first, so that a failure writes nothing rather than half a picture.
          out.write(ImageFiles.encode(image, f));
          out.flush();
          if (out.checkError()) {
            // PrintStream keeps write errors (a full disk, a closed pipe) to itself.
            throw new FileSystemException("-", null, "cannot write to standard output");
          }
        } else {
          OutputFiles.write(job[1], force, o -> ImageFiles.write(image, f, o));
        }
        pixels += (long) image.width() * image.height();
        String line = String.format("%dx%d, %.4f bpp, %.0f ms", image.width(), image.height(),
            stream.length * 8.0 / ((double) image.width() * image.height()), (System.nanoTime() - t0) / 1e6);
        if (progress != null) {
          progress.step(job[0].getFileName().toString(), line);
        } else {
          // Results go to stdout unless stdout carries the picture.
          (stdout ? root.err() : out).println(job[1] + ": " + line);
        }
      }
      if (jobs.size() > 1) {
        out.printf("decoded %d files, %.2f Mpixel, %.1f s%n", jobs.size(), pixels / 1e6, (System.nanoTime() - start) / 1e9);
      }
    }
    return Failures.OK;
  }
}
