package org.lic4j.tools;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ExitCode;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.ImageEncoder;
import org.lic4j.codec.ImageModel;
import org.lic4j.conformance.ConformanceCheck;
import org.lic4j.conformance.SuiteGenerator;
import org.lic4j.conformance.SuiteManifest;
import org.lic4j.media.UserInputException;
import org.lic4j.video.PFrameModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "conform", mixinStandardHelpOptions = true, description = {
    "Check this decoder against a conformance suite.",
    "Every stream must parse to the manifest's latents exactly and decode to its pixels exactly or",
    "within tolerance; damaged streams must be rejected with the right class of error. Exit 0 when",
    "every stream passes, 5 when one fails.",
    "  lic4j conform conformance/streams   (P frames with the bundled P-frame model, or --pframe-model)",
    "  lic4j conform --generate DIR [--force]   (write a new suite; see docs/conformance.md)"})
final class ConformCommand implements Callable<Integer> {
  /** Exit code when a stream does not conform. */
  static final int NONCONFORMING = ExitCode.NONCONFORMING.code();

  @Parameters(paramLabel = "DIR", description = "The suite: a folder with manifest.json.")
  Path dir;

  @Option(names = "--generate", description = "Write a new suite to DIR instead of checking one.")
  boolean generate;

  @Option(names = {"-f", "--force"}, description = "With --generate: replace the suite already in DIR.")
  boolean force;

  @Option(names = "--optimization", paramLabel = "LEVEL", defaultValue = "all",
      description = "ONNX Runtime graph optimisation: none, basic, extended or all (default: ${DEFAULT-VALUE}).")
  String optimization;

  @Mixin
  CommonOptions common;

  @ParentCommand
  Lic4jCommand root;

  @Override
  public Integer call() throws Exception {
    CodecOptions options;
    try {
      options = common.codecOptions().withOptimization(CodecOptions.Optimization.parse(optimization));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), true);
    }
    PrintStream out = root.out();
    if (generate) {
      if (Files.exists(dir.resolve(SuiteManifest.FILE_NAME)) && !force) {
        throw new UserInputException(dir + ": already holds a suite (use --force to replace it)", false);
      }
      try (ImageModel model = ImageModel.open(options); ImageEncoder encoder = ImageEncoder.open(model);
          ImageDecoder decoder = ImageDecoder.open(model); PFrameModel pFrameModel = openPFrameModel(options)) {
        SuiteManifest m = new SuiteGenerator(encoder, decoder, pFrameModel).generate(dir);
        out.println("wrote " + m.streams().size() + " streams and " + SuiteManifest.FILE_NAME + " to " + dir
            + " (model " + m.model() + ")");
      }
      return Failures.OK;
    }
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(dir + ": no such folder", false);
    }
    SuiteManifest manifest;
    try {
      manifest = SuiteManifest.read(dir);
    } catch (java.io.IOException e) {
      throw new UserInputException(e.getMessage(), false);
    }
    List<ConformanceCheck.Result> results;
    try (ImageDecoder decoder = ImageDecoder.open(options); PFrameModel pFrameModel = openPFrameModel(options)) {
      String problem = ConformanceCheck.modelProblem(manifest, decoder.model().id());
      if (problem == null) {
        problem = ConformanceCheck.pFrameModelProblem(manifest, pFrameModel.id());
      }
      if (problem != null) {
        throw new UserInputException(dir + ": " + problem, false);
      }
      results = new ConformanceCheck(decoder, pFrameModel).check(dir);
    }
    int width = 6;
    for (ConformanceCheck.Result r : results) {
      width = Math.max(width, r.name().length());
    }
    String row = "%-" + width + "s  %-6s  %-8s  %-18s  %s%n";
    out.printf(row, "stream", "result", "latents", "pixels", "");
    int failed = 0;
    for (ConformanceCheck.Result r : results) {
      out.printf(row, r.name(), r.passed() ? "pass" : "FAIL", r.latents(), r.pixels(), r.detail());
      failed += r.passed() ? 0 : 1;
    }
    out.println(results.size() + " streams: " + (results.size() - failed) + " passed, " + failed + " failed");
    return failed == 0 ? Failures.OK : NONCONFORMING;
  }

  /** The P-frame model of {@code --pframe-model}, or the bundled one. */
  private PFrameModel openPFrameModel(CodecOptions options) throws java.io.IOException, UserInputException {
    Path folder = common.pFrameModel();
    return folder != null ? PFrameModel.open(folder, options) : PFrameModel.open(options);
  }
}
