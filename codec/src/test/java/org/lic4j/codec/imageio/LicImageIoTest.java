package org.lic4j.codec.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.codec.imageio.LicReaders.reader;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.bitstream.container.ContainerWriter;
import org.lic4j.codec.LicFormat;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.TestPictures;

/** The ImageIO plugin from ImageIO's own entry points: registration, sniffing, read, write. */
class LicImageIoTest {
  private static final int W = 150;
  private static final int H = 100;
  private static BufferedImage colour;
  private static byte[] stream;

  @BeforeAll
  static void encode() throws IOException {
    ImageIO.setUseCache(false);
    colour = TestPictures.colour(W, H, 51).toBufferedImage();
    stream = write(colour, null);
  }

  /** Writes through the writer ImageIO finds for the suffix, with {@code param}. */
  private static byte[] write(BufferedImage image, ImageWriteParam param) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersBySuffix("lic").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static ImageWriteParam quality(float quality) {
    ImageWriteParam param = ImageIO.getImageWritersBySuffix("lic").next().getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    return param;
  }

  private static int headerQuality(byte[] bytes) throws IOException {
    return ContainerReader.read(bytes, "q.lic").header().quality();
  }

  @Test
  void registeredBySuffixNameAndMimeType() {
    Iterator<ImageReader> readers = ImageIO.getImageReadersBySuffix("lic");
    assertTrue(readers.hasNext());
    ImageReader reader = readers.next();
    assertInstanceOf(LicImageReader.class, reader);
    assertInstanceOf(LicImageReaderSpi.class, reader.getOriginatingProvider());
    assertInstanceOf(LicImageWriter.class, ImageIO.getImageWritersBySuffix("lic").next());
    assertInstanceOf(LicImageReader.class, ImageIO.getImageReadersByFormatName("LIC").next());
    assertInstanceOf(LicImageReader.class, ImageIO.getImageReadersByMIMEType(LicFormat.MIME_TYPE).next());
    assertInstanceOf(LicImageWriter.class, ImageIO.getImageWritersByMIMEType(LicFormat.MIME_TYPE).next());
    assertInstanceOf(LicImageWriter.class, ImageIO.getImageWriter(reader));
    assertInstanceOf(LicImageReader.class, ImageIO.getImageReader(ImageIO.getImageWritersBySuffix("lic").next()));
    assertTrue(Arrays.asList(ImageIO.getReaderFileSuffixes()).contains(LicFormat.SUFFIX));
    assertTrue(Arrays.asList(ImageIO.getWriterFormatNames()).contains(LicFormat.NAME));
  }

  @Test
  void plainReadAndWriteOfFiles(@TempDir Path dir) throws IOException {
    File file = dir.resolve("x.lic").toFile();
    assertTrue(ImageIO.write(colour, "lic", file));
    assertTrue(LicFormat.isLicStream(Files.readAllBytes(file.toPath())));
    BufferedImage back = ImageIO.read(file);
    assertEquals(W, back.getWidth());
    assertEquals(H, back.getHeight());
    assertEquals(BufferedImage.TYPE_3BYTE_BGR, back.getType());
    assertTrue(TestPictures.psnr(RgbImage.of(colour), RgbImage.of(back)) > 12);
    // The default quality is 0.75: 75.00 in the header.
    assertEquals(7500, headerQuality(Files.readAllBytes(file.toPath())));
  }

  @Test
  void greyAndAlphaKeepTheirTypes(@TempDir Path dir) throws IOException {
    File grey = dir.resolve("grey.lic").toFile();
    assertTrue(ImageIO.write(TestPictures.gray(40, 30, 1).toBufferedImage(), "lic", grey));
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, ImageIO.read(grey).getType());

