package org.lic4j.codec.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.LicFormat;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.TestPictures;

/** The plugin as Thumbnailator, a common thumbnail library, drives it: reading tiled streams and writing .lic. */
class ThumbnailatorTest {
  @Test
  void thumbnailOfATiledStream(@TempDir Path dir) throws IOException {
    BufferedImage picture = TestPictures.colour(300, 200, 8).toBufferedImage();
    ImageWriter writer = ImageIO.getImageWritersByFormatName(LicFormat.NAME).next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
    param.setTiling(128, 128, 0, 0);
    File file = dir.resolve("tiled.lic").toFile();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(picture, null, null), param);
    } finally {
      writer.dispose();
    }
    BufferedImage thumbnail = Thumbnails.of(file).size(60, 60).asBufferedImage();
    assertEquals(60, thumbnail.getWidth());
    assertEquals(40, thumbnail.getHeight());
    BufferedImage expected = Thumbnails.of(picture).size(60, 60).asBufferedImage();
    assertTrue(TestPictures.psnr(RgbImage.of(expected), RgbImage.of(thumbnail)) > 20);
  }

  @Test
  void thumbnailWrittenAsLic(@TempDir Path dir) throws IOException {
    BufferedImage picture = TestPictures.colour(300, 200, 9).toBufferedImage();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Thumbnails.of(picture).size(150, 150).outputFormat(LicFormat.NAME).outputQuality(0.9).toOutputStream(bytes);
    assertTrue(LicFormat.isLicStream(bytes.toByteArray()));
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(150, back.getWidth());
    assertEquals(100, back.getHeight());
    Path file = dir.resolve("thumb.lic");
    Thumbnails.of(picture).scale(0.5).toFile(file.toFile());
    assertTrue(LicFormat.isLicStream(Files.readAllBytes(file)));
  }
}
