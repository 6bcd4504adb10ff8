package org.lic4j.media;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.lic4j.codec.PictureMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Metadata in picture files: read from JPEG's APP segments (through TwelveMonkeys' segment reader)
 * and PNG's chunks (through the JDK reader's native tree), written back into PNG (iCCP, eXIf, iTXt)
 * and JPEG (APP1 Exif, APP1 XMP, APP2 ICC_PROFILE in as many segments as it needs) through the
 * writers' native metadata trees.
 */
final class FileMetadata {
  private static final String PNG_TREE = "javax_imageio_png_1.0";
  private static final String JPEG_TREE = "javax_imageio_jpeg_image_1.0";
  private static final byte[] EXIF_ID = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
  /** ICC_PROFILE's identifier, then its sequence number and segment count. */
  private static final int ICC_HEADER = ICC_ID.length + 2;
  /** A JPEG segment carries at most 65533 bytes after its length field. */
  private static final int MAX_SEGMENT = 65533;

  private FileMetadata() {}

  /** The Exif, XMP and ICC segments of a JPEG; the stream is read from its start and left where it ends. */
  static PictureMetadata fromJpeg(ImageInputStream in) throws IOException {
    in.seek(0);
    Map<Integer, List<String>> wanted = Map.of(
        JPEG.APP1, List.of("Exif", "http://ns.adobe.com/xap/1.0/"), JPEG.APP2, List.of("ICC_PROFILE"));
    byte[] exif = null;
    byte[] xmp = null;
    TreeMap<Integer, byte[]> icc = new TreeMap<>();
    for (JPEGSegment s : JPEGSegmentUtil.readSegments(in, wanted)) {
      byte[] data = bytes(s.segmentData());
      if (s.marker() == JPEG.APP1 && exif == null && startsWith(data, EXIF_ID)) {
        exif = Arrays.copyOfRange(data, EXIF_ID.length, data.length);
      } else if (s.marker() == JPEG.APP1 && xmp == null && startsWith(data, XMP_ID)) {
        xmp = Arrays.copyOfRange(data, XMP_ID.length, data.length);
      } else if (s.marker() == JPEG.APP2 && data.length > ICC_HEADER && startsWith(data, ICC_ID)) {
        icc.putIfAbsent(data[ICC_ID.length] & 0xff, Arrays.copyOfRange(data, ICC_HEADER, data.length));
      }
    }
    ByteArrayOutputStream profile = new ByteArrayOutputStream();
    for (byte[] part : icc.values()) {
      profile.write(part);
    }
    return of(profile.toByteArray(), exif, xmp);
  }

  /** The iCCP, eXIf and XMP iTXt of a PNG, from the JDK reader's native tree. */
  static PictureMetadata fromPng(IIOMetadata metadata) {
    if (metadata == null || !Arrays.asList(metadata.getMetadataFormatNames()).contains(PNG_TREE)) {
      return PictureMetadata.NONE;
    }
    Element root = (Element) metadata.getAsTree(PNG_TREE);
    byte[] icc = null;
    NodeList iccp = root.getElementsByTagName("iCCP");
    if (iccp.getLength() > 0 && ((IIOMetadataNode) iccp.item(0)).getUserObject() instanceof byte[] b) {
      icc = b;
    }
    byte[] exif = null;
    NodeList unknown = root.getElementsByTagName("UnknownChunk");
    for (int i = 0; i < unknown.getLength(); i++) {
      IIOMetadataNode n = (IIOMetadataNode) unknown.item(i);
      if ("eXIf".equals(n.getAttribute("type")) && n.getUserObject() instanceof byte[] b) {
        exif = b;
        break;
      }
    }
    byte[] xmp = null;
    NodeList texts = root.getElementsByTagName("iTXtEntry");
    for (int i = 0; i < texts.getLength(); i++) {
      Element e = (Element) texts.item(i);
      if (PictureMetadata.XMP_KEYWORD.equals(e.getAttribute("keyword"))) {
        xmp = e.getAttribute("text").getBytes(StandardCharsets.UTF_8);
        break;
      }
    }
    return of(icc, exif, xmp);
  }

  /** Metadata of the parts read; an Exif block that is not TIFF-structured is left out rather than failing the picture. */
  private static PictureMetadata of(byte[] icc, byte[] exif, byte[] xmp) {
    boolean tiff = exif != null && exif.length >= 4
        && ((exif[0] == 'I' && exif[1] == 'I') || (exif[0] == 'M' && exif[1] == 'M'));
    try {
      return PictureMetadata.of(icc, tiff ? exif : null, xmp);
    } catch (IllegalArgumentException e) {
      return PictureMetadata.of(icc, null, xmp);
    }
  }

