/**
 * The image codec's tile coding without the image container, for the video module
 * ({@code org.lic4j.video}), the only module this package is exported to: a video frame's tile
 * data is exactly what an image's {@code TILE} chunks carry (docs/video.md, "Frame chunk").
 */
package org.lic4j.codec.frame;
