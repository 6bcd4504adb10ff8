package org.lic4j.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.bitstream.container.ContainerWriter;

/**
 * A picture's metadata as a stream keeps it (docs/bitstream.md, 5.1): an ICC profile in the
 * {@code iccp} chunk, an Exif block (TIFF structure, starting {@code II} or {@code MM}) in the
 * {@code exif} chunk, and XMP in a {@code text} chunk under the keyword {@value #XMP_KEYWORD}. Each
 * part is kept as bytes, exactly as the source had it: the codec never interprets them, except to
 * read the Exif orientation ({@link #orientation()}) and the profile's description for display.
 * Immutable; a part that is absent is {@code null}.
 */
public final class PictureMetadata {
  /** The {@code text} chunk keyword of XMP, as PNG's iTXt has it. */
  public static final String XMP_KEYWORD = "XML:com.adobe.xmp";
  /** No metadata. */
  public static final PictureMetadata NONE = new PictureMetadata(null, null, null);

  private final byte[] iccProfile;
  private final byte[] exif;
  private final byte[] xmp;

  private PictureMetadata(byte[] iccProfile, byte[] exif, byte[] xmp) {
    this.iccProfile = nonEmpty(iccProfile);
    this.exif = nonEmpty(exif);
    this.xmp = nonEmpty(xmp);
  }

  /**
   * Metadata of these parts, each {@code null} (or empty) where absent; the arrays are copied.
   *
   * @param iccProfile an ICC profile (ICC.1), as PNG's iCCP holds it once inflated
   * @param exif an Exif block starting with the TIFF header ({@code II*\0} or {@code MM\0*}), as PNG's
   *     eXIf holds it and a JPEG APP1 segment after its {@code Exif\0\0} identifier
   * @param xmp an XMP packet, UTF-8
   * @throws IllegalArgumentException if {@code exif} does not start with a TIFF header
   */
  public static PictureMetadata of(byte[] iccProfile, byte[] exif, byte[] xmp) {
    if (exif != null && exif.length > 0 && !ExifOrientation.isTiff(exif)) {
      throw new IllegalArgumentException("an Exif block must start with a TIFF header (II*\\0 or MM\\0*)");
    }
    return new PictureMetadata(copy(iccProfile), copy(exif), copy(xmp));
  }

  /**
   * The metadata chunks of a stream: reads the container (no model needed) and checks the chunks it
   * returns; {@code resource} names the stream in errors.
   */
  public static PictureMetadata read(byte[] stream, String resource) throws IOException {
    return read(ContainerReader.read(stream, resource));
  }

  /** The metadata chunks of an opened container: the first of each kind, as docs/bitstream.md advises writers. */
  static PictureMetadata read(ContainerReader reader) throws IOException {
    byte[] icc = first(reader, reader.chunks(ChunkType.ICCP));
    byte[] exif = first(reader, reader.chunks(ChunkType.EXIF));
    byte[] xmp = null;
    for (ChunkEntry e : reader.chunks(ChunkType.TEXT)) {
      byte[] text = reader.readPayload(e);
      byte[] keyword = XMP_KEYWORD.getBytes(StandardCharsets.UTF_8);
      if (text.length > keyword.length && text[keyword.length] == 0
          && Arrays.equals(text, 0, keyword.length, keyword, 0, keyword.length)) {
        xmp = Arrays.copyOfRange(text, keyword.length + 1, text.length);
        break;
      }
    }
    return new PictureMetadata(icc, exif, xmp);
  }

  private static byte[] first(ContainerReader reader, List<ChunkEntry> entries) throws IOException {
    return entries.isEmpty() ? null : reader.readPayload(entries.get(0));
  }

  /** Writes the parts present as chunks: iccp, exif, then text (XMP). */
  void writeTo(ContainerWriter writer) throws IOException {
    if (iccProfile != null) {
      writer.writeChunk(ChunkType.ICCP, iccProfile);
    }
    if (exif != null) {
      writer.writeChunk(ChunkType.EXIF, exif);
    }
    if (xmp != null) {
      byte[] keyword = XMP_KEYWORD.getBytes(StandardCharsets.UTF_8);
      byte[] text = Arrays.copyOf(keyword, keyword.length + 1 + xmp.length);
      System.arraycopy(xmp, 0, text, keyword.length + 1, xmp.length);
      writer.writeChunk(ChunkType.TEXT, text);
    }
  }

  /** The ICC profile, or {@code null}; a copy. */
  public byte[] iccProfile() {
    return copy(iccProfile);
  }

  /** The Exif block (TIFF structure), or {@code null}; a copy. */
  public byte[] exif() {
    return copy(exif);
  }

  /** The XMP packet (UTF-8), or {@code null}; a copy. */
  public byte[] xmp() {
    return copy(xmp);
  }

  public boolean isEmpty() {
    return iccProfile == null && exif == null && xmp == null;
  }

  /** Bytes of all parts together. */
  public long size() {
    return length(iccProfile) + length(exif) + length(xmp);
  }

  /** These parts, each kept only where its flag is set. */
  public PictureMetadata select(boolean keepIcc, boolean keepExif, boolean keepXmp) {
    return new PictureMetadata(keepIcc ? iccProfile : null, keepExif ? exif : null, keepXmp ? xmp : null);
  }

  /**
   * The Exif orientation (tag 0x0112 of the first image directory): 1..8 as TIFF 6.0 defines it (1:
   * rows top to bottom, columns left to right; 6: the picture is shown turned 90 degrees clockwise),
   * or 0 when there is no Exif block, no tag, or a value outside 1..8.
   */
  public int orientation() {
    return exif == null ? 0 : ExifOrientation.read(exif);
  }

  /**
   * The same metadata with the Exif orientation set to {@code value} (1..8), changed in place in a
   * copy of the Exif block so that every other byte (and every offset a maker note holds) stays as it
   * was; unchanged when the block has no orientation tag.
   */
  public PictureMetadata withOrientation(int value) {
    if (exif == null || ExifOrientation.read(exif) == 0) {
      return this;
    }
    return new PictureMetadata(iccProfile, ExifOrientation.write(exif, value), xmp);
  }

  /**
   * The ICC profile's description (its {@code desc} tag, ICC v2 text or v4 multi-localised), or
   * {@code null} when there is no profile or it has no readable description.
   */
  public String iccDescription() {
    return iccProfile == null ? null : IccDescription.of(iccProfile);
  }

  private static long length(byte[] part) {
    return part == null ? 0 : part.length;
  }

  private static byte[] nonEmpty(byte[] part) {
    return part == null || part.length == 0 ? null : part;
  }

  private static byte[] copy(byte[] part) {
    return part == null ? null : part.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PictureMetadata m && Arrays.equals(iccProfile, m.iccProfile) && Arrays.equals(exif, m.exif)
        && Arrays.equals(xmp, m.xmp);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(iccProfile) + Arrays.hashCode(exif)) + Arrays.hashCode(xmp);
  }

  @Override
  public String toString() {
    return "PictureMetadata[icc " + length(iccProfile) + " bytes, exif " + length(exif) + " bytes, xmp "
        + length(xmp) + " bytes]";
  }
}
