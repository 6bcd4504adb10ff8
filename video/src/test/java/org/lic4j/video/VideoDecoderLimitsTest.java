package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.RESOURCE;
import static org.lic4j.video.VideoSamples.encode;
import static org.lic4j.video.VideoSamples.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.SequenceHeader;
import org.lic4j.bitstream.container.VideoContainerReader;
import org.lic4j.bitstream.container.VideoContainerWriter;
import org.lic4j.bitstream.container.VideoLimits;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;

/**
 * The decoder enforces its limits on what a stream declares, before decoding or allocating on its
 * word: picture size (the model's pixel limit), frame count, frame payload. The container's own
 * tests check each limit in detail (bitstream, {@code VideoContainerRejectionTest}); these check
 * that {@link VideoDecoder} reads with them.
 */
class VideoDecoderLimitsTest {
  /** Reads every frame of {@code stream} with {@code m}. */
  private static void decodeAll(ImageModel m, byte[] stream) throws IOException {
    try (VideoDecoder decoder = VideoDecoder.open(m, new ByteArrayInputStream(stream), RESOURCE)) {
      for (Optional<DecodedFrame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
        f.get().image();
      }
    }
  }

  @Test
  void aPictureLargerThanTheModelAllowsIsRefusedAtOpen() throws IOException {
    byte[] stream = encode(64, 48, 1, VideoEncodeParams.quality(50));
    try (ImageModel small = ImageModel.open(CodecOptions.defaults().withMaxPixels(64 * 48 - 1))) {
      CorruptStreamException e = assertThrows(CorruptStreamException.class,
          () -> VideoDecoder.open(small, new ByteArrayInputStream(stream), RESOURCE));
      assertTrue(e.reason().contains("maxPixels=" + (64 * 48 - 1)), e.getMessage());
    }
  }

  @Test
  void aFrameCountBeyondTheLimitIsRefusedAtOpen() throws IOException {
    byte[] stream = encode(64, 48, 1, VideoEncodeParams.quality(50));
    SequenceHeader s = VideoContainerReader.open(new ByteArrayInputStream(stream), RESOURCE).sequence();
    long tooMany = VideoLimits.DEFAULT.maxFrames() + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Only the header and sequence chunk: the reader must refuse before the first frame.
    VideoContainerWriter.create(out, new SequenceHeader(s.stream(), s.frameRate(), s.colour(), tooMany), false,
        VideoLimits.MAXIMUM);
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> decodeAll(model(), out.toByteArray()));
    assertTrue(e.reason().contains("frame count " + tooMany + " exceeds limit maxFrames="), e.getMessage());
  }

  @Test
  void aFramePayloadBeyondTheLimitIsRefusedBeforeItIsRead() throws IOException {
    byte[] stream = encode(64, 48, 2, VideoEncodeParams.quality(50));
    int fram = indexOf(stream, "FRAM".getBytes(StandardCharsets.US_ASCII));
    int tooLong = VideoLimits.DEFAULT.maxFrameLength() + 1;
    for (int i = 0; i < 4; i++) {
      stream[fram + 4 + i] = (byte) (tooLong >>> (24 - 8 * i));
    }
    CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> decodeAll(model(), stream));
    assertTrue(e.reason().startsWith("frame 0: ") && e.reason().contains("maxFrameLength="), e.getMessage());
    assertEquals(fram + 4, e.offset(), "the offset of the length field");
  }

  private static int indexOf(byte[] data, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= data.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
