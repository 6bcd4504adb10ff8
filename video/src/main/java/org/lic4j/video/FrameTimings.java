package org.lic4j.video;

/**
 * Where one frame's time went, in wall nanoseconds, as {@link VideoEncoder#encode(YuvFrame)} and
 * {@link VideoDecoder#nextTimed()} report it: for benchmarks ({@code lic4j bench --video}). The
 * clocks are read a few times per frame, a cost far below a microsecond.
 *
 * <p>The parts are those of {@link org.lic4j.codec.EncodeResult.Timings} and {@link
 * org.lic4j.codec.DecodeResult.Timings} for the picture, plus the video's own: the colour
 * conversion and the container. Tiles may parse on several threads: then coding and entropy model
 * are sums over tiles, and the parts may add up to more than the total.
 *
 * @param colourNanos YUV to RGB ({@link ColourConversion}) in the encoder, for a {@link YuvFrame};
 *     0 for an RGB picture, and in the decoder, which hands out RGB ({@link DecodedFrame#toYuv()}
 *     converts, at the caller's)
 * @param transformNanos the analysis transform (encoder) or the synthesis transform with the
 *     conversion of its output to pixels (decoder), ONNX Runtime
 * @param entropyModelNanos the entropy model: hyper networks, integer scale network, means
 *     (quantisation in the encoder, reconstruction of the latent in the decoder)
 * @param codingNanos the range coder (encoder) or decoder
 * @param containerNanos the frame's chunk: written (framing, checksum, the output's write and
 *     flush) or read and checked; in the decoder, also the chunks of frames skipped after a seek
 * @param totalNanos the whole call
 */
public record FrameTimings(long colourNanos, long transformNanos, long entropyModelNanos, long codingNanos,
    long containerNanos, long totalNanos) {}
