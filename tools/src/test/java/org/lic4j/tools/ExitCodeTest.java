package org.lic4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lic4j.bitstream.ChunkEntry;
import org.lic4j.bitstream.ChunkType;
import org.lic4j.bitstream.container.ContainerReader;
import org.lic4j.bitstream.container.ContainerWriter;
import org.lic4j.bitstream.ModelId;
import org.lic4j.bitstream.StreamHeader;

/**
 * Every exit code the README documents, each from the real command where a user can cause it:
 * 0 ok, 1 usage error, 2 bad input or corrupt stream (or any in a {@code --keep-going} batch), 3 I/O error, 4 internal error or out of
 * memory, 5 a stream failed {@code lic4j conform}. {@link CommandLineTest} covers more of each.
 */
class ExitCodeTest {
  private static final Path SUITE = ConformCommandTest.SUITE;

  @TempDir static Path shared;
  private static Path png;
  private static Path lic;

  @TempDir Path dir;

  @BeforeAll
  static void encodeOnce() throws IOException {
    png = CliRun.write(shared.resolve("picture.png"), CliRun.picture(64, 48, 2));
    lic = shared.resolve("picture.lic");
    CliRun.of("encode", "-q", "50", png.toString(), lic.toString()).assertOk();
  }

  @Test
  void zeroWhenEncodingWorks() throws IOException {
    Path out = dir.resolve("out.lic");
    CliRun.of("encode", png.toString(), out.toString()).assertOk();
    assertTrue(Files.size(out) > 0);
  }

  @Test
  void oneForAnUnknownOption() {
    CliRun.of("decode", "--no-such-option", lic.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.USAGE, "--no-such-option");
  }

  @Test
  void twoForACorruptStream() throws IOException {
    byte[] bytes = Files.readAllBytes(lic);
    bytes[bytes.length / 2] ^= 0x10;
    Path damaged = Files.write(dir.resolve("damaged.lic"), bytes);
    CliRun.of("decode", damaged.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, "damaged.lic");
    CliRun.of("info", damaged.toString()).assertFails(Failures.BAD_INPUT, "damaged.lic");
  }

  /** The stream the README's promise was broken for: it exited 3 (I/O error) before. */
  @Test
  void twoForAnUnknownMandatoryChunk() throws IOException {
    Path stream = Files.copy(SUITE.resolve("reject-unknown-mandatory.lic"), dir.resolve("reject-unknown-mandatory.lic"));
    CliRun.of("decode", stream.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, "reject-unknown-mandatory.lic: unknown mandatory chunk");
    CliRun.of("info", stream.toString()).assertFails(Failures.BAD_INPUT, "reject-unknown-mandatory.lic");
    assertEquals(List.of("reject-unknown-mandatory.lic"), CliRun.names(dir));
  }

  @Test
  void twoForAVersionTooNew() throws IOException {
    Path stream = Files.copy(SUITE.resolve("reject-major-2.lic"), dir.resolve("reject-major-2.lic"));
    CliRun.of("decode", stream.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, "format version 2.0 is too new");
    CliRun.of("info", stream.toString()).assertFails(Failures.BAD_INPUT, "reject-major-2.lic");
  }

