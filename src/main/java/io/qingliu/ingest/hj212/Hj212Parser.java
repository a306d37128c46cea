package io.qingliu.ingest.hj212;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses an HJ 212 data segment (what lies between the length and the CRC). Header fields are read by key in any order
 * ({@code QN ST CN PW MN Flag PNUM PNO CP}), joined by {@code ;}; unknown header fields are ignored. The CP is
 * {@code &&…&&} holding items joined by {@code ;}, fields of an item by {@code ,}, key and value by {@code =}. A key
 * repeated with the same value is tolerated; with a different value the segment is ambiguous and refused. It checks
 * no CRC and no length: framing is {@link Hj212Framer}'s and {@link Hj212Frames}'s job.
 */
public final class Hj212Parser {

  private Hj212Parser() {}

  public static Hj212Packet parse(byte[] segment, int off, int len) throws Hj212Exception {
    Objects.checkFromIndexSize(off, len, segment.length);
    String s = utf8(segment, off, len);
    Map<String, String> header = new LinkedHashMap<>();
    String cp = null;
    int n = s.length();
    int pos = 0;
    while (pos < n) {
      if (s.startsWith("CP=", pos)) {
        int open = pos + 3;
        if (!s.startsWith("&&", open)) {
          throw malformed("CP is not wrapped in &&…&&");
        }
        int close = closingAmpersands(s, open + 2);
        if (close < 0) {
          throw malformed("CP has no closing && (followed by ; or the end of the segment)");
        }
        String content = s.substring(open + 2, close);
        if (cp != null && !cp.equals(content)) {
          throw malformed("two different CP fields");
        }
        cp = content;
        pos = close + 3;   // past "&&" and the ';' if any
        continue;
      }
      int semi = s.indexOf(';', pos);
      int end = semi < 0 ? n : semi;
      String field = s.substring(pos, end);
      pos = end + 1;
      if (field.isEmpty()) {
        continue;   // ";;" or a trailing ';' carry nothing
      }
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw malformed("header field '" + clip(field) + "' is not KEY=value");
      }
      put(header, field.substring(0, eq), field.substring(eq + 1), "header field ", null);
    }

    String cn = header.get("CN");
    String mn = header.get("MN");
    if (mn == null || mn.isEmpty()) {
      throw new Hj212Exception(Hj212Error.MISSING_FIELD, "no MN");
    }
    if (cn == null || cn.isEmpty()) {
      throw new Hj212Exception(Hj212Error.MISSING_FIELD, "no CN");
    }
    if (cp == null) {
      throw new Hj212Exception(Hj212Error.MISSING_FIELD, "no CP=&&…&&");
    }
    Integer flag = number(header.get("Flag"), "Flag", 255);
    Integer pnum = number(header.get("PNUM"), "PNUM", 9999);
    Integer pno = number(header.get("PNO"), "PNO", 9999);
    if ((pnum == null) != (pno == null)) {
      throw malformed(pnum == null ? "PNO without PNUM" : "PNUM without PNO");
    }
    // Checked here because a reassembler counting parts would otherwise complete an upload on a bogus part number.
    if (pnum != null && (pnum < 1 || pno < 1 || pno > pnum)) {
      throw malformed("PNO=" + pno + " is not within 1…PNUM=" + pnum);
    }

    Map<String, Map<String, String>> items = new LinkedHashMap<>();
    Map<String, String> cpFields = new LinkedHashMap<>();
    Map<String, String> dataTime = new LinkedHashMap<>(1);
    for (String item : cp.split(";", -1)) {
      for (String field : item.split(",", -1)) {
        if (field.isEmpty()) {
          continue;
        }
        int eq = field.indexOf('=');
        if (eq <= 0) {
          throw malformed("CP field '" + clip(field) + "' is not key=value");
        }
        String key = field.substring(0, eq);
        String value = field.substring(eq + 1);
        int dash = key.lastIndexOf('-');
        if ("DataTime".equals(key)) {
          put(dataTime, key, value, "CP key ", null);
        } else if (dash < 0) {
          put(cpFields, key, value, "CP key ", null);
        } else if (dash == 0 || dash == key.length() - 1) {
          throw malformed("CP key '" + clip(key) + "' is not <code>-<suffix>");
        } else {
          // Split at the LAST '-': the suffix never contains one, a (provincial) code might.
          String code = key.substring(0, dash);
          put(items.computeIfAbsent(code, c -> new LinkedHashMap<>()), key.substring(dash + 1), value, "CP key ", key);
        }
      }
    }
    List<Hj212Packet.Item> list = new ArrayList<>(items.size());
    items.forEach((code, fields) -> list.add(new Hj212Packet.Item(code, fields)));
    return new Hj212Packet(header.get("QN"), header.get("ST"), cn, header.get("PW"), mn, flag, pnum, pno, cp,
        dataTime.get("DataTime"), list, cpFields);
  }

  /** The closing "&&" of a CP opened before {@code from}: the first one followed by ';' or the end. */
  private static int closingAmpersands(String s, int from) {
    int i = s.indexOf("&&", from);
    while (i >= 0) {
      int after = i + 2;
      if (after == s.length() || s.charAt(after) == ';') {
        return i;
      }
      i = s.indexOf("&&", i + 1);
    }
    return -1;
  }

  private static void put(Map<String, String> map, String key, String value, String what, String shownKey)
      throws Hj212Exception {
    String old = map.putIfAbsent(key, value);
    if (old != null && !old.equals(value)) {
      throw malformed(what + "'" + clip(shownKey != null ? shownKey : key) + "' appears twice with different values");
    }
  }

  private static Integer number(String text, String key, int max) throws Hj212Exception {
    if (text == null) {
      return null;
    }
    if (text.isEmpty() || text.length() > 9) {
      throw malformed(key + "='" + clip(text) + "' is not a number");
    }
    int v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw malformed(key + "='" + clip(text) + "' is not a number");
      }
      v = v * 10 + (c - '0');
    }
    if (v > max) {
      throw malformed(key + "=" + v + " is above " + max);
    }
    return v;
  }

  /**
   * Strict UTF-8: the standard's text is UTF-8, and the segment passed its CRC, so invalid bytes were sent that way.
   * Refusing them is visible; replacing them with U+FFFD would silently change what the device said.
   */
  private static String utf8(byte[] b, int off, int len) throws Hj212Exception {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = d.decode(ByteBuffer.wrap(b, off, len));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw malformed("the data segment is not valid UTF-8");
    }
  }

  private static Hj212Exception malformed(String detail) {
    return new Hj212Exception(Hj212Error.MALFORMED, detail);
  }

  /** Device text quoted in a detail, cut short: details end up in logs and reject records. */
  static String clip(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 41));
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);   // no CR/LF or escapes smuggled into log lines
    }
    return s.length() <= 40 ? b.toString() : b.append('…').toString();
  }
}
