package org.lic4j.entropy;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread encode and decode throughput on the test corpus: 1 M symbols, Gaussian, scales
 * log-uniform in [0.11, 64] (64 tables, precision 16). Scores are symbols per second (one
 * operation = one symbol). See docs/benchmarks.md for figures and the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RansBenchmark {
  private static final int SYMBOLS = 1_000_000;

  @Param({"16"})
  public int precision;

  private TableSet tables;
  private int[] values;
  private int[] tableIdx;
  private byte[] coded;
  private int[] decoded;
  private RansEncoder encoder;
  private RansDecoder decoder;

  @Setup(Level.Trial)
  public void setUp() throws EntropyDecodingException {
    ScaleTables scales = ScaleTables.builder().precision(precision).build();
    GaussianCorpus corpus = new GaussianCorpus(scales, SYMBOLS, 42);
    tables = scales.tableSet();
    values = corpus.values;
    tableIdx = corpus.tableIdx;
    encoder = new RansEncoder();
    decoder = new RansDecoder();
    coded = encoder.encode(values, tableIdx, tables);
    decoded = new int[SYMBOLS];
    decoder.decode(coded, 0, coded.length, tableIdx, tables, decoded);
    if (!java.util.Arrays.equals(values, decoded)) {
      throw new IllegalStateException("round trip failed");
    }
  }

  @Benchmark
  @OperationsPerInvocation(SYMBOLS)
  public byte[] encode() {
    return encoder.encode(values, tableIdx, tables);
  }

  @Benchmark
  @OperationsPerInvocation(SYMBOLS)
  public int[] decode() throws EntropyDecodingException {
    decoder.decode(coded, 0, coded.length, tableIdx, tables, decoded);
    return decoded;
  }
}
