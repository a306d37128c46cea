package io.qingliu.ingest.hj212;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 28 packets of {@code hj212/samples.txt} (a copy of shared/data/hj212/samples.txt), by their id in that file's
 * README ("1"…"22", "C1"…"C6"), each as its line without the CR LF.
 */
final class Hj212Samples {

  /** The samples whose length and HJ 212 CRC both hold (README: 23 of 28). */
  static final List<String> VALID = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13", "14", "15",
      "16", "17", "18", "C1", "C2", "C3", "C4", "C5", "C6");

  private static final Pattern LABEL = Pattern.compile("^## \\[(\\w+)\\].*");
  private static final Pattern PACKET = Pattern.compile("^##\\d{4}.*");
  private static final Map<String, String> ALL = load();

  private Hj212Samples() {}

  static Map<String, String> all() {
    return ALL;
  }

  static String line(String id) {
    String s = ALL.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no sample " + id);
    }
    return s;
  }

  static byte[] frameBytes(String id) {
    return (line(id) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The data segment of a sample: between the 4 length digits and the 4 CRC digits. */
  static byte[] segment(String id) {
    byte[] b = line(id).getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOfRange(b, 6, b.length - 4);
  }

  private static Map<String, String> load() {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = Hj212Samples.class.getResourceAsStream("/hj212/samples.txt")) {
      if (in == null) {
        throw new IllegalStateException("hj212/samples.txt is not on the test classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String id = null;
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        Matcher m = LABEL.matcher(l);
        if (m.matches()) {
          id = m.group(1);
        } else if (PACKET.matcher(l).matches()) {
          if (id == null || out.putIfAbsent(id, l) != null) {
            throw new IllegalStateException("packet line without its own [id] label: " + l);
          }
          id = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(out);
  }
}
