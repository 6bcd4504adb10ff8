package org.lic4j.bitstream.container;

import static org.lic4j.bitstream.container.ContainerFormat.HEADER_BODY_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.HEADER_LENGTH_OFFSET;
import static org.lic4j.bitstream.container.ContainerFormat.putI32;
import static org.lic4j.bitstream.container.ContainerFormat.putU16;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.FrameType;
import org.lic4j.bitstream.MediaKind;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.bitstream.UnsupportedFeatureException;

/** Encodes and decodes HeaderBody, format 1.0 (docs/bitstream.md, "Header"). */
final class HeaderCodec {
  // Field offsets within HeaderBody.
  private static final int MEDIA_KIND = 0;
  private static final int COLOUR_FORMAT = 1;
  private static final int BIT_DEPTH = 2;
  private static final int FRAME_TYPE = 3;
  private static final int WIDTH = 4;
  private static final int HEIGHT = 8;
  private static final int FRAME_INDEX = 12;
  private static final int GOP_LENGTH = 16;
  private static final int QUALITY = 18;
  private static final int TILE_WIDTH = 20;
  private static final int TILE_HEIGHT = 22;
  private static final int TILE_OVERLAP = 24;
  private static final int MODEL_NAME_LENGTH = 26;
  private static final int MODEL_NAME = 27;
  /** HeaderBody bytes besides the model name in format 1.0. */
  static final int FIXED_LENGTH = MODEL_NAME + HeaderRules.MODEL_HASH_LENGTH;
  /** Shortest HeaderBody: a one-byte model name. */
  static final int MIN_LENGTH = FIXED_LENGTH + 1;

  private HeaderCodec() {}

  static byte[] encode(StreamHeader header) {
    byte[] name = header.model().nameUtf8();
    byte[] body = new byte[FIXED_LENGTH + name.length];
    body[MEDIA_KIND] = (byte) header.mediaKind().code();
    body[COLOUR_FORMAT] = (byte) header.colourFormat().code();
    body[BIT_DEPTH] = (byte) header.bitDepth();
    body[FRAME_TYPE] = (byte) header.frameType().code();
    putI32(body, WIDTH, header.width());
    putI32(body, HEIGHT, header.height());
    putI32(body, FRAME_INDEX, (int) header.frameIndex());
    putU16(body, GOP_LENGTH, header.gopLength());
    putU16(body, QUALITY, header.quality());
    putU16(body, TILE_WIDTH, header.tiles().tileWidth());
    putU16(body, TILE_HEIGHT, header.tiles().tileHeight());
    putU16(body, TILE_OVERLAP, header.tiles().overlap());
    body[MODEL_NAME_LENGTH] = (byte) name.length;
    System.arraycopy(name, 0, body, MODEL_NAME, name.length);
    System.arraycopy(header.model().sha256(), 0, body, MODEL_NAME + name.length,
        HeaderRules.MODEL_HASH_LENGTH);
    return body;
  }

