package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.media.OutputFiles;
import org.lic4j.media.UserInputException;

/** A failing write (a full disk, an encoder error) leaves nothing behind and keeps what was there. */
class OutputFilesTest {
  @TempDir Path dir;

  @Test
  void failedWriteLeavesNoFile() throws IOException {
    Path target = dir.resolve("out.png");
    IOException full = assertThrows(IOException.class, () -> OutputFiles.write(target, false, out -> {
      out.write(new byte[1000]);
      throw new IOException("No space left on device");
    }));
    assertEquals(target + ": No space left on device", Failures.message(full), "names the file");
    assertEquals(Failures.IO, Failures.exitCode(full));
    assertEquals(List.of(), CliRun.names(dir));
  }

  @Test
  void failedForcedWriteKeepsTheOldFile() throws IOException {
    Path target = Files.writeString(dir.resolve("out.png"), "old");
    assertThrows(IOException.class, () -> OutputFiles.write(target, true, out -> {
      out.write("half of the new".getBytes(StandardCharsets.US_ASCII));
      throw new IOException("No space left on device");
    }));
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("out.png"), CliRun.names(dir));
  }

  @Test
  void writesWholeFile() throws IOException {
    Path target = dir.resolve("out.bin");
    OutputFiles.write(target, false, out -> out.write(new byte[] {1, 2, 3}));
    assertEquals(3, Files.size(target));
    assertThrows(UserInputException.class, () -> OutputFiles.write(target, false, out -> out.write(4)));
    OutputFiles.write(target, true, out -> out.write(4));
    assertEquals(1, Files.size(target));
    assertEquals(List.of("out.bin"), CliRun.names(dir));
  }
}
