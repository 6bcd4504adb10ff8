package org.lic4j.codec.imageio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormat;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.codec.PictureMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A lic4j picture's metadata through ImageIO: the stream's {@code iccp}, {@code exif} and XMP
 * {@code text} chunks ({@link PictureMetadata}) in the native tree ({@link LicMetadataFormat}), and
 * the standard {@code javax_imageio_1.0} tree: Chroma (colour space, channels), Compression,
 * Dimension (ImageOrientation from the Exif orientation, named as the JDK's TIFF plugin names
 * them), Transparency and Text (the XMP packet under its keyword). What the reader returns is read
 * only; what the writer hands out ({@link LicImageWriter#getDefaultImageMetadata}) takes {@code
 * mergeTree} and {@code setFromTree} in the native format, and in the standard one its Text entry
 * of XMP.
 *
 * <p>A third tree, read only, is the JDK JPEG plugin's {@value #JPEG} with the Exif as the APP1
 * segment a JPEG would carry ({@code markerSequence/unknown MarkerTag="225"}, user object {@code
 * "Exif\0\0"} and the TIFF structure): libraries that look for the orientation only there, as
 * Thumbnailator does, then turn a lic4j picture as they turn a JPEG (docs/metadata.md).
 */
public final class LicImageMetadata extends IIOMetadata {
  private static final String STANDARD = IIOMetadataFormatImpl.standardMetadataFormatName;
  /** The JDK JPEG plugin's native image metadata format, offered as an extra format. */
  static final String JPEG = "javax_imageio_jpeg_image_1.0";
  /** A JPEG APP1 marker, which holds Exif after its identifier. */
  private static final int APP1 = 0xE1;
  private static final byte[] EXIF_IDENTIFIER = {'E', 'x', 'i', 'f', 0, 0};
  /** Exif orientations 1..8 as the standard tree's ImageOrientation values. */
  private static final String[] ORIENTATIONS = {null, "Normal", "FlipH", "Rotate180", "FlipV", "FlipHRotate90",
      "Rotate270", "FlipVRotate90", "Rotate90"};

  private final boolean readOnly;
  /** The picture's colour format where known (a stream read), else {@code null}. */
  private final ColourFormat colourFormat;
  private PictureMetadata metadata;

  LicImageMetadata(PictureMetadata metadata, ColourFormat colourFormat, boolean readOnly) {
    // No class names: getMetadataFormat describes each format itself (the JPEG one through the
    // installed JPEG reader, whose format class is not exported).
    super(true, LicMetadataFormat.NAME, null, new String[] {JPEG}, new String[] {null});
    this.metadata = metadata;
    this.colourFormat = colourFormat;
    this.readOnly = readOnly;
  }

  /** The metadata chunks this stands for. */
  public PictureMetadata pictureMetadata() {
    return metadata;
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public IIOMetadataFormat getMetadataFormat(String formatName) {
    if (LicMetadataFormat.NAME.equals(formatName)) {
      return LicMetadataFormat.instance();
    }
    if (JPEG.equals(formatName)) {
      return jpegFormat();
    }
    return super.getMetadataFormat(formatName);
  }

  @Override
  public Node getAsTree(String formatName) {
    if (LicMetadataFormat.NAME.equals(formatName)) {
      return nativeTree();
    }
    if (STANDARD.equals(formatName)) {
      return getStandardTree();
    }
    if (JPEG.equals(formatName)) {
      return jpegTree();
    }
    throw new IllegalArgumentException("unsupported metadata format: " + formatName);
  }

  /**
   * The JPEG tree as the JDK's reader builds it for a JPEG without JFIF: an empty JPEGvariety and,
   * where there is Exif, one APP1 segment in the markerSequence. The pixels' own markers (DQT, SOF,
   * SOS) have no counterpart in a lic4j stream and are left out.
   */
  private Node jpegTree() {
    IIOMetadataNode root = new IIOMetadataNode(JPEG);
    root.appendChild(new IIOMetadataNode("JPEGvariety"));
    IIOMetadataNode markers = new IIOMetadataNode("markerSequence");
    byte[] exif = metadata.exif();
    if (exif != null) {
      byte[] app1 = Arrays.copyOf(EXIF_IDENTIFIER, EXIF_IDENTIFIER.length + exif.length);
      System.arraycopy(exif, 0, app1, EXIF_IDENTIFIER.length, exif.length);
      IIOMetadataNode unknown = node("unknown", "MarkerTag", Integer.toString(APP1));
      unknown.setUserObject(app1);
      markers.appendChild(unknown);
    }
    root.appendChild(markers);
    return root;
  }

  /** The JPEG format's description, from whichever JPEG reader is installed (the JDK has one). */
  private static IIOMetadataFormat jpegFormat() {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
    while (readers.hasNext()) {
      ImageReader reader = readers.next();
      try {
        IIOMetadataFormat format = reader.getOriginatingProvider().getImageMetadataFormat(JPEG);
        if (format != null) {
          return format;
        }
      } catch (IllegalArgumentException notThisOne) {
        // a reader that names the format without describing it: try the next
      } finally {
        reader.dispose();
      }
    }
    throw new IllegalArgumentException("no installed JPEG reader describes " + JPEG);
  }

  private Node nativeTree() {
    IIOMetadataNode root = new IIOMetadataNode(LicMetadataFormat.NAME);
    byte[] icc = metadata.iccProfile();
    if (icc != null) {
      IIOMetadataNode n = new IIOMetadataNode(LicMetadataFormat.ICCP);
      n.setUserObject(icc);
      root.appendChild(n);
    }
    byte[] exif = metadata.exif();
    if (exif != null) {
      IIOMetadataNode n = new IIOMetadataNode(LicMetadataFormat.EXIF);
      n.setAttribute("orientation", Integer.toString(metadata.orientation()));
      n.setUserObject(exif);
      root.appendChild(n);
    }
    byte[] xmp = metadata.xmp();
    if (xmp != null) {
      IIOMetadataNode n = new IIOMetadataNode(LicMetadataFormat.TEXT);
      n.setAttribute("keyword", PictureMetadata.XMP_KEYWORD);
      n.setUserObject(xmp);
      root.appendChild(n);
    }
    return root;
  }

  @Override
  protected IIOMetadataNode getStandardChromaNode() {
    if (colourFormat == null) {
      return null;
    }
    boolean grey = colourFormat == ColourFormat.GRAY || colourFormat == ColourFormat.GRAY_ALPHA;
    IIOMetadataNode chroma = new IIOMetadataNode("Chroma");
    chroma.appendChild(node("ColorSpaceType", "name", grey ? "GRAY" : "RGB"));
    int channels = (grey ? 1 : 3) + (colourFormat.hasAlpha() ? 1 : 0);
    chroma.appendChild(node("NumChannels", "value", Integer.toString(channels)));
    chroma.appendChild(node("BlackIsZero", "value", "TRUE"));
    return chroma;
  }

  @Override
  protected IIOMetadataNode getStandardCompressionNode() {
    IIOMetadataNode compression = new IIOMetadataNode("Compression");
    compression.appendChild(node("CompressionTypeName", "value", "lic4j"));
    compression.appendChild(node("Lossless", "value", "FALSE"));
    return compression;
  }

  @Override
  protected IIOMetadataNode getStandardDimensionNode() {
    int orientation = metadata.orientation();
    if (orientation == 0) {
      return null;
    }
    IIOMetadataNode dimension = new IIOMetadataNode("Dimension");
    dimension.appendChild(node("ImageOrientation", "value", ORIENTATIONS[orientation]));
    return dimension;
  }

  @Override
  protected IIOMetadataNode getStandardTransparencyNode() {
    if (colourFormat == null) {
      return null;
    }
    IIOMetadataNode transparency = new IIOMetadataNode("Transparency");
    transparency.appendChild(node("Alpha", "value", colourFormat.hasAlpha() ? "nonpremultiplied" : "none"));
    return transparency;
  }

  @Override
  protected IIOMetadataNode getStandardTextNode() {
    byte[] xmp = metadata.xmp();
    if (xmp == null) {
      return null;
    }
    IIOMetadataNode text = new IIOMetadataNode("Text");
    IIOMetadataNode entry = node("TextEntry", "keyword", PictureMetadata.XMP_KEYWORD);
    entry.setAttribute("value", new String(xmp, StandardCharsets.UTF_8));
    entry.setAttribute("encoding", "UTF-8");
    text.appendChild(entry);
    return text;
  }

  private static IIOMetadataNode node(String name, String attribute, String value) {
    IIOMetadataNode n = new IIOMetadataNode(name);
    n.setAttribute(attribute, value);
    return n;
  }

  @Override
  public void mergeTree(String formatName, Node root) throws IIOInvalidTreeException {
    requireWritable();
    if (JPEG.equals(formatName)) {
      throw new IllegalArgumentException(JPEG + " is a read-only view of the Exif; merge the native tree");
    }
    if (LicMetadataFormat.NAME.equals(formatName)) {
      mergeNative(root);
    } else if (STANDARD.equals(formatName)) {
      mergeStandard(root);
    } else {
      throw new IllegalArgumentException("unsupported metadata format: " + formatName);
    }
  }

  private void mergeNative(Node root) throws IIOInvalidTreeException {
    if (!LicMetadataFormat.NAME.equals(root.getNodeName())) {
      throw new IIOInvalidTreeException("root must be " + LicMetadataFormat.NAME, root);
    }
    byte[] icc = metadata.iccProfile();
    byte[] exif = metadata.exif();
    byte[] xmp = metadata.xmp();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      byte[] bytes = n instanceof IIOMetadataNode m && m.getUserObject() instanceof byte[] b ? b : null;
      if (bytes == null) {
        throw new IIOInvalidTreeException(n.getNodeName() + " needs its bytes as user object", n);
      }
      switch (n.getNodeName()) {
        case LicMetadataFormat.ICCP -> icc = bytes;
        case LicMetadataFormat.EXIF -> exif = bytes;
        case LicMetadataFormat.TEXT -> {
          if (!PictureMetadata.XMP_KEYWORD.equals(((Element) n).getAttribute("keyword"))) {
            throw new IIOInvalidTreeException("text chunks hold XMP only (keyword " + PictureMetadata.XMP_KEYWORD + ")", n);
          }
          xmp = bytes;
        }
        default -> throw new IIOInvalidTreeException("unknown element " + n.getNodeName(), n);
      }
    }
    try {
      metadata = PictureMetadata.of(icc, exif, xmp);
    } catch (IllegalArgumentException e) {
      throw new IIOInvalidTreeException(e.getMessage(), root);
    }
  }

  /** The standard tree's Text entry of XMP; its other nodes describe the pixels, which the stream says itself. */
  private void mergeStandard(Node root) {
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!n.getNodeName().equals("Text")) {
        continue;
      }
      for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
        Element entry = (Element) e;
        if (PictureMetadata.XMP_KEYWORD.equals(entry.getAttribute("keyword"))) {
          metadata = PictureMetadata.of(metadata.iccProfile(), metadata.exif(),
              entry.getAttribute("value").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  @Override
  public void reset() {
    requireWritable();
    metadata = PictureMetadata.NONE;
  }

  private void requireWritable() {
    if (readOnly) {
      throw new IllegalStateException("metadata read from a stream is read only");
    }
  }
}
