package org.lic4j.codec;

import org.lic4j.bitstream.ModelId;
import org.lic4j.entropy.TableSet;

/**
 * A test model that takes a real model's integer parts (identity, tables, integer scale network)
 * and leaves the float graphs to the subclass: what parsing uses is then the real thing, and what
 * only shapes pixels is whatever the test needs.
 */
abstract class IntegerPartsOf implements LatentModel {
  private final LatentModel real;

  IntegerPartsOf(LatentModel real) {
    this.real = real;
  }

  @Override public final ModelId id() { return real.id(); }
  @Override public final int latentChannels() { return real.latentChannels(); }
  @Override public final int hyperChannels() { return real.hyperChannels(); }
  @Override public final int[] scaleIndex(int[] z, int zh, int zw) { return real.scaleIndex(z, zh, zw); }
  @Override public final int qualityLevels() { return real.qualityLevels(); }
  @Override public final TableSet zTables() { return real.zTables(); }
  @Override public final TableSet yTables() { return real.yTables(); }

  /** The real model is shared and stays open. */
  @Override public void close() {}
}
