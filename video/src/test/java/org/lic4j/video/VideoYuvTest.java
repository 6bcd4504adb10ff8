package org.lic4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lic4j.video.VideoSamples.PSNR_FLOOR_DB;
import static org.lic4j.video.VideoSamples.RESOURCE;
import static org.lic4j.video.VideoSamples.frame;
import static org.lic4j.video.VideoSamples.model;
import static org.lic4j.video.VideoSamples.psnr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.ChromaSiting;
import org.lic4j.bitstream.ColourMatrix;
import org.lic4j.bitstream.ColourRange;

/** YUV in, YUV out: the source's description goes through the stream and comes back. */
class VideoYuvTest {
  @ParameterizedTest
  @CsvSource({
      "SMPTE170M, LIMITED, LEFT, YUV420, 97, 65",
      "BT709, FULL, CENTER, YUV444, 96, 64",
      "BT709, LIMITED, TOP_LEFT, YUV420, 96, 64",
      "BT470BG, FULL, CENTER, YUV444, 97, 65"})
  void yuvFramesComeBackInTheSourcesDescription(ColourMatrix matrix, ColourRange range, ChromaSiting siting,
      ChromaFormat format, int width, int height) throws IOException {
    ColourDescription colour = new ColourDescription(matrix, range, siting);
    VideoEncodeParams params = VideoEncodeParams.quality(75).withSource(colour, format).withFrameCount(2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    YuvFrame[] in = new YuvFrame[2];
    try (VideoEncoder encoder = VideoEncoder.open(model(), out, params)) {
      for (int k = 0; k < in.length; k++) {
        in[k] = ColourConversion.toYuv(frame(width, height, k), format, colour);
        encoder.encode(in[k]);
      }
      encoder.finish();
    }
    try (VideoDecoder decoder = VideoDecoder.open(model(), new ByteArrayInputStream(out.toByteArray()), RESOURCE)) {
      assertEquals(colour.toSource(format), decoder.sequence().colour());
      for (int k = 0; k < in.length; k++) {
        DecodedFrame decoded = decoder.next().orElseThrow();
        assertTrue(decoded.hasYuvSource());
        YuvFrame back = decoded.toYuv();
        assertEquals(format, back.format());
        assertEquals(colour, back.colour());
        assertEquals(width, back.width());
        assertEquals(height, back.height());
        double lumaDb = psnr(in[k].y(), back.y());
        assertTrue(lumaDb > PSNR_FLOOR_DB, "frame " + k + " luma: " + lumaDb + " dB");
        assertTrue(psnr(in[k].cb(), back.cb()) > PSNR_FLOOR_DB, "frame " + k + " Cb");
        assertTrue(psnr(in[k].cr(), back.cr()) > PSNR_FLOOR_DB, "frame " + k + " Cr");
      }
      assertTrue(decoder.next().isEmpty());
    }
  }

  @Test
  void aFrameDescribedOtherwiseThanTheSourceIsRefused() throws IOException {
    ColourDescription bt601 = new ColourDescription(ColourMatrix.BT470BG, ColourRange.LIMITED, ChromaSiting.CENTER);
    ColourDescription bt709 = bt601.withMatrix(ColourMatrix.BT709);
    VideoEncodeParams params = VideoEncodeParams.quality(50).withSource(bt601, ChromaFormat.YUV420);
    try (VideoEncoder encoder = VideoEncoder.open(model(), new ByteArrayOutputStream(), params)) {
      YuvFrame frame = ColourConversion.toYuv(frame(96, 64, 0), ChromaFormat.YUV420, bt709);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(frame));
      assertTrue(e.getMessage().contains("BT709"), e.getMessage());
      // SMPTE 170M has BT.470BG's weights: the same meaning, accepted.
      encoder.encode(frame.withColour(bt601.withMatrix(ColourMatrix.SMPTE170M)));
      assertEquals(1, encoder.frames());
    }
  }

  @Test
  void anRgbSourceHasNoYuvToGiveBackUnlessOneIsNamed() throws IOException {
    byte[] stream = VideoSamples.encode(96, 64, 1, VideoEncodeParams.quality(50));
    DecodedFrame f = VideoCodecTest.decodeAll(stream).get(0);
    assertThrows(IllegalStateException.class, f::toYuv);
    ColourDescription jpeg = ColourDescription.JPEG;
    YuvFrame yuv = f.toYuv(ChromaFormat.YUV444, jpeg);
    assertEquals(jpeg, yuv.colour());
  }
}
