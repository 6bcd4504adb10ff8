package org.lic4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.ChromaFormat;
import org.lic4j.bitstream.FrameRate;
import org.lic4j.conformance.SyntheticPictures;
import org.lic4j.media.Y4mHeader;
import org.lic4j.media.Y4mWriter;
import org.lic4j.video.ColourConversion;
import org.lic4j.video.ColourDescription;
import org.lic4j.video.YuvFrame;
import picocli.CommandLine;

/** {@code lic4j eval-video} end to end on a tiny clip made here, and its user errors. */
class VideoEvalCommandTest {
  @TempDir Path tmp;
  private Path clips;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** A y4m clip of moving synthetic scenes, 4:2:0 BT.601 limited range, 25 frames/s. */
  static void writeClip(Path file, int width, int height, int frames) throws IOException {
    ColourDescription colour = ColourDescription.guessFor(width, height);
    try (OutputStream o = Files.newOutputStream(file)) {
      Y4mWriter w = null;
      for (int i = 0; i < frames; i++) {
        YuvFrame f = ColourConversion.toYuv(SyntheticPictures.scene(width, height, 7 + i), ChromaFormat.YUV420,
            colour);
        if (w == null) {
          w = Y4mWriter.open(o, Y4mHeader.of(f, new FrameRate(25, 1)));
        }
        w.write(f);
      }
      w.flush();
    }
  }

  @BeforeEach
  void clips() throws IOException {
    clips = Files.createDirectory(tmp.resolve("clips"));
  }

  private int run(String... args) {
    CommandLine cl = LabCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "eval-video";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  @Test
  void tinyClipEndToEnd() throws IOException {
    assumeTrue(Tool.find("ffmpeg").isPresent() && Tool.find("ffprobe").isPresent(), "ffmpeg and ffprobe not on the PATH");
    writeClip(clips.resolve("tiny.y4m"), 64, 48, 4);
    Path report = tmp.resolve("report");
    // The clips' folder as a relative path, as a user types it: the tools run in another folder.
    Path relativeClips = Path.of("").toAbsolutePath().relativize(clips);
    int code = run(relativeClips.toString(), "--frames", "4", "--quality", "0,100", "--qp", "30,40", "--threads", "1",
        "--anchors", tmp.resolve("no-anchors").toString(), "--out", report.toString());
    assertEquals(0, code, () -> err.toString());
    for (String f : List.of("results.json", "summary.md", "index.html", "frames-bits.png", "frames-yuv-psnr.png",
        "uvg-context-rgb-psnr.png", "clips/tiny-yuv_psnr.png", "clips/tiny-rgb_psnr.png")) {
      assertTrue(Files.isRegularFile(report.resolve(f)), f);
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".report")), "no staging folder left");
    }
    JsonObject results = JsonParser.parseString(Files.readString(report.resolve("results.json"), StandardCharsets.UTF_8))
        .getAsJsonObject();
    JsonObject clip = results.getAsJsonArray("clips").get(0).getAsJsonObject();
    assertEquals(64, clip.get("width").getAsInt());
    assertEquals(4, clip.get("frames").getAsInt());
    assertEquals("25/1", clip.get("frame_rate").getAsString());
    int lic4j = 0;
    for (JsonElement el : results.getAsJsonArray("points")) {
      JsonObject p = el.getAsJsonObject();
      JsonArray bytes = p.getAsJsonObject("frames").getAsJsonArray("bytes");
      assertEquals(4, bytes.size());
      long sum = 0;
      for (JsonElement b : bytes) {
        sum += b.getAsLong();
      }
      assertEquals(p.get("bytes").getAsLong(), sum, "the frames' bytes add up to the stream's");
      assertTrue(p.get("yuv_psnr").getAsDouble() > 20, p.toString());
      assertTrue(p.get("ms_ssim").isJsonNull(), "64x48 is too small for MS-SSIM");
      if (p.get("codec").getAsString().equals("lic4j")) {
        lic4j++;
        assertEquals(0, p.get("settings_sei_bytes").getAsLong());
      } else if (p.get("codec").getAsString().equals("x264")) {
        assertTrue(p.get("settings_sei_bytes").getAsLong() > 100, "x264's options SEI is left out");
      }
    }
    assertEquals(2, lic4j);
    String summary = Files.readString(report.resolve("summary.md"), StandardCharsets.UTF_8);
    assertTrue(summary.contains("| tiny.y4m | 64x48 | 64x48 | 4 | 25.000 |"), summary);
    assertTrue(summary.contains("No published UVG curves"), summary);
  }

  @Test
  void userErrorsAreOneLineWithTheirExitCodes() throws IOException {
    assertEquals(1, run(clips.toString()), "no clips");
    assertTrue(err.toString().contains("no video clips"), err::toString);
    writeClip(clips.resolve("tiny.y4m"), 16, 16, 1);
    assertEquals(1, run(clips.toString(), "--codecs", "lic4j,vp9"));
    assertEquals(1, run(clips.toString(), "--frames", "0"));
    assertEquals(1, run(clips.toString(), "--qp", "22.5"));
    assertEquals(1, run(clips.toString(), "--frame-clip", "other.y4m"));
    assertEquals(2, run(tmp.resolve("missing").toString()));
    String saved = System.getProperty(Tool.PATH_PROPERTY);
    System.setProperty(Tool.PATH_PROPERTY, Files.createDirectory(tmp.resolve("no-programs")).toString());
    try {
      assertEquals(3, run(clips.toString()), "no ffmpeg");
      assertTrue(err.toString().contains("ffmpeg not found on the PATH"), err::toString);
    } finally {
      if (saved == null) {
        System.clearProperty(Tool.PATH_PROPERTY);
      } else {
        System.setProperty(Tool.PATH_PROPERTY, saved);
      }
    }
    for (String line : err.toString().split("\n")) {
      assertTrue(line.startsWith("lic4j: ") || line.startsWith("Try 'lic4j --help'"), line);
    }
  }
}
