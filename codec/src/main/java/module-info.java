/**
 * The lic4j image codec: {@code ImageModel}, {@code ImageEncoder}, {@code ImageDecoder} and the
 * ImageIO plugin. The container, the coder and the transforms behind it are not exported to
 * applications; the conformance checker alone gets the parsed symbols
 * ({@code org.lic4j.codec.conformance}), and the video module the tile coding without the image
 * container ({@code org.lic4j.codec.frame}).
 */
module org.lic4j.codec {
  requires transitive java.desktop;
  requires transitive org.lic4j.bitstream;
  requires org.lic4j.entropy;
  requires org.lic4j.transforms;

  exports org.lic4j.codec;
  exports org.lic4j.codec.imageio;
  exports org.lic4j.codec.conformance to org.lic4j.conformance;
  exports org.lic4j.codec.frame to org.lic4j.video;

  provides javax.imageio.spi.ImageReaderSpi with org.lic4j.codec.imageio.LicImageReaderSpi;
  provides javax.imageio.spi.ImageWriterSpi with org.lic4j.codec.imageio.LicImageWriterSpi;
}
