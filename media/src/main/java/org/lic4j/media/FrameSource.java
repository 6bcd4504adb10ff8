package org.lic4j.media;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * Video frames read one at a time, whatever the file: y4m (a file or a pipe) or anything FFmpeg
 * decodes (mp4, mkv, avi, mpg, raw H.264 and H.265, ...). Opened by {@link FrameSources#open}.
 * A source holds no frame but the one it returns; every frame has the size, format and colour
 * description given here.
 */
public interface FrameSource extends Closeable {
  /** Luma width of every frame. */
  int width();

  /** Luma height of every frame. */
  int height();

  /** {@code YUV420} or {@code YUV444}. */
  ChromaFormat format();

  /** Frames per second, as the source gives it. */
  FrameRate frameRate();

  /** What the frames' numbers mean: the source's own where it says, else a guess by size. */
  ColourDescription colour();

  /** Frames the source holds, as far as known before reading them (for a progress ETA); 0 if unknown. */
  long expectedFrames();

  /** The next frame, or empty at the end. */
  Optional<YuvFrame> next() throws IOException;
}
