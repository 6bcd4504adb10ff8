package org.lic4j.bitstream.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.CorruptStreamException;


/** Reading from a real file: one region without the rest, errors naming the file. */
final class FileChannelTest {
  @TempDir Path dir;

  @Test
  void oneTileIsReadWithoutTheOthers() throws IOException {
    Path file = dir.resolve("photo.lic");
    Files.write(file, Samples.stream());
    try (FileChannel channel = FileChannel.open(file)) {
      ContainerReader reader = ContainerReader.open(channel, file.getFileName().toString());
      assertEquals(Files.size(file), reader.length());
      assertArrayEquals(Samples.tileData(4), reader.readData(reader.tile(4).orElseThrow()));
      reader.checkIntegrity();
    }
  }

  @Test
  void truncatedFileIsReportedWithItsName() throws IOException {
    Path file = dir.resolve("cut.lic");
    Files.write(file, Arrays.copyOf(Samples.stream(), 300));
    try (FileChannel channel = FileChannel.open(file)) {
      CorruptStreamException e = assertThrows(CorruptStreamException.class,
          () -> ContainerReader.open(channel, file.getFileName().toString()));
      assertTrue(e.reason().startsWith("truncated"), e.getMessage());
      assertTrue(e.getMessage().endsWith("(resource=cut.lic)"), e.getMessage());
    }
  }
}
