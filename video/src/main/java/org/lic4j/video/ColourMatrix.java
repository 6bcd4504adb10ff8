package org.lic4j.video;

/**
 * The Y'CbCr matrix: the luma weights Kr and Kb of ITU-R BT.601 and BT.709 (Kg = 1 - Kr - Kb).
 * E'Y = Kr E'R + Kg E'G + Kb E'B; E'Pb = (E'B - E'Y) / (2 (1 - Kb)); E'Pr = (E'R - E'Y) / (2 (1 - Kr)).
 */
public enum ColourMatrix {
  /** ITU-R BT.601 (SD television, JPEG): Kr = 0.299, Kb = 0.114. */
  BT601(0.299, 0.114),
  /** ITU-R BT.709 (HD television): Kr = 0.2126, Kb = 0.0722. */
  BT709(0.2126, 0.0722);

  /**
   * Largest size still taken for standard definition when a source does not name its matrix: PAL's
   * 720x576 and its anamorphic 1024x576.
   */
  static final int SD_MAX_WIDTH = 1024;

  static final int SD_MAX_HEIGHT = 576;

  private final double kr;
  private final double kb;

  ColourMatrix(double kr, double kb) {
    this.kr = kr;
    this.kb = kb;
  }

  /** The red luma weight Kr. */
  public double kr() {
    return kr;
  }

  /** The blue luma weight Kb. */
  public double kb() {
    return kb;
  }

  /** The green luma weight, 1 - Kr - Kb. */
  public double kg() {
    return 1 - kr - kb;
  }

  /**
   * The matrix a source of this size most likely used when it does not say: BT.709 for HD (wider
   * than 1024 or taller than 576), BT.601 for SD, as FFmpeg and most players guess.
   */
  public static ColourMatrix guessFor(int width, int height) {
    return width > SD_MAX_WIDTH || height > SD_MAX_HEIGHT ? BT709 : BT601;
  }
}
