package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.Metrics;
import org.lic4j.media.OutputFiles;

/**
 * The command line as a user meets it, run in-process over temporary folders: round trips,
 * batches, {@code info}, and every kind of bad input, each of which must give the documented exit
 * code, one line on stderr naming the file, no stack trace, and no output or temporary file left.
 */
class CommandLineTest {
  private static final int WIDTH = 96;
  private static final int HEIGHT = 72;

  /** Shared by the tests that only read them: a picture and its stream. */
  @TempDir static Path shared;
  private static Path png;
  private static Path lic;
  private static byte[] licBytes;

  @TempDir Path dir;

  @BeforeAll
  static void encodeOnce() throws IOException {
    png = CliRun.write(shared.resolve("picture.png"), CliRun.picture(WIDTH, HEIGHT, 1));
    lic = shared.resolve("picture.lic");
    CliRun.of("encode", "-q", "60", png.toString(), lic.toString()).assertOk();
    licBytes = Files.readAllBytes(lic);
  }

  private Path licCopy(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  // ---- round trips

  @Test
  void decodesToEveryFormatByExtension() throws IOException {
    for (String ext : List.of("png", "ppm", "pgm", "bmp", "jpg")) {
      Path out = dir.resolve("out." + ext);
      CliRun r = CliRun.of("decode", lic.toString(), out.toString()).assertOk();
      assertTrue(r.out().startsWith(out + ": " + WIDTH + "x" + HEIGHT), r.out());
      RgbImage back = ImageFiles.read(out);
      assertEquals(WIDTH, back.width(), ext);
      assertEquals(HEIGHT, back.height(), ext);
      assertEquals(ext.equals("pgm"), back.isGray(), ext);
    }
    byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("out.jpg")), 3);
    assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, head, "a JPEG file");
    assertEquals("BM", new String(Files.readAllBytes(dir.resolve("out.bmp")), 0, 2, StandardCharsets.US_ASCII));
    assertNoPartFiles(dir);
  }

  @Test
  void roundTripKeepsThePicture() throws IOException {
    Path out = dir.resolve("back.png");
    CliRun.of("decode", lic.toString(), out.toString()).assertOk();
    double psnr = Metrics.psnr(ImageFiles.read(png), ImageFiles.read(out));
    // Even an early model (15 dB here at 689 training steps) gets the gross structure right.
    assertTrue(psnr > 12, "PSNR " + psnr);
  }

  @Test
  void refineWritesAnOrdinaryStream() throws IOException {
    Path out = dir.resolve("refined.lic");
    CliRun.of("encode", "-q", "60", "--refine", "3", png.toString(), out.toString()).assertOk();
    Path back = dir.resolve("refined.png");
    CliRun.of("decode", out.toString(), back.toString()).assertOk();
    assertTrue(Metrics.psnr(ImageFiles.read(png), ImageFiles.read(back)) > 12);
    CliRun.of("encode", "--refine", "-1", png.toString(), dir.resolve("bad.lic").toString())
        .assertFails(Failures.USAGE, "refinement steps must be in 0..1000, got -1");
  }

  @Test
  void effortRefinesAndDecodesAsUsual() throws IOException {
    Path out = dir.resolve("effort.lic");
    CliRun.of("encode", "-q", "60", "--effort", "2", png.toString(), out.toString()).assertOk();
    Path back = dir.resolve("effort.png");
    CliRun.of("decode", out.toString(), back.toString()).assertOk();
    assertTrue(Metrics.psnr(ImageFiles.read(png), ImageFiles.read(back)) > 12);
  }

  @Test
  void effortIsValidated() {
    for (String level : List.of("-1", "10")) {
      CliRun.of("encode", "--effort", level, png.toString(), dir.resolve("bad.lic").toString())
          .assertFails(Failures.USAGE, "effort must be in 0..9, got " + level);
    }
    CliRun.of("encode", "--effort", "3", "--refine", "4", png.toString(), dir.resolve("bad.lic").toString())
        .assertFails(Failures.USAGE, "--effort and --refine both set the refinement: give one");
  }

  @Test
  void effortZeroAndTheDefaultMatchTheirRefinement() throws IOException {
    Path plain = dir.resolve("plain.lic");
    Path zero = dir.resolve("zero.lic");
    Path byDefault = dir.resolve("default.lic");
    Path refined = dir.resolve("default-refined.lic");
    CliRun.of("encode", "-q", "60", "--refine", "0", png.toString(), plain.toString()).assertOk();
    CliRun.of("encode", "-q", "60", "--effort", "0", png.toString(), zero.toString()).assertOk();
    CliRun.of("encode", "-q", "60", png.toString(), byDefault.toString()).assertOk();
    CliRun.of("encode", "-q", "60", "--refine", "" + EncodeParams.refinementSteps(EncodeParams.DEFAULT_EFFORT),
        png.toString(), refined.toString()).assertOk();
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(zero));
    assertArrayEquals(Files.readAllBytes(refined), Files.readAllBytes(byDefault));
  }

  @Test
  void readsPpmPgmBmpAndJpegInputs() throws IOException {
    RgbImage picture = CliRun.picture(80, 64, 2);
    for (String ext : List.of("ppm", "pgm", "bmp", "jpg")) {
      Path in = CliRun.write(dir.resolve("in." + ext), picture);
      Path out = dir.resolve("in-" + ext + ".lic");
      CliRun.of("encode", in.toString(), out.toString()).assertOk();
      CliRun info = CliRun.of("info", out.toString()).assertOk();
      assertTrue(info.out().contains("picture:     80x64 " + (ext.equals("pgm") ? "GRAY" : "RGB")), info.out());
    }
  }

  @Test
  void dashWritesToStdout() throws IOException {
    CliRun encoded = CliRun.of("encode", "-q", "60", png.toString(), "-").assertOk();
    assertArrayEquals(licBytes, encoded.stdout(), "the same stream as the file");
    assertTrue(encoded.err().startsWith("-: " + WIDTH + "x" + HEIGHT), encoded.err());

    CliRun decoded = CliRun.of("decode", lic.toString(), "-").assertOk();
    Path file = dir.resolve("file.png");
    CliRun.of("decode", lic.toString(), file.toString()).assertOk();
    assertArrayEquals(Files.readAllBytes(file), decoded.stdout(), "stdout holds the PNG file's bytes");

    CliRun ppm = CliRun.of("decode", "--format", "ppm", lic.toString(), "-").assertOk();
    assertTrue(new String(ppm.stdout(), 0, 2, StandardCharsets.US_ASCII).equals("P6"));
    BufferedImage viaImageIo = ImageIO.read(new ByteArrayInputStream(decoded.stdout()));
    assertNotNull(viaImageIo);
    assertEquals(List.of("file.png"), CliRun.names(dir));
  }

  @Test
  void failingStdoutIsAnError() {
    java.io.OutputStream full = new java.io.OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    for (String[] args : List.of(new String[] {"decode", lic.toString(), "-"},
        new String[] {"encode", png.toString(), "-"})) {
      err.reset();
      int code = Lic4jCommand.newCommandLine(new java.io.PrintStream(full), new java.io.PrintStream(err, true))
          .execute(args);
      new CliRun(code, new byte[0], err.toString(StandardCharsets.UTF_8))
          .assertFails(Failures.IO, "-: cannot write to standard output");
    }
  }

  @Test
  void batchOverFilesAndADirectory() throws IOException {
    Path inputs = Files.createDirectory(dir.resolve("inputs"));
    CliRun.write(inputs.resolve("b.png"), CliRun.picture(64, 64, 3));
    CliRun.write(inputs.resolve("c.ppm"), CliRun.picture(70, 50, 4));
    Files.writeString(inputs.resolve("notes.txt"), "not a picture, not picked up");
    Path a = CliRun.write(dir.resolve("a.bmp"), CliRun.picture(50, 40, 5));
    Path streams = Files.createDirectory(dir.resolve("streams"));

    CliRun enc = CliRun.of("encode", "-d", streams.toString(), a.toString(), inputs.toString()).assertOk();
    assertEquals(List.of("a.lic", "b.lic", "c.lic"), CliRun.names(streams));
    assertTrue(enc.out().startsWith("encoded 3 files, "), enc.out());
    assertEquals(1, enc.out().lines().count(), enc.out());
    assertEquals(3, enc.err().lines().filter(l -> l.matches("\\[\\d/3\\] .*")).count(), enc.err());

    Path pictures = Files.createDirectory(dir.resolve("pictures"));
    CliRun dec = CliRun.of("decode", "-d", pictures.toString(), "--format", "ppm", streams.toString()).assertOk();
    assertEquals(List.of("a.ppm", "b.ppm", "c.ppm"), CliRun.names(pictures));
    assertTrue(dec.out().startsWith("decoded 3 files, "), dec.out());
    assertEquals(70, ImageFiles.read(pictures.resolve("c.ppm")).width());
  }

  @Test
  void infoDescribesTheStreamAndChecksIt() {
    CliRun r = CliRun.of("info", lic.toString()).assertOk();
    String out = r.out();
    assertTrue(out.contains("file:        " + lic), out);
    assertTrue(out.contains("format:      lic4j 1."), out);
    assertTrue(out.contains("picture:     " + WIDTH + "x" + HEIGHT + " RGB 8-bit"), out);
    assertTrue(out.contains("model:       lic-image-v1 sha256 "), out);
    assertTrue(out.contains("quality:     60.00"), out);
    assertTrue(out.contains("size:        " + licBytes.length + " bytes"), out);
    assertTrue(out.contains("  TILE offset"), out);
    assertTrue(out.endsWith("checksums:   ok" + System.lineSeparator()), out);
    assertEquals("", r.err());
  }

  // ---- existing outputs

  @Test
  void existingOutputNeedsForce() throws IOException {
    Path out = Files.writeString(dir.resolve("taken.png"), "precious");
    CliRun.of("decode", lic.toString(), out.toString()).assertFails(Failures.USAGE, out.toString());
    assertEquals("precious", Files.readString(out));
    assertEquals(List.of("taken.png"), CliRun.names(dir));

    CliRun.of("decode", "--force", lic.toString(), out.toString()).assertOk();
    assertEquals(WIDTH, ImageFiles.read(out).width());
    assertEquals(List.of("taken.png"), CliRun.names(dir));
  }

  @Test
  void forceNeverReplacesTheInput() throws IOException {
    Path picture = CliRun.write(dir.resolve("picture.png"), CliRun.picture(64, 48, 10));
    byte[] before = Files.readAllBytes(picture);
    CliRun.of("encode", "--force", picture.toString(), picture.toString())
        .assertFails(Failures.USAGE, picture + ": is the input itself");
    Path stream = licCopy("stream.lic", licBytes);
    CliRun.of("decode", "--force", "--format", "png", stream.toString(), dir.resolve("./stream.lic").toString())
        .assertFails(Failures.USAGE, "stream.lic");
    assertArrayEquals(before, Files.readAllBytes(picture));
    assertArrayEquals(licBytes, Files.readAllBytes(stream));
    assertEquals(List.of("picture.png", "stream.lic"), CliRun.names(dir));
  }

  @Test
  void batchChecksEveryOutputBeforeAnyWork() throws IOException {
    Path streams = Files.createDirectory(dir.resolve("streams"));
    Path second = CliRun.write(dir.resolve("second.png"), CliRun.picture(64, 64, 6));
    Files.writeString(streams.resolve("second.lic"), "precious");
    CliRun.of("encode", "-d", streams.toString(), png.toString(), second.toString())
        .assertFails(Failures.USAGE, "second.lic");
    assertEquals(List.of("second.lic"), CliRun.names(streams), "nothing written, not even the first");
    assertEquals("precious", Files.readString(streams.resolve("second.lic")));
  }

  @Test
  void outputsGetTheUsualPermissions() throws IOException {
    Path out = dir.resolve("shared.lic");
    CliRun.of("encode", png.toString(), out.toString()).assertOk();
    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(out));
    assertTrue(perms.startsWith("rw-r"), "readable by others as the umask allows, not 0600: " + perms);
  }

  // ---- bad input: exit 2

  @Test
  void missingInput() throws IOException {
    Path missing = dir.resolve("missing.png");
    CliRun.of("encode", missing.toString(), dir.resolve("out.lic").toString())
        .assertFails(Failures.BAD_INPUT, "missing.png: no such file");
    Path missingLic = dir.resolve("missing.lic");
    CliRun.of("decode", missingLic.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, "missing.lic: no such file");
    CliRun.of("info", missingLic.toString()).assertFails(Failures.BAD_INPUT, "missing.lic");
    assertEquals(List.of(), CliRun.names(dir));
  }

  @Test
  void directoryInsteadOfFile() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    CliRun.of("encode", sub.toString(), dir.resolve("out.lic").toString())
        .assertFails(Failures.BAD_INPUT, sub + ": is a directory");
    CliRun.of("decode", sub.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, sub + ": is a directory");
    CliRun.of("info", sub.toString()).assertFails(Failures.BAD_INPUT, sub + ": is a directory");
    assertEquals(List.of("sub"), CliRun.names(dir));
  }

  @Test
  void pngGivenToDecode() throws IOException {
    Path out = dir.resolve("out.png");
    CliRun.of("decode", png.toString(), out.toString())
        .assertFails(Failures.BAD_INPUT, png + ": not a lic4j stream (it looks like a PNG image");
    CliRun.of("info", png.toString()).assertFails(Failures.BAD_INPUT, png.toString());
    assertEquals(List.of(), CliRun.names(dir));
  }

  @Test
  void streamGivenToEncode() throws IOException {
    CliRun.of("encode", lic.toString(), dir.resolve("again.lic").toString())
        .assertFails(Failures.BAD_INPUT, lic + ": is a lic4j stream already");
    assertEquals(List.of(), CliRun.names(dir));
  }

  @Test
  void truncatedStream() throws IOException {
    Path out = dir.resolve("out.png");
    // From an empty file through a cut signature and header to one byte short of the footer.
    for (int length : new int[] {0, 3, 20, licBytes.length / 2, licBytes.length - 1}) {
      Path cut = licCopy("cut.lic", Arrays.copyOf(licBytes, length));
      CliRun.of("decode", cut.toString(), out.toString()).assertFails(Failures.BAD_INPUT, cut.toString());
      CliRun.of("info", cut.toString()).assertFails(Failures.BAD_INPUT, cut.toString());
      assertEquals(List.of("cut.lic"), CliRun.names(dir), "length " + length);
    }
    Path cut = licCopy("cut.lic", Arrays.copyOf(licBytes, licBytes.length - 1));
    String err = CliRun.of("decode", cut.toString(), out.toString()).err();
    assertTrue(err.contains("truncated"), err);
  }

  @Test
  void streamWithTrailingGarbage() throws IOException {
    Path longer = licCopy("longer.lic", Arrays.copyOf(licBytes, licBytes.length + 7));
    CliRun.of("decode", longer.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, longer.toString());
    assertEquals(List.of("longer.lic"), CliRun.names(dir));
  }

  @Test
  void everyFlippedByteIsCaught() throws IOException {
    // info checks every checksum without a model: every byte of the signature, header and first
    // chunk, then every 16th (the codec's own tests flip every bit; this is the command's view).
    Path flipped = dir.resolve("flipped.lic");
    for (int i = 0; i < licBytes.length; i += i < 96 || i >= licBytes.length - 16 ? 1 : 16) {
      byte[] bad = licBytes.clone();
      bad[i] ^= 0x40;
      Files.write(flipped, bad);
      CliRun r = CliRun.of("info", flipped.toString());
      int at = i;
      assertEquals(Failures.BAD_INPUT, r.code(), () -> "flip at byte " + at + ": " + r.err() + r.out());
    }
    // decode, at a few places: signature, header, first chunk, middle, footer.
    Path out = dir.resolve("out.png");
    for (int i : new int[] {2, 12, 60, licBytes.length / 2, licBytes.length - 2}) {
      byte[] bad = licBytes.clone();
      bad[i] ^= 0x01;
      Files.write(flipped, bad);
      CliRun.of("decode", flipped.toString(), out.toString()).assertFails(Failures.BAD_INPUT, flipped.toString());
    }
    assertEquals(List.of("flipped.lic"), CliRun.names(dir));
  }

  @Test
  void verboseShowsTheStackTrace() throws IOException {
    Path cut = licCopy("cut.lic", Arrays.copyOf(licBytes, licBytes.length / 2));
    CliRun r = CliRun.of("decode", "--verbose", cut.toString(), dir.resolve("out.png").toString());
    assertEquals(Failures.BAD_INPUT, r.code());
    assertTrue(r.err().startsWith("lic4j: " + cut), r.err());
    assertTrue(r.err().contains("CorruptStreamException") && r.err().contains("\tat "), r.err());
  }

  @Test
  void brokenPictures() throws IOException {
    Path out = dir.resolve("out.lic");
    byte[] pngBytes = Files.readAllBytes(png);
    Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(pngBytes, pngBytes.length / 2));
    CliRun.of("encode", cut.toString(), out.toString()).assertFails(Failures.BAD_INPUT, cut.toString());

    Path text = Files.writeString(dir.resolve("text.png"), "hello, not a picture");
    CliRun.of("encode", text.toString(), out.toString()).assertFails(Failures.BAD_INPUT, text.toString());

    Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
    CliRun.of("encode", empty.toString(), out.toString()).assertFails(Failures.BAD_INPUT, empty.toString());

    Path ppm = Files.write(dir.resolve("cut.ppm"), "P6\n64 64\n255\nabc".getBytes(StandardCharsets.US_ASCII));
    CliRun.of("encode", ppm.toString(), out.toString()).assertFails(Failures.BAD_INPUT, ppm.toString());
    assertEquals(List.of("cut.png", "cut.ppm", "empty.png", "text.png"), CliRun.names(dir));
  }

  @Test
  void absurdDimensionsAreRefusedBeforeAllocation() throws IOException {
    Path out = dir.resolve("out.lic");
    Path ppm = Files.write(dir.resolve("huge.ppm"), "P6\n200000 200000\n255\n".getBytes(StandardCharsets.US_ASCII));
    CliRun.of("encode", ppm.toString(), out.toString()).assertFails(Failures.BAD_INPUT, ppm.toString());

    byte[] pngBytes = Files.readAllBytes(png);
    // IHDR width and height (bytes 16..23) set to 100000 x 100000; the CRC no longer matches,
    // which a reader may notice first: either way the picture is refused without its pixels.
    byte[] huge = pngBytes.clone();
    java.nio.ByteBuffer.wrap(huge, 16, 8).putInt(100_000).putInt(100_000);
    Path hugePng = Files.write(dir.resolve("huge.png"), huge);
    CliRun.of("encode", hugePng.toString(), out.toString()).assertFails(Failures.BAD_INPUT, hugePng.toString());
    assertEquals(List.of("huge.png", "huge.ppm"), CliRun.names(dir));
  }

  // ---- output location: exit 3

  @Test
  void outputUnderARegularFile() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "a file, not a folder");
    Path out = file.resolve("out.png");
    CliRun.of("decode", lic.toString(), out.toString()).assertFails(Failures.IO, out.toString());
    CliRun.of("encode", png.toString(), file.resolve("out.lic").toString()).assertFails(Failures.IO, "out.lic");
    CliRun.of("encode", "-d", file.toString(), png.toString()).assertFails(Failures.IO, file.toString());
    assertEquals(List.of("file"), CliRun.names(dir));
  }

  @Test
  void outputInMissingFolder() throws IOException {
    Path out = dir.resolve("no-such-folder").resolve("out.png");
    CliRun.of("decode", lic.toString(), out.toString()).assertFails(Failures.IO, out.toString());
    assertEquals(List.of(), CliRun.names(dir));
  }

  @Test
  void readOnlyOutputFolder() throws IOException {
    // Permission bits do not stop root; outputUnderARegularFile covers the refusal there.
    assumeFalse("root".equals(System.getProperty("user.name")), "runs as root: permission bits do not stop writes");
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Path out = ro.resolve("out.png");
      CliRun.of("decode", lic.toString(), out.toString()).assertFails(Failures.IO, ro.toString());
      assertEquals(List.of(), CliRun.names(ro));
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  // ---- usage: exit 1

  @Test
  void usageErrors() throws IOException {
    String in = png.toString();
    String out = dir.resolve("out.lic").toString();
    CliRun.of("encode", "--no-such-option", in, out).assertFails(Failures.USAGE, "--no-such-option");
    CliRun.of("encode", "-q", "150", in, out).assertFails(Failures.USAGE, "150");
    CliRun.of("encode", "-q", "-1", in, out).assertFails(Failures.USAGE, "quality");
    CliRun.of("encode", "-q", "abc", in, out).assertFails(Failures.USAGE, "abc");
    CliRun.of("encode", "-q", "50", "--bpp", "1", in, out).assertFails(Failures.USAGE, "--bpp");
    CliRun.of("encode", "--bpp", "0", in, out).assertFails(Failures.USAGE, "bpp");
    // A bit rate is a video's; a picture has --bpp.
    CliRun.of("encode", "--bitrate", "500k", in, out).assertFails(Failures.USAGE, "--bpp");
    CliRun.of("encode", "-q", "50", "--bitrate", "500k", in, out).assertFails(Failures.USAGE, "--bitrate");
    CliRun.of("encode", "--tile-size", "100", in, out).assertFails(Failures.USAGE, "100");
    CliRun.of("encode", "--threads", "-2", in, out).assertFails(Failures.USAGE, "--threads");
    CliRun.of("encode", in).assertFails(Failures.USAGE, "--output-dir");
    CliRun.of("encode", in, out, out).assertFails(Failures.USAGE, "--output-dir");
    CliRun.of("encode").assertFails(Failures.USAGE, "FILE");
    CliRun.of("encode", "--model", dir.resolve("nowhere").toString(), in, out).assertFails(Failures.USAGE, "nowhere");
    CliRun.of("decode", lic.toString(), dir.resolve("out.gif").toString()).assertFails(Failures.USAGE, "out.gif");
    CliRun.of("decode", "--format", "gif", lic.toString(), "-").assertFails(Failures.USAGE, "gif");
    CliRun.of("frobnicate").assertFails(Failures.USAGE, "frobnicate");
    assertEquals(List.of(), CliRun.names(dir));
  }

  @Test
  void helpAndVersion() {
    CliRun help = CliRun.of("--help").assertOk();
    assertTrue(help.out().contains("encode") && help.out().contains("decode") && help.out().contains("info"), help.out());
    CliRun encodeHelp = CliRun.of("encode", "--help").assertOk();
    assertTrue(encodeHelp.out().contains("--quality"), encodeHelp.out());
    assertTrue(CliRun.of("--version").assertOk().out().startsWith("lic4j "));
  }

  private static void assertNoPartFiles(Path folder) throws IOException {
    for (String name : CliRun.names(folder)) {
      assertFalse(name.endsWith(OutputFiles.PART_SUFFIX), name);
    }
  }
}
