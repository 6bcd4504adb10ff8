package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.EncodeResult;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.RgbImage;
import org.lic4j.conformance.SyntheticPictures;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.Metrics;
import org.lic4j.media.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "Encode and decode a built-in picture (or --input FILE) with the default model at a few qualities.",
    "Prints size, bpp, PSNR and times."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--input", paramLabel = "FILE", description = "Use this picture instead of the built-in one.")
  Path input;

  @Option(names = {"-q", "--quality"}, paramLabel = "Q", split = ",", defaultValue = "25,50,75,100",
      description = "Qualities to try (default: ${DEFAULT-VALUE}).")
  List<Double> qualities;

  @Option(names = "--save", paramLabel = "DIR", description = "Also write the original, the streams and the decoded PNGs here.")
  Path save;

  @Option(names = {"-f", "--force"}, description = "Overwrite existing files in the --save folder.")
  boolean force;

  @Mixin
  CommonOptions common;

  @ParentCommand
  Lic4jCommand root;

  @Override
  public Integer call() throws Exception {
    PrintStream out = root.out();
    RgbImage image = input != null ? ImageFiles.read(input) : SyntheticPictures.landscape(768, 512, 2026);
    String name = input != null ? input.getFileName().toString() : "built-in scene";
    if (save != null) {
      Files.createDirectories(save);
      // Every file checked before any work, as encode and decode do.
      OutputFiles.checkWritable(save.resolve("original.png"), force);
      for (double q : qualities) {
        String stem = String.format("q%03d", Math.round(q));
        OutputFiles.checkWritable(save.resolve(stem + ".lic"), force);
        OutputFiles.checkWritable(save.resolve(stem + ".png"), force);
      }
      OutputFiles.write(save.resolve("original.png"), force, o -> ImageFiles.write(image, ImageFiles.Format.PNG, o));
    }
    long t0 = System.nanoTime();
    try (ImageModel model = ImageModel.open(common.codecOptions());
        ImageEncoder encoder = ImageEncoder.open(model);
        ImageDecoder decoder = ImageDecoder.open(model)) {
      out.printf("lic4j demo: %s, %dx%d, model %s (loaded in %.0f ms)%n", name, image.width(), image.height(),
          model, (System.nanoTime() - t0) / 1e6);
      // One untimed round so that the times below are of a warm runtime.
      decoder.decode(encoder.encode(image, EncodeParams.quality(50)).stream(), "warm-up");
      out.println("quality     bytes      bpp   PSNR dB   encode ms   decode ms");
      for (double q : qualities) {
        EncodeResult r = encoder.encode(image, EncodeParams.quality(q));
        long d0 = System.nanoTime();
        RgbImage back = decoder.decode(r.stream(), "demo");
        long decodeNanos = System.nanoTime() - d0;
        out.printf("%7.1f %8d %8.4f %9.2f %11.0f %11.0f%n", q, r.stream().length, r.bitsPerPixel(),
            Metrics.psnr(image, back), r.timings().totalNanos() / 1e6, decodeNanos / 1e6);
        if (save != null) {
          String stem = String.format("q%03d", Math.round(q));
          OutputFiles.write(save.resolve(stem + ".lic"), force, o -> o.write(r.stream()));
          OutputFiles.write(save.resolve(stem + ".png"), force, o -> ImageFiles.write(back, ImageFiles.Format.PNG, o));
        }
      }
    }
    return Failures.OK;
  }
}
