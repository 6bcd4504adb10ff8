package org.lic4j.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * A video file FFmpeg decodes (mp4, mkv, avi, mpg, raw H.264/H.265, ...), read through JavaCV's
 * {@link FFmpegFrameGrabber} one frame at a time as 8-bit {@link YuvFrame}s: 4:4:4 when the
 * source is 4:4:4 (or R'G'B'), else 4:2:0; deeper samples are reduced to 8 bits by FFmpeg's
 * swscale, with one notice. Frame rate, matrix, range and chroma siting are the stream's own
 * (FFmpeg's metadata); what it leaves unspecified is guessed by size, as for y4m. Only the first
 * video stream is read; audio is not (one notice says so).
 *
 * <p>The file is opened twice: once to learn the stream's pixel format, once asking for the
 * 8-bit format to convert to, since JavaCV sizes its conversion buffer when it starts.
 */
final class FfmpegVideoReader implements FrameSource {
  private final Path path;
  private final FFmpegFrameGrabber grabber;
  private final int width;
  private final int height;
  private final ChromaFormat format;
  private final FrameRate frameRate;
  private final ColourDescription colour;
  private final long expectedFrames;
  private long framesRead;

  private FfmpegVideoReader(Path path, FFmpegFrameGrabber grabber, int width, int height, ChromaFormat format,
      FrameRate frameRate, ColourDescription colour, long expectedFrames) {
    this.path = path;
    this.grabber = grabber;
    this.width = width;
    this.height = height;
    this.format = format;
    this.frameRate = frameRate;
    this.colour = colour;
    this.expectedFrames = expectedFrames;
  }

  /**
   * Opens {@code path}, a regular file: a file FFmpeg cannot open, or one with no video, is a
   * one-line {@link UserInputException} naming it; a frame larger than {@code limits} is refused
   * before any is decoded.
   */
  static FfmpegVideoReader open(Path path, Y4mLimits limits, Consumer<String> notices) throws IOException {
    if (Files.isDirectory(path)) {
      throw new UserInputException(path + ": is a directory, not a video", false);
    }
    // Not a pipe or a device: FFmpeg would block on one, waiting for bytes that may never come.
    if (!Files.isRegularFile(path)) {
      throw new UserInputException(path + ": no such file", false);
    }
    try {
      return start(path, limits, notices);
    } catch (LinkageError e) {
      // A platform without the bundled natives (only linux-x86_64 is packed).
      throw new IOException(path + ": cannot load FFmpeg to read it (" + e.getMessage() + ")", e);
    }
  }

  private static FfmpegVideoReader start(Path path, Y4mLimits limits, Consumer<String> notices) throws IOException {
    // FFmpeg logs to stderr on its own; the user gets our one line instead.
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    int sourcePixels;
    boolean audio;
    try (FFmpegFrameGrabber probe = grabber(path, avutil.AV_PIX_FMT_NONE)) {
      startOrRefuse(probe, path);
      AVFormatContext context = probe.getFormatContext();
      AVStream stream = videoStream(context, path);
      AVCodecParameters p = stream.codecpar();
      int w = p.width();
      int h = p.height();
      checkSize(path, w, h, limits);
      sourcePixels = p.format();
      audio = probe.hasAudio();
    }
    AVPixFmtDescriptor desc = sourcePixels >= 0 ? avutil.av_pix_fmt_desc_get(sourcePixels) : null;
    boolean rgb = desc != null && (desc.flags() & avutil.AV_PIX_FMT_FLAG_RGB) != 0;
    boolean full444 = desc != null && desc.nb_components() >= 3 && desc.log2_chroma_w() == 0 && desc.log2_chroma_h() == 0;
    // yuvj formats are full range by name: asking swscale for the same keeps the codes as they are.
    boolean jpegRange = sourcePixels == avutil.AV_PIX_FMT_YUVJ420P || sourcePixels == avutil.AV_PIX_FMT_YUVJ444P
        || sourcePixels == avutil.AV_PIX_FMT_YUVJ422P || rgb;
    ChromaFormat format = full444 ? ChromaFormat.YUV444 : ChromaFormat.YUV420;
    int asked = format == ChromaFormat.YUV444
        ? (jpegRange ? avutil.AV_PIX_FMT_YUVJ444P : avutil.AV_PIX_FMT_YUV444P)
        : (jpegRange ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P);

    FFmpegFrameGrabber grabber = grabber(path, asked);
    try {
      startOrRefuse(grabber, path);
      AVFormatContext context = grabber.getFormatContext();
      AVStream stream = videoStream(context, path);
      AVCodecParameters p = stream.codecpar();
      int w = p.width();
      int h = p.height();
      checkSize(path, w, h, limits);
      if (desc != null && desc.comp(0).depth() > 8) {
        notices.accept(path + ": " + desc.comp(0).depth() + "-bit samples reduced to 8 bits (FFmpeg's swscale)");
      }
      if (!full444 && desc != null && !rgb && desc.log2_chroma_h() == 0 && desc.nb_components() >= 3) {
        notices.accept(path + ": 4:2:2 chroma reduced to 4:2:0");
      }
      if (audio) {
        notices.accept(path + ": audio is not coded (video only)");
      }
      ColourDescription colour = rgb ? ColourDescription.JPEG : colour(p, jpegRange, w, h);
      long count = Math.max(0, grabber.getLengthInVideoFrames());
      return new FfmpegVideoReader(path, grabber, w, h, format, frameRate(context, stream), colour, count);
    } catch (IOException | RuntimeException e) {
      grabber.close();
      throw e;
    }
  }

  private static FFmpegFrameGrabber grabber(Path path, int pixelFormat) {
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(path.toFile());
    if (pixelFormat != avutil.AV_PIX_FMT_NONE) {
      g.setPixelFormat(pixelFormat);
    }
    // Exact rounding where swscale converts (10 bits to 8, 4:2:2 to 4:2:0); a copy otherwise.
    g.setImageScalingFlags(swscale.SWS_BILINEAR | swscale.SWS_ACCURATE_RND);
    return g;
  }

  private static void startOrRefuse(FFmpegFrameGrabber g, Path path) throws UserInputException {
    try {
      g.start();
    } catch (FrameGrabber.Exception e) {
      // FFmpeg's own words (long, with advice for JavaCV programmers) stay in --verbose's trace.
      UserInputException bad = new UserInputException(path + ": not a video FFmpeg can read", false);
      bad.initCause(e);
      throw bad;
    }
  }

  private static AVStream videoStream(AVFormatContext context, Path path) throws UserInputException {
    for (int i = 0; i < context.nb_streams(); i++) {
      AVStream s = context.streams(i);
      if (s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO && s.codecpar().width() > 0) {
        return s;
      }
    }
    throw new UserInputException(path + ": not a video (FFmpeg found no video stream in it)", false);
  }

  private static void checkSize(Path path, int w, int h, Y4mLimits limits) throws UserInputException {
    if (w < 1 || h < 1) {
      throw new UserInputException(path + ": not a video (FFmpeg found no frame size)", false);
    }
    if (w > limits.maxWidth() || h > limits.maxHeight() || (long) w * h > limits.maxPixels()) {
      throw new UserInputException(path + ": " + w + "x" + h + " exceeds the limits of " + limits.maxWidth() + "x"
          + limits.maxHeight() + " and " + limits.maxPixels() + " pixels", false);
    }
  }

  /** The rate FFmpeg's own command line would give the frames (av_guess_frame_rate); 25 when it has none. */
  private static FrameRate frameRate(AVFormatContext context, AVStream stream) {
    AVRational r = avformat.av_guess_frame_rate(context, stream, null);
    long num = r.num();
    long den = r.den();
    if (num <= 0 || den <= 0 || num > FrameRate.MAX_TERM || den > FrameRate.MAX_TERM) {
      return new FrameRate(25, 1);
    }
    return new FrameRate(num, den);
  }

  /** The stream's matrix, range and siting; what it leaves unspecified as y4m guesses (by size). */
  static ColourDescription colour(AVCodecParameters p, boolean jpegRange, int w, int h) {
    ColourDescription c = ColourDescription.guessFor(w, h);
    ColourMatrix m = matrix(p.color_space());
    if (m != null) {
      c = c.withMatrix(m);
    }
    if (jpegRange || p.color_range() == avutil.AVCOL_RANGE_JPEG) {
      c = c.withRange(ColourRange.FULL);
    }
    for (ChromaSiting s : ChromaSiting.values()) {
      if (s.hasPosition() && s.code() == p.chroma_location()) {
        c = c.withSiting(s);
      }
    }
    return c;
  }

  /** The matrices a frame can hold, by FFmpeg's (H.273's) code; null for the rest. */
  private static ColourMatrix matrix(int code) {
    for (ColourMatrix m : ColourMatrix.values()) {
      if (m.hasLumaWeights() && m.code() == code) {
        return m;
      }
    }
    return null;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public ChromaFormat format() {
    return format;
  }

  @Override
  public FrameRate frameRate() {
    return frameRate;
  }

  @Override
  public ColourDescription colour() {
    return colour;
  }

  @Override
  public long expectedFrames() {
    return expectedFrames;
  }

  @Override
  public Optional<YuvFrame> next() throws IOException {
    Frame frame;
    try {
      frame = grabber.grabImage();
    } catch (FrameGrabber.Exception e) {
      UserInputException bad = new UserInputException(path + ": FFmpeg cannot decode frame index " + framesRead, false);
      bad.initCause(e);
      throw bad;
    }
    if (frame == null || frame.image == null) {
      return Optional.empty();
    }
    if (frame.imageWidth != width || frame.imageHeight != height) {
      throw new UserInputException(path + ": frame index " + framesRead + " is " + frame.imageWidth + "x"
          + frame.imageHeight + ", not " + width + "x" + height + " as the frames before it", false);
    }
    YuvFrame yuv = copy(frame);
    framesRead++;
    return Optional.of(yuv);
  }

  /**
   * The planes of JavaCV's buffer, which holds them one after the other, each row padded to the
   * luma stride JavaCV chose (the width aligned) or, for 4:2:0 chroma, half of it
   * ({@code av_image_fill_arrays} on an aligned width).
   */
  private YuvFrame copy(Frame frame) throws IOException {
    int cw = format.chromaWidth(width);
    int ch = format.chromaHeight(height);
    int yStride = frame.imageStride;
    int cStride = format == ChromaFormat.YUV444 ? yStride : (yStride + 1) / 2;
    ByteBuffer all = ((ByteBuffer) frame.image[0]).duplicate();
    all.clear();
    long needed = (long) yStride * height + 2L * cStride * ch;
    if (yStride < width || cStride < cw || all.capacity() < needed) {
      throw new IOException(path + ": unexpected frame layout from FFmpeg (stride " + yStride + ", "
          + all.capacity() + " bytes for " + width + "x" + height + " " + format + ")");
    }
    byte[] y = plane(all, 0, yStride, width, height);
    byte[] cb = plane(all, yStride * height, cStride, cw, ch);
    byte[] cr = plane(all, yStride * height + cStride * ch, cStride, cw, ch);
    return YuvFrame.of(width, height, format, colour, y, cb, cr);
  }

  private static byte[] plane(ByteBuffer all, int offset, int stride, int w, int h) {
    byte[] plane = new byte[w * h];
    for (int row = 0; row < h; row++) {
      all.get(offset + row * stride, plane, row * w, w);
    }
    return plane;
  }

  @Override
  public void close() throws IOException {
    grabber.close();
  }
}
