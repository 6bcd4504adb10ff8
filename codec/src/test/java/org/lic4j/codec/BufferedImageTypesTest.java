package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code BufferedImage.TYPE_*} (1..13) and a few custom layouts survive a round trip with
 * their colours, through plain ImageIO and through the direct API. Regression for issue 22: a
 * {@code TYPE_USHORT_565_RGB} picture came back with its green doubled (and wrapped past 255),
 * because {@link RgbImage#of} scaled every band by band 0's bit size.
 *
 * <p>The pictures are four flat quadrants, compared in each quadrant's middle, so the lossy
 * codec's error stays a few levels while a doubled channel is off by 100 or more. "The colour"
 * is what {@code getRGB} says, except for grey colour models: lic4j takes grey samples as stored
 * (gamma-encoded, as PNG means them) rather than as Java's linear grey, so there the samples,
 * scaled to 8 bits, are the colour.
 */
class BufferedImageTypesTest {
  private static final int W = 128;
  private static final int H = 96;
  /** Largest difference per channel: the codec's error on flat areas, far below a doubling. */
  private static final int TOLERANCE = 10;
  /** Quadrant colours (ARGB): greens of 100 and 60 turn into 206 and 123 when doubled by 5 bits. */
  private static final int[] OPAQUE = {0xFF_C8_64_28, 0xFF_3C_3C_B4, 0xFF_50_A0_50, 0xFF_B4_B4_B4};
  private static final int[] TRANSLUCENT = {0xFF_C8_64_28, 0xC8_3C_3C_B4, 0x80_50_A0_50, 0xFF_B4_B4_B4};

  /** The names of {@code BufferedImage.TYPE_*} 1..13, in order. */
  private static final String[] TYPE_NAMES = {"INT_RGB", "INT_ARGB", "INT_ARGB_PRE", "INT_BGR", "3BYTE_BGR",
      "4BYTE_ABGR", "4BYTE_ABGR_PRE", "USHORT_565_RGB", "USHORT_555_RGB", "BYTE_GRAY", "USHORT_GRAY",
      "BYTE_BINARY", "BYTE_INDEXED"};

  private static ImageEncoder encoder;
  private static ImageDecoder decoder;

  @BeforeAll
  static void open() {
    ImageIO.setUseCache(false);
    encoder = SharedModel.encoder();
    decoder = SharedModel.decoder();
  }

  static Stream<Arguments> pictures() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (int type = BufferedImage.TYPE_INT_RGB; type <= BufferedImage.TYPE_BYTE_INDEXED; type++) {
      all.add(Arguments.of("TYPE_" + TYPE_NAMES[type - 1], quadrants(new BufferedImage(W, H, type))));
    }
    all.add(Arguments.of("4-bit indexed", quadrants(new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY,
        sixteenColours()))));
    all.add(Arguments.of("16-bit RGB from PNG", viaPng(quadrants(custom(ColorSpace.CS_sRGB, false, false,
        DataBuffer.TYPE_USHORT)))));
    all.add(Arguments.of("16-bit RGBA from PNG", viaPng(quadrants(custom(ColorSpace.CS_sRGB, true, false,
        DataBuffer.TYPE_USHORT)))));
    all.add(Arguments.of("4-bit grey from PNG", viaPng(quadrants(custom(ColorSpace.CS_GRAY, false, false,
        DataBuffer.TYPE_BYTE, 4)))));
    all.add(Arguments.of("16-bit premultiplied RGBA", quadrants(custom(ColorSpace.CS_sRGB, true, true,
        DataBuffer.TYPE_USHORT))));
    all.add(Arguments.of("8-bit grey+alpha", quadrants(custom(ColorSpace.CS_GRAY, true, false,
        DataBuffer.TYPE_BYTE))));
    all.add(Arguments.of("16-bit grey+alpha premultiplied", quadrants(custom(ColorSpace.CS_GRAY, true, true,
        DataBuffer.TYPE_USHORT))));
    all.add(Arguments.of("linear RGB", quadrants(custom(ColorSpace.CS_LINEAR_RGB, false, false,
        DataBuffer.TYPE_BYTE))));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pictures")
  void plainImageIoKeepsTheColours(String name, BufferedImage picture) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(picture, "lic", bytes), name + ": no writer");
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertNotNull(back, name + ": no reader");
    assertSameColours(name, picture, back);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pictures")
  void directApiKeepsTheColours(String name, BufferedImage picture) throws IOException {
    byte[] stream = encoder.encode(RgbImage.of(picture), EncodeParams.quality(100)).stream();
    assertSameColours(name, picture, decoder.decode(stream, name).toBufferedImage());
  }

  private static void assertSameColours(String name, BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth(), name);
    assertEquals(expected.getHeight(), actual.getHeight(), name);
    boolean alpha = expected.getColorModel().hasAlpha();
    for (int q = 0; q < 4; q++) {
      int x0 = (q % 2) * W / 2 + W / 8;
      int y0 = (q / 2) * H / 2 + H / 8;
      for (int y = y0; y < y0 + H / 4; y++) {
        for (int x = x0; x < x0 + W / 4; x++) {
          int e = colour(expected, x, y);
          int a = colour(actual, x, y);
          String where = name + " at (" + x + ", " + y + "): expected " + Integer.toHexString(e) + ", got "
              + Integer.toHexString(a);
          for (int shift = 0; shift < 24; shift += 8) {
            int diff = Math.abs((e >> shift & 0xff) - (a >> shift & 0xff));
            assertTrue(diff <= TOLERANCE, where);
          }
          assertEquals(alpha ? e >>> 24 : 0xff, a >>> 24, where + " (alpha is coded losslessly)");
        }
      }
    }
  }

  /** The colour a pixel means, non-premultiplied ARGB (see the class comment for grey). */
  private static int colour(BufferedImage image, int x, int y) {
    ColorModel cm = image.getColorModel();
    if (!(cm instanceof ComponentColorModel) || cm.getNumColorComponents() != 1) {
      return image.getRGB(x, y);
    }
    int[] samples = image.getRaster().getPixel(x, y, (int[]) null);
    int grey = to8(samples[0], cm.getComponentSize(0));
    int alpha = 0xff;
    if (cm.hasAlpha()) {
      alpha = to8(samples[1], cm.getComponentSize(1));
      if (cm.isAlphaPremultiplied()) {
        long max = (1L << cm.getComponentSize(1)) - 1;
        grey = samples[1] == 0 ? 0 : to8((int) Math.min(max, Math.round(samples[0] * (double) max / samples[1])),
            cm.getComponentSize(0));
      }
    }
    return alpha << 24 | grey << 16 | grey << 8 | grey;
  }

  private static int to8(int sample, int bits) {
    long max = (1L << bits) - 1;
    return (int) Math.round(sample * 255.0 / max);
  }

  /** Fills the four quadrants through {@code setRGB}: the colour model maps them as it does. */
  private static BufferedImage quadrants(BufferedImage image) {
    int[] colours = image.getColorModel().hasAlpha() ? TRANSLUCENT : OPAQUE;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        image.setRGB(x, y, colours[(y < H / 2 ? 0 : 2) + (x < W / 2 ? 0 : 1)]);
      }
    }
    return image;
  }

  private static BufferedImage custom(int space, boolean alpha, boolean premultiplied, int dataType) {
    return custom(space, alpha, premultiplied, dataType, DataBuffer.getDataTypeSize(dataType));
  }

  private static BufferedImage custom(int space, boolean alpha, boolean premultiplied, int dataType, int bits) {
    ColorSpace cs = ColorSpace.getInstance(space);
    int[] sizes = new int[cs.getNumComponents() + (alpha ? 1 : 0)];
    Arrays.fill(sizes, bits);
    ComponentColorModel cm = new ComponentColorModel(cs, sizes, alpha, premultiplied,
        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
    WritableRaster raster = cm.createCompatibleWritableRaster(W, H);
    return new BufferedImage(cm, raster, premultiplied, null);
  }

  /** A 4-bit palette holding the quadrant colours among others. */
  private static IndexColorModel sixteenColours() {
    byte[] r = new byte[16];
    byte[] g = new byte[16];
    byte[] b = new byte[16];
    for (int i = 0; i < 16; i++) {
      int c = i < OPAQUE.length ? OPAQUE[i] : 0x111111 * i;
      r[i] = (byte) (c >> 16);
      g[i] = (byte) (c >> 8);
      b[i] = (byte) c;
    }
    return new IndexColorModel(4, 16, r, g, b);
  }

  /** The picture as ImageIO's PNG reader returns it after a PNG write (its own TYPE_CUSTOM). */
  private static BufferedImage viaPng(BufferedImage picture) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(picture, "png", png));
    return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
  }
}
