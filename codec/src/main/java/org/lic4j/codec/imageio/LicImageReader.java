package org.lic4j.codec.imageio;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.TileLayout;
import org.lic4j.bitstream.container.ContainerFormat;
import org.lic4j.bitstream.container.ContainerLimits;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.PictureTiles;
import org.lic4j.codec.RgbImage;
import org.lic4j.codec.TileProgress;

/**
 * Reads lic4j streams through ImageIO, with the default model. A stream holds one picture. The
 * size and type queries ({@code getWidth}, {@code getHeight}, {@code getImageTypes}, {@code
 * getNumImages}, {@code isImageTiled}, {@code getTileWidth}) read only the
 * signature and the stream header (a few dozen bytes, the header's checksum verified), so asking a
 * large file for its size is cheap and answers even where the tile data is damaged; {@code read}
 * then reads the stream's chunks up to its footer (a stream embedded in a larger input is read to
 * its own end, and the input is left just after it) and checks the whole container (every
 * checksum) before decoding.
 *
 * <p>Decoding goes one row of the stream's tiles at a time, so that memory beyond the result stays
 * that of one band; {@link javax.imageio.event.IIOReadProgressListener}s hear {@code imageStarted},
 * {@code imageProgress} after every tile synthesised, and {@code imageComplete}, or {@code
 * readAborted} when {@link #abort()} was called: it takes effect after the tile being decoded, and
 * {@code read} then returns the destination with the bands finished before. The stream's tiles are
 * the ImageIO tiles ({@code isImageTiled} when there are several, grid offset 0): {@code readTile}
 * and {@link ImageReadParam} source regions decode only the tiles that cover them and the
 * neighbours their synthesis windows reach into. Source subsampling decodes the region and keeps
 * every n-th pixel: the model synthesises full resolution only, so subsampling saves no synthesis
 * work, except that rows of tiles with no kept row are skipped. Destination offsets and
 * destinations are honoured; band selection is not supported. Pictures are {@code TYPE_BYTE_GRAY}
 * (grey), {@code TYPE_3BYTE_BGR} (colour), {@code TYPE_4BYTE_ABGR} (colour with alpha) or two-band
 * grey+alpha bytes, as the PNG reader returns them. Metadata ({@code getImageMetadata}, which
 * reads the stream): its ICC profile, Exif and XMP chunks, {@link LicImageMetadata}.
 *
 * <p>Damaged streams fail with {@link org.lic4j.bitstream.CorruptStreamException}, streams of
 * another model with {@link org.lic4j.bitstream.ModelMismatchException}: both are {@link IOException}s
 * and reach the caller of {@code ImageIO.read} as they are.
 */
public final class LicImageReader extends ImageReader {
  /** Names the input in error messages: an ImageInputStream has no name. */
  private static final String RESOURCE = "ImageIO input";
  private static final int BUFFER_BYTES = 1 << 16;

  /** The bytes read for the header, kept so that {@link #stream} can return the whole stream. */
  private ByteArrayOutputStream headerBytes;
  private StreamHeader header;
  private byte[] stream;
  private PictureTiles tiles;

  LicImageReader(ImageReaderSpi provider) {
    super(provider);
  }

  @Override
  public void setInput(Object input, boolean seekForwardOnly, boolean ignoreMetadata) {
    super.setInput(input, seekForwardOnly, ignoreMetadata);
    headerBytes = null;
    header = null;
    stream = null;
    tiles = null;
  }

  @Override
  public int getNumImages(boolean allowSearch) {
    requireInput();
    return 1;
  }

  @Override
  public int getWidth(int imageIndex) throws IOException {
    return header(imageIndex).width();
  }

  @Override
  public int getHeight(int imageIndex) throws IOException {
    return header(imageIndex).height();
  }