  /**
   * Decodes the HeaderBody of {@code head} (the stream's first bytes, signature included, so
   * offsets are stream offsets) whose checksum and version have been checked.
   */
  static StreamHeader decode(
      byte[] head, int bodyLength, FormatVersion version, ContainerLimits limits, String resource)
      throws IOException {
    Fields f = new Fields(head, version, resource);
    if (bodyLength < MIN_LENGTH) {
      throw new CorruptStreamException("header length " + bodyLength + " below minimum "
          + MIN_LENGTH, HEADER_LENGTH_OFFSET, resource);
    }
    MediaKind kind = MediaKind.fromCode(f.u8(MEDIA_KIND));
    if (kind == null) {
      throw f.unknownCode("media kind", MEDIA_KIND);
    }
    ColourFormat colour = ColourFormat.fromCode(f.u8(COLOUR_FORMAT));
    if (colour == null || colour.isReserved()) {
      throw f.unknownCode("colour format", COLOUR_FORMAT);
    }
    int bitDepth = f.u8(BIT_DEPTH);
    f.check(HeaderRules.bitDepth(bitDepth), BIT_DEPTH);
    FrameType frameType = FrameType.fromCode(f.u8(FRAME_TYPE));
    if (frameType == null) {
      throw f.unknownCode("frame type", FRAME_TYPE);
    }

    long width = f.u32(WIDTH);
    f.check(HeaderRules.dimension("width", width), WIDTH);
    f.check(limits.widthProblem(width), WIDTH);
    long height = f.u32(HEIGHT);
    f.check(HeaderRules.dimension("height", height), HEIGHT);
    f.check(limits.heightProblem(height), HEIGHT);
    f.check(limits.pixelsProblem(width, height), WIDTH);

    long frameIndex = f.u32(FRAME_INDEX);
    int gopLength = f.u16(GOP_LENGTH);
    f.check(HeaderRules.imageFrame(kind, frameType, frameIndex, gopLength), FRAME_TYPE);
    int quality = f.u16(QUALITY);
    f.check(HeaderRules.quality(quality), QUALITY);

    int tileWidth = f.u16(TILE_WIDTH);
    f.check(HeaderRules.tileSize("tile width", tileWidth), TILE_WIDTH);
    int tileHeight = f.u16(TILE_HEIGHT);
    f.check(HeaderRules.tileSize("tile height", tileHeight), TILE_HEIGHT);
    int overlap = f.u16(TILE_OVERLAP);
    f.check(HeaderRules.overlap(overlap, tileWidth, tileHeight), TILE_OVERLAP);
    TileLayout tiles = new TileLayout(tileWidth, tileHeight, overlap);
    long tileCount = tiles.tileCount((int) width, (int) height);
    f.check(HeaderRules.tileCount(tileCount), TILE_WIDTH);
    f.check(limits.tileCountProblem(tileCount), TILE_WIDTH);

    int nameLength = f.u8(MODEL_NAME_LENGTH);
    if (nameLength < 1 || nameLength > HeaderRules.MAX_MODEL_NAME_BYTES) {
      throw f.corrupt("model name length " + nameLength + " out of range 1.."
          + HeaderRules.MAX_MODEL_NAME_BYTES, MODEL_NAME_LENGTH);
    }
    int knownLength = FIXED_LENGTH + nameLength;
    if (knownLength > bodyLength) {
      throw f.corrupt("header length " + bodyLength + " too short for a model name of "
          + nameLength + " bytes", MODEL_NAME_LENGTH);
    }
    if (version.compareTo(FormatVersion.CURRENT) <= 0 && bodyLength != knownLength) {
      throw new CorruptStreamException("header length " + bodyLength + " does not match format "
          + version + " (expected " + knownLength + ")", HEADER_LENGTH_OFFSET, resource);
    }
    int nameStart = HEADER_BODY_OFFSET + MODEL_NAME;
    byte[] name = Arrays.copyOfRange(head, nameStart, nameStart + nameLength);
    f.check(HeaderRules.modelName(name), MODEL_NAME_LENGTH);
    int hashStart = nameStart + nameLength;
    byte[] hash = Arrays.copyOfRange(head, hashStart, hashStart + HeaderRules.MODEL_HASH_LENGTH);
    ModelId model = new ModelId(new String(name, StandardCharsets.UTF_8), hash);

    try {
      return new StreamHeader(kind, (int) width, (int) height, colour, bitDepth, model, quality,
          tiles, frameType, frameIndex, gopLength);
    } catch (IllegalArgumentException e) {
      // Unreachable while the checks above mirror StreamHeader's; a reader throws only I/O types.
      throw new CorruptStreamException(e.getMessage(), HEADER_BODY_OFFSET, resource, e);
    }
  }

  /** Reads HeaderBody fields and turns problems into exceptions at the field's offset. */
  private static final class Fields {
    private final byte[] head;
    private final FormatVersion version;
    private final String resource;

    Fields(byte[] head, FormatVersion version, String resource) {
      this.head = head;
      this.version = version;
      this.resource = resource;
    }

    int u8(int field) {
      return ContainerFormat.u8(head, HEADER_BODY_OFFSET + field);
    }

    int u16(int field) {
      return ContainerFormat.u16(head, HEADER_BODY_OFFSET + field);
    }

    long u32(int field) {
      return ContainerFormat.u32(head, HEADER_BODY_OFFSET + field);
    }

    void check(String problem, int field) throws CorruptStreamException {
      if (problem != null) {
        throw corrupt(problem, field);
      }
    }

    CorruptStreamException corrupt(String reason, int field) {
      return new CorruptStreamException(reason, HEADER_BODY_OFFSET + field, resource);
    }

    /**
     * An enumeration value format 1.0 does not define: corruption in a stream of a version this
     * reader implements, a missing feature in a stream of a newer minor version.
     */
    IOException unknownCode(String what, int field) {
      int code = u8(field);
      if (version.compareTo(FormatVersion.CURRENT) > 0) {
        return new UnsupportedFeatureException(what + " code " + code + " (format " + version
            + ") not supported by this reader (format " + FormatVersion.CURRENT + ")",
            HEADER_BODY_OFFSET + field, resource);
      }
      return corrupt("invalid " + what + " code " + code, field);
    }
  }
}
