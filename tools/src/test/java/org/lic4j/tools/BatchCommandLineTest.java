package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.media.ImageFiles;

/**
 * A new user's archive, as they would convert it: nested folders, pictures of several kinds, two
 * broken files, hidden files and notes among them, then a re-run. Through the real command.
 */
class BatchCommandLineTest {
  @TempDir Path dir;

  /** archive/ with 5 good pictures, 2 broken ones, and 3 files a batch leaves alone. */
  private Path archive() throws IOException {
    Path archive = dir.resolve("archive");
    Files.createDirectories(archive.resolve("2019/summer"));
    Files.createDirectories(archive.resolve("2020/family"));
    Files.createDirectories(archive.resolve(".thumbnails"));
    CliRun.write(archive.resolve("2019/album.png"), CliRun.picture(48, 32, 1));
    CliRun.write(archive.resolve("2019/summer/beach.png"), CliRun.picture(48, 32, 2));
    CliRun.write(archive.resolve("2020/city.jpg"), CliRun.picture(48, 32, 3));
    CliRun.write(archive.resolve("2020/family/portrait.bmp"), CliRun.picture(32, 48, 4));
    CliRun.write(archive.resolve("scan.ppm"), CliRun.picture(48, 32, 5));
    // The two broken files: a PNG cut short, and notes saved under a picture's name.
    byte[] png = ImageFiles.encode(CliRun.picture(48, 32, 6), ImageFiles.Format.PNG);
    Files.write(archive.resolve("2019/summer/broken.png"), Arrays.copyOf(png, png.length / 2));
    Files.writeString(archive.resolve("2019/notes.jpg"), "call the framer on monday");
    // Left alone, and counted: not pictures by their names, or hidden (a hidden folder counts once).
    Files.writeString(archive.resolve("readme.txt"), "family photos");
    Files.writeString(archive.resolve(".DS_Store"), "finder");
    CliRun.write(archive.resolve(".thumbnails/album.png"), CliRun.picture(48, 32, 7));
    return archive;
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  private static final List<String> STREAMS = List.of("2019/album.lic", "2019/summer/beach.lic", "2020/city.lic",
      "2020/family/portrait.lic", "lic4j-failures.txt", "scan.lic");

  @Test
  void keepGoingCodesEveryGoodFileNamesTheBadOnesAndAReRunResumes() throws IOException {
    Path archive = archive();
    Path out = Files.createDirectory(dir.resolve("out"));

    CliRun first = CliRun.of("encode", "-d", out.toString(), "--keep-going", archive.toString());
    assertEquals(Failures.BAD_INPUT, first.code(), first.err());
    assertEquals(STREAMS, tree(out), "the tree mirrored, the bad files and the ignored ones absent");
    Path broken = archive.resolve("2019/summer/broken.png");
    Path notes = archive.resolve("2019/notes.jpg");
    assertTrue(first.err().lines().anyMatch(l -> l.startsWith("lic4j: " + broken + ": ")), first.err());
    assertTrue(first.err().lines().anyMatch(l -> l.startsWith("lic4j: " + notes + ": ")), first.err());
    assertTrue(first.err().contains("lic4j: 2 of 7 files failed"), first.err());
    assertFalse(first.err().contains("Exception"), first.err());
    List<String> failures = Files.readAllLines(out.resolve(BatchRun.FAILURES_FILE));
    assertEquals(2, failures.size(), failures.toString());
    assertTrue(failures.get(0).startsWith(notes + "\t"), failures.toString());
    assertTrue(failures.get(1).startsWith(broken + "\t"), failures.toString());
    assertTrue(first.out().startsWith("encoded 5 files, 0 skipped (output exists), 2 failed,"
        + " 3 ignored (hidden or not pictures), "), first.out());
    assertEquals(1, first.out().lines().count(), first.out());
    assertEquals(48, ImageFiles.read(archive.resolve("2020/family/portrait.bmp")).height());

    // A re-run: nothing is coded again, the two bad files still fail.
    byte[] scan = Files.readAllBytes(out.resolve("scan.lic"));
    Files.setLastModifiedTime(out.resolve("scan.lic"), java.nio.file.attribute.FileTime.fromMillis(0));
    CliRun again = CliRun.of("encode", "-d", out.toString(), "--keep-going", "--skip-existing", archive.toString());
    assertEquals(Failures.BAD_INPUT, again.code(), again.err());
    assertTrue(again.out().startsWith("encoded 0 files, 5 skipped (output exists), 2 failed, "), again.out());
    assertEquals(0, Files.getLastModifiedTime(out.resolve("scan.lic")).toMillis(), "not rewritten");
    assertArrayEquals(scan, Files.readAllBytes(out.resolve("scan.lic")));

    // The user throws the bad files away: the run is clean, and the stale list goes.
    Files.delete(broken);
    Files.delete(notes);
    CliRun clean = CliRun.of("encode", "-d", out.toString(), "--keep-going", "--skip-existing", archive.toString())
        .assertOk();
    assertTrue(clean.out().startsWith("encoded 0 files, 5 skipped (output exists), 0 failed, "), clean.out());
    assertFalse(Files.exists(out.resolve(BatchRun.FAILURES_FILE)));

    // And back: decode mirrors the tree the same way.
    Path back = Files.createDirectory(dir.resolve("back"));
    CliRun dec = CliRun.of("decode", "-d", back.toString(), "--quiet", out.toString()).assertOk();
    assertEquals("", dec.out());
    assertEquals("", dec.err());
    assertEquals(List.of("2019/album.png", "2019/summer/beach.png", "2020/city.png", "2020/family/portrait.png",
        "scan.png"), tree(back));
    assertEquals(32, ImageFiles.read(back.resolve("2020/family/portrait.png")).width());
  }

  @Test
  void picturesCodedAtOnceGiveTheSameTree() throws IOException {
    Path archive = archive();
    Path one = Files.createDirectory(dir.resolve("one"));
    Path three = Files.createDirectory(dir.resolve("three"));
    CliRun.of("encode", "-d", one.toString(), "--keep-going", "--quiet", archive.toString());
    CliRun r = CliRun.of("encode", "-d", three.toString(), "--keep-going", "-j", "3", archive.toString());
    assertEquals(Failures.BAD_INPUT, r.code(), r.err());
    assertTrue(r.out().startsWith("encoded 5 files, 0 skipped (output exists), 2 failed, "), r.out());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("\\[\\d/7\\] .* MB/s, ETA \\d+:\\d\\d")), r.err());
    assertEquals(tree(one), tree(three));
    assertEquals(Files.readString(one.resolve(BatchRun.FAILURES_FILE)), Files.readString(three.resolve(BatchRun.FAILURES_FILE)));
    for (String name : tree(one)) {
      assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(three.resolve(name)), name);
    }
    CliRun.of("encode", "-d", three.toString(), "-j", "0", archive.toString()).assertFails(Failures.USAGE, "-j");
  }

  @Test
  void withoutKeepGoingTheFirstFailureStopsAndKeepsWhatWasWritten() throws IOException {
    Path archive = archive();
    Path out = Files.createDirectory(dir.resolve("out"));
    CliRun stopped = CliRun.of("encode", "-d", out.toString(), archive.toString());
    assertEquals(Failures.BAD_INPUT, stopped.code(), stopped.err());
    List<String> err = stopped.err().lines().collect(Collectors.toList());
    assertTrue(err.get(0).startsWith("[1/7] " + archive.resolve("2019/album.png") + " 48x32 -> "), stopped.err());
    assertEquals(2, err.size(), stopped.err());
    assertTrue(err.get(1).startsWith("lic4j: " + archive.resolve("2019/notes.jpg") + ": not a picture"), stopped.err());
    assertEquals("", stopped.out());
    assertEquals(List.of("2019/album.lic"), tree(out), "the file before the bad one kept, no failure list");

    // A plain re-run refuses the existing output before any work, as a single file does.
    CliRun.of("encode", "-d", out.toString(), archive.toString()).assertFails(Failures.USAGE, "album.lic");
    CliRun.of("encode", "-d", out.toString(), "--force", "--skip-existing", archive.toString())
        .assertFails(Failures.USAGE, "--skip-existing");
  }

  @Test
  void twoInputsForOneOutputAreRefusedBeforeAnyWork() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    CliRun.write(a.resolve("first.png"), CliRun.picture(48, 32, 1));
    CliRun.write(a.resolve("x.png"), CliRun.picture(48, 32, 2));
    CliRun.write(b.resolve("x.jpg"), CliRun.picture(48, 32, 3));
    Path out = Files.createDirectory(dir.resolve("out"));
    CliRun.of("encode", "-d", out.toString(), a.toString(), b.toString())
        .assertFails(Failures.USAGE, out.resolve("x.lic") + ": " + a.resolve("x.png") + " and " + b.resolve("x.jpg"));
    assertEquals(List.of(), tree(out), "nothing coded");
  }
}
