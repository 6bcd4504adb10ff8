package org.lic4j.bitstream.container;

import org.lic4j.bitstream.FrameHeader;
import org.lic4j.bitstream.FrameType;

/**
 * The rules between the frames of a video stream (docs/video.md, "Frame order"), checked the same
 * way by the writer and the reader, in constant memory whatever the number of frames:
 *
 * <ul>
 *   <li>the first frame is intra;
 *   <li>intra and P frames (anchors) come in increasing display order; a B frame lies between the
 *       two latest anchors in display order, after any B frame since the latest anchor; so display
 *       indexes are unique;
 *   <li>references name frames among the {@link VideoRules#MAX_REFERENCES} latest in stream
 *       order, none before the latest intra frame (so decoding may start at any intra frame);
 *   <li>with a GOP length, an intra frame comes at least every {@code gopLength} frames;
 *   <li>with a frame count, display indexes are below it and the stream has exactly that many.
 * </ul>
 */
final class FrameOrder {
  private static final long NONE = -1;

  private final int gopLength;
  private final long frameCount;
  /** Display indexes of the latest frames since the latest intra frame, oldest first. */
  private final long[] window = new long[VideoRules.MAX_REFERENCES];
  /** Entries of {@code window} in use; always in [0, MAX_REFERENCES]. */
  private int windowSize;
  private long frames;
  /** Frames since the latest intra frame, it included; 0 before the first frame. */
  private long sinceIntra;
  /** Display index of the latest anchor (intra or P), the largest so far; NONE before any. */
  private long anchor = NONE;
  /** A B frame must lie above this: the previous anchor, or the latest B since the anchor. */
  private long floor = NONE;

  /**
   * @param gopLength frames per GOP at most, 0 when not signalled
   * @param frameCount frames the stream declares, 0 when not signalled
   */
  FrameOrder(int gopLength, long frameCount) {
    this.gopLength = gopLength;
    this.frameCount = frameCount;
  }

  /** Frames admitted so far. */
  long frames() {
    return frames;
  }

  /**
   * Admits the next frame in stream order if the rules allow it (and updates the state), else
   * returns why not and changes nothing.
   */
  String admit(FrameHeader frame) {
    String problem = problem(frame);
    if (problem != null) {
      return problem;
    }
    long display = frame.displayIndex();
    if (frame.isIntra()) {
      windowSize = 0;
      sinceIntra = 0;
    }
    if (frame.type() == FrameType.BIPREDICTED) {
      floor = display;
    } else {
      floor = anchor;
      anchor = display;
    }
    if (windowSize == window.length) {
      System.arraycopy(window, 1, window, 0, window.length - 1);
      windowSize--;
    }
    window[windowSize++] = display;
    sinceIntra++;
    frames++;
    return null;
  }

  private String problem(FrameHeader frame) {
    long display = frame.displayIndex();
    if (frames == 0 && !frame.isIntra()) {
      return "first frame is " + frame.type() + " (must be INTRA)";
    }
    if (frameCount != 0 && display >= frameCount) {
      return "display index " + display + " not below the frame count " + frameCount;
    }
    if (frame.type() == FrameType.BIPREDICTED) {
      if (display >= anchor || display <= floor) {
        return "B frame display index " + display + " not between " + floor + " and " + anchor
            + " (exclusive)";
      }
    } else if (display <= anchor) {
      return frame.type() + " frame display index " + display + " not above " + anchor;
    }
    if (gopLength != 0 && !frame.isIntra() && sinceIntra >= gopLength) {
      return "no intra frame for " + (sinceIntra + 1) + " frames (GOP length " + gopLength + ")";
    }
    for (long reference : frame.references()) {
      if (!inWindow(reference)) {
        return "reference " + reference + " is not among the " + windowSize
            + " latest frames since the latest intra frame";
      }
    }
    return null;
  }

  private boolean inWindow(long display) {
    for (int i = 0; i < windowSize; i++) {
      if (window[i] == display) {
        return true;
      }
    }
    return false;
  }

  /** Why the stream may not end here (a declared frame count not reached), or {@code null}. */
  String end() {
    return frameCount != 0 && frames != frameCount
        ? "stream has " + frames + " frames, its sequence header declares " + frameCount
        : null;
  }
}
