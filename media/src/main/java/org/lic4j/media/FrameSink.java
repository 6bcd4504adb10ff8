package org.lic4j.media;

import java.io.Closeable;
import java.io.IOException;
import org.lic4j.video.YuvFrame;

/**
 * Where video frames go, one at a time, whatever the file: y4m ({@link Y4mWriter}, a file or a
 * pipe) or a container FFmpeg writes ({@link FfmpegVideoWriter}). The twin of {@link FrameSource}.
 * Every frame has the size and format the sink was opened with; {@link #close()} completes the
 * output.
 */
public interface FrameSink extends Closeable {
  /** Writes one frame. */
  void write(YuvFrame frame) throws IOException;
}
