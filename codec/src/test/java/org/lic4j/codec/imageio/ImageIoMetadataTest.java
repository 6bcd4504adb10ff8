package org.lic4j.codec.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.codec.imageio.LicReaders.reader;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.lic4j.codec.LicFormat;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.TestPictures;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Metadata through plain ImageIO: the writer takes an {@link IIOMetadata} in our native format (or
 * the standard one's XMP Text entry) and writes the chunks; the reader returns them in the native
 * tree and the standard {@code javax_imageio_1.0} one.
 */
class ImageIoMetadataTest {
  private static final byte[] EXIF_6 = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
      0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
  private static final String XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";

  private static byte[] write(BufferedImage image, IIOMetadataNode nativeTree, String standardFormat) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersBySuffix("lic").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
      md.mergeTree(standardFormat == null ? md.getNativeMetadataFormatName() : standardFormat, nativeTree);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, md), null);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static IIOMetadataNode chunk(String name, byte[] bytes) {
    IIOMetadataNode n = new IIOMetadataNode(name);
    n.setUserObject(bytes);
    return n;
  }

  @Test
  void nativeTreeWrittenIsReadBackWithTheStandardOne() throws IOException {
    byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    IIOMetadataNode root = new IIOMetadataNode(LicMetadataFormat.NAME);
    root.appendChild(chunk("iccp", icc));
    root.appendChild(chunk("exif", EXIF_6));
    IIOMetadataNode text = chunk("text", XMP.getBytes(StandardCharsets.UTF_8));
    text.setAttribute("keyword", PictureMetadata.XMP_KEYWORD);
    root.appendChild(text);
    byte[] stream = write(TestPictures.colour(64, 40, 5).toBufferedImage(), root, null);
    assertEquals(PictureMetadata.of(icc, EXIF_6, XMP.getBytes(StandardCharsets.UTF_8)),
        PictureMetadata.read(stream, "x.lic"));

    ImageReader reader = reader(stream);
    IIOMetadata md = reader.getImageMetadata(0);
    assertTrue(md.isReadOnly());
    assertEquals(LicMetadataFormat.NAME, md.getNativeMetadataFormatName());
    Element tree = (Element) md.getAsTree(LicMetadataFormat.NAME);
    IIOMetadataNode exif = (IIOMetadataNode) tree.getElementsByTagName("exif").item(0);
    assertArrayEquals(EXIF_6, (byte[]) exif.getUserObject());
    assertEquals("6", exif.getAttribute("orientation"));
    assertArrayEquals(icc, (byte[]) ((IIOMetadataNode) tree.getElementsByTagName("iccp").item(0)).getUserObject());

    Element standard = (Element) md.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
    assertEquals("RGB", attribute(standard, "ColorSpaceType", "name"));
    assertEquals("3", attribute(standard, "NumChannels", "value"));
    assertEquals("Rotate270", attribute(standard, "ImageOrientation", "value"), "as the JDK's TIFF plugin names 6");
    assertEquals("none", attribute(standard, "Alpha", "value"));
    assertEquals(PictureMetadata.XMP_KEYWORD, attribute(standard, "TextEntry", "keyword"));
    assertEquals(XMP, attribute(standard, "TextEntry", "value"));
    assertNotNull(md.getMetadataFormat(LicMetadataFormat.NAME));

    // The JPEG tree that Thumbnailator reads: the Exif as an APP1 segment after its identifier.
    assertTrue(Arrays.asList(md.getExtraMetadataFormatNames()).contains(LicImageMetadata.JPEG));
    assertNotNull(md.getMetadataFormat(LicImageMetadata.JPEG), "described by the installed JPEG reader");
    Element jpeg = (Element) md.getAsTree(LicImageMetadata.JPEG);
    assertEquals(1, jpeg.getElementsByTagName("JPEGvariety").getLength());
    IIOMetadataNode app1 = (IIOMetadataNode) jpeg.getElementsByTagName("unknown").item(0);
    assertEquals("225", app1.getAttribute("MarkerTag"));
    byte[] segment = (byte[]) app1.getUserObject();
    assertArrayEquals("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOf(segment, 6));
    assertArrayEquals(EXIF_6, Arrays.copyOfRange(segment, 6, segment.length));
    assertThrows(IllegalStateException.class, () -> md.reset());
    assertEquals(64, reader.read(0).getWidth(), "the picture still reads after its metadata");
  }

  @Test
  void standardTextEntryOfXmpIsWrittenAndNoMetadataIsNull() throws IOException {
    IIOMetadataNode root = new IIOMetadataNode(IIOMetadataFormatImpl.standardMetadataFormatName);
    IIOMetadataNode text = new IIOMetadataNode("Text");
    IIOMetadataNode entry = new IIOMetadataNode("TextEntry");
    entry.setAttribute("keyword", PictureMetadata.XMP_KEYWORD);
    entry.setAttribute("value", XMP);
    text.appendChild(entry);
    root.appendChild(text);
    BufferedImage grey = TestPictures.gray(40, 30, 2).toBufferedImage();
    byte[] stream = write(grey, root, IIOMetadataFormatImpl.standardMetadataFormatName);
    IIOMetadata md = reader(stream).getImageMetadata(0);
    Element standard = (Element) md.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
    assertEquals("GRAY", attribute(standard, "ColorSpaceType", "name"));
    assertEquals(0, standard.getElementsByTagName("ImageOrientation").getLength(), "no Exif, no orientation");
    assertEquals(XMP, attribute(standard, "TextEntry", "value"));
    Element jpeg = (Element) md.getAsTree(LicImageMetadata.JPEG);
    assertEquals(0, jpeg.getElementsByTagName("unknown").getLength(), "no Exif, no APP1");

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ImageIO.write(grey, "lic", plain);
    assertNull(reader(plain.toByteArray()).getImageMetadata(0), "a stream without metadata chunks");
  }

  @Test
  void foreignMetadataIsTakenThroughTheStandardTree() throws IOException {
    // A PNG reader's metadata with an XMP iTXt: the lic writer keeps its XMP.
    ImageWriter png = ImageIO.getImageWritersByFormatName("png").next();
    BufferedImage image = TestPictures.colour(16, 16, 1).toBufferedImage();
    IIOMetadata pngMetadata = png.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
    IIOMetadataNode root = new IIOMetadataNode(IIOMetadataFormatImpl.standardMetadataFormatName);
    IIOMetadataNode text = new IIOMetadataNode("Text");
    IIOMetadataNode entry = new IIOMetadataNode("TextEntry");
    entry.setAttribute("keyword", PictureMetadata.XMP_KEYWORD);
    entry.setAttribute("value", XMP);
    text.appendChild(entry);
    root.appendChild(text);
    pngMetadata.mergeTree(IIOMetadataFormatImpl.standardMetadataFormatName, root);
    ImageWriter lic = ImageIO.getImageWritersBySuffix("lic").next();
    IIOMetadata converted = lic.convertImageMetadata(pngMetadata, null, null);
    assertTrue(converted instanceof LicImageMetadata);
    assertEquals(XMP, new String(((LicImageMetadata) converted).pictureMetadata().xmp(), StandardCharsets.UTF_8));
    assertTrue(Arrays.asList(converted.getMetadataFormatNames()).contains(LicMetadataFormat.NAME));
  }

  private static String attribute(Element root, String element, String attribute) {
    Node n = root.getElementsByTagName(element).item(0);
    return n == null ? null : ((Element) n).getAttribute(attribute);
  }
}
