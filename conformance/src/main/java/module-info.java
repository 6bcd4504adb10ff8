/**
 * The conformance suite: generates and checks streams with their expected latents and pixels
 * (docs/conformance.md).
 */
module org.lic4j.conformance {
  requires transitive org.lic4j.codec;
  // The checker and the generator take the P-frame model (org.lic4j.video.PFrameModel).
  requires transitive org.lic4j.video;
  requires com.google.gson;

  exports org.lic4j.conformance;
  // SuiteManifest is read and written by Gson's reflection.
  opens org.lic4j.conformance to com.google.gson;
}
