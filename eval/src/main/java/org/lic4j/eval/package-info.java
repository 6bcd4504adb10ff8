/**
 * {@code lic4j eval}: rate-distortion evaluation of lic4j against classical codecs (libjpeg-turbo,
 * libwebp, libaom through libavif, x265) run in the same pass on the same pictures, and against
 * published curves. Metrics (RGB-PSNR, MS-SSIM), BD-rate, and the report (JSON, Markdown, HTML,
 * PNG plots).
 */
package org.lic4j.eval;
