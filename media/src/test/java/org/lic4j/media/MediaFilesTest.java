package org.lic4j.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.RgbImage;

/**
 * The module on its own, without the command line: pictures written and read back exactly, and a
 * user's mistakes reported as {@link UserInputException} with the right kind. The command line's
 * tests (module tools) cover the rest through {@code lic4j encode} and {@code decode}.
 */
class MediaFilesTest {
  @TempDir Path dir;

  private static RgbImage ramp(int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 7);
    }
    return RgbImage.ofRgb(w, h, rgb);
  }

  @Test
  void pngAndPpmRoundTripExactly() throws IOException {
    RgbImage picture = ramp(13, 7);
    for (String name : List.of("a.png", "a.ppm", "a.bmp")) {
      Path file = dir.resolve(name);
      Files.write(file, ImageFiles.encode(picture, ImageFiles.Format.of(file)));
      assertArrayEquals(picture.rgb(), ImageFiles.read(file).rgb(), name);
    }
    RgbImage ppm = Pnm.read(new ByteArrayInputStream(ImageFiles.encode(picture, ImageFiles.Format.PPM)), "mem", 1000);
    assertEquals(13, ppm.width());
  }

  @Test
  void mistakesSayWhetherTheCommandOrTheDataIsWrong() throws IOException {
    assertTrue(assertThrows(UserInputException.class, () -> ImageFiles.Format.of(dir.resolve("a.gif"))).isUsage());
    Path png = dir.resolve("a.png");
    Files.write(png, ImageFiles.encode(ramp(4, 4), ImageFiles.Format.PNG));
    UserInputException notLic = assertThrows(UserInputException.class, () -> LicFiles.read(png));
    assertFalse(notLic.isUsage());
    assertTrue(notLic.getMessage().contains("it looks like a PNG image"), notLic.getMessage());
    assertFalse(assertThrows(UserInputException.class, () -> ImageFiles.read(dir.resolve("missing.png"))).isUsage());
    assertTrue(assertThrows(UserInputException.class, () -> OutputFiles.checkWritable(png, false)).isUsage());
  }

  @Test
  void batchInputsAreTheMatchingFilesSorted() throws IOException {
    for (String name : List.of("b.PNG", "a.jpg", "notes.txt")) {
      Files.writeString(dir.resolve(name), "");
    }
    assertEquals(List.of(dir.resolve("a.jpg"), dir.resolve("b.PNG")), Inputs.expand(List.of(dir), ImageFiles.INPUT_SUFFIXES));
    assertEquals("b", Inputs.stem(dir.resolve("b.PNG")));
  }
}
