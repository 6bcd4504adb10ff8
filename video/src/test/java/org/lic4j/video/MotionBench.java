package org.lic4j.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measurements of the motion estimator and the motion-vector coding on real clips (never a timed
 * unit test; the estimator's time as wall clock and as the thread's CPU time, which a loaded
 * machine disturbs less): clips as raw 8-bit RGB frames, made with
 * {@code ffmpeg -i CLIP -frames:v 20 -f rawvideo -pix_fmt rgb24 NAME.rgb}.
 *
 * <pre>
 *   java -cp ... org.lic4j.video.MotionBench bench DIR NAME:WxH ...   time per field, bits per block
 *   java -cp ... org.lic4j.video.MotionBench fit OUT DIR NAME:WxH ...  residual counts per table
 *   java -cp ... org.lic4j.video.MotionBench field DIR NAME:WxH FRAME BLOCK  the field of FRAME from FRAME - 1
 * </pre>
 *
 * <p>{@code fit} counts, per context table, each token (and 0 escapes) over the fields at both block
 * sizes, and writes the rows of {@link MotionVectorTables#FREQUENCIES} (Java source): the counts plus one half,
 * quantised to {@link MotionVectorCoding#PRECISION} bits (each at least 1, the largest takes the
 * rounding).
 */
public final class MotionBench {
  private static final int[] LAMBDAS = {0, 64};

  private MotionBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("bench")) {
      for (int i = 2; i < args.length; i++) {
        bench(Path.of(args[1]), args[i]);
      }
    } else if (args.length == 5 && args[0].equals("field")) {
      Clip clip = read(Path.of(args[1]), args[2]);
      int frame = Integer.parseInt(args[3]);
      int[] field = MotionEstimator.trainingDefault().estimate(clip.frames[frame - 1], clip.frames[frame], clip.width,
          clip.height, Integer.parseInt(args[4]));
      StringBuilder out = new StringBuilder();
      for (int v : field) {
        out.append(v).append('\n');
      }
      System.out.print(out);
    } else if (args.length >= 4 && args[0].equals("fit")) {
      long[][] counts = new long[MotionVectorCoding.TABLES][2 * MotionVectorCoding.CLASSES + 2];
      for (int i = 3; i < args.length; i++) {
        count(Path.of(args[2]), args[i], counts);
      }
      StringBuilder out = new StringBuilder();
      for (long[] row : counts) {
        out.append(quantised(row)).append('\n');
      }
      Files.writeString(Path.of(args[1]), out);
      System.out.print(out);
    } else {
      System.err.println("usage: MotionBench bench DIR NAME:WxH... | fit OUT DIR NAME:WxH... | field DIR NAME:WxH FRAME BLOCK");
      System.exit(2);
    }
  }

  private static String quantised(long[] counts) {
    int total = 1 << MotionVectorCoding.PRECISION;
    double sum = 0;
    for (long c : counts) {
      sum += c + 0.5;
    }
    int[] f = new int[counts.length];
    int used = 0;
    int largest = 0;
    for (int s = 0; s < f.length; s++) {
      f[s] = Math.max(1, (int) Math.round((counts[s] + 0.5) / sum * total));
      used += f[s];
      largest = f[s] > f[largest] ? s : largest;
    }
    f[largest] += total - used;
    StringBuilder line = new StringBuilder("    {");
    for (int s = 0; s < f.length; s++) {
      line.append(s == 0 ? "" : ", ").append(f[s]);
    }
    return line.append("},").toString();
  }

  private record Clip(String name, int width, int height, byte[][] frames) {}

  private static Clip read(Path dir, String spec) throws IOException {
    String name = spec.substring(0, spec.indexOf(':'));
    String[] size = spec.substring(spec.indexOf(':') + 1).split("x");
    int width = Integer.parseInt(size[0]);
    int height = Integer.parseInt(size[1]);
    int frameBytes = width * height * 3;
    byte[] all;
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".rgb"))) {
      all = in.readAllBytes();
    }
    byte[][] frames = new byte[all.length / frameBytes][];
    for (int f = 0; f < frames.length; f++) {
      frames[f] = Arrays.copyOfRange(all, f * frameBytes, (f + 1) * frameBytes);
    }
    return new Clip(name, width, height, frames);
  }

  private static void count(Path dir, String spec, long[][] counts) throws IOException {
    Clip clip = read(dir, spec);
    MotionEstimator estimator = MotionEstimator.trainingDefault();
    for (int block : new int[] {16, 8}) {
      int columns = MotionCompensation.blockColumns(clip.width, block);
      int rows = MotionCompensation.blockRows(clip.height, block);
      for (int f = 1; f < clip.frames.length; f++) {
        int[] field = estimator.estimate(clip.frames[f - 1], clip.frames[f], clip.width, clip.height, block);
        int[] tableIdx = new int[field.length];
        int[] residuals = MotionVectorCoding.residuals(field, columns, rows, tableIdx);
        for (int i = 0; i < residuals.length; i++) {
          counts[tableIdx[i]][MotionVectorCoding.token(residuals[i]) + MotionVectorCoding.CLASSES]++;
        }
      }
    }
  }

  private static void bench(Path dir, String spec) throws IOException {
    Clip clip = read(dir, spec);
    for (int lambda : LAMBDAS) {
      MotionEstimator estimator = lambda == 0 ? MotionEstimator.trainingDefault() : MotionEstimator.withRateTerm(lambda);
      for (int block : new int[] {16, 8}) {
        int columns = MotionCompensation.blockColumns(clip.width, block);
        int rows = MotionCompensation.blockRows(clip.height, block);
        // Warm-up over the clip once, then timed.
        for (int f = 1; f < Math.min(clip.frames.length, 6); f++) {
          estimator.estimate(clip.frames[f - 1], clip.frames[f], clip.width, clip.height, block);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        long cpuNanos = 0;
        long bytes = 0;
        double psnrSum = 0;
        int pairs = 0;
        for (int f = 1; f < clip.frames.length; f++) {
          long t0 = System.nanoTime();
          long c0 = threads.getCurrentThreadCpuTime();
          int[] field = estimator.estimate(clip.frames[f - 1], clip.frames[f], clip.width, clip.height, block);
          cpuNanos += threads.getCurrentThreadCpuTime() - c0;
          nanos += System.nanoTime() - t0;
          bytes += MotionVectorCoding.encode(field, columns, rows).length;
          byte[] prediction = MotionCompensation.predict(clip.frames[f - 1], clip.width, clip.height, block, field);
          psnrSum += psnr(prediction, clip.frames[f]);
          pairs++;
        }
        System.out.printf(Locale.ROOT, "%-9s %4dx%-4d block %2d lambda %d: %6.1f ms/field (%6.1f ms CPU), %6.3f bits/block"
            + " (%5.0f bytes/field), prediction %.2f dB RGB%n", clip.name, clip.width, clip.height, block, lambda,
            nanos / 1e6 / pairs, cpuNanos / 1e6 / pairs, 8.0 * bytes / pairs / (columns * rows), (double) bytes / pairs, psnrSum / pairs);
      }
    }
  }

  private static double psnr(byte[] a, byte[] b) {
    double se = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xFF) - (b[i] & 0xFF);
      se += d * d;
    }
    return 10 * Math.log10(255.0 * 255.0 * a.length / Math.max(se, 1e-9));
  }
}
