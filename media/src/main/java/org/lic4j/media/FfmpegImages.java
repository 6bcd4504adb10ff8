package org.lic4j.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.lic4j.codec.RgbImage;

/**
 * Pictures that ImageIO has no reader for (WebP, JPEG 2000, TGA, QOI, ...), read by FFmpeg through
 * JavaCV: the one frame of whatever FFmpeg opens (a video, two frames or more, is refused: it is
 * read by {@link FfmpegVideoReader}). Only {@link ImageFiles#read} calls this, after
 * ImageIO declined, so FFmpeg's native libraries load (0.5-1 s) only when such a file comes.
 * JavaCPP unpacks them on first use into {@code ~/.javacpp/cache} (about 65 MB; the system
 * property {@code org.bytedeco.javacpp.cachedir} moves it).
 */
final class FfmpegImages {
  private FfmpegImages() {}

  static RgbImage read(Path path, long maxPixels) throws IOException {
    return read(path, maxPixels, path.toString());
  }

  /** As {@link #read(Path, long)}, naming the picture {@code name} in messages (standard input's temporary file). */
  static RgbImage read(Path path, long maxPixels, String name) throws IOException {
    try {
      return grab(path, maxPixels, name);
    } catch (LinkageError e) {
      // A platform without the bundled natives (only linux-x86_64 is packed).
      throw new IOException(name + ": cannot load FFmpeg to read it (" + e.getMessage() + ")", e);
    }
  }

  private static RgbImage grab(Path path, long maxPixels, String name) throws IOException {
    // FFmpeg logs to stderr on its own; the user gets our one line instead.
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile())) {
      grabber.setPixelFormat(avutil.AV_PIX_FMT_RGBA);
      grabber.start();
      int w = grabber.getImageWidth();
      int h = grabber.getImageHeight();
      if (w < 1 || h < 1) {
        throw new UserInputException(name + ": not a picture (FFmpeg found no image in it)", false);
      }
      if ((long) w * h > maxPixels) {
        throw new UserInputException(name + ": " + w + "x" + h + " is larger than the " + maxPixels + "-pixel limit", false);
      }
      Frame frame = grabber.grabImage();
      if (frame == null || frame.image == null || frame.imageWidth != w || frame.imageHeight != h) {
        throw new UserInputException(name + ": FFmpeg decoded no picture from it", false);
      }
      RgbImage first = toRgb(frame);
      refuseVideo(grabber, name);
      return first;
    } catch (FrameGrabber.Exception e) {
      // FFmpeg's own words (long, with advice for JavaCV programmers) stay in --verbose's trace.
      UserInputException bad = new UserInputException(name + ": not a picture format lic4j reads"
          + " (neither ImageIO nor FFmpeg can decode it)", false);
      bad.initCause(e);
      throw bad;
    }
  }

  /**
   * A video must not lose its other frames without a word: if a second frame follows, the input
   * is refused (a usage error) with the video output to name instead. The count is FFmpeg's where
   * the container knows it; a raw stream (.264) has none, so it is at least 2 then.
   */
  private static void refuseVideo(FFmpegFrameGrabber grabber, String path) throws IOException {
    if (grabber.grabImage() == null) {
      return;
    }
    int known = grabber.getLengthInVideoFrames();
    String count = known > 1 ? known + " frames" : "more than one frame";
    throw new UserInputException(path + ": " + count + ": a video, which codes to a ." + VideoFiles.LICV_SUFFIX
        + " stream (.lic is for pictures): lic4j encode " + path + " OUT." + VideoFiles.LICV_SUFFIX, true);
  }

  private static RgbImage toRgb(Frame frame) {
    int w = frame.imageWidth;
    int h = frame.imageHeight;
    ByteBuffer src = (ByteBuffer) frame.image[0];
    int stride = frame.imageStride;
    byte[] rgb = new byte[w * h * 3];
    byte[] alpha = new byte[w * h];
    boolean opaque = true;
    for (int y = 0; y < h; y++) {
      int s = y * stride;
      for (int x = 0; x < w; x++, s += 4) {
        int i = y * w + x;
        rgb[3 * i] = src.get(s);
        rgb[3 * i + 1] = src.get(s + 1);
        rgb[3 * i + 2] = src.get(s + 2);
        alpha[i] = src.get(s + 3);
        opaque &= alpha[i] == (byte) 0xff;
      }
    }
    RgbImage image = RgbImage.ofRgb(w, h, rgb);
    return opaque ? image : image.withAlpha(alpha);
  }
}
