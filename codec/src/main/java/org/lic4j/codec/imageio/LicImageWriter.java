package org.lic4j.codec.imageio;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.EncodeParams;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.codec.RgbImage;

/**
 * Writes lic4j streams through ImageIO, with the default model and tiling. The quality is the
 * write parameter's compression quality (0..1 to the codec's 0..100) in {@link
 * ImageWriteParam#MODE_EXPLICIT}, else 0.75. Source regions and subsampling are honoured. Grey
 * pictures are written grey, alpha losslessly; every {@code BufferedImage} type is accepted, each
 * band scaled to 8 bits by its own sample size (see {@link RgbImage#of}). The {@link IIOImage}'s
 * metadata is written as the stream's ICC, Exif and XMP chunks ({@link LicImageMetadata}, through
 * {@link #convertImageMetadata}); rasters cannot be written ({@link #canWriteRasters()} is false): a raster has no
 * colour model to say what its bands are.
 */
public final class LicImageWriter extends ImageWriter {
  LicImageWriter(ImageWriterSpi provider) {
    super(provider);
  }

  @Override
  public ImageWriteParam getDefaultWriteParam() {
    return new LicImageWriteParam(getLocale());
  }

  @Override
  public boolean canWriteRasters() {
    return false;
  }

  @Override
  public IIOMetadata getDefaultStreamMetadata(ImageWriteParam param) {
    return null;
  }

  /** Empty, writable metadata: set its native tree (iccp, exif, text) or its standard Text entry of XMP. */
  @Override
  public IIOMetadata getDefaultImageMetadata(ImageTypeSpecifier imageType, ImageWriteParam param) {
    return new LicImageMetadata(PictureMetadata.NONE, null, false);
  }

  @Override
  public IIOMetadata convertStreamMetadata(IIOMetadata inData, ImageWriteParam param) {
    return null;
  }

  /**
   * Ours as it is; other metadata through our native tree where it has one, else through the
   * standard tree (its XMP Text entry); {@code null} when neither carries anything we keep.
   */
  @Override
  public IIOMetadata convertImageMetadata(IIOMetadata inData, ImageTypeSpecifier imageType,
      ImageWriteParam param) {
    if (inData == null || inData instanceof LicImageMetadata) {
      return inData;
    }
    LicImageMetadata out = new LicImageMetadata(PictureMetadata.NONE, null, false);
    try {
      if (Arrays.asList(inData.getMetadataFormatNames()).contains(LicMetadataFormat.NAME)) {
        out.mergeTree(LicMetadataFormat.NAME, inData.getAsTree(LicMetadataFormat.NAME));
      } else if (inData.isStandardMetadataFormatSupported()) {
        out.mergeTree(IIOMetadataFormatImpl.standardMetadataFormatName,
            inData.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName));
      }
    } catch (IIOInvalidTreeException e) {
      return null;
    }
    return out.pictureMetadata().isEmpty() ? null : out;
  }

  @Override
  public void write(IIOMetadata streamMetadata, IIOImage image, ImageWriteParam param) throws IOException {
    if (!(getOutput() instanceof ImageOutputStream out)) {
      throw new IllegalStateException("no output set");
    }
    if (image.hasRaster()) {
      throw new UnsupportedOperationException("lic4j writes images, not rasters (canWriteRasters() is false)");
    }
    double quality = 100.0 * quality(param);
    BufferedImage picture = select(toBufferedImage(image.getRenderedImage()), param);
    clearAbortRequest();
    processImageStarted(0);
    IIOMetadata given = convertImageMetadata(image.getMetadata(), null, param);
    PictureMetadata metadata = given == null ? PictureMetadata.NONE : ((LicImageMetadata) given).pictureMetadata();
    byte[] stream = SharedCodecs.encoder(CodecOptions.defaults())
        .encode(RgbImage.of(picture), EncodeParams.quality(quality), metadata).stream();
    if (abortRequested()) {
      processWriteAborted();
      return;
    }
    out.write(stream);
    out.flush();
    processImageProgress(100f);
    processImageComplete();
  }

  /** The compression quality 0..1 that {@code param} asks for. */
  private static float quality(ImageWriteParam param) throws IIOException {
    if (param == null || !param.canWriteCompressed()) {
      return LicImageWriteParam.DEFAULT_QUALITY;
    }
    return switch (param.getCompressionMode()) {
      case ImageWriteParam.MODE_EXPLICIT -> param.getCompressionQuality();
      case ImageWriteParam.MODE_DISABLED -> throw new IIOException("lic4j compression cannot be disabled");
      default -> LicImageWriteParam.DEFAULT_QUALITY;
    };
  }

  private static BufferedImage toBufferedImage(RenderedImage image) {
    if (image instanceof BufferedImage buffered) {
      return buffered;
    }
    ColorModel cm = image.getColorModel();
    WritableRaster raster = cm.createCompatibleWritableRaster(image.getWidth(), image.getHeight());
    image.copyData(raster.createWritableTranslatedChild(image.getMinX(), image.getMinY()));
    return new BufferedImage(cm, raster, cm.isAlphaPremultiplied(), new Hashtable<>());
  }

  /** The source region of {@code image}, subsampled, as {@code param} asks. */
  private static BufferedImage select(BufferedImage image, ImageWriteParam param) {
    if (param == null) {
      return image;
    }
    Rectangle region = new Rectangle(0, 0, image.getWidth(), image.getHeight());
    if (param.getSourceRegion() != null) {
      region = region.intersection(param.getSourceRegion());
    }
    int xStep = param.getSourceXSubsampling();
    int yStep = param.getSourceYSubsampling();
    int x0 = region.x + param.getSubsamplingXOffset();
    int y0 = region.y + param.getSubsamplingYOffset();
    int w = (region.x + region.width - x0 + xStep - 1) / xStep;
    int h = (region.y + region.height - y0 + yStep - 1) / yStep;
    if (w < 1 || h < 1) {
      throw new IllegalArgumentException("the source region and subsampling select no pixel");
    }
    if (xStep == 1 && yStep == 1 && x0 == 0 && y0 == 0 && w == image.getWidth() && h == image.getHeight()) {
      return image;
    }
    ColorModel cm = image.getColorModel();
    WritableRaster out = cm.createCompatibleWritableRaster(w, h);
    Raster in = image.getRaster();
    Object pixel = null;
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        pixel = in.getDataElements(x0 + c * xStep, y0 + r * yStep, pixel);
        out.setDataElements(c, r, pixel);
      }
    }
    return new BufferedImage(cm, out, cm.isAlphaPremultiplied(), new Hashtable<>());
  }
}