  @Override
  public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) throws IOException {
    return List.of(type(header(imageIndex))).iterator();
  }

  private static ImageTypeSpecifier type(StreamHeader h) {
    boolean grey = h.colourFormat() == ColourFormat.GRAY || h.colourFormat() == ColourFormat.GRAY_ALPHA;
    if (grey && h.colourFormat().hasAlpha()) {
      return ImageTypeSpecifier.createGrayscale(Byte.SIZE, DataBuffer.TYPE_BYTE, false, false);
    }
    return ImageTypeSpecifier.createFromBufferedImageType(h.colourFormat().hasAlpha()
        ? BufferedImage.TYPE_4BYTE_ABGR : grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
  }

  /** The picture in the layout of {@link #type}. */
  private static BufferedImage toBufferedImage(RgbImage picture, StreamHeader h) {
    if (!(picture.isGray() && picture.hasAlpha())) {
      return picture.toBufferedImage();
    }
    int w = picture.width();
    BufferedImage out = type(h).createBufferedImage(w, picture.height());
    WritableRaster raster = out.getRaster();
    byte[] rgb = picture.rgb();
    byte[] alpha = picture.alpha();
    int[] row = new int[2 * w];
    for (int y = 0; y < picture.height(); y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        row[2 * x] = rgb[3 * i] & 0xff;
        row[2 * x + 1] = alpha[i] & 0xff;
      }
      raster.setPixels(0, y, w, 1, row);
    }
    return out;
  }

  @Override
  public IIOMetadata getStreamMetadata() {
    return null;
  }

  /**
   * The stream's metadata chunks ({@link LicImageMetadata}: the native tree and the standard one),
   * or {@code null} when it has none or the input was set with {@code ignoreMetadata}. Unlike the
   * size queries this reads the input to its end and checks the container, since metadata chunks
   * may stand anywhere in it.
   */
  @Override
  public IIOMetadata getImageMetadata(int imageIndex) throws IOException {
    StreamHeader h = header(imageIndex);
    if (ignoreMetadata) {
      return null;
    }
    PictureMetadata metadata = PictureMetadata.read(stream(), RESOURCE);
    return metadata.isEmpty() ? null : new LicImageMetadata(metadata, h.colourFormat(), true);
  }

  @Override
  public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
    StreamHeader h = header(imageIndex);
    int width = h.width();
    int height = h.height();
    if (param != null && (param.getSourceBands() != null || param.getDestinationBands() != null)) {
      throw new IllegalArgumentException("band selection is not supported");
    }
    clearAbortRequest();
    processImageStarted(imageIndex);
    PictureTiles tiles = tiles();
    BufferedImage result = getDestination(param, getImageTypes(imageIndex), width, height);
    Rectangle source = new Rectangle();
    Rectangle target = new Rectangle();
    computeRegions(param, width, height, result, source, target);
    int xStep = param == null ? 1 : param.getSourceXSubsampling();
    int yStep = param == null ? 1 : param.getSourceYSubsampling();
    try {
      if (!source.isEmpty() && !target.isEmpty()) {
        decodeBands(tiles, h, source, result, target, xStep, yStep);
      }
    } catch (CancellationException e) {
      processReadAborted();
      return result;
    }
    processImageComplete();
    return result;
  }

  /**
   * Decodes the rows of {@code source} that subsampling keeps into {@code target} of {@code out},
   * one row of the stream's tiles at a time, so that memory beyond {@code out} stays that of one
   * band whatever the picture's size, and telling the listeners of each tile. Bands with no kept
   * row are skipped: a vertical subsampling step larger than a tile decodes fewer tiles.
   */
  private void decodeBands(PictureTiles tiles, StreamHeader h, Rectangle source, BufferedImage out,
      Rectangle target, int xStep, int yStep) throws IOException {
    List<Rectangle> bands = new ArrayList<>();
    List<Integer> bandRow = new ArrayList<>();
    int total = 0;
    int th = tiles.tileHeight();
    int lastRow = source.y + (target.height - 1) * yStep;
    for (int r = 0; r < target.height; ) {
      int y = source.y + r * yStep;
      int bandEnd = Math.min((y / th + 1) * th, lastRow + 1);
      int rows = (bandEnd - 1 - y) / yStep + 1;
      Rectangle band = new Rectangle(source.x, y, source.width, (rows - 1) * yStep + 1);
      bands.add(band);
      bandRow.add(r);
      total += tiles.tilesCovering(band.x, band.y, band.width, band.height);
      r += rows;
    }
    int grandTotal = total;
    int[] before = {0};
    TileProgress progress = (done, all) -> {
      processImageProgress(100f * (before[0] + done) / grandTotal);
      return !abortRequested();
    };
    for (int i = 0; i < bands.size(); i++) {
      Rectangle band = bands.get(i);
      RgbImage pixels = tiles.decode(band.x, band.y, band.width, band.height, progress);
      before[0] += tiles.tilesCovering(band.x, band.y, band.width, band.height);
      int r0 = bandRow.get(i);
      int rows = (band.height - 1) / yStep + 1;
      copy(toBufferedImage(pixels, h), out, new Rectangle(target.x, target.y + r0, target.width, rows), xStep, yStep);
    }
  }

  /** The tiling of the stream: true when it has more than one tile. */
  @Override
  public boolean isImageTiled(int imageIndex) throws IOException {
    TileLayout t = header(imageIndex).tiles();
    int w = header.width();
    int hgt = header.height();
    return t.columns(w) * (long) t.rows(hgt) > 1;
  }

  /** The stream's tile width, or the picture's width when it has one tile. */
  @Override
  public int getTileWidth(int imageIndex) throws IOException {
    return isImageTiled(imageIndex) ? header.tiles().tileWidth() : header.width();
  }

  /** The stream's tile height, or the picture's height when it has one tile. */
  @Override
  public int getTileHeight(int imageIndex) throws IOException {
    return isImageTiled(imageIndex) ? header.tiles().tileHeight() : header.height();
  }

  /**
   * Decodes one tile of the stream (tile grid offset 0, 0), cut by the picture's edge: its own
   * tile and the neighbours its synthesis window reaches into, not the whole picture.
   */
  @Override
  public BufferedImage readTile(int imageIndex, int tileX, int tileY) throws IOException {
    int tw = getTileWidth(imageIndex);
    int th = getTileHeight(imageIndex);
    int w = header.width();
    int hgt = header.height();
    if (tileX < 0 || tileY < 0 || (long) tileX * tw >= w || (long) tileY * th >= hgt) {
      throw new IllegalArgumentException("no tile (" + tileX + ", " + tileY + ") in a " + w + "x" + hgt
          + " picture of " + tw + "x" + th + " tiles");
    }
    ImageReadParam param = getDefaultReadParam();
    int x = tileX * tw;
    int y = tileY * th;
    param.setSourceRegion(new Rectangle(x, y, Math.min(tw, w - x), Math.min(th, hgt - y)));
    return read(imageIndex, param);
  }

  /** Copies every (xStep, yStep)-th pixel of {@code region} to {@code target} of {@code out}. */
  private static void copy(BufferedImage region, BufferedImage out, Rectangle target, int xStep, int yStep) {
    boolean sameLayout = region.getColorModel().equals(out.getColorModel())
        && region.getSampleModel().getNumBands() == out.getSampleModel().getNumBands();
    if (sameLayout && xStep == 1 && yStep == 1) {
      out.getRaster().setRect(target.x, target.y, region.getRaster().createChild(0, 0, target.width, target.height,
          0, 0, null));
      return;
    }
    Raster from = region.getRaster();
    WritableRaster to = out.getRaster();
    Object pixel = null;
    for (int r = 0; r < target.height; r++) {
      for (int c = 0; c < target.width; c++) {
        int x = c * xStep;
        int y = r * yStep;
        if (sameLayout) {
          pixel = from.getDataElements(x, y, pixel);
          to.setDataElements(target.x + c, target.y + r, pixel);
        } else {
          out.setRGB(target.x + c, target.y + r, region.getRGB(x, y));
        }
      }
    }
  }

  private void requireInput() {
    if (getInput() == null) {
      throw new IllegalStateException("no input set");
    }
  }

  /** The header, reading only the signature and the header on first use. */
  private StreamHeader header(int imageIndex) throws IOException {
    requireInput();
    if (imageIndex != 0) {
      throw new IndexOutOfBoundsException("a lic4j stream holds one picture, not " + (imageIndex + 1));
    }
    if (header == null) {
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      header = ContainerReader.readHeader(new Recording((ImageInputStream) getInput(), copy), RESOURCE);
      headerBytes = copy;
    }
    return header;
  }

  /** The whole stream, opened for decoding (once per input: its container checked, every checksum). */
  private PictureTiles tiles() throws IOException {
    if (tiles == null) {
      tiles = SharedCodecs.decoder(CodecOptions.defaults()).tiles(stream(), RESOURCE);
    }
    return tiles;
  }

  /**
   * The whole stream: the header already read, then its chunks up to and including the footer, so
   * that a stream embedded in a larger input is read to its own end and leaves the input just after
   * it. A stream cut short stops at the input's end, and the container check then says it is
   * truncated.
   */
  private byte[] stream() throws IOException {
    if (stream == null) {
      header(0);
      ImageInputStream in = (ImageInputStream) getInput();
      ByteArrayOutputStream out = headerBytes;
      byte[] chunkHeader = new byte[ContainerFormat.CHUNK_HEADER_LENGTH];
      byte[] buffer = new byte[BUFFER_BYTES];
      while (fill(in, chunkHeader, out)) {
        ByteBuffer fields = ByteBuffer.wrap(chunkHeader);
        int type = fields.getInt(0);
        long length = Integer.toUnsignedLong(fields.getInt(Integer.BYTES));
        if (length > ContainerLimits.MAX_CHUNK_LENGTH
            || !copy(in, buffer, length + ContainerFormat.CRC_LENGTH, out)
            || type == ChunkType.FOOT.code()) {
          break;
        }
      }
      stream = out.toByteArray();
      headerBytes = null;
    }
    return stream;
  }

  /** Reads {@code fields} whole from {@code in}, copying them to {@code out}; false if the input ends first. */
  private static boolean fill(ImageInputStream in, byte[] fields, ByteArrayOutputStream out) throws IOException {
    for (int off = 0; off < fields.length; ) {
      int n = in.read(fields, off, fields.length - off);
      if (n < 0) {
        return false;
      }
      out.write(fields, off, n);
      off += n;
    }
    return true;
  }

  /** Copies {@code length} bytes of {@code in} to {@code out} through {@code buffer}; false if the input ends first. */
  private static boolean copy(ImageInputStream in, byte[] buffer, long length, ByteArrayOutputStream out)
      throws IOException {
    for (long left = length; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return false;
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    return true;
  }

  /**
   * The input as an {@link InputStream} for the container's header parser, keeping a copy of what
   * it reads: an input may not seek back (ImageIO.read sets seekForwardOnly).
   */
  private static final class Recording extends InputStream {
    private final ImageInputStream in;
    private final ByteArrayOutputStream copy;

    Recording(ImageInputStream in, ByteArrayOutputStream copy) {
      this.in = in;
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        copy.write(b, off, n);
      }
      return n;
    }
  }
}
