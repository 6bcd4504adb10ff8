package org.lic4j.spark;

import java.io.Serializable;
import org.lic4j.codec.EncodeParams;
import org.lic4j.media.ImageFiles;

/**
 * What the tasks need to know, shipped with them to the executors.
 *
 * @param direction encode or decode
 * @param inRoot IN as an absolute, normalized path: each input's place under it is mirrored under OUT
 * @param outRoot OUT, the same
 * @param quality encode: 0..100
 * @param effort encode: 0..9, or -1 for the command line's default (2 where the model can refine)
 * @param format decode: the pictures' format
 */
record JobSettings(Direction direction, String inRoot, String outRoot, double quality, int effort,
    ImageFiles.Format format) implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int DEFAULT_EFFORT = -1;

  JobSettings {
    if (!(quality >= 0 && quality <= 100)) {
      throw new IllegalArgumentException("quality must be in 0..100, got " + quality);
    }
    if (effort != DEFAULT_EFFORT && (effort < 0 || effort > EncodeParams.MAX_EFFORT)) {
      throw new IllegalArgumentException("effort must be in 0.." + EncodeParams.MAX_EFFORT + ", got " + effort);
    }
  }

  /** The suffix of the files this job writes. */
  String outputSuffix() {
    return direction == Direction.ENCODE ? "lic" : format.suffix();
  }
}
