/**
 * Model bundles and the ONNX Runtime transforms (docs/models.md): the codec's inner part, exported
 * to it alone; applications reach a model through {@code org.lic4j.codec.ImageModel}. The only
 * module that touches ONNX Runtime.
 */
@SuppressWarnings("requires-automatic") // ONNX Runtime's jar has only an Automatic-Module-Name
module org.lic4j.transforms {
  // ModelFormatException, in bitstream's sealed taxonomy, is in transforms' method signatures.
  requires transitive org.lic4j.bitstream;
  requires com.google.gson;
  requires com.microsoft.onnxruntime;

  exports org.lic4j.transforms to org.lic4j.codec;
}
