package org.lic4j.codec.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.codec.imageio.LicReaders.reader;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOWriteProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.LicFormat;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.TestPictures;

/**
 * The plugin's tiles through plain ImageIO: progress and abort per tile when reading and writing,
 * the stream's tiles as ImageIO tiles, source regions and subsampling, explicit write tiling, and
 * a stream embedded in a larger input.
 */
class TiledReadWriteTest {
  private static final int W = 300;
  private static final int H = 200;
  private static final int TILE = 128;
  /** 300x200 in tiles of 128: 3 columns, 2 rows. */
  private static final int TILES = 6;
  private static BufferedImage picture;
  private static byte[] stream;
  private static BufferedImage decoded;

  @BeforeAll
  static void encode() throws IOException {
    ImageIO.setUseCache(false);
    picture = TestPictures.colour(W, H, 22).toBufferedImage();
    stream = write(picture, tiled(TILE, TILE), null);
    decoded = reader(stream).read(0);
  }

  private static ImageWriteParam tiled(int w, int h) {
    ImageWriteParam param = writer().getDefaultWriteParam();
    param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
    param.setTiling(w, h, 0, 0);
    return param;
  }

  private static ImageWriter writer() {
    return ImageIO.getImageWritersByFormatName(LicFormat.NAME).next();
  }

  private static byte[] write(BufferedImage image, ImageWriteParam param, IIOWriteProgressListener listener)
      throws IOException {
    ImageWriter writer = writer();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      if (listener != null) {
        writer.addIIOWriteProgressListener(listener);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Records the events a reader or writer sends, and aborts after {@code abortAfter} progress events. */
  private static final class Events implements IIOReadProgressListener, IIOWriteProgressListener {
    final List<String> names = new ArrayList<>();
    final List<Float> progress = new ArrayList<>();
    final int abortAfter;

    Events(int abortAfter) {
      this.abortAfter = abortAfter;
    }

    private void progress(Object source, float percent) {
      progress.add(percent);
      if (progress.size() == abortAfter) {
        if (source instanceof ImageReader r) {
          r.abort();
        } else {
          ((ImageWriter) source).abort();
        }
      }
    }

    @Override public void imageStarted(ImageReader source, int imageIndex) { names.add("started"); }
    @Override public void imageProgress(ImageReader source, float percent) { progress(source, percent); }
    @Override public void imageComplete(ImageReader source) { names.add("complete"); }
    @Override public void readAborted(ImageReader source) { names.add("aborted"); }
    @Override public void sequenceStarted(ImageReader source, int minIndex) { }
    @Override public void sequenceComplete(ImageReader source) { }
    @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) { }
    @Override public void thumbnailProgress(ImageReader source, float percent) { }
    @Override public void thumbnailComplete(ImageReader source) { }
    @Override public void imageStarted(ImageWriter source, int imageIndex) { names.add("started"); }
    @Override public void imageProgress(ImageWriter source, float percent) { progress(source, percent); }
    @Override public void imageComplete(ImageWriter source) { names.add("complete"); }
    @Override public void writeAborted(ImageWriter source) { names.add("aborted"); }
    @Override public void thumbnailStarted(ImageWriter source, int imageIndex, int thumbnailIndex) { }
    @Override public void thumbnailProgress(ImageWriter source, float percent) { }
    @Override public void thumbnailComplete(ImageWriter source) { }
  }

  private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    assertEquals(expected.getHeight(), actual.getHeight());
    assertArrayEquals(RgbImage.of(expected).rgb(), RgbImage.of(actual).rgb());
  }

