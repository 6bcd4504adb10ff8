package org.lic4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.media.ImageFiles;
import scala.jdk.javaapi.CollectionConverters;

/** What one task does with each file, without Spark around it: the rows and the files written. */
class PartitionCoderTest {
  private static final StructType CLAIMED = new StructType()
      .add(PartitionCoder.LISTED, DataTypes.StringType)
      .add(Manifest.PATH, DataTypes.StringType)
      .add(Manifest.OUTPUT, DataTypes.StringType)
      .add(PartitionCoder.CLAIMANTS, DataTypes.createArrayType(DataTypes.StringType));

  @TempDir Path tmp;

  @Test
  void eachFileIsARowAndAnExistingOutputIsKept() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in/a b"));
    Path out = tmp.resolve("out");
    ImageIO.write(new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB), "png", in.resolve("x.png").toFile());
    Files.writeString(in.resolve("y.png"), "no picture");
    Files.writeString(in.resolve("x.jpg"), "twin of x.png");
    Files.writeString(in.resolve("readme.txt"), "words");
    JobSettings settings = new JobSettings(Direction.ENCODE, tmp.resolve("in").toString(), out.toString(), 50,
        0, ImageFiles.Format.PNG);

    List<Row> rows = code(settings, in, List.of("x.png", "y.png", "readme.txt"));
    assertEquals(Manifest.OK, rows.get(0).getAs(Manifest.STATUS));
    assertEquals("a b/x.lic", rows.get(0).getAs(Manifest.OUTPUT));
    assertEquals(40L * 24, rows.get(0).<Long>getAs(Manifest.PIXELS));
    byte[] written = Files.readAllBytes(out.resolve("a b/x.lic"));
    assertEquals(written.length, rows.get(0).<Long>getAs(Manifest.BYTES_OUT));
    assertEquals(Manifest.FAILED, rows.get(1).getAs(Manifest.STATUS));
    assertTrue(rows.get(1).<String>getAs(Manifest.REASON).length() > 0);
    assertEquals(Manifest.IGNORED, rows.get(2).getAs(Manifest.STATUS));
    assertNull(rows.get(2).getAs(Manifest.OUTPUT));

    // A retried task, or a re-run: the output exists and is left as it is.
    Row again = code(settings, in, List.of("x.png")).get(0);
    assertEquals(Manifest.SKIPPED, again.getAs(Manifest.STATUS));
    assertArrayEquals(written, Files.readAllBytes(out.resolve("a b/x.lic")));
    try (var files = Files.walk(out)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".part")).count(), "a .part file is left");
    }
  }

  @Test
  void twoInputsForOneOutputBothFailByName() {
    JobSettings settings = new JobSettings(Direction.ENCODE, tmp.toString(), tmp.resolve("out").toString(), 50,
        0, ImageFiles.Format.PNG);
    Row row = new GenericRowWithSchema(new Object[] {tmp.resolve("x.png").toUri().toString(), "x.png", "x.lic",
        CollectionConverters.asScala(List.of("x.png", "x.jpg")).toSeq()}, CLAIMED);
    Row result = new PartitionCoder(settings).call(List.of(row).iterator()).next();
    assertEquals(Manifest.FAILED, result.getAs(Manifest.STATUS));
    assertEquals("x.jpg and x.png would all write x.lic: rename all but one", result.getAs(Manifest.REASON));
  }

  /** The rows for {@code names} in {@code folder}, as the listing hands them to a task. */
  private static List<Row> code(JobSettings settings, Path folder, List<String> names) {
    Path root = Path.of(settings.inRoot());
    List<Row> listed = names.stream().map(n -> {
      Path file = folder.resolve(n);
      String rel = ArchivePaths.relative(root, file);
      String output = ArchivePaths.output(rel, settings);
      return (Row) new GenericRowWithSchema(new Object[] {file.toUri().toString(), rel, output,
          CollectionConverters.asScala(List.of(rel)).toSeq()}, CLAIMED);
    }).toList();
    Iterator<Row> rows = new PartitionCoder(settings).call(listed.iterator());
    List<Row> out = new java.util.ArrayList<>();
    rows.forEachRemaining(out::add);
    return out;
  }
}
