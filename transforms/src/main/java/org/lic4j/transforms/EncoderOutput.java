package org.lic4j.transforms;

/**
 * What the analysis and hyper analysis graphs produce for one image: the gained latent y and the
 * hyper-latent z, both CHW float arrays.
 *
 * @param y the latent already multiplied by the gain: channels x yh x yw
 * @param yh y rows (image height / 16)
 * @param yw y columns (image width / 16)
 * @param z the hyper-latent before rounding: channels x zh x zw
 * @param zh z rows (image height / 64)
 * @param zw z columns (image width / 64)
 */
public record EncoderOutput(float[] y, int yh, int yw, float[] z, int zh, int zw) {

  /**
   * The z symbols, {@code round(z)} with ties to even as {@code torch.round} rounds (values beyond
   * the int range saturate; the entropy coder escapes large values anyway).
   */
  public int[] zSymbols() {
    int[] symbols = new int[z.length];
    for (int i = 0; i < z.length; i++) {
      symbols[i] = (int) Math.rint(z[i]);
    }
    return symbols;
  }
}
