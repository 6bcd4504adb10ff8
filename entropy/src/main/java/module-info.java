/**
 * The range coder and its integer CDF tables (docs/entropy.md): the codec's inner part, exported
 * to it and to the video module (which codes motion vectors with it); applications code pictures
 * through {@code org.lic4j.codec}.
 */
module org.lic4j.entropy {
  exports org.lic4j.entropy to org.lic4j.codec, org.lic4j.video;
}
