package org.lic4j.media;

import java.io.IOException;
import java.util.Optional;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/** A y4m stream as a {@link FrameSource}: the reader's header, and a frame count estimated from a file's size. */
final class Y4mFrameSource implements FrameSource {
  private final Y4mReader reader;
  private final long expectedFrames;

  Y4mFrameSource(Y4mReader reader, long fileBytes) {
    this.reader = reader;
    // A FRAME line is at least 6 bytes: the estimate errs low by at most a frame per frame's parameters.
    this.expectedFrames = fileBytes > 0 ? fileBytes / (reader.header().frameBytes() + 6) : 0;
  }

  @Override
  public int width() {
    return reader.header().width();
  }

  @Override
  public int height() {
    return reader.header().height();
  }

  @Override
  public ChromaFormat format() {
    return reader.header().format();
  }

  @Override
  public FrameRate frameRate() {
    return reader.header().frameRate();
  }

  @Override
  public ColourDescription colour() {
    return reader.header().colour();
  }

  @Override
  public long expectedFrames() {
    return expectedFrames;
  }

  @Override
  public Optional<YuvFrame> next() throws IOException {
    return reader.next();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
