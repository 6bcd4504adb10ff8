package org.lic4j.media;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;

/**
 * Reads a y4m (YUV4MPEG2) stream frame by frame from any input, a pipe included: the header when
 * opened, then one frame per {@link #next()}, holding no frame but the one it returns (docs/video.md,
 * "y4m").
 *
 * <p>Accepted: progressive 8-bit {@code C420jpeg}, {@code C420}, {@code C420mpeg2},
 * {@code C420paldv}, {@code C444}, and 10-bit {@code C420p10}, {@code C444p10} (little-endian
 * samples, each reduced to 8 bits by rounding, with one notice). Everything the header says is
 * checked against {@link Y4mLimits} before a byte of frame memory is allocated. A malformed header,
 * an unsupported format and a truncated frame are {@link UserInputException}s (bad input, exit 2)
 * whose message names the resource and the problem; errors of the input itself stay plain
 * {@link IOException}s.
 */
public final class Y4mReader implements Closeable {
  static final String SIGNATURE = "YUV4MPEG2";
  static final String FRAME = "FRAME";
  private static final FrameRate DEFAULT_RATE = new FrameRate(25, 1);
  private static final int BUFFER_BYTES = 1 << 16;
  /** Digits in the largest number a header may give (a width, a rate's numerator). */
  private static final int MAX_DIGITS = 9;

  private final InputStream in;
  private final String resource;
  private final Y4mHeader header;
  /** Room for one FRAME line, reused for every frame. */
  private final byte[] line;
  /** 10-bit input: the bytes of the largest plane, reused for every plane; null for 8-bit. */
  private final byte[] wide;
  private int frameIndex;
  private boolean ended;

  private Y4mReader(InputStream in, String resource, Y4mHeader header, byte[] line) {
    this.in = in;
    this.resource = resource;
    this.header = header;
    this.line = line;
    this.wide = header.bitDepth() > 8 ? new byte[header.width() * header.height() * 2] : null;
  }

  /** Opens {@code file} with the default limits; a missing file or a directory is the user's mistake. */
  public static Y4mReader open(Path file, Consumer<String> notices) throws IOException {
    if (Files.isDirectory(file)) {
      throw new UserInputException(file + ": is a directory, not a y4m file", false);
    }
    if (!Files.exists(file)) {
      throw new UserInputException(file + ": no such file", false);
    }
    InputStream in = Files.newInputStream(file);
    try {
      return open(in, file.toString(), Y4mLimits.DEFAULT, notices);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Reads the header from {@code in} (standard input when the user wrote {@code -}), named
   * {@code resource} in messages. Closing the reader closes {@code in}. A 10-bit input is reported
   * once to {@code notices}, as one line.
   */
  public static Y4mReader open(InputStream in, String resource, Y4mLimits limits, Consumer<String> notices)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(notices, "notices");
    InputStream buffered = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER_BYTES);
    byte[] lineBuffer = new byte[limits.maxLineBytes()];
    String headerLine = readLine(buffered, lineBuffer, resource, "header");
    if (headerLine == null) {
      throw new UserInputException(resource + ": empty input, not a y4m stream", false);
    }
    Y4mHeader header = parseHeader(headerLine, limits, resource);
    if (header.bitDepth() > 8) {
      notices.accept(resource + ": " + header.bitDepth() + "-bit samples reduced to 8 bits (rounded)");
    }
    return new Y4mReader(buffered, resource, header, lineBuffer);
  }

  /** The stream's header. */
  public Y4mHeader header() {
    return header;
  }

  /** Frames returned so far; the index of the next one. */
  public int framesRead() {
    return frameIndex;
  }

  /** The next frame, or empty at the end of the stream (a clean end, between two frames). */
  public Optional<YuvFrame> next() throws IOException {
    if (ended) {
      return Optional.empty();
    }
    String frameLine = readLine(in, line, resource, "frame index " + frameIndex);
    if (frameLine == null) {
      ended = true;
      return Optional.empty();
    }
    if (!frameLine.equals(FRAME) && !frameLine.startsWith(FRAME + " ")) {
      ended = true;
      throw bad("frame index " + frameIndex + " does not start with FRAME (found '" + printable(frameLine) + "')");
    }
    int w = header.width();
    int h = header.height();
    ChromaFormat format = header.format();
    int chroma = format.chromaWidth(w) * format.chromaHeight(h);
    byte[] y = new byte[w * h];
    byte[] cb = new byte[chroma];
    byte[] cr = new byte[chroma];
    long done = readPlane(y, 0);
    done = readPlane(cb, done);
    readPlane(cr, done);
    frameIndex++;
    return Optional.of(YuvFrame.of(w, h, format, header.colour(), y, cb, cr));
  }

