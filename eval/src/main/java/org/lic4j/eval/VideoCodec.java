package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A video codec under test in {@code lic4j eval-video}: codes one clip at one setting and decodes it to y4m. */
interface VideoCodec {
  /** Short name, unique in a run: {@code lic4j}, {@code x264}, {@code x265}. */
  String id();

  /** The curve's name in tables and plots. */
  String label();

  /** What the setting is: {@code quality}, {@code qp}. */
  String settingName();

  /** The sweep, as asked or the default. */
  List<Double> settings();

  /** Which program (or library) and version produced the curve, and how it was driven. */
  String tool();

  /**
   * Encodes {@code clip} at {@code setting} and decodes the result to y4m.
   *
   * @param work an empty folder for this trial's files, removed afterwards
   */
  Trial run(VideoClips.Clip clip, double setting, Path work) throws IOException;

  /**
   * One coded clip.
   *
   * @param bytes what the rate counts: the whole stream less the encoder's settings message, if any
   * @param removedBytes the bytes of that message (0 for lic4j)
   * @param frameBytes each frame's share of {@code bytes}, in display order (headers go to the frame they precede)
   * @param decoded the decoded clip as y4m, in {@code work}
   * @param encodeNanos wall time from the source y4m to the stream
   * @param decodeNanos wall time from the stream to the decoded y4m
   */
  record Trial(long bytes, long removedBytes, long[] frameBytes, Path decoded, long encodeNanos, long decodeNanos) {}

  /**
   * A codec that can run here, or why it cannot.
   *
   * @param codec the codec, or null when skipped
   * @param skipped why it is skipped, or null
   */
  record Found(VideoCodec codec, String skipped) {
    static Found skipped(String why) {
      return new Found(null, why);
    }
  }
}
