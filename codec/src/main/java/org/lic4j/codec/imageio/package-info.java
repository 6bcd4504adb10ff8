/**
 * The ImageIO plugin for lic4j streams: {@code ImageIO.read(new File("photo.lic"))} and
 * {@code ImageIO.write(image, "lic", file)} work once the codec jar is on the class path.
 *
 * <p>Reading decodes with the default model (the one packed in the jar); a stream coded with
 * another model fails with {@link org.lic4j.bitstream.ModelMismatchException}. Writing takes its
 * quality from {@link javax.imageio.ImageWriteParam#setCompressionQuality} (0..1, 0.75 by
 * default). The model is opened once per JVM, on first use, and shared by every reader and
 * writer.
 */
package org.lic4j.codec.imageio;