  /** Fills {@code plane}; {@code before} is the frame's bytes read before it, for the message. */
  private long readPlane(byte[] plane, long before) throws IOException {
    int n = plane.length;
    if (wide == null) {
      int got = in.readNBytes(plane, 0, n);
      if (got < n) {
        throw truncated(before + got);
      }
      return before + n;
    }
    int got = in.readNBytes(wide, 0, 2 * n);
    if (got < 2 * n) {
      throw truncated(before + got);
    }
    for (int i = 0; i < n; i++) {
      int v = (wide[2 * i] & 0xff) | (wide[2 * i + 1] & 0xff) << 8;
      // 10 bits to 8: v / 4 rounded half up; codes above 1023 are out of range and clip.
      plane[i] = (byte) Math.min(255, (v + 2) >> 2);
    }
    return before + 2L * n;
  }

  private UserInputException truncated(long got) {
    ended = true;
    return bad("frame index " + frameIndex + " is truncated: " + got + " of " + header.frameBytes() + " bytes");
  }

  private UserInputException bad(String problem) {
    return new UserInputException(resource + ": " + problem, false);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * One line up to its '\n' (not included), as Latin-1, read into {@code line}; null at a clean
   * end (no byte at all). A line longer than {@code line} or cut off by the end of the input is an
   * error.
   */
  private static String readLine(InputStream in, byte[] line, String resource, String what) throws IOException {
    int max = line.length;
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (n == 0) {
          return null;
        }
        throw new UserInputException(resource + ": " + what + " is truncated: the input ends inside the line '"
            + printable(new String(line, 0, n, StandardCharsets.ISO_8859_1)) + "'", false);
      }
      if (b == '\n') {
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (n == max - 1) {
        throw new UserInputException(resource + ": " + what + " line is longer than " + max
            + " bytes (not a y4m stream, or a damaged one)", false);
      }
      line[n++] = (byte) b;
    }
  }

  /** Parses the header line; every failure names the parameter at fault. */
  static Y4mHeader parseHeader(String line, Y4mLimits limits, String resource) throws UserInputException {
    // A limit of -1 keeps empty tokens: " ".split(" ") would be an empty array.
    String[] tokens = line.split(" ", -1);
    if (!tokens[0].equals(SIGNATURE)) {
      throw new UserInputException(resource + ": not a y4m stream (it does not start with " + SIGNATURE + ")", false);
    }
    HeaderParser p = new HeaderParser(resource, limits);
    for (int i = 1; i < tokens.length; i++) {
      if (!tokens[i].isEmpty()) {
        p.parameter(tokens[i]);
      }
    }
    return p.header();
  }

  /** Keeps messages one readable line whatever the input held. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < 40; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 40 ? out + "..." : out.toString();
  }

  /** The header's parameters, one letter each, gathered then checked as a whole. */
  private static final class HeaderParser {
    private final String resource;
    private final Y4mLimits limits;
    private int width = -1;
    private int height = -1;
    private FrameRate rate = DEFAULT_RATE;
    private PixelAspect aspect;
    private ChromaFormat format = ChromaFormat.YUV420;
    private ChromaSiting siting = ChromaSiting.CENTER;
    private int bitDepth = 8;
    private ColourRange range = ColourRange.LIMITED;
    private ColourMatrix matrix;
    private final List<String> comments = new ArrayList<>();

    HeaderParser(String resource, Y4mLimits limits) {
      this.resource = resource;
      this.limits = limits;
    }

    void parameter(String token) throws UserInputException {
      String value = token.substring(1);
      switch (token.charAt(0)) {
        case 'W' -> width = size(token, value, limits.maxWidth(), "width");
        case 'H' -> height = size(token, value, limits.maxHeight(), "height");
        case 'F' -> rate = frameRate(token, value);
        case 'A' -> aspect = pixelAspect(token, value);
        case 'I' -> interlacing(token, value);
        case 'C' -> colourSpace(token, value);
        case 'X' -> comment(token, value);
        default -> {
          // Unknown parameters are ignored, as the format asks of readers.
        }
      }
    }

    Y4mHeader header() throws UserInputException {
      if (width < 0 || height < 0) {
        throw bad("the header gives no " + (width < 0 ? "width (W)" : "height (H)"));
      }
      if ((long) width * height > limits.maxPixels()) {
        throw bad("frame size " + width + "x" + height + " exceeds the limit of " + limits.maxPixels() + " pixels");
      }
      ColourDescription guess = ColourDescription.guessFor(width, height);
      ColourMatrix m = matrix != null ? matrix : guess.matrix();
      ChromaSiting s = format.isSubsampled() ? siting : guess.siting();
      return new Y4mHeader(width, height, format, bitDepth, rate, aspect, new ColourDescription(m, range, s), comments);
    }

