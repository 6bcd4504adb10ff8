package org.lic4j.codec;

import java.util.function.Function;
import org.lic4j.entropy.EntropyDecodingException;
import org.lic4j.entropy.RansDecoder;
import org.lic4j.entropy.RansEncoder;
import org.lic4j.entropy.TableSet;

/**
 * The symbols of one tile and their coded form (docs/bitstream.md, 10.4 "Tile data").
 *
 * <pre>
 * TileData --> u32 zLength, ZStream (zLength bytes), YStream (the rest)
 * ZStream  --> the z symbols in channel, row, column order; symbol (c, y, x) uses z table c
 * YStream  --> the residual symbols of the anchors ((y + x) even) in channel, row, column order,
 *              then those of the other positions in the same order; symbol (c, y, x) uses the
 *              y table named by the scale index at (c, y, x)
 * </pre>
 *
 * Every table choice comes from the z symbols through the integer scale network, so a tile's
 * symbols all parse before any float computation.
 */
final class LatentCoder {
  private final TableSet zTables;
  private final TableSet yTables;

  LatentCoder(TableSet zTables, TableSet yTables) {
    this.zTables = zTables;
    this.yTables = yTables;
  }

  /** The symbols of a tile: z (cz x zh x zw) and residuals with their scale indexes (m x yh x yw). */
  record Symbols(int[] z, int cz, int zh, int zw, int[] residual, int[] scaleIndex, int m, int yh, int yw) {}

  byte[] encode(Symbols s) {
    RansEncoder encoder = new RansEncoder();
    byte[] zBytes = encoder.encode(s.z, zTableIndexes(s.cz, s.zh, s.zw), zTables);
    int[] order = anchorFirstOrder(s.m, s.yh, s.yw);
    int n = order.length;
    int[] values = new int[n];
    int[] tables = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = s.residual[order[i]];
      tables[i] = s.scaleIndex[order[i]];
    }
    byte[] yBytes = encoder.encode(values, tables, yTables);
    byte[] out = new byte[4 + zBytes.length + yBytes.length];
    out[0] = (byte) (zBytes.length >>> 24);
    out[1] = (byte) (zBytes.length >>> 16);
    out[2] = (byte) (zBytes.length >>> 8);
    out[3] = (byte) zBytes.length;
    System.arraycopy(zBytes, 0, out, 4, zBytes.length);
    System.arraycopy(yBytes, 0, out, 4 + zBytes.length, yBytes.length);
    return out;
  }

  /**
   * Parses a tile's data. {@code scaleNet} maps z symbols (cz x zh x zw) to scale indexes
   * (m x 4zh x 4zw).
   */
  Symbols decode(byte[] data, int cz, int zh, int zw, int m, Function<int[], int[]> scaleNet)
      throws EntropyDecodingException {
    if (data.length < 4) {
      throw new EntropyDecodingException("tile data of " + data.length + " bytes has no z length", 0);
    }
    long zLength = ((data[0] & 0xffL) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
    if (zLength > data.length - 4) {
      throw new EntropyDecodingException("z stream length " + zLength + " exceeds the tile's "
          + (data.length - 4) + " bytes", 0);
    }
    RansDecoder decoder = new RansDecoder();
    int[] z = new int[cz * zh * zw];
    decoder.decode(data, 4, (int) zLength, zTableIndexes(cz, zh, zw), zTables, z);
    int[] scaleIndex = scaleNet.apply(z);
    int yh = zh * 4;
    int yw = zw * 4;
    int[] order = anchorFirstOrder(m, yh, yw);
    int n = order.length;
    int[] tables = new int[n];
    for (int i = 0; i < n; i++) {
      tables[i] = scaleIndex[order[i]];
    }
    int[] values = new int[n];
    int yStart = 4 + (int) zLength;
    decoder.decode(data, yStart, data.length - yStart, tables, yTables, values);
    int[] residual = new int[n];
    for (int i = 0; i < n; i++) {
      residual[order[i]] = values[i];
    }
    return new Symbols(z, cz, zh, zw, residual, scaleIndex, m, yh, yw);
  }

  private static int[] zTableIndexes(int cz, int zh, int zw) {
    int plane = zh * zw;
    int[] idx = new int[cz * plane];
    for (int c = 0; c < cz; c++) {
      java.util.Arrays.fill(idx, c * plane, (c + 1) * plane, c);
    }
    return idx;
  }

  /** Positions (CHW flat indexes) in coding order: anchors, then non-anchors. */
  static int[] anchorFirstOrder(int m, int h, int w) {
    int[] order = new int[m * h * w];
    int k = 0;
    for (int parity = 0; parity < 2; parity++) {
      for (int c = 0; c < m; c++) {
        for (int y = 0; y < h; y++) {
          int base = (c * h + y) * w;
          for (int x = (y + parity) & 1; x < w; x += 2) {
            order[k++] = base + x;
          }
        }
      }
    }
    return order;
  }

  static boolean isAnchor(int y, int x) {
    return ((y + x) & 1) == 0;
  }
}
