package org.lic4j.tools;

import java.nio.file.Path;
import org.lic4j.codec.CodecOptions;
import org.lic4j.media.UserInputException;
import picocli.CommandLine.Option;

/** Options every codec command takes. */
final class CommonOptions {
  @Option(names = "--model", paramLabel = "PATH", description = "Model bundle folder (default: the bundled model).")
  Path model;

  @Option(names = "--pframe-model", paramLabel = "PATH",
      description = "Video: P-frame model bundle folder, for P frames between the intra frames (default: the "
          + "bundled lic-pframe-v1).")
  Path pFrameModel;

  @Option(names = "--device", paramLabel = "D", defaultValue = "cpu",
      description = "cpu, cuda or auto (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Threads for transforms and tiles; 0 = all cores (default).")
  int threads;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  CodecOptions codecOptions() throws UserInputException {
    if (threads < 0) {
      throw new UserInputException("--threads must be >= 0", true);
    }
    CodecOptions o;
    try {
      o = CodecOptions.defaults().withDevice(CodecOptions.Device.parse(device)).withThreads(threads);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), true);
    }
    if (model != null) {
      if (!java.nio.file.Files.isDirectory(model)) {
        throw new UserInputException(model + ": no such model bundle folder", true);
      }
      o = o.withModel(model);
    }
    return o;
  }

  /** The P-frame model folder asked for, checked to exist; null when none was. */
  Path pFrameModel() throws UserInputException {
    if (pFrameModel != null && !java.nio.file.Files.isDirectory(pFrameModel)) {
      throw new UserInputException(pFrameModel + ": no such P-frame model bundle folder", true);
    }
    return pFrameModel;
  }
}
