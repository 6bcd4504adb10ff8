/**
 * lic4j video: frames as YUV planes with their colour description ({@code YuvFrame}), and the one
 * place where YUV becomes the model's RGB and back ({@code ColourConversion}).
 */
module org.lic4j.video {
  requires transitive org.lic4j.codec;

  exports org.lic4j.video;
}
