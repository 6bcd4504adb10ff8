package org.lic4j.spark;

import org.lic4j.media.ImageFiles;

/** Which way a job codes: pictures to streams, or streams back to pictures. */
enum Direction {
  ENCODE("encoded", ImageFiles.INPUT_SUFFIXES),
  DECODE("decoded", new String[] {"lic"});

  private final String verb;
  private final String[] inputSuffixes;

  Direction(String verb, String[] inputSuffixes) {
    this.verb = verb;
    this.inputSuffixes = inputSuffixes;
  }

  /** "encoded" or "decoded", for the summary. */
  String verb() {
    return verb;
  }

  /** The names (by suffix) of the files this direction codes; other files are ignored. */
  String[] inputSuffixes() {
    return inputSuffixes.clone();
  }
}