    private int size(String token, String value, int max, String what) throws UserInputException {
      int v = number(token, value, what);
      if (v < 1) {
        throw bad("header " + token + ": " + what + " must be at least 1");
      }
      if (v > max) {
        throw bad("header " + token + ": " + what + " " + v + " exceeds the limit of " + max);
      }
      return v;
    }

    private FrameRate frameRate(String token, String value) throws UserInputException {
      int[] nd = ratio(token, value, "frame rate");
      if (nd[0] == 0 || nd[1] == 0) {
        throw bad("header " + token + ": frame rate must be positive");
      }
      return new FrameRate(nd[0], nd[1]);
    }

    /** A zero in either term is "unknown" (null). */
    private PixelAspect pixelAspect(String token, String value) throws UserInputException {
      int[] nd = ratio(token, value, "pixel aspect ratio");
      return nd[0] == 0 || nd[1] == 0 ? null : new PixelAspect(nd[0], nd[1]);
    }

    /** {@code N:D} as two numbers, either of them possibly 0. */
    private int[] ratio(String token, String value, String what) throws UserInputException {
      int colon = value.indexOf(':');
      if (colon < 0) {
        throw bad("header " + token + ": expected two numbers as N:D");
      }
      int n = number(token, value.substring(0, colon), what);
      int d = number(token, value.substring(colon + 1), what);
      return new int[] {n, d};
    }

    private void interlacing(String token, String value) throws UserInputException {
      switch (value) {
        case "p", "?" -> {
          // Progressive, or unknown: taken as progressive.
        }
        case "t", "b", "m" -> throw bad("header " + token + ": interlaced video ("
            + (value.equals("t") ? "top field first" : value.equals("b") ? "bottom field first" : "mixed")
            + ") is not supported; deinterlace it first (for example ffmpeg -vf bwdif)");
        default -> throw bad("header " + token + ": unknown interlacing '" + printable(value) + "' (expected Ip)");
      }
    }

    private void colourSpace(String token, String value) throws UserInputException {
      switch (value) {
        case "420jpeg", "420" -> set(ChromaFormat.YUV420, ChromaSiting.CENTER, 8);
        case "420mpeg2" -> set(ChromaFormat.YUV420, ChromaSiting.LEFT, 8);
        case "420paldv" -> set(ChromaFormat.YUV420, ChromaSiting.TOP_LEFT, 8);
        case "444" -> set(ChromaFormat.YUV444, ChromaSiting.CENTER, 8);
        case "420p10" -> set(ChromaFormat.YUV420, ChromaSiting.CENTER, 10);
        case "444p10" -> set(ChromaFormat.YUV444, ChromaSiting.CENTER, 10);
        default -> throw bad("header " + printable(token) + ": colour space not supported (supported: C420jpeg, C420, "
            + "C420mpeg2, C420paldv, C444, C420p10, C444p10; convert with ffmpeg -pix_fmt yuv420p)");
      }
    }

    private void set(ChromaFormat f, ChromaSiting s, int bits) {
      format = f;
      siting = s;
      bitDepth = bits;
    }

    private void comment(String token, String value) throws UserInputException {
      int eq = value.indexOf('=');
      if (eq < 0) {
        comments.add(value);
        return;
      }
      String key = value.substring(0, eq);
      String v = value.substring(eq + 1).toUpperCase(Locale.ROOT);
      if (key.equals("COLORRANGE")) {
        range = switch (v) {
          case "FULL" -> ColourRange.FULL;
          case "LIMITED" -> ColourRange.LIMITED;
          default -> throw bad("header " + printable(token) + ": expected XCOLORRANGE=FULL or XCOLORRANGE=LIMITED");
        };
      } else if (key.equals("COLORMATRIX")) {
        // BT.601's two codes are one matrix: lic4j writes BT470BG where it chooses (ColourDescription).
        matrix = switch (v) {
          case "BT601" -> ColourMatrix.BT470BG;
          case "BT709" -> ColourMatrix.BT709;
          default -> throw bad("header " + printable(token) + ": expected XCOLORMATRIX=BT601 or XCOLORMATRIX=BT709");
        };
      } else {
        comments.add(value);
      }
    }

    /** A decimal number of at most {@link #MAX_DIGITS} digits, no sign. */
    private int number(String token, String digits, String what) throws UserInputException {
      if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad("header " + printable(token) + ": " + what + " is not a number of at most " + MAX_DIGITS + " digits");
      }
      return Integer.parseInt(digits);
    }

    private UserInputException bad(String problem) {
      return new UserInputException(resource + ": " + problem, false);
    }
  }
}
