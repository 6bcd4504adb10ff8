package org.lic4j.media;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Vector;
import org.lic4j.codec.PictureTiles;
import org.lic4j.codec.RgbImage;

/**
 * A decoded picture as a {@link RenderedImage} whose tiles are bands (full width, one row of the
 * stream's tiles high) decoded when first asked for; only the latest band is kept. An ImageIO
 * writer that pulls rows top to bottom (the JDK's PNG writer asks {@link #getData(Rectangle)} for
 * one row at a time) then writes a picture of any size with one band and the decoder's window of
 * about three rows of tiles in memory, and decodes every band once. Asked out of order it stays
 * correct, decoding bands again. Pixels and colour model are {@link RgbImage#toBufferedImage()}'s,
 * so the file is the one the whole picture would give. A decode failure surfaces as an {@link
 * UncheckedIOException} (the interface's methods throw no checked exception): {@link
 * ImageFiles#write(PictureTiles, ImageFiles.Format, java.io.OutputStream)} unwraps it.
 */
final class BandedImage implements RenderedImage {
  private final PictureTiles tiles;
  private final int bandHeight;
  private final int bands;
  private final ColorModel colorModel;
  private final SampleModel sampleModel;
  private int cachedBand = -1;
  private Raster cached;

  BandedImage(PictureTiles tiles) throws IOException {
    this.tiles = tiles;
    this.bandHeight = Math.min(tiles.tileHeight(), tiles.height());
    this.bands = (tiles.height() + bandHeight - 1) / bandHeight;
    BufferedImage first = decode(0);
    this.colorModel = first.getColorModel();
    this.sampleModel = first.getSampleModel().createCompatibleSampleModel(tiles.width(), bandHeight);
    cached = first.getRaster();
    cachedBand = 0;
  }

  private BufferedImage decode(int band) throws IOException {
    int y = band * bandHeight;
    return tiles.decode(0, y, tiles.width(), Math.min(bandHeight, tiles.height() - y)).toBufferedImage();
  }

  /** Band {@code b}, decoded unless it is the one kept, in picture coordinates. */
  private Raster band(int b) {
    if (b != cachedBand) {
      // The kept band goes first, so that two are never held at once.
      cached = null;
      cachedBand = -1;
      try {
        cached = decode(b).getRaster().createTranslatedChild(0, b * bandHeight);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cachedBand = b;
    }
    return cached;
  }

  @Override
  public Raster getData(Rectangle rect) {
    Rectangle r = rect.intersection(getBounds());
    int first = r.y / bandHeight;
    int last = (r.y + r.height - 1) / bandHeight;
    if (first == last) {
      // A view of the kept band: the picture never changes, so sharing its pixels is safe.
      return band(first).createChild(r.x, r.y, r.width, r.height, r.x, r.y, null);
    }
    WritableRaster out = band(first).createCompatibleWritableRaster(r.x, r.y, r.width, r.height);
    for (int b = first; b <= last; b++) {
      Raster band = band(b);
      Rectangle part = r.intersection(band.getBounds());
      out.setRect(band.createChild(part.x, part.y, part.width, part.height, part.x, part.y, null));
    }
    return out;
  }

  @Override
  public Raster getData() {
    return getData(getBounds());
  }

  @Override
  public WritableRaster copyData(WritableRaster raster) {
    WritableRaster out = raster != null ? raster
        : colorModel.createCompatibleWritableRaster(getWidth(), getHeight());
    out.setRect(getData(out.getBounds()));
    return out;
  }

  private Rectangle getBounds() {
    return new Rectangle(0, 0, getWidth(), getHeight());
  }

  @Override
  public Raster getTile(int tileX, int tileY) {
    return band(tileY);
  }

  @Override
  public Vector<RenderedImage> getSources() {
    return null;
  }

  @Override
  public Object getProperty(String name) {
    return java.awt.Image.UndefinedProperty;
  }

  @Override
  public String[] getPropertyNames() {
    return null;
  }

  @Override
  public ColorModel getColorModel() {
    return colorModel;
  }

  @Override
  public SampleModel getSampleModel() {
    return sampleModel;
  }

  @Override
  public int getWidth() {
    return tiles.width();
  }

  @Override
  public int getHeight() {
    return tiles.height();
  }

  @Override
  public int getMinX() {
    return 0;
  }

  @Override
  public int getMinY() {
    return 0;
  }

  @Override
  public int getNumXTiles() {
    return 1;
  }

  @Override
  public int getNumYTiles() {
    return bands;
  }

  @Override
  public int getMinTileX() {
    return 0;
  }

  @Override
  public int getMinTileY() {
    return 0;
  }

  @Override
  public int getTileWidth() {
    return getWidth();
  }

  @Override
  public int getTileHeight() {
    return bandHeight;
  }

  @Override
  public int getTileGridXOffset() {
    return 0;
  }

  @Override
  public int getTileGridYOffset() {
    return 0;
  }
}
