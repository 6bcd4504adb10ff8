package org.lic4j.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lic4j.codec.LicFormat;

/** Reads a .lic file with the checks a user's mistakes need: exists, is a stream, sane size. */
public final class LicFiles {
  /** Largest stream read into memory. */
  public static final long MAX_STREAM_BYTES = 1L << 30;

  private LicFiles() {}

  /** The whole stream in {@code file}, after checking that it is one and not too large. */
  public static byte[] read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new UserInputException(file + ": is a directory, not a lic4j stream", false);
    }
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(file + ": no such file", false);
    }
    long size = Files.size(file);
    if (size > MAX_STREAM_BYTES) {
      throw new UserInputException(file + ": " + size + " bytes is larger than the " + MAX_STREAM_BYTES + "-byte limit", false);
    }
    byte[] head = new byte[LicFormat.SIGNATURE_LENGTH];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n < head.length || !LicFormat.isLicStream(head)) {
      String kind = sniff(head, n);
      throw new UserInputException(file + ": not a lic4j stream" + (kind == null ? "" : " (it looks like " + kind + "; encode it instead)"), false);
    }
    return Files.readAllBytes(file);
  }

  private static String sniff(byte[] h, int n) {
    if (n >= 4 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
      return "a PNG image";
    }
    if (n >= 3 && (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff) {
      return "a JPEG image";
    }
    if (n >= 2 && h[0] == 'B' && h[1] == 'M') {
      return "a BMP image";
    }
    if (n >= 2 && h[0] == 'P' && (h[1] == '5' || h[1] == '6')) {
      return "a PPM/PGM image";
    }
    return null;
  }
}