  private static void assertRising(List<Float> progress) {
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) > progress.get(i - 1), "progress falls: " + progress);
    }
    assertEquals(100f, progress.get(progress.size() - 1), 1e-3f);
  }

  @Test
  void readReportsEveryTile() throws IOException {
    ImageReader reader = reader(stream);
    Events events = new Events(-1);
    reader.addIIOReadProgressListener(events);
    BufferedImage back = reader.read(0);
    assertEquals(List.of("started", "complete"), events.names);
    assertEquals(TILES, events.progress.size());
    assertRising(events.progress);
    assertSamePixels(decoded, back);
  }

  @Test
  void abortFromTheFirstTileStopsTheRead() throws IOException {
    ImageReader reader = reader(stream);
    Events events = new Events(1);
    reader.addIIOReadProgressListener(events);
    BufferedImage back = reader.read(0);
    assertEquals(List.of("started", "aborted"), events.names);
    // One tile synthesised, then no other: the band under way is not copied, so the picture is blank.
    assertEquals(1, events.progress.size());
    assertEquals(0, back.getRGB(W - 1, H - 1) & 0xffffff);
    // A later read starts afresh.
    reader.removeAllIIOReadProgressListeners();
    assertSamePixels(decoded, reader.read(0));
  }

  @Test
  void writeReportsEveryTileTwice() throws IOException {
    Events events = new Events(-1);
    byte[] again = write(picture, tiled(TILE, TILE), events);
    assertEquals(List.of("started", "complete"), events.names);
    // Each tile analysed, then each tile coded.
    assertEquals(2 * TILES, events.progress.size());
    assertRising(events.progress);
    assertArrayEquals(stream, again);
  }

  @Test
  void abortFromTheFirstTileStopsTheWrite() throws IOException {
    Events events = new Events(1);
    byte[] written = write(picture, tiled(TILE, TILE), events);
    assertEquals(List.of("started", "aborted"), events.names);
    assertEquals(1, events.progress.size());
    assertEquals(0, written.length);
  }

  @Test
  void theStreamsTilesAreImageIoTiles() throws IOException {
    ImageReader reader = reader(stream);
    assertTrue(reader.isImageTiled(0));
    assertEquals(TILE, reader.getTileWidth(0));
    assertEquals(TILE, reader.getTileHeight(0));
    assertEquals(0, reader.getTileGridXOffset(0));
    assertEquals(0, reader.getTileGridYOffset(0));
    Events events = new Events(-1);
    reader.addIIOReadProgressListener(events);
    // The last tile, cut by the picture's edge: 300 - 256 = 44 wide, 200 - 128 = 72 high.
    BufferedImage tile = reader.readTile(0, 2, 1);
    assertEquals(44, tile.getWidth());
    assertEquals(72, tile.getHeight());
    assertSamePixels(decoded.getSubimage(256, 128, 44, 72), tile);
    assertEquals(1, events.progress.size(), "only the tile itself is synthesised");
    assertThrows(IllegalArgumentException.class, () -> reader.readTile(0, 3, 0));

    byte[] single = write(TestPictures.colour(60, 40, 3).toBufferedImage(), null, null);
    ImageReader small = reader(single);
    assertFalse(small.isImageTiled(0));
    assertEquals(60, small.getTileWidth(0));
    assertEquals(60, small.readTile(0, 0, 0).getWidth());
  }

  @Test
  void sourceRegionsDecodeOnlyTheirTiles() throws IOException {
    ImageReader reader = reader(stream);
    Events events = new Events(-1);
    reader.addIIOReadProgressListener(events);
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceRegion(new Rectangle(10, 20, 100, 90));
    BufferedImage region = reader.read(0, param);
    assertSamePixels(decoded.getSubimage(10, 20, 100, 90), region);
    assertEquals(1, events.progress.size());
  }

  @Test
  void subsamplingKeepsEveryNthPixelAndSkipsTileRowsItDoesNotNeed() throws IOException {
    ImageReader reader = reader(stream);
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceSubsampling(3, 2, 1, 1);
    BufferedImage sub = reader.read(0, param);
    assertEquals((W - 1 + 2) / 3, sub.getWidth());
    assertEquals((H - 1 + 1) / 2, sub.getHeight());
    for (int y = 0; y < sub.getHeight(); y++) {
      for (int x = 0; x < sub.getWidth(); x++) {
        assertEquals(decoded.getRGB(1 + 3 * x, 1 + 2 * y), sub.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
    // A region in the first tile row with a step past its end keeps one row: only the first tile
    // row (3 tiles) is synthesised, not the second.
    Events events = new Events(-1);
    reader.addIIOReadProgressListener(events);
    ImageReadParam tall = reader.getDefaultReadParam();
    tall.setSourceRegion(new Rectangle(0, 0, W, 120));
    tall.setSourceSubsampling(1, 130, 0, 0);
    BufferedImage row = reader.read(0, tall);
    assertEquals(1, row.getHeight());
    assertEquals(3, events.progress.size());
  }

  @Test
  void explicitTilingSetsTheStreamsTiles() throws IOException {
    StreamHeader header = ContainerReader.readHeader(new ByteArrayInputStream(stream), "test");
    assertEquals(TILE, header.tiles().tileWidth());
    assertEquals(TILE, header.tiles().tileHeight());
    assertTrue(writer().getDefaultWriteParam().canWriteTiles());
    byte[] small = write(picture, tiled(64, 64), null);
    assertEquals(64, ContainerReader.readHeader(new ByteArrayInputStream(small), "test").tiles().tileWidth());
    byte[] plain = write(picture, null, null);
    assertEquals(1024, ContainerReader.readHeader(new ByteArrayInputStream(plain), "test").tiles().tileWidth());

    IIOException offGrid = assertThrows(IIOException.class, () -> write(picture, tiled(100, 100), null));
    assertTrue(offGrid.getMessage().contains("multiple of 64"), offGrid.getMessage());
    assertThrows(IIOException.class, () -> write(picture, tiled(128, 256), null));
  }

  @Test
  void anEmbeddedStreamIsReadToItsOwnEnd() throws IOException {
    byte[] before = "some container before ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] after = "and bytes after".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(before);
    file.write(stream);
    file.write(after);
    ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file.toByteArray()));
    in.seek(before.length);
    ImageReader reader = ImageIO.getImageReadersByFormatName(LicFormat.NAME).next();
    reader.setInput(in, true);
    assertSamePixels(decoded, reader.read(0));
    assertEquals(before.length + stream.length, in.getStreamPosition());
    byte[] rest = new byte[after.length];
    in.readFully(rest);
    assertArrayEquals(after, rest);
    assertEquals(-1, in.read());
  }
}