    RgbImage withAlpha = TestPictures.colour(40, 30, 2).withAlpha(TestPictures.alpha(40, 30, 2));
    File argb = dir.resolve("argb.lic").toFile();
    assertTrue(ImageIO.write(withAlpha.toBufferedImage(), "lic", argb));
    BufferedImage back = ImageIO.read(argb);
    assertEquals(BufferedImage.TYPE_4BYTE_ABGR, back.getType());
    assertArrayEquals(withAlpha.alpha(), RgbImage.of(back).alpha());
  }

  @Test
  void canDecodeInputLeavesTheStreamWhereItWas() throws IOException {
    ImageReaderSpi spi = ImageIO.getImageReadersBySuffix("lic").next().getOriginatingProvider();
    byte[] png = pngBytes();
    // Each input once from its start and once from its second byte, with the answer expected.
    for (byte[] bytes : List.of(stream, png, Arrays.copyOf(stream, 3), new byte[0])) {
      for (int skip = 0; skip < Math.min(2, bytes.length + 1); skip++) {
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        in.skipBytes(skip);
        assertEquals(bytes == stream && skip == 0, spi.canDecodeInput(in));
        assertEquals(skip, in.getStreamPosition());
        assertEquals(skip < bytes.length ? bytes[skip] & 0xff : -1, in.read());
      }
    }
    assertFalse(spi.canDecodeInput(stream), "a byte[] is no ImageInputStream");
  }

  private static byte[] pngBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void sizeAndTypeComeFromTheHeaderWithoutDecoding() throws Exception {
    // Damaged symbols behind a valid checksum: only decoding pixels can notice.
    ContainerReader original = ContainerReader.read(stream, "x.lic");
    byte[] data = original.readData(original.tile(0).orElseThrow());
    data[data.length / 2] ^= 0x55;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(out, original.header())) {
      writer.writeTile(0, data);
      writer.finish();
    }
    ImageReader reader = reader(out.toByteArray());
    assertEquals(W, reader.getWidth(0));
    assertEquals(H, reader.getHeight(0));
    assertEquals(1, reader.getNumImages(true));
    assertEquals(BufferedImage.TYPE_3BYTE_BGR, reader.getImageTypes(0).next().getBufferedImageType());
    assertNull(reader.getImageMetadata(0));
    assertThrows(IndexOutOfBoundsException.class, () -> reader.getWidth(1));
    assertThrows(CorruptStreamException.class, () -> reader.read(0));
  }

  @Test
  void damagedStreamFailsTyped() {
    byte[] damaged = stream.clone();
    damaged[damaged.length / 2] ^= 1;
    assertThrows(CorruptStreamException.class, () -> ImageIO.read(new ByteArrayInputStream(damaged)));
    assertThrows(CorruptStreamException.class, () -> reader(Arrays.copyOf(stream, 40)).getWidth(0));
  }

  @Test
  void qualityComesFromTheWriteParam() throws IOException {
    byte[] low = write(colour, quality(0.1f));
    byte[] high = write(colour, quality(0.9f));
    assertEquals(1000, headerQuality(low));
    assertEquals(9000, headerQuality(high));
    assertTrue(high.length > low.length);
    ImageWriteParam defaults = ImageIO.getImageWritersBySuffix("lic").next().getDefaultWriteParam();
    assertTrue(defaults.canWriteCompressed());
    assertEquals(7500, headerQuality(write(colour, defaults)));
    defaults.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    assertEquals(0.75f, defaults.getCompressionQuality());
    assertFalse(defaults.isCompressionLossless());
    defaults.setCompressionMode(ImageWriteParam.MODE_DISABLED);
    assertThrows(IIOException.class, () -> write(colour, defaults));
  }

  @Test
  void rastersCannotBeWritten() throws IOException {
    ImageWriter writer = ImageIO.getImageWritersBySuffix("lic").next();
    assertFalse(writer.canWriteRasters());
    writer.setOutput(ImageIO.createImageOutputStream(new ByteArrayOutputStream()));
    assertThrows(UnsupportedOperationException.class,
        () -> writer.write(null, new IIOImage(colour.getRaster(), null, null), null));
    assertTrue(writer.getOriginatingProvider().canEncodeImage(ImageTypeSpecifier.createFromRenderedImage(colour)));
  }

  @Test
  void readParamRegionAndSubsampling() throws IOException {
    BufferedImage whole = reader(stream).read(0);
    ImageReader reader = reader(stream);
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceRegion(new Rectangle(30, 20, 70, 50));
    BufferedImage region = reader.read(0, param);
    assertEquals(70, region.getWidth());
    assertEquals(50, region.getHeight());
    assertArrayEquals(whole.getRGB(30, 20, 70, 50, null, 0, 70), region.getRGB(0, 0, 70, 50, null, 0, 70));

    param.setSourceSubsampling(3, 2, 0, 0);
    BufferedImage sampled = reader.read(0, param);
    assertEquals(24, sampled.getWidth());
    assertEquals(25, sampled.getHeight());
    for (int y = 0; y < sampled.getHeight(); y++) {
      for (int x = 0; x < sampled.getWidth(); x++) {
        assertEquals(whole.getRGB(30 + 3 * x, 20 + 2 * y), sampled.getRGB(x, y));
      }
    }
  }

  @Test
  void writeParamRegion() throws IOException {
    ImageWriteParam param = quality(0.5f);
    param.setSourceRegion(new Rectangle(10, 5, 33, 21));
    byte[] bytes = write(colour, param);
    assertEquals(33, ContainerReader.read(bytes, "r.lic").header().width());
    assertEquals(21, ContainerReader.read(bytes, "r.lic").header().height());
  }
}
