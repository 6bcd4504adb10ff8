/**
 * lic4j video: frames as YUV planes with their colour description ({@code YuvFrame}), the one
 * place where YUV becomes the model's RGB and back ({@code ColourConversion}), and the streaming
 * codec ({@code VideoEncoder}, {@code VideoDecoder}) that codes each frame with the image model.
 */
module org.lic4j.video {
  requires transitive org.lic4j.codec;
  requires org.lic4j.entropy;

  exports org.lic4j.video;
}
