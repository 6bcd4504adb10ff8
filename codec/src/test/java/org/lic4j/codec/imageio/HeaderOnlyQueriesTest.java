package org.lic4j.codec.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.container.ContainerFormat;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.TestPictures;

/**
 * The reader's size and type queries read the signature and stream header alone (issue 22), so
 * that a size query on a large file is cheap and a stream with damaged tile data still answers;
 * {@code read} checks everything.
 */
class HeaderOnlyQueriesTest {
  private static final int W = 300;
  private static final int H = 200;
  private static byte[] stream;
  /** Signature, header body and header checksum. */
  private static int headerLength;

  @BeforeAll
  static void encode() throws IOException {
    ImageIO.setUseCache(false);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(TestPictures.colour(W, H, 7).toBufferedImage(), "lic", bytes));
    stream = bytes.toByteArray();
    int bodyLength = (stream[ContainerFormat.HEADER_LENGTH_OFFSET] & 0xff) << 8
        | stream[ContainerFormat.HEADER_LENGTH_OFFSET + 1] & 0xff;
    headerLength = ContainerFormat.HEADER_BODY_OFFSET + bodyLength + ContainerFormat.CRC_LENGTH;
    assertEquals(headerLength, ContainerReader.read(stream, "x.lic").chunks().get(0).offset(),
        "the first chunk follows the header");
  }

  @Test
  void sizeQueriesReadOnlyTheHeader() throws IOException {
    CountingInput in = new CountingInput(stream);
    ImageReader reader = readerFor(in);
    assertEquals(W, reader.getWidth(0));
    assertEquals(H, reader.getHeight(0));
    assertEquals(1, reader.getNumImages(true));
    assertEquals(BufferedImage.TYPE_3BYTE_BGR, reader.getImageTypes(0).next().getBufferedImageType());
    assertEquals(headerLength, in.furthest, "bytes read of " + stream.length);
    assertTrue(headerLength < stream.length / 10, headerLength + " of " + stream.length);

    BufferedImage picture = reader.read(0);
    assertEquals(W, picture.getWidth());
    assertEquals(stream.length, in.furthest, "read takes the whole stream");
  }

  @Test
  void damagedTileDataStillAnswersTheSizeAndFailsOnRead() throws IOException {
    ContainerReader container = ContainerReader.read(stream, "x.lic");
    ChunkEntry tile = container.tile(0).orElseThrow();
    byte[] damaged = stream.clone();
    damaged[(int) tile.payloadOffset() + tile.length() / 2] ^= 0x10;
    CountingInput in = new CountingInput(damaged);
    ImageReader reader = readerFor(in);
    assertEquals(W, reader.getWidth(0));
    assertEquals(H, reader.getHeight(0));
    assertEquals(headerLength, in.furthest);
    CorruptStreamException failure = assertThrows(CorruptStreamException.class, () -> reader.read(0));
    assertTrue(failure.getMessage().contains("chunk 'TILE' checksum mismatch"), failure.getMessage());
  }

  @Test
  void damagedHeaderFailsTheSizeQuery() {
    byte[] damaged = stream.clone();
    damaged[ContainerFormat.HEADER_BODY_OFFSET + 2] ^= 0x01;
    ImageReader reader = readerFor(new CountingInput(damaged));
    CorruptStreamException failure = assertThrows(CorruptStreamException.class, () -> reader.getWidth(0));
    assertTrue(failure.getMessage().contains("header"), failure.getMessage());
  }

  /** The reader plain ImageIO picks for {@code in}, as Thumbnailator-style size queries get it. */
  private static ImageReader readerFor(ImageInputStream in) {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    assertTrue(readers.hasNext(), "no reader for the stream");
    ImageReader reader = readers.next();
    reader.setInput(in, true, true);
    return reader;
  }

  /** An input over an array that records the furthest byte it delivered. */
  private static final class CountingInput extends ImageInputStreamImpl {
    private final byte[] bytes;
    long furthest;

    CountingInput(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      if (streamPos >= bytes.length) {
        return -1;
      }
      int b = bytes[(int) streamPos++] & 0xff;
      furthest = Math.max(furthest, streamPos);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (streamPos >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(len, bytes.length - streamPos);
      System.arraycopy(bytes, (int) streamPos, b, off, n);
      streamPos += n;
      furthest = Math.max(furthest, streamPos);
      return n;
    }

    @Override
    public long length() {
      return bytes.length;
    }
  }
}
