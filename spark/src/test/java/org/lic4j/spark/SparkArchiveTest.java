package org.lic4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's archive through {@code lic4j spark} on local[2]: nested folders of small pictures
 * with two broken files among them, a file that is no picture and a hidden one; then a re-run, and
 * the way back to PNG.
 */
class SparkArchiveTest {
  private static final int WIDTH = 64;
  private static final int HEIGHT = 48;
  private static final String[] FOLDERS = {"", "2024", "2024/summer", "2024/summer/beach", "scans/old prints"};

  @TempDir Path tmp;

  @Test
  void anArchiveWithBrokenFilesIsCodedResumedAndDecoded() throws IOException {
    Path photos = tmp.resolve("photos");
    List<String> pictures = writeArchive(photos);
    Path lic = tmp.resolve("lic");

    Run first = run("encode", photos.toString(), lic.toString(), "--master", "local[2]", "--quality", "60");
    assertEquals(2, first.code, first.err);
    assertTrue(first.out.contains("encoded 20 files, 0 skipped (output exists), 2 failed, 1 ignored (not pictures)"),
        first.out + first.err);
    for (String p : pictures) {
      Path stream = lic.resolve(p.replaceFirst("\\.png$", ".lic"));
      assertTrue(Files.isRegularFile(stream), stream + " missing; " + first.err);
    }
    assertEquals(20, files(lic, ".lic").size());
    assertTrue(first.err.contains("2024/summer/truncated.png: "), first.err);
    assertTrue(first.err.contains("scans/empty.jpg: "), first.err);
    assertEquals(List.of(), files(lic, ".part"), "no temporary file is left behind");

    Map<String, Row> manifest = manifest(lic);
    assertEquals(23, manifest.size(), manifest.keySet().toString());
    for (String broken : List.of("2024/summer/truncated.png", "scans/empty.jpg")) {
      Row row = manifest.get(broken);
      assertEquals(Manifest.FAILED, row.getAs(Manifest.STATUS));
      String reason = row.getAs(Manifest.REASON);
      assertTrue(reason != null && !reason.isBlank(), broken + " has no reason");
    }
    Row good = manifest.get(pictures.get(0));
    assertEquals(Manifest.OK, good.getAs(Manifest.STATUS));
    assertEquals((long) WIDTH * HEIGHT, good.<Long>getAs(Manifest.PIXELS));
    assertEquals(Files.size(lic.resolve(good.<String>getAs(Manifest.OUTPUT))), good.<Long>getAs(Manifest.BYTES_OUT));
    assertTrue(good.<Double>getAs(Manifest.BPP) > 0);
    assertEquals(Manifest.IGNORED, manifest.get("2024/notes.txt").getAs(Manifest.STATUS));

    // A re-run codes nothing again: every output exists, and the broken files are still named.
    Map<Path, Long> written = modified(lic, ".lic");
    Run again = run("encode", photos.toString(), lic.toString(), "--master", "local[2]", "--quality", "60");
    assertEquals(2, again.code, again.err);
    assertTrue(again.out.contains("encoded 0 files, 20 skipped (output exists), 2 failed"), again.out);
    assertEquals(written, modified(lic, ".lic"), "a re-run rewrote outputs");

    // And back: the manifest folder (_manifest) is no input.
    Path png = tmp.resolve("png");
    Run back = run("decode", lic.toString(), png.toString(), "--master", "local[2]");
    assertEquals(0, back.code, back.err);
    assertTrue(back.out.contains("decoded 20 files, 0 skipped (output exists), 0 failed, 0 ignored"), back.out);
    for (String p : pictures) {
      BufferedImage image = ImageIO.read(png.resolve(p).toFile());
      assertEquals(WIDTH, image.getWidth());
      assertEquals(HEIGHT, image.getHeight());
    }
  }

  @Test
  void aMissingInputFolderIsTheUsersError() {
    Run r = run("encode", tmp.resolve("nowhere").toString(), tmp.resolve("out").toString());
    assertEquals(2, r.code);
    assertTrue(r.err.contains("no such folder"), r.err);
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  /** 20 pictures in nested folders, two broken files, a text file and a hidden file; the pictures' paths. */
  private static List<String> writeArchive(Path root) throws IOException {
    List<String> pictures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String folder = FOLDERS[i % FOLDERS.length];
      String name = (folder.isEmpty() ? "" : folder + "/") + (i % 3 == 0 ? "photo " : "photo") + i + ".png";
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      ImageIO.write(picture(i), "png", file.toFile());
      pictures.add(name);
    }
    byte[] good = Files.readAllBytes(root.resolve(pictures.get(0)));
    // A PNG cut short (a copy that stopped), and an empty JPEG (a file that was never written).
    Files.write(root.resolve("2024/summer/truncated.png"), java.util.Arrays.copyOf(good, good.length / 2));
    Files.write(root.resolve("scans/empty.jpg"), new byte[0]);
    Files.writeString(root.resolve("2024/notes.txt"), "not a picture");
    Files.writeString(root.resolve("2024/.DS_Store"), "hidden");
    return pictures;
  }

  private static BufferedImage picture(int seed) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int r = (x * 4 + seed * 13) & 255;
        int g = (y * 5 + seed * 7) & 255;
        int b = ((x + y) * 3 + seed * 29) & 255;
        image.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return image;
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = SparkCommand.newCommandLine(o, e).execute(args);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The manifest's rows by input path, as the job writes them. */
  private static Map<String, Row> manifest(Path out) throws IOException {
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Map<String, Row> rows = new TreeMap<>();
      for (Row r : Manifest.read(spark, out.resolve(Manifest.FOLDER)).collectAsList()) {
        rows.put(r.getAs(Manifest.PATH), r);
      }
      return rows;
    } finally {
      spark.stop();
    }
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }

  private static Map<Path, Long> modified(Path root, String suffix) throws IOException {
    Map<Path, Long> m = new TreeMap<>();
    for (Path p : files(root, suffix)) {
      m.put(p, Files.getLastModifiedTime(p).toMillis() * 1_000_000L + Files.size(p));
    }
    return m;
  }
}
