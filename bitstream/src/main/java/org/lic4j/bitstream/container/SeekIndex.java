package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.i64;
import static org.lic4j.bitstream.container.ContainerFormat.u32;

/**
 * A video stream's index chunk (docs/video.md, "Index"): one entry per intra frame, in stream
 * order, with its display index, frame number and the offset of its chunk. Kept as the payload
 * it was read from, 16 bytes an entry.
 */
final class SeekIndex {
  private final byte[] payload;
  private final int entries;

  /** One intra frame. */
  record Entry(long display, long number, long offset) {}

  /** An index whose payload {@link #problem} has found sound. */
  SeekIndex(byte[] payload, int entries) {
    this.payload = payload;
    this.entries = entries;
  }

  /**
   * Why an index payload of {@code entries} entries cannot be right for frames lying between
   * {@code firstItem} and {@code indexOffset}, or {@code null}: display indexes, frame numbers and
   * offsets must all increase, offsets within those bounds.
   */
  static String problem(byte[] payload, int entries, long firstItem, long indexOffset) {
    Entry previous = null;
    for (int i = 0; i < entries; i++) {
      Entry entry = entry(payload, i);
      if (entry.offset() < firstItem || entry.offset() >= indexOffset) {
        return "index entry " + i + " offset " + entry.offset() + " outside the frames "
            + firstItem + ".." + (indexOffset - 1);
      }
      if (previous != null && (entry.display() <= previous.display()
          || entry.number() <= previous.number() || entry.offset() <= previous.offset())) {
        return "index entry " + i + " does not follow entry " + (i - 1) + " (display, number"
            + " and offset must increase)";
      }
      previous = entry;
    }
    return null;
  }

  private static Entry entry(byte[] payload, int i) {
    int at = i * VideoFormat.INDEX_ENTRY_LENGTH;
    return new Entry(u32(payload, at), u32(payload, at + 4), i64(payload, at + 8));
  }

  /**
   * The last intra frame whose display index is at most {@code display}, the first if none is;
   * null for an empty index. Display indexes increase, so a binary search finds it.
   */
  Entry atOrBefore(long display) {
    if (entries == 0) {
      return null;
    }
    int low = 0;
    int high = entries - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (entry(payload, mid).display() <= display) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return entry(payload, low);
  }
}
