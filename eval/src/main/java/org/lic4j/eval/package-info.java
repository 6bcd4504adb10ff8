/**
 * The lab, beside the product and never used by it: {@code lic4j eval}, rate-distortion evaluation
 * of lic4j against classical codecs (libjpeg-turbo, libwebp, libaom through libavif, x265) run in
 * the same pass on the same pictures, and against published curves, with metrics (RGB-PSNR,
 * MS-SSIM), BD-rate, and the report (JSON, Markdown, HTML, PNG plots); and {@code lic4j bench},
 * timings per part, peak memory and the same model's PyTorch forward pass. {@link
 * org.lic4j.eval.LabCommand} is the main class of the lab's jar.
 */
package org.lic4j.eval;
