/**
 * The lic4j container (docs/bitstream.md). Applications see the stream's description: header,
 * model id, chunk index, format version and the exceptions a stream can raise. Reading and
 * writing containers is the codec's business: {@code org.lic4j.bitstream.container} is exported
 * to the codec and the conformance checker alone.
 */
module org.lic4j.bitstream {
  exports org.lic4j.bitstream;
  exports org.lic4j.bitstream.container to org.lic4j.codec, org.lic4j.conformance;
}
