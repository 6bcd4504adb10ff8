package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.RgbImage;

/**
 * Metadata read from and written into picture files (issue 22, "Metadata"), with fixtures made
 * here: a JPEG with Exif (orientation 6), XMP and an ICC profile, a PNG with iCCP, eXIf and iTXt, a
 * CMYK JPEG, a 16-bit PNG; and a picture from a stream (standard input).
 */
class PictureMetadataFilesTest {
  @TempDir Path dir;

  private Path write(String name, RgbImage image, PictureMetadata metadata) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, ImageFiles.encode(image, ImageFiles.Format.of(file), metadata));
    return file;
  }

  @Test
  void jpegKeepsExifXmpAndIccAsSegments() throws IOException {
    Path jpg = write("photo.jpg", MetadataFixtures.positions(12, 8), MetadataFixtures.all(6));
    List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(ImageIO.createImageInputStream(jpg.toFile()),
        JPEGSegmentUtil.APP_SEGMENTS);
    List<String> ids = segments.stream().map(s -> Integer.toHexString(s.marker()) + "/" + s.identifier()).toList();
    assertEquals(List.of("ffe0/JFIF", "ffe1/Exif", "ffe1/http://ns.adobe.com/xap/1.0/", "ffe2/ICC_PROFILE"), ids);

    Picture read = ImageFiles.read(jpg, MetadataOptions.ALL);
    assertEquals(MetadataFixtures.all(6), read.metadata());
    assertEquals(6, read.metadata().orientation());
    assertEquals(12, read.image().width(), "pixels kept as stored, not turned");
    assertTrue(read.metadata().iccDescription().contains("inear"), read.metadata().iccDescription());
  }

  @Test
  void aProfileOverOneSegmentIsSplitAndJoinedInOrder() throws IOException {
    byte[] big = new byte[150_000];
    new Random(22).nextBytes(big);
    PictureMetadata m = PictureMetadata.of(big, null, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FileMetadata.writeJpeg(MetadataFixtures.positions(4, 4).toBufferedImage(), m, 0.9f, out);
    List<JPEGSegment> icc = JPEGSegmentUtil.readSegments(
        ImageIO.createImageInputStream(new ByteArrayInputStream(out.toByteArray())), 0xffe2, "ICC_PROFILE");
    assertEquals(3, icc.size(), "150000 bytes in segments of 65519");
    assertArrayEquals(big, FileMetadata.fromJpeg(
        ImageIO.createImageInputStream(new ByteArrayInputStream(out.toByteArray()))).iccProfile());
  }

  @Test
  void pngKeepsIccpExifAndXmpChunks() throws IOException {
    Path png = write("photo.png", MetadataFixtures.positions(12, 8), MetadataFixtures.all(6));
    String raw = new String(Files.readAllBytes(png), StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("iCCP") && raw.contains("eXIf") && raw.contains("iTXtXML:com.adobe.xmp"), "chunks");
    Picture read = ImageFiles.read(png, MetadataOptions.ALL);
    assertEquals(MetadataFixtures.all(6), read.metadata());
    assertArrayEquals(MetadataFixtures.positions(12, 8).rgb(), read.image().rgb(),
        "with the profile kept, the samples are the stored ones");
  }

  @Test
  void aProfileNotKeptIsAppliedAndOnlyTheChosenPartsStay() throws IOException {
    Path png = write("photo.png", MetadataFixtures.positions(12, 8), MetadataFixtures.all(6));
    Picture exifOnly = ImageFiles.read(png, MetadataOptions.parse("exif", false));
    assertEquals(PictureMetadata.of(null, MetadataFixtures.exif(6), null), exifOnly.metadata());
    assertTrue(!Arrays.equals(MetadataFixtures.positions(12, 8).rgb(), exifOnly.image().rgb()),
        "linear RGB converted to sRGB");
    Picture none = ImageFiles.read(png, MetadataOptions.NONE);
    assertTrue(none.metadata().isEmpty());
    Picture noExif = ImageFiles.read(png, MetadataOptions.parse("icc,xmp", false));
    assertTrue(noExif.notices().stream().anyMatch(n -> n.contains("orientation 6 not kept")), noExif.notices().toString());
    assertTrue(assertThrows(UserInputException.class, () -> MetadataOptions.parse("exif,gps", false)).isUsage());

    // An sRGB profile not kept changes nothing: the samples are sRGB already.
    byte[] srgb = java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    Path plain = write("srgb.png", MetadataFixtures.positions(12, 8), PictureMetadata.of(srgb, null, null));
    assertArrayEquals(MetadataFixtures.positions(12, 8).rgb(), ImageFiles.read(plain).rgb());
  }

  @Test
  void autoOrientTurnsThePixelsAndSetsTheTagToOne() throws IOException {
    RgbImage stored = MetadataFixtures.positions(5, 3);
    Path jpg = write("turned.png", stored, PictureMetadata.of(null, MetadataFixtures.exif(6), null));
    Picture p = ImageFiles.read(jpg, new MetadataOptions(true, true, true, true));
    assertEquals(3, p.image().width());
    assertEquals(5, p.image().height());
    assertEquals(1, p.metadata().orientation());
    assertEquals(MetadataFixtures.exif(6).length, p.metadata().exif().length, "the block changed in place");
    // Orientation 6: the stored top row is the right column, the stored left column the top row.
    byte[] rgb = p.image().rgb();
    int topRight = 3 * (0 * 3 + 2);
    assertEquals(0, rgb[topRight] & 0xff, "x 0");
    assertEquals(0, rgb[topRight + 1] & 0xff, "y 0");
    int bottomLeft = 3 * (4 * 3 + 0);
    assertEquals(4 * 16, rgb[bottomLeft] & 0xff, "x 4");
    assertEquals(2 * 16, rgb[bottomLeft + 1] & 0xff, "y 2");
  }

  @Test
  void everyOrientationUndoesItsInverse() {
    RgbImage p = MetadataFixtures.positions(5, 3);
    // 6 turns clockwise, 8 anticlockwise; 2, 3, 4, 5, 7 are their own inverses.
    int[] inverse = {0, 1, 2, 3, 4, 5, 8, 7, 6};
    for (int o = 1; o <= 8; o++) {
      RgbImage back = Orientation.apply(Orientation.apply(p, o), inverse[o]);
      assertArrayEquals(p.rgb(), back.rgb(), "orientation " + o);
    }
  }

  @Test
  void cmykJpegIsReadThroughTwelveMonkeys() throws IOException {
    // Four bands written as a raster: a JPEG with four components and no colour transform, which
    // is how CMYK JPEGs are stored; the JDK's reader refuses it ("Unsupported Image Type").
    int w = 16;
    int h = 8;
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, new Point());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setPixel(x, y, x < w / 2 ? new int[] {255, 255, 255, 255} : new int[] {0, 0, 0, 0});
      }
    }
    Path jpg = dir.resolve("cmyk.jpg");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(jpg.toFile())) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(raster, null, null), null);
    } finally {
      writer.dispose();
    }
    Picture p = ImageFiles.read(jpg, MetadataOptions.ALL);
    assertEquals(w, p.image().width());
    int left = p.image().rgb()[3 * (4 * w + 2)] & 0xff;
    int right = p.image().rgb()[3 * (4 * w + w - 3)] & 0xff;
    assertTrue(Math.abs(left - right) > 100, "no ink and full black differ: " + left + " " + right);
  }

  @Test
  void aFileItsImageIoReaderFailsOnIsReadByFfmpeg() throws IOException {
    // A GIF cut short: the JDK's GIF reader fails ("I/O error reading image!"), FFmpeg decodes what
    // is there.
    ByteArrayOutputStream gif = new ByteArrayOutputStream();
    BufferedImage noise = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        noise.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    ImageIO.write(noise, "gif", gif);
    Path cut = dir.resolve("cut.gif");
    Files.write(cut, Arrays.copyOf(gif.toByteArray(), gif.size() * 6 / 10));
    Picture p = ImageFiles.read(cut, MetadataOptions.ALL);
    assertEquals(64, p.image().width());
    assertTrue(p.notices().get(0).startsWith("read by FFmpeg (ImageIO's gif reader failed"), p.notices().toString());

    Path garbage = dir.resolve("cut.png");
    Files.write(garbage, Arrays.copyOf(ImageFiles.encode(MetadataFixtures.positions(40, 30), ImageFiles.Format.PNG), 60));
    UserInputException bad = assertThrows(UserInputException.class, () -> ImageFiles.read(garbage, MetadataOptions.ALL));
    assertTrue(bad.getMessage().startsWith(garbage + ": unreadable png image"), bad.getMessage());
  }

  @Test
  void sixteenBitPngIsReducedToEightBitsWithANotice() throws IOException {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
        false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    BufferedImage deep = new BufferedImage(cm, cm.createCompatibleWritableRaster(4, 2), false, null);
    deep.getRaster().setPixel(1, 0, new int[] {65535, 32768, 257});
    Path png = dir.resolve("deep.png");
    ImageIO.write(deep, "png", png.toFile());
    Picture p = ImageFiles.read(png, MetadataOptions.ALL);
    assertEquals(List.of("16-bit samples reduced to 8 bits (lic4j codes 8 bits per sample)"), p.notices());
    assertEquals(255, p.image().rgb()[3] & 0xff);
    assertEquals(128, p.image().rgb()[4] & 0xff);
    assertEquals(1, p.image().rgb()[5] & 0xff);
  }

  @Test
  void aPictureFromAStreamIsReadWithItsMetadataAndBounded() throws IOException {
    Path jpg = write("photo.jpg", MetadataFixtures.positions(12, 8), MetadataFixtures.all(6));
    Picture p = ImageFiles.read(Files.newInputStream(jpg), "standard input", MetadataOptions.ALL);
    assertEquals(6, p.metadata().orientation());
    UserInputException empty = assertThrows(UserInputException.class,
        () -> ImageFiles.read(new ByteArrayInputStream(new byte[0]), "standard input", MetadataOptions.ALL));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
  }
}
