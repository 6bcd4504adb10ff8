package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sksamuel.scrimage.ImmutableImage;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.PictureMetadata;
import org.lic4j.media.ImageFiles;
import org.lic4j.media.MetadataOptions;
import org.lic4j.media.Picture;

/**
 * A photo's metadata through the real command (issue 22, "Metadata"): a JPEG with Exif
 * (Orientation 6, written by TwelveMonkeys' TIFF writer, little-endian), an ICC profile and XMP is
 * encoded, shown by {@code info}, decoded back to JPEG and PNG with the same metadata; {@code
 * --metadata} picks, {@code --auto-orient} turns the pixels; a picture comes from standard input.
 */
class MetadataCommandLineTest {
  private static final int WIDTH = 80;
  private static final int HEIGHT = 48;
  /** Exif as cameras lay it out: the first directory right after the TIFF header, Orientation 6. */
  private static final byte[] CAMERA_EXIF_6 = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
      0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};

  @TempDir static Path shared;
  private static Path jpg;
  private static PictureMetadata metadata;

  @TempDir Path dir;

  @BeforeAll
  static void photo() throws IOException {
    metadata = PictureMetadata.of(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData(), exif(6),
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>".getBytes(StandardCharsets.UTF_8));
    jpg = shared.resolve("photo.jpg");
    Files.write(jpg, ImageFiles.encode(CliRun.picture(WIDTH, HEIGHT, 3), ImageFiles.Format.JPEG, metadata));
  }

  /** An Exif block as a camera's library writes it: Make and Orientation, little-endian. */
  private static byte[] exif(int orientation) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      out.setByteOrder(ByteOrder.LITTLE_ENDIAN);
      List<Entry> entries = List.of(new TIFFEntry(TIFF.TAG_MAKE, "lic4j"),
          new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, orientation));
      new TIFFWriter().write(entries, out);
    }
    return bytes.toByteArray();
  }

  @Test
  void aPhotoKeepsItsMetadataThroughEncodeAndDecode() throws IOException {
    assertEquals(6, metadata.orientation(), "the fixture's orientation, as our reader sees TwelveMonkeys' Exif");
    Path lic = dir.resolve("photo.lic");
    CliRun.of("encode", "-q", "50", jpg.toString(), lic.toString()).assertOk();
    assertEquals(metadata, PictureMetadata.read(Files.readAllBytes(lic), "photo.lic"));

    String info = CliRun.of("info", lic.toString()).assertOk().out();
    assertTrue(info.contains("metadata:    ICC " + metadata.iccProfile().length + " bytes (\""), info);
    assertTrue(info.contains("EXIF " + metadata.exif().length + " bytes (orientation 6), XMP"), info);
    assertTrue(info.contains("  iccp ") && info.contains("  exif ") && info.contains("  text "), info);

    for (String name : List.of("back.jpg", "back.png")) {
      Path back = dir.resolve(name);
      CliRun.of("decode", lic.toString(), back.toString()).assertOk();
      Picture read = ImageFiles.read(back, MetadataOptions.ALL);
      assertEquals(metadata, read.metadata(), name);
      assertEquals(WIDTH, read.image().width(), name + ": pixels as stored");
    }
    CliRun bmp = CliRun.of("decode", lic.toString(), dir.resolve("back.bmp").toString()).assertOk();
    assertTrue(bmp.err().contains("is not written: bmp holds none"), bmp.err());
  }

  @Test
  void metadataOptionPicksTheParts() throws IOException {
    Path none = dir.resolve("none.lic");
    CliRun r = CliRun.of("encode", "--metadata", "none", jpg.toString(), none.toString()).assertOk();
    assertTrue(r.err().contains("Exif orientation 6 not kept"), r.err());
    assertTrue(PictureMetadata.read(Files.readAllBytes(none), "none.lic").isEmpty());
    assertTrue(CliRun.of("info", none.toString()).assertOk().out().contains("metadata:    none"));

    Path exifOnly = dir.resolve("exif.lic");
    CliRun.of("encode", "--metadata", "exif,xmp", jpg.toString(), exifOnly.toString()).assertOk();
    assertEquals(metadata.select(false, true, true), PictureMetadata.read(Files.readAllBytes(exifOnly), "exif.lic"));

    CliRun.of("encode", "--metadata", "gps", jpg.toString(), dir.resolve("x.lic").toString())
        .assertFails(Failures.USAGE, "unknown kind 'gps'");
  }

  @Test
  void autoOrientTurnsThePixelsAndSetsTheTag() throws IOException {
    Path lic = dir.resolve("turned.lic");
    CliRun r = CliRun.of("encode", "--auto-orient", jpg.toString(), lic.toString()).assertOk();
    assertTrue(r.err().contains("Exif orientation 6 applied to the pixels"), r.err());
    String info = CliRun.of("info", lic.toString()).assertOk().out();
    assertTrue(info.contains("picture:     " + HEIGHT + "x" + WIDTH), info);
    assertTrue(info.contains("(orientation 1)"), info);
  }

  /**
   * Thumbnailator reads the Exif orientation only from a reader's JPEG metadata tree
   * (javax_imageio_jpeg_image_1.0, its APP1 segment), which our reader offers as an extra format:
   * the thumbnail of a stream with orientation 6 comes out turned, as the JPEG's does. Its parser
   * expects the first directory right after the TIFF header, as cameras write it; TwelveMonkeys'
   * writer puts the values first (this class's fixture), and then it turns neither the JPEG nor the
   * stream (docs/metadata.md).
   */
  @Test
  void thumbnailatorTurnsAStreamByItsOrientation() throws IOException {
    Path camera = dir.resolve("camera.jpg");
    Files.write(camera, ImageFiles.encode(CliRun.picture(WIDTH, HEIGHT, 3), ImageFiles.Format.JPEG,
        PictureMetadata.of(null, CAMERA_EXIF_6, null)));
    assertEquals(HEIGHT, Thumbnails.of(camera.toFile()).scale(1).asBufferedImage().getWidth(), "as it turns the JPEG");
    Path kept = dir.resolve("camera.lic");
    CliRun.of("encode", camera.toString(), kept.toString()).assertOk();
    BufferedImage thumb = Thumbnails.of(kept.toFile()).scale(1).asBufferedImage();
    assertEquals(HEIGHT, thumb.getWidth(), "turned by the tag");
    assertEquals(WIDTH, thumb.getHeight());
    assertEquals(WIDTH, Thumbnails.of(kept.toFile()).scale(1).useExifOrientation(false).asBufferedImage().getWidth(),
        "as stored when asked not to turn");

    Path turned = dir.resolve("turned.lic");
    CliRun.of("encode", "--auto-orient", camera.toString(), turned.toString()).assertOk();
    assertEquals(HEIGHT, Thumbnails.of(turned.toFile()).scale(1).asBufferedImage().getWidth(), "turned once, not twice");

    Path values = dir.resolve("values-first.lic");
    CliRun.of("encode", jpg.toString(), values.toString()).assertOk();
    assertEquals(WIDTH, Thumbnails.of(jpg.toFile()).scale(1).asBufferedImage().getWidth(), "its parser's limit");
    assertEquals(WIDTH, Thumbnails.of(values.toFile()).scale(1).asBufferedImage().getWidth(), "the same for the stream");
  }

  /**
   * Scrimage reads the pixels through ImageIO (our plugin) but the orientation with
   * metadata-extractor from the file's bytes, which knows no lic4j stream: it turns the JPEG, not
   * the stream (docs/metadata.md). Encode with --auto-orient for it.
   */
  @Test
  void scrimageReadsAStreamButNotItsOrientation() throws IOException {
    ImmutableImage photo = ImmutableImage.loader().fromFile(jpg.toFile());
    assertEquals(HEIGHT, photo.width, "Scrimage turns the JPEG");
    Path kept = dir.resolve("kept.lic");
    CliRun.of("encode", jpg.toString(), kept.toString()).assertOk();
    ImmutableImage stream = ImmutableImage.loader().fromFile(kept.toFile());
    assertEquals(WIDTH, stream.width, "read through our plugin, as stored");
    assertTrue(stream.getMetadata().getOrientation().isEmpty(), "metadata-extractor finds no Exif in a .lic");
    Path turned = dir.resolve("turned.lic");
    CliRun.of("encode", "--auto-orient", jpg.toString(), turned.toString()).assertOk();
    assertEquals(HEIGHT, ImmutableImage.loader().fromFile(turned.toFile()).width);
  }

  @Test
  void aPictureFromStandardInput() throws IOException {
    Path lic = dir.resolve("stdin.lic");
    CliRun.withStdin(Files.readAllBytes(jpg), "encode", "-", lic.toString()).assertOk();
    assertEquals(metadata, PictureMetadata.read(Files.readAllBytes(lic), "stdin.lic"));

    CliRun.withStdin(new byte[0], "encode", "-", dir.resolve("empty.lic").toString())
        .assertFails(Failures.BAD_INPUT, "standard input");
    CliRun.withStdin("hello, not a picture".getBytes(StandardCharsets.UTF_8), "encode", "-",
        dir.resolve("text.lic").toString()).assertFails(Failures.BAD_INPUT, "standard input");
    assertEquals(List.of("stdin.lic"), CliRun.names(dir));
  }
}
