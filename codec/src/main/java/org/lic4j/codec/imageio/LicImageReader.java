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
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.lic4j.bitstream.ColourFormat;
import org.lic4j.bitstream.StreamHeader;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageDecoder;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.RgbImage;

/**
 * Reads lic4j streams through ImageIO, with the default model. A stream holds one picture. The
 * size and type queries ({@code getWidth}, {@code getHeight}, {@code getImageTypes}, {@code
 * getNumImages}) read only the signature and the stream header (a few
 * dozen bytes, the header's checksum verified), so asking a large file for its size is cheap and
 * answers even where the tile data is damaged; {@code read} then reads the input to its end and
 * checks the whole container (every checksum) before decoding. {@link ImageReadParam} source
 * regions decode only the tiles they need; subsampling and destination offsets are honoured; band
 * selection is not supported. Pictures are {@code TYPE_BYTE_GRAY} (grey), {@code TYPE_3BYTE_BGR}
 * (colour), {@code TYPE_4BYTE_ABGR} (colour with alpha) or two-band grey+alpha bytes, as the PNG
 * reader returns them. Metadata ({@code getImageMetadata}): the stream's ICC profile, Exif and XMP
 * chunks, {@link LicImageMetadata}.
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

  LicImageReader(ImageReaderSpi provider) {
    super(provider);
  }

  @Override
  public void setInput(Object input, boolean seekForwardOnly, boolean ignoreMetadata) {
    super.setInput(input, seekForwardOnly, ignoreMetadata);
    headerBytes = null;
    header = null;
    stream = null;
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
    ImageDecoder decoder = SharedCodecs.decoder(CodecOptions.defaults());
    byte[] bytes = stream();
    BufferedImage result;
    if (isWholePicture(param)) {
      result = toBufferedImage(decoder.decode(bytes, RESOURCE), h);
    } else {
      result = getDestination(param, getImageTypes(imageIndex), width, height);
      Rectangle source = new Rectangle();
      Rectangle target = new Rectangle();
      computeRegions(param, width, height, result, source, target);
      if (!source.isEmpty() && !target.isEmpty()) {
        BufferedImage region = toBufferedImage(decoder.decodeRegion(bytes, RESOURCE, source.x, source.y,
            source.width, source.height), h);
        copy(region, result, target, param.getSourceXSubsampling(), param.getSourceYSubsampling());
      }
    }
    if (abortRequested()) {
      processReadAborted();
    } else {
      processImageProgress(100f);
      processImageComplete();
    }
    return result;
  }

  /** Whether {@code param} asks for the whole picture as it is. */
  private static boolean isWholePicture(ImageReadParam param) {
    if (param == null) {
      return true;
    }
    Point offset = param.getDestinationOffset();
    return param.getSourceRegion() == null && param.getSourceXSubsampling() == 1
        && param.getSourceYSubsampling() == 1 && param.getDestination() == null
        && param.getDestinationType() == null && offset.x == 0 && offset.y == 0;
  }

  /** Copies every (xStep, yStep)-th pixel of {@code region} to {@code target} of {@code out}. */
  private static void copy(BufferedImage region, BufferedImage out, Rectangle target, int xStep, int yStep) {
    boolean sameLayout = region.getColorModel().equals(out.getColorModel())
        && region.getSampleModel().getNumBands() == out.getSampleModel().getNumBands();
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

  /** The whole stream: the header already read, then the input to its end (once). */
  private byte[] stream() throws IOException {
    if (stream == null) {
      header(0);
      ImageInputStream in = (ImageInputStream) getInput();
      ByteArrayOutputStream out = headerBytes;
      byte[] buffer = new byte[BUFFER_BYTES];
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
      }
      stream = out.toByteArray();
      headerBytes = null;
    }
    return stream;
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
