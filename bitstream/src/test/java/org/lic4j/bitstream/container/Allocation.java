package org.lic4j.bitstream.container;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/** Measures the bytes the current thread allocates, to show a limit acts before allocation. */
final class Allocation {
  private Allocation() {}

  /** Bytes allocated by this thread while running {@code action}, which may throw. */
  static long bytesAllocatedBy(Executable action) {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)
        || !mx.isThreadAllocatedMemorySupported()) {
      Assumptions.abort("thread allocation counter not available");
      throw new AssertionError("unreachable");
    }
    long thread = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(thread);
    try {
      action.execute();
    } catch (Throwable expected) {
      // The caller checks the outcome separately; here only the allocation counts.
    }
    return mx.getThreadAllocatedBytes(thread) - before;
  }
}
