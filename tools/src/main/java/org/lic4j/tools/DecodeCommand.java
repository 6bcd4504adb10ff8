package org.lic4j.tools;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decode", description = {
    "Decode lic4j streams to PNG, PPM/PGM, BMP or JPEG (by the output's extension).",
    "  lic4j decode IN.lic OUT.png      (OUT '-' writes to stdout, as --format)",
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

  @Mixin
  CommonOptions common;

  @Override
  public Integer call() throws Exception {
    String suffix = format == null ? "png" : ImageFiles.Format.named(format).name.replace("jpeg", "jpg");
    List<Path[]> jobs = Jobs.plan(files, outputDir, force, suffix, new String[] {"lic"});
    try (ImageDecoder decoder = ImageDecoder.open(common.codecOptions())) {
      Progress progress = jobs.size() > 1 ? new Progress(System.err, jobs.size()) : null;
      long start = System.nanoTime();
      for (Path[] job : jobs) {
        long t0 = System.nanoTime();
        byte[] stream = Streams.readLic(job[0]);
        RgbImage image = decoder.decode(stream, job[0].toString());
        boolean stdout = job[1].toString().equals("-");
        ImageFiles.Format f = stdout || format != null && outputDir != null
            ? ImageFiles.Format.named(format == null ? "png" : format) : ImageFiles.Format.of(job[1]);
        if (stdout) {
          OutputStream out = new BufferedOutputStream(System.out);
          ImageFiles.write(image, f, out);
          out.flush();
          continue;
        }
        OutputFiles.write(job[1], force, out -> ImageFiles.write(image, f, out));
        String line = String.format("%dx%d, %.4f bpp, %.0f ms", image.width(), image.height(),
            stream.length * 8.0 / ((double) image.width() * image.height()), (System.nanoTime() - t0) / 1e6);
        if (progress != null) {
          progress.step(job[0].getFileName().toString(), line);
        } else {
          System.err.println(job[1] + ": " + line);
        }
      }
      if (jobs.size() > 1) {
        System.err.printf("decoded %d files in %.1f s%n", jobs.size(), (System.nanoTime() - start) / 1e9);
      }
    }
    return Failures.OK;
  }
}
