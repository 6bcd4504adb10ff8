/**
 * The lic4j container (docs/bitstream.md, docs/video.md). Applications see the stream's
 * description: header, model id, chunk index, format version, a video's sequence and frame
 * headers, and the exceptions a stream can raise. Reading and writing containers is the codecs'
 * business: {@code org.lic4j.bitstream.container} is exported to the image codec, the video
 * module and the conformance checker alone.
 */
module org.lic4j.bitstream {
  exports org.lic4j.bitstream;
  exports org.lic4j.bitstream.container to org.lic4j.codec, org.lic4j.video, org.lic4j.conformance;
}
