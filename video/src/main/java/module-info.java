/**
 * lic4j video: frames as YUV planes with their colour description ({@code YuvFrame}), the one
 * place where YUV becomes the model's RGB and back ({@code ColourConversion}), and the streaming
 * codec ({@code VideoEncoder}, {@code VideoDecoder}) that codes each frame with the image model.
 * The conformance checker alone gets a P frame's parsed integers ({@code org.lic4j.video.conformance}).
 */
module org.lic4j.video {
  requires transitive org.lic4j.codec;
  requires org.lic4j.entropy;

  exports org.lic4j.video;
  exports org.lic4j.video.conformance to org.lic4j.conformance;
}
