package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A classical codec driven through its command-line encoder and decoder: what the run of each one
 * has in common (describing the curve, timing the two programs, reading the decoded picture).
 * Subclasses say which commands to run.
 */
abstract class CliCodec implements RdCodec {
  private final String id;
  private final String label;
  private final String settingName;
  private final List<Double> sweep;
  private final List<Double> quick;
  private final String tool;

  CliCodec(String id, String label, String settingName, List<Double> sweep, List<Double> quick, String tool) {
    this.id = id;
    this.label = label;
    this.settingName = settingName;
    this.sweep = sweep;
    this.quick = quick;
    this.tool = tool;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String label() {
    return label;
  }

  @Override
  public final String settingName() {
    return settingName;
  }

  @Override
  public final List<Double> settings(boolean quickSweep) {
    return quickSweep ? quick : sweep;
  }

  @Override
  public final String tool() {
    return tool;
  }

  /**
   * Runs {@code encode}, which writes {@code coded}, then {@code decode}, which writes {@code
   * decoded}, each timed on its own.
   *
   * @param encodeExtraNanos time spent preparing the encoder's input, counted as encoding
   */
  static Trial encodeDecode(Path work, List<String> encode, Path coded, List<String> decode, Path decoded,
      long encodeExtraNanos) throws IOException {
    long t0 = System.nanoTime();
    Tool.run(work, encode);
    long t1 = System.nanoTime();
    Tool.run(work, decode);
    long t2 = System.nanoTime();
    return new Trial(Files.size(coded), Pictures.read(decoded), t1 - t0 + encodeExtraNanos, t2 - t1);
  }

  /** The tool line's middle part: the Debian package and version, when known. */
  static String debianPackage(Path work, String name) {
    return Tool.debianPackage(work, name).map(p -> "; " + p).orElse("");
  }
}
