/**
 * Video frames and their colour: {@link org.lic4j.video.YuvFrame} (8-bit Y'CbCr planes, 4:2:0 or
 * 4:4:4, with a {@link org.lic4j.video.ColourDescription}) and {@link
 * org.lic4j.video.ColourConversion}, exact about matrix, range and chroma siting (docs/video.md).
 * Colour is named in the stream's vocabulary, {@code org.lic4j.bitstream}'s {@code ChromaFormat},
 * {@code ColourMatrix}, {@code ColourRange} and {@code ChromaSiting}, which carry the standards'
 * numbers; this package holds the arithmetic.
 */
package org.lic4j.video;