  @Test
  void twoForAStreamOfAnotherModel() throws IOException {
    Path other = Files.write(dir.resolve("other.lic"), withModel(Files.readAllBytes(lic),
        ModelId.of("lic-image-v0", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")));
    CliRun.of("decode", other.toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, "other.lic: coded with model lic-image-v0 (sha256 0011223344556677...)");
    assertEquals(List.of("other.lic"), CliRun.names(dir));
  }

  @Test
  void twoWhenABatchKeptGoingPastABadFile() throws IOException {
    Path streams = Files.createDirectory(dir.resolve("streams"));
    Files.copy(lic, streams.resolve("good.lic"));
    Files.writeString(streams.resolve("bad.lic"), "not a stream");
    Path out = Files.createDirectory(dir.resolve("out"));
    CliRun r = CliRun.of("decode", "-d", out.toString(), "--keep-going", "--quiet", streams.toString());
    assertEquals(Failures.BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().startsWith("lic4j: " + streams.resolve("bad.lic") + ": "), r.err());
    assertTrue(Files.isRegularFile(out.resolve("good.png")), "the good file coded");
  }

  @Test
  void twoForAMissingInputFile() {
    CliRun.of("decode", dir.resolve("missing.lic").toString(), dir.resolve("out.png").toString())
        .assertFails(Failures.BAD_INPUT, "missing.lic: no such file");
  }

  @Test
  void threeWhenTheOutputFolderIsMissing() {
    Path out = dir.resolve("no-such-folder").resolve("out.png");
    CliRun.of("decode", lic.toString(), out.toString()).assertFails(Failures.IO, out.toString());
  }

  @Test
  void threeWhenTheOutputFolderCannotBeWritten() throws IOException {
    // A regular file where the folder should be: refused for root too, unlike permission bits.
    Path file = Files.writeString(dir.resolve("file"), "not a folder");
    CliRun.of("decode", lic.toString(), file.resolve("out.png").toString()).assertFails(Failures.IO, "out.png");
  }

  /** Internal errors cannot be caused from outside on purpose: the handler's classification. */
  @Test
  void fourForInternalErrorsAndOutOfMemory() {
    assertEquals(Failures.INTERNAL, Failures.exitCode(new OutOfMemoryError("Java heap space")));
    assertEquals(Failures.INTERNAL, Failures.exitCode(new IllegalStateException("a bug")));
    assertEquals(Failures.INTERNAL, Failures.exitCode(new NullPointerException()));
    assertEquals(4, Failures.INTERNAL);
  }

  @Test
  void fiveWhenAStreamFailsConform() throws IOException {
    JsonObject m = JsonParser.parseString(Files.readString(SUITE.resolve("manifest.json"))).getAsJsonObject();
    JsonArray kept = new JsonArray();
    for (JsonElement e : m.getAsJsonArray("streams")) {
      JsonObject o = e.getAsJsonObject();
      if (o.get("name").getAsString().equals("size-1x1")) {
        // The expected latents tampered with: the decoder is right, the suite says otherwise.
        String digest = o.get("latentSha256").getAsString();
        o.addProperty("latentSha256", (digest.charAt(0) == '0' ? "1" : "0") + digest.substring(1));
        kept.add(o);
        Files.copy(SUITE.resolve(o.get("file").getAsString()), dir.resolve(o.get("file").getAsString()));
        Files.copy(SUITE.resolve(o.get("reference").getAsString()), dir.resolve(o.get("reference").getAsString()));
      }
    }
    m.add("streams", kept);
    Files.writeString(dir.resolve("manifest.json"), m.toString(), StandardCharsets.UTF_8);
    CliRun r = CliRun.of("conform", dir.toString(), "--threads", "1");
    assertEquals(ConformCommand.NONCONFORMING, r.code(), r.err());
    assertEquals(5, r.code());
    assertTrue(r.out().matches("(?s).*size-1x1 +FAIL +DIFFER.*latents differ.*"), r.out());
  }

  /** {@code stream} with another model in its header, every checksum recomputed. */
  private static byte[] withModel(byte[] stream, ModelId model) throws IOException {
    ContainerReader reader = ContainerReader.read(stream, "original");
    StreamHeader header = reader.header().toBuilder().model(model).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContainerWriter writer = ContainerWriter.create(out, header)) {
      for (ChunkEntry entry : reader.chunks()) {
        byte[] data = reader.readData(entry);
        if (entry.type().equals(ChunkType.TILE)) {
          writer.writeTile(entry.tileIndex(), data);
        } else if (entry.type().equals(ChunkType.ALPH)) {
          writer.writeAlpha(entry.tileIndex(), data);
        } else {
          writer.writeChunk(entry.type(), data);
        }
      }
      writer.finish();
    }
    return out.toByteArray();
  }
}
