package org.lic4j.codec.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;
import org.lic4j.codec.TestPictures;

/**
 * What an app gets from two dependencies, {@code lic4j-codec} and {@code lic4j-model-image-v1}
 * (this module's test class path is exactly that): the default model from the model artifact, and
 * {@code ImageIO.read(file)} of a {@code .lic} with nothing configured. The codec's own jar carries
 * no model.
 */
class ModelArtifactTest {

  @Test
  void theDefaultModelComesFromTheModelArtifact() throws URISyntaxException {
    URL manifest = ImageModel.class.getClassLoader().getResource(ImageModel.DEFAULT_RESOURCE + "manifest.json");
    assertNotNull(manifest, "lic4j-model-image-v1 is on the test class path");
    assertTrue(manifest.toString().contains("model-image-v1"), manifest.toString());
    Path codecClasses = Path.of(ImageModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(codecClasses)) {
      assertFalse(Files.exists(codecClasses.resolve(ImageModel.DEFAULT_RESOURCE)), "the codec packs no model");
    }
  }

  @Test
  void theHandleDescribesTheDefaultModel() throws IOException {
    try (ImageModel model = ImageModel.open(CodecOptions.defaults())) {
      assertEquals("lic-image-v1", model.name());
      assertEquals(10, model.qualityLevels());
      assertTrue(model.trainingSteps() > 0, "the manifest records the training steps");
      assertEquals(model.name(), model.id().name());
      assertTrue(model.toString().startsWith("lic-image-v1 (" + model.contentHashHex().substring(0, 16)));
    }
  }

  @Test
  void imageIoReadsALicFileWithNoConfiguration(@TempDir Path dir) throws IOException {
    BufferedImage picture = TestPictures.colour(96, 64, 7).toBufferedImage();
    File file = dir.resolve("x.lic").toFile();
    assertTrue(ImageIO.write(picture, "lic", file));
    BufferedImage back = ImageIO.read(file);
    assertNotNull(back, "ImageIO found the lic4j reader");
    assertEquals(96, back.getWidth());
    assertEquals(64, back.getHeight());
  }
}
