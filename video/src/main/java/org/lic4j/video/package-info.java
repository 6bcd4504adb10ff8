/**
 * Video frames and their colour: {@link org.lic4j.video.YuvFrame} (8-bit Y'CbCr planes, 4:2:0 or
 * 4:4:4, with a {@link org.lic4j.video.ColourDescription}) and {@link
 * org.lic4j.video.ColourConversion}, exact about matrix, range and chroma siting (docs/video.md).
 */
package org.lic4j.video;
