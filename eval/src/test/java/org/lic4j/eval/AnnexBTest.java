package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnexBTest {
  @TempDir Path tmp;

  private static final byte[] FOUR = {0, 0, 0, 1};
  private static final byte[] THREE = {0, 0, 1};

  /** A user-data-unregistered SEI message: type 5, size, 16-byte UUID (all {@code uuidByte}), text. */
  private static byte[] userData(int uuidByte, String text) {
    byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.write(5);
    int size = 16 + t.length;
    while (size >= 255) {
      m.write(255);
      size -= 255;
    }
    m.write(size);
    byte[] uuid = new byte[16];
    Arrays.fill(uuid, (byte) uuidByte);
    m.writeBytes(uuid);
    m.writeBytes(t);
    return m.toByteArray();
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Emulation prevention as an encoder applies it: a 03 after two zeros before a byte 0..3. */
  private static byte[] escape(byte[] rbsp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int zeros = 0;
    for (byte b : rbsp) {
      if (zeros == 2 && (b & 0xff) <= 3) {
        out.write(3);
        zeros = 0;
      }
      out.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out.toByteArray();
  }

  private static final byte[] TRAILING = {(byte) 0x80};

  @Test
  void h264SettingsSeiIsCountedApartAndFramesSplitAtTheirFirstSlice() {
    byte[] sps = cat(FOUR, new byte[] {0x67, 0x42, 0x00, 0x0a});
    byte[] pps = cat(FOUR, new byte[] {0x68, (byte) 0xce, 0x38});
    // The options string needs two size bytes; the all-zero UUID needs emulation prevention bytes.
    String options = "x264 - core 164 - H.264/MPEG-4 AVC codec - options: " + "cabac=1 ".repeat(40);
    byte[] sei = cat(THREE, new byte[] {0x06}, escape(cat(userData(0, options), TRAILING)));
    byte[] idr = cat(THREE, new byte[] {0x65, (byte) 0x88, 1, 2, 3, 4});
    byte[] p1a = cat(FOUR, new byte[] {0x41, (byte) 0x9a, 5, 6});
    // A second slice of the same picture: first_mb_in_slice != 0 (its first bit is 0).
    byte[] p1b = cat(THREE, new byte[] {0x41, 0x02, 7});
    byte[] p2 = cat(THREE, new byte[] {0x41, (byte) 0x9a, 8, 9, 10});
    byte[] stream = cat(sps, pps, sei, idr, p1a, p1b, p2);

    assertEquals(7, AnnexB.units(stream, AnnexB.Syntax.H264).size());
    AnnexB.Measure m = AnnexB.measure(stream, AnnexB.Syntax.H264);
    assertEquals(stream.length, m.total());
    assertEquals(sei.length, m.encoderInfo(), "the whole SEI unit, start code included");
    assertArrayEquals(new long[] {sps.length + pps.length + idr.length, p1a.length + p1b.length, p2.length},
        m.frames());
    assertEquals(m.counted(), Arrays.stream(m.frames()).sum());
  }

  @Test
  void hevcSeiWithOtherMessagesLosesOnlyTheSettings() {
    byte[] vps = cat(FOUR, new byte[] {0x40, 0x01, 0x0c});
    byte[] info = userData(0x11, "x265 (build 199) - 3.5:[Linux][GCC 12.2.0][64 bit] 8bit - options: qp=32");
    byte[] other = userData(0x22, "something else entirely");
    byte[] sei = cat(FOUR, new byte[] {0x4e, 0x01}, other, info, TRAILING);
    byte[] idr = cat(FOUR, new byte[] {0x26, 0x01, (byte) 0xaf, 0x11});
    byte[] trail = cat(FOUR, new byte[] {0x02, 0x01, (byte) 0xd0, 0x22});
    byte[] stream = cat(vps, sei, idr, trail);
    AnnexB.Measure m = AnnexB.measure(stream, AnnexB.Syntax.HEVC);
    assertEquals(info.length, m.encoderInfo());
    assertArrayEquals(new long[] {vps.length + sei.length - info.length + idr.length, trail.length}, m.frames());
  }

  @Test
  void aStreamWithoutSettingsLosesNothing() {
    byte[] stream = cat(FOUR, new byte[] {0x06}, userData(0x33, "not an encoder"), TRAILING,
        FOUR, new byte[] {0x65, (byte) 0x88, 1});
    AnnexB.Measure m = AnnexB.measure(stream, AnnexB.Syntax.H264);
    assertEquals(0, m.encoderInfo());
    assertArrayEquals(new long[] {stream.length}, m.frames());
  }

  /** x264 itself, through ffmpeg, on a clip made here: its options SEI is found, and only it. */
  @Test
  void realX264Stream() throws IOException {
    realStream("libx264", "h264", List.of("-qp", "30", "-x264-params", "bframes=0:keyint=4"), AnnexB.Syntax.H264, 6,
        "x264 - core");
  }

  /** x265 the same, when not told {@code info=0}. */
  @Test
  void realX265Stream() throws IOException {
    realStream("libx265", "hevc", List.of("-x265-params", "qp=30:bframes=0:keyint=4:log-level=error"),
        AnnexB.Syntax.HEVC, 39, "x265 (build");
  }

  private void realStream(String encoder, String format, List<String> options, AnnexB.Syntax syntax, int seiType,
      String marker) throws IOException {
    Optional<Path> ffmpeg = Tool.find("ffmpeg");
    assumeTrue(ffmpeg.isPresent(), "ffmpeg not on the PATH");
    String encoders = Tool.run(tmp, List.of(ffmpeg.get().toString(), "-hide_banner", "-encoders"));
    assumeTrue(encoders.contains(" " + encoder + " "), "this ffmpeg has no " + encoder);
    Path clip = tmp.resolve("clip.y4m");
    VideoEvalCommandTest.writeClip(clip, 64, 48, 5);
    Path coded = tmp.resolve("coded." + format);
    List<String> cmd = new ArrayList<>(List.of(ffmpeg.get().toString(), "-nostdin", "-v", "error", "-y", "-i",
        clip.toString(), "-c:v", encoder));
    cmd.addAll(options);
    cmd.addAll(List.of("-f", format, coded.toString()));
    Tool.run(tmp, cmd);
    byte[] stream = Files.readAllBytes(coded);
    AnnexB.Measure m = AnnexB.measure(stream, syntax);
    long settings = 0;
    for (AnnexB.Nal n : AnnexB.units(stream, syntax)) {
      String text = new String(stream, n.start(), n.bytes(), StandardCharsets.ISO_8859_1);
      if (n.type() == seiType && text.contains(marker)) {
        settings += n.bytes();
      }
    }
    assertTrue(settings > 100, encoder + " writes its options: " + settings + " bytes");
    assertEquals(settings, m.encoderInfo());
    assertEquals(5, m.frames().length);
    assertEquals(m.counted(), Arrays.stream(m.frames()).sum());
  }
}
