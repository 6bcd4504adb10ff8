package org.lic4j.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Opens a video input for the command line: y4m natively, everything else through FFmpeg. */
public final class FrameSources {
  private FrameSources() {}

  /**
   * Opens {@code in}: {@code -} reads y4m from {@code stdin} (a pipe carries y4m only); a file
   * named {@code *.y4m} or starting with the y4m signature is read as y4m; any other file through
   * FFmpeg ({@link FfmpegVideoReader}). One-line notices (bit depth reduced, audio not coded) go
   * to {@code notices}; problems with the input are {@link UserInputException}s naming it.
   */
  public static FrameSource open(Path in, InputStream stdin, Consumer<String> notices) throws IOException {
    if (in.toString().equals("-")) {
      BufferedInputStream buffered = new BufferedInputStream(stdin, 1 << 16);
      if (!VideoFiles.startsWithY4m(buffered)) {
        throw new UserInputException("-: standard input is not a y4m stream (no 'YUV4MPEG2 ' signature): pipe"
            + " video as y4m (ffmpeg -i IN -f yuv4mpegpipe -), or name the file", false);
      }
      return new Y4mFrameSource(Y4mReader.open(buffered, "-", Y4mLimits.DEFAULT, notices), 0);
    }
    if (VideoFiles.isY4m(in)) {
      return new Y4mFrameSource(Y4mReader.open(in, notices), Files.isRegularFile(in) ? Files.size(in) : 0);
    }
    return FfmpegVideoReader.open(in, Y4mLimits.DEFAULT, notices);
  }
}
