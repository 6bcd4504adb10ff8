package org.lic4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The library modules' surfaces, read from their compiled {@code module-info}: what each exports to
 * everyone, and to whom it exports its inner packages. A package added to a module stays closed
 * unless module-info opens it, and this test names every export, so widening a surface is a
 * deliberate edit here too.
 */
class ModuleSurfaceTest {

  /** Every lic4j module on the class path (this test sees them all), by name. */
  private static Map<String, ModuleDescriptor> modules() throws IOException {
    Map<String, ModuleDescriptor> byName = new TreeMap<>();
    for (URL url : Collections.list(ModuleSurfaceTest.class.getClassLoader().getResources("module-info.class"))) {
      try (InputStream in = url.openStream()) {
        ModuleDescriptor d = ModuleDescriptor.read(in);
        if (d.name().startsWith("org.lic4j.")) {
          byName.put(d.name(), d);
        }
      }
    }
    return byName;
  }

  /** "package" for an export to everyone, "package -> module, module" for a qualified one. */
  private static Set<String> exports(ModuleDescriptor d) {
    Set<String> out = new TreeSet<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      out.add(e.isQualified() ? e.source() + " -> " + String.join(", ", new TreeSet<>(e.targets())) : e.source());
    }
    return out;
  }

  @Test
  void everyLibraryModuleExportsOnlyItsApi() throws IOException {
    Map<String, ModuleDescriptor> modules = modules();
    assertEquals(Set.of("org.lic4j.bitstream", "org.lic4j.entropy", "org.lic4j.transforms", "org.lic4j.codec",
        "org.lic4j.video", "org.lic4j.conformance"), modules.keySet());
    assertEquals(Set.of("org.lic4j.bitstream",
        "org.lic4j.bitstream.container -> org.lic4j.codec, org.lic4j.conformance, org.lic4j.video"),
        exports(modules.get("org.lic4j.bitstream")));
    assertEquals(Set.of("org.lic4j.entropy -> org.lic4j.codec, org.lic4j.video"), exports(modules.get("org.lic4j.entropy")));
    assertEquals(Set.of("org.lic4j.transforms -> org.lic4j.codec"), exports(modules.get("org.lic4j.transforms")));
    assertEquals(Set.of("org.lic4j.codec", "org.lic4j.codec.imageio",
        "org.lic4j.codec.conformance -> org.lic4j.conformance", "org.lic4j.codec.frame -> org.lic4j.video"),
        exports(modules.get("org.lic4j.codec")));
    assertEquals(Set.of("org.lic4j.video", "org.lic4j.video.conformance -> org.lic4j.conformance"),
        exports(modules.get("org.lic4j.video")));
    assertEquals(Set.of("org.lic4j.conformance"), exports(modules.get("org.lic4j.conformance")));
  }

  @Test
  void theCodecProvidesTheImageIoPlugin() throws IOException {
    Set<String> provided = new TreeSet<>();
    for (ModuleDescriptor.Provides p : modules().get("org.lic4j.codec").provides()) {
      provided.add(p.service() + " with " + String.join(", ", p.providers()));
    }
    assertEquals(Set.of("javax.imageio.spi.ImageReaderSpi with org.lic4j.codec.imageio.LicImageReaderSpi",
        "javax.imageio.spi.ImageWriterSpi with org.lic4j.codec.imageio.LicImageWriterSpi"), provided);
  }
}
