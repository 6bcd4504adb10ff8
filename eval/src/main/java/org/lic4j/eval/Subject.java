package org.lic4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.lic4j.codec.RgbImage;

/**
 * One picture under test, with the files the classical encoders read made once per picture in its
 * own work folder.
 */
final class Subject {
  private final String name;
  private final RgbImage image;
  private final Path dir;
  private final Map<String, Object> derived = new HashMap<>();

  Subject(String name, RgbImage image, Path dir) {
    this.name = name;
    this.image = image;
    this.dir = dir;
  }

  /** The file name, without folder. */
  String name() {
    return name;
  }

  RgbImage image() {
    return image;
  }

  long pixels() {
    return (long) image.width() * image.height();
  }

  /** The picture as 8-bit binary PPM. */
  Path ppm() throws IOException {
    return derived("ppm", () -> {
      Path p = dir.resolve("source.ppm");
      Pictures.writePpm(image, p);
      return p;
    });
  }

  /** The picture as PNG (for avifenc, which reads no PPM). */
  Path png() throws IOException {
    return derived("png", () -> {
      Path p = dir.resolve("source.png");
      Pictures.writePng(image, p);
      return p;
    });
  }

  Path dir() {
    return dir;
  }

  interface Maker<T> {
    T make() throws IOException;
  }

  /** A value made from the picture once, under {@code key}, and kept for the other settings. */
  @SuppressWarnings("unchecked")
  synchronized <T> T derived(String key, Maker<T> maker) throws IOException {
    Object v = derived.get(key);
    if (v == null) {
      v = maker.make();
      derived.put(key, v);
    }
    return (T) v;
  }
}
