package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lic4j.codec.RgbImage;

/** A codec under test: codes one picture at one of its own settings and decodes it again. */
interface RdCodec {
  /** Short name, unique in a run: {@code lic4j}, {@code jpeg-420}, {@code x265}. */
  String id();

  /** The curve's name in tables and plots. */
  String label();

  /** What the setting is: {@code quality}, {@code qp}, {@code quantizer}. */
  String settingName();

  /** The sweep of settings, from low to high rate; the quick one has at least four. */
  List<Double> settings(boolean quick);

  /** Which program (or library) and version produced the curve, and how it was driven. */
  String tool();

  /**
   * Encodes {@code subject} at {@code setting} and decodes the result.
   *
   * @param work an empty folder for this trial's files, removed afterwards
   */
  Trial run(Subject subject, double setting, Path work) throws IOException;

  /**
   * One coded picture.
   *
   * @param bytes size of the coded file, everything a decoder needs
   * @param decoded the decoded picture, the size of the original
   * @param encodeNanos wall time from the RGB picture to the coded file
   * @param decodeNanos wall time from the coded file to RGB
   * @param zBytes bytes of side information (lic4j's hyper-latent z), -1 where the codec has no such split
   * @param yBytes bytes of the latent proper (lic4j's y), -1 likewise
   */
  record Trial(long bytes, RgbImage decoded, long encodeNanos, long decodeNanos, long zBytes, long yBytes) {
    /** A trial without a z / y split (the classical codecs). */
    Trial(long bytes, RgbImage decoded, long encodeNanos, long decodeNanos) {
      this(bytes, decoded, encodeNanos, decodeNanos, -1, -1);
    }
  }
}
