package org.lic4j.video;

/**
 * How P frames are coded when the encoder has a P-frame model (docs/video.md, "P frames").
 *
 * @param blockSize the motion field's blocks, 16 or 8
 * @param qualityDrop how much lower, in quality points (0..100 as {@link
 *     org.lic4j.codec.EncodeParams#quality}), a P frame between two of the hierarchy's upper frames
 *     is coded than the intra frame; 0 codes every frame at the same quality
 * @param period every {@code period}-th frame after an intra frame (counted from it) is an upper
 *     frame, coded at the intra frame's quality: the others refer to better pictures than their
 *     own, as the hierarchical quality of DCVC and x264's P-frame QP offsets do; 1 makes every P
 *     frame an upper one
 * @param intraChoice whether the encoder also codes each would-be P frame as an intra frame and
 *     keeps the cheaper of the two by the model's rate-distortion measure (x264's intra decision per
 *     frame, at twice the coding time): a scene cut, or content the P-frame model predicts badly,
 *     then costs no more than intra coding
 */
public record PFrameParams(int blockSize, double qualityDrop, int period, boolean intraChoice) {
  /** Blocks of 16, every frame at the same quality, with the intra choice. */
  public static final PFrameParams DEFAULT = new PFrameParams(16, 0, 1, true);

  /** Checks ranges. */
  public PFrameParams {
    if (blockSize != 16 && blockSize != 8) {
      throw new IllegalArgumentException("motion block size must be 16 or 8, got " + blockSize);
    }
    if (!(qualityDrop >= 0 && qualityDrop <= 100)) {
      throw new IllegalArgumentException("quality drop must be in 0..100, got " + qualityDrop);
    }
    if (period < 1) {
      throw new IllegalArgumentException("hierarchy period must be at least 1, got " + period);
    }
  }

  /** The same with or without the intra choice. */
  public PFrameParams withIntraChoice(boolean value) {
    return new PFrameParams(blockSize, qualityDrop, period, value);
  }

  /** The same with hierarchical quality: every {@code everyNth} frame at the intra quality, the others {@code drop} lower. */
  public PFrameParams withHierarchy(double drop, int everyNth) {
    return new PFrameParams(blockSize, drop, everyNth, intraChoice);
  }

  /** The same with motion blocks of {@code size}. */
  public PFrameParams withBlockSize(int size) {
    return new PFrameParams(size, qualityDrop, period, intraChoice);
  }

  /**
   * The quality, in hundredths, of the frame {@code sinceIntra} frames after the latest intra
   * frame (1 for the first P frame), when that one was coded at {@code intraHundredths}.
   */
  int hundredths(int intraHundredths, long sinceIntra) {
    if (sinceIntra % period == 0) {
      return intraHundredths;
    }
    return Math.max(0, intraHundredths - (int) Math.round(qualityDrop * 100));
  }
}
