package org.lic4j.codec;

import java.util.concurrent.CancellationException;

/**
 * Told of the progress of an encode or a decode tile by tile, and able to stop it between tiles.
 * Called on the thread that runs the encode or decode.
 */
@FunctionalInterface
public interface TileProgress {
  /** Ignores progress and never stops. */
  TileProgress NONE = (done, total) -> true;

  /**
   * Called after each step of {@code total}: a tile synthesised (decoding), a tile analysed or coded
   * (encoding).
   *
   * @return false to stop: the encode or decode then throws a {@link CancellationException} before
   *     the next tile
   */
  boolean tileDone(int done, int total);
}
