package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.RgbImage;
import org.lic4j.media.ImageFiles;

/** Pictures ImageIO cannot read, read through FFmpeg (JavaCV): TGA written here, WebP by cwebp. */
class FfmpegInputTest {
  @TempDir Path dir;

  @Test
  void tgaIsReadThroughFfmpeg() throws IOException {
    RgbImage picture = CliRun.picture(40, 30, 7);
    Path tga = Files.write(dir.resolve("picture.tga"), tga(picture));
    RgbImage read = ImageFiles.read(tga);
    assertEquals(40, read.width());
    assertEquals(30, read.height());
    assertFalse(read.hasAlpha());
    assertArrayEquals(picture.rgb(), read.rgb());
  }

  @Test
  void losslessWebpWithAlphaIsReadExactly() throws IOException, InterruptedException {
    byte[] alpha = new byte[48 * 32];
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = (byte) (i % 48 * 5);
    }
    RgbImage picture = CliRun.picture(48, 32, 8).withAlpha(alpha);
    Path png = CliRun.write(dir.resolve("picture.png"), picture);
    Path webp = cwebp(png, "-lossless", "-exact");
    RgbImage read = ImageFiles.read(webp);
    assertTrue(read.hasAlpha());
    assertArrayEquals(picture.rgb(), read.rgb());
    assertArrayEquals(alpha, read.alpha());

    Path lic = dir.resolve("picture.lic");
    CliRun.of("encode", webp.toString(), lic.toString()).assertOk();
    String info = CliRun.of("info", lic.toString()).assertOk().out();
    assertTrue(info.contains("picture:     48x32 RGBA"), info);
  }

  @Test
  void batchPicksUpWebp() throws IOException, InterruptedException {
    Path inputs = Files.createDirectory(dir.resolve("inputs"));
    Path png = CliRun.write(dir.resolve("lossy.png"), CliRun.picture(64, 48, 9));
    Files.move(cwebp(png, "-q", "90"), inputs.resolve("lossy.webp"));
    Path out = Files.createDirectory(dir.resolve("out"));
    CliRun.of("encode", "-d", out.toString(), inputs.toString()).assertOk();
    assertEquals(List.of("lossy.lic"), CliRun.names(out));
  }

  @Test
  void notAPictureEvenForFfmpeg() throws IOException {
    Path out = dir.resolve("out.lic");
    Path text = Files.writeString(dir.resolve("notes.webp"), "hello, not a picture");
    CliRun.of("encode", text.toString(), out.toString()).assertFails(Failures.BAD_INPUT, text.toString());
    Path bytes = Files.write(dir.resolve("noise"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    CliRun.of("encode", bytes.toString(), out.toString()).assertFails(Failures.BAD_INPUT, bytes.toString());
    Path cutWebp = Files.write(dir.resolve("cut.webp"), "RIFF\u0010\0\0\0WEBPVP8 ".getBytes("ISO-8859-1"));
    CliRun.of("encode", cutWebp.toString(), out.toString()).assertFails(Failures.BAD_INPUT, cutWebp.toString());
    assertFalse(Files.exists(out));
  }

  /** Uncompressed true-colour TGA, top-left origin. */
  private static byte[] tga(RgbImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int w = image.width();
    int h = image.height();
    byte[] header = new byte[18];
    header[2] = 2;
    header[12] = (byte) w;
    header[13] = (byte) (w >> 8);
    header[14] = (byte) h;
    header[15] = (byte) (h >> 8);
    header[16] = 24;
    header[17] = 0x20;
    out.writeBytes(header);
    byte[] rgb = image.rgb();
    for (int i = 0; i < w * h; i++) {
      out.write(rgb[3 * i + 2]);
      out.write(rgb[3 * i + 1]);
      out.write(rgb[3 * i]);
    }
    return out.toByteArray();
  }

  private Path cwebp(Path png, String... options) throws IOException, InterruptedException {
    Path webp = dir.resolve(png.getFileName().toString().replace(".png", ".webp"));
    List<String> cmd = new java.util.ArrayList<>(List.of("cwebp", "-quiet"));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of(png.toString(), "-o", webp.toString()));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "cwebp is not installed (apt-get install webp): " + e.getMessage());
      throw e;
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "cwebp finished");
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    return webp;
  }
}
