package org.lic4j.transforms;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime's process-wide environment, created on a thread of its own with a stack sized to
 * the command line, so that any caller's thread is safe.
 *
 * <p>Why: creating the environment (ONNX Runtime 1.29 on Linux) reads {@code /proc/self/cmdline}
 * and matches it with a regular expression whose recursion deepens with the command line's length,
 * about 2 native frames (some 160 bytes) per character. A class path of about 5 KB, as Spark's 170
 * jars or an application server's give, overflows a default 1 MB thread stack, and the JVM dies of
 * SIGSEGV without a report (issue 22; {@code LongClassPathTest}). A thread's stack is address space
 * reserved, touched only as deep as the creation goes, so a generous size costs nothing.
 */
final class OrtEnvironmentHolder {
  /** Stack for the creation's own frames, whatever the command line. */
  private static final long BASE_STACK_BYTES = 16L << 20;
  /** Stack per byte of the command line: about three times the 160 bytes measured. */
  private static final long STACK_BYTES_PER_COMMAND_LINE_BYTE = 512;

  private static OrtEnvironment environment;

  private OrtEnvironmentHolder() {}

  /** The environment, created on the first call (later calls return it at once). */
  static synchronized OrtEnvironment environment() {
    if (environment == null) {
      environment = createOnLargeStack();
    }
    return environment;
  }

  private static OrtEnvironment createOnLargeStack() {
    OrtEnvironment[] created = new OrtEnvironment[1];
    Throwable[] failed = new Throwable[1];
    Thread creator = new Thread(null, () -> {
      try {
        created[0] = OrtEnvironment.getEnvironment();
      } catch (RuntimeException | Error e) {
        failed[0] = e;
      }
    }, "lic4j-onnxruntime-environment", stackBytes());
    creator.setDaemon(true);
    creator.start();
    // The native creation cannot be stopped midway: wait for it even when interrupted, and keep
    // the interrupt for the caller.
    boolean interrupted = false;
    while (true) {
      try {
        creator.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failed[0] instanceof RuntimeException e) {
      throw e;
    } else if (failed[0] instanceof Error e) {
      throw e;
    }
    return created[0];
  }

  /** The stack for the creating thread, from the length of the command line ONNX Runtime reads. */
  static long stackBytes() {
    return BASE_STACK_BYTES + STACK_BYTES_PER_COMMAND_LINE_BYTE * commandLineBytes();
  }

  private static long commandLineBytes() {
    Path cmdline = Path.of("/proc/self/cmdline");
    if (Files.isReadable(cmdline)) {
      try {
        return Files.readAllBytes(cmdline).length; // procfs reports every size as 0: read it
      } catch (IOException e) {
        // as if not Linux
      }
    }
    // Elsewhere the class path stands for it: it is what grows long.
    return System.getProperty("java.class.path", "").length();
  }
}