  /** Writes {@code image} as a PNG carrying {@code metadata}: iCCP, eXIf, iTXt {@value PictureMetadata#XMP_KEYWORD}. */
  static void writePng(BufferedImage image, PictureMetadata metadata, OutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
      IIOMetadataNode root = new IIOMetadataNode(PNG_TREE);
      byte[] icc = metadata.iccProfile();
      if (icc != null) {
        IIOMetadataNode n = new IIOMetadataNode("iCCP");
        n.setAttribute("profileName", "ICC profile");
        n.setAttribute("compressionMethod", "deflate");
        n.setUserObject(icc);
        root.appendChild(n);
      }
      byte[] xmp = metadata.xmp();
      if (xmp != null) {
        IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
        entry.setAttribute("keyword", PictureMetadata.XMP_KEYWORD);
        entry.setAttribute("compressionFlag", "FALSE");
        entry.setAttribute("compressionMethod", "0");
        entry.setAttribute("languageTag", "");
        entry.setAttribute("translatedKeyword", "");
        entry.setAttribute("text", new String(xmp, StandardCharsets.UTF_8));
        IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
        itxt.appendChild(entry);
        root.appendChild(itxt);
      }
      byte[] exif = metadata.exif();
      if (exif != null) {
        IIOMetadataNode chunk = new IIOMetadataNode("UnknownChunk");
        chunk.setAttribute("type", "eXIf");
        chunk.setUserObject(exif);
        IIOMetadataNode chunks = new IIOMetadataNode("UnknownChunks");
        chunks.appendChild(chunk);
        root.appendChild(chunks);
      }
      md.mergeTree(PNG_TREE, root);
      writer.setOutput(ios);
      writer.write(new IIOImage(image, null, md));
    } finally {
      writer.dispose();
    }
  }

  /**
   * Writes {@code image} as a JPEG at {@code quality} (0..1) carrying {@code metadata} as APP
   * segments after the JFIF one: Exif (APP1), XMP (APP1), the ICC profile (APP2, split in segments
   * of at most 65519 bytes, as ICC.1 Annex B.4 numbers them).
   */
  static void writeJpeg(BufferedImage image, PictureMetadata metadata, float quality, OutputStream out)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      if (!metadata.isEmpty()) {
        addSegments(md, metadata);
      }
      writer.setOutput(ios);
      writer.write(null, new IIOImage(image, null, md), param);
    } finally {
      writer.dispose();
    }
  }

  private static void addSegments(IIOMetadata md, PictureMetadata metadata) throws IIOInvalidTreeException {
    Node root = md.getAsTree(JPEG_TREE);
    Element sequence = (Element) ((Element) root).getElementsByTagName("markerSequence").item(0);
    Node first = sequence.getFirstChild();
    // Exif and XMP fit one segment each (Exif by its standard; longer XMP would need XMP's extended
    // segments, which few readers join): a part that does not fit is left out of the JPEG.
    byte[] exif = metadata.exif();
    if (exif != null && EXIF_ID.length + exif.length <= MAX_SEGMENT) {
      sequence.insertBefore(segment(JPEG.APP1, concat(EXIF_ID, exif, 0, exif.length)), first);
    }
    byte[] xmp = metadata.xmp();
    if (xmp != null && XMP_ID.length + xmp.length <= MAX_SEGMENT) {
      sequence.insertBefore(segment(JPEG.APP1, concat(XMP_ID, xmp, 0, xmp.length)), first);
    }
    byte[] icc = metadata.iccProfile();
    if (icc != null) {
      int per = MAX_SEGMENT - ICC_HEADER;
      int count = (icc.length + per - 1) / per;
      for (int i = 0; i < count; i++) {
        int from = i * per;
        byte[] head = Arrays.copyOf(ICC_ID, ICC_HEADER);
        head[ICC_ID.length] = (byte) (i + 1);
        head[ICC_ID.length + 1] = (byte) count;
        sequence.insertBefore(segment(JPEG.APP2, concat(head, icc, from, Math.min(icc.length, from + per))), first);
      }
    }
    md.setFromTree(JPEG_TREE, root);
  }

  private static IIOMetadataNode segment(int marker, byte[] data) {
    IIOMetadataNode n = new IIOMetadataNode("unknown");
    n.setAttribute("MarkerTag", Integer.toString(marker & 0xff));
    n.setUserObject(data);
    return n;
  }

  private static byte[] concat(byte[] head, byte[] body, int from, int to) {
    byte[] out = Arrays.copyOf(head, head.length + to - from);
    System.arraycopy(body, from, out, head.length, to - from);
    return out;
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] bytes(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
