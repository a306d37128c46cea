package io.qingliu.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Whole HJ 212 frames: decoding one that arrived in one piece (an MQTT message, an HTTP body), and building frames,
 * among them the 9014 data answer.
 */
public final class Hj212Frames {

  /**
   * A decoded frame and how its CRC matched.
   *
   * @param crc {@link Hj212Crc.CrcCheck#OK}, or {@link Hj212Crc.CrcCheck#LEGACY_MODBUS} when it was allowed and used
   */
  public record Decoded(Hj212Packet packet, Hj212Crc.CrcCheck crc) {}

  /** The largest data segment a 4-digit length can declare. */
  public static final int MAX_SEGMENT = 9999;

  private Hj212Frames() {}

  /** {@link #decodeDetailed} of the frame's UTF-8 bytes, answering the packet. */
  public static Hj212Packet decode(String line, boolean acceptLegacyModbus) throws Hj212Exception {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return decodeDetailed(b, 0, b.length, acceptLegacyModbus).packet();
  }

  /** {@link #decodeDetailed} of the whole array, answering the packet. */
  public static Hj212Packet decode(byte[] frame, boolean acceptLegacyModbus) throws Hj212Exception {
    return decodeDetailed(frame, 0, frame.length, acceptLegacyModbus).packet();
  }

  /**
   * Decodes one whole frame ({@code ##LLLL…CRC}, the trailing CR LF optional): the header, the declared length against
   * the segment's length in bytes, the CRC, then the segment.
   *
   * @param acceptLegacyModbus whether CRC-16/MODBUS printed low byte first is accepted (a per-device legacy switch)
   * @throws Hj212Exception BAD_HEADER, BAD_LENGTH, BAD_CRC, or the parser's MALFORMED/MISSING_FIELD
   */
  public static Decoded decodeDetailed(byte[] frame, int off, int len, boolean acceptLegacyModbus)
      throws Hj212Exception {
    Objects.checkFromIndexSize(off, len, frame.length);
    if (len >= 2 && frame[off + len - 2] == '\r' && frame[off + len - 1] == '\n') {
      len -= 2;
    }
    if (len < 2 || frame[off] != '#' || frame[off + 1] != '#') {
      throw new Hj212Exception(Hj212Error.BAD_HEADER, "the frame does not start with ##");
    }
    if (len < 6 + 4) {
      throw new Hj212Exception(Hj212Error.BAD_HEADER, "only " + len + " bytes: too short for ##, a 4-digit length"
          + " and a 4-digit CRC");
    }
    int declared = 0;
    for (int k = off + 2; k < off + 6; k++) {
      int c = frame[k];
      if (c < '0' || c > '9') {
        throw new Hj212Exception(Hj212Error.BAD_LENGTH, "the length field is not 4 decimal digits");
      }
      declared = declared * 10 + (c - '0');
    }
    int segOff = off + 6;
    int actual = len - 6 - 4;
    if (declared != actual) {
      // Chinese text is UTF-8: a sender counting characters instead of bytes is off by the multi-byte ones.
      int chars = new String(frame, segOff, actual, StandardCharsets.UTF_8).length();
      throw new Hj212Exception(Hj212Error.BAD_LENGTH, "declared " + declared + ", but the data segment is " + actual
          + " bytes" + (chars == declared ? " (" + chars + " characters: the length counts bytes)" : ""));
    }
    String crcHex = new String(frame, segOff + actual, 4, StandardCharsets.ISO_8859_1);
    Hj212Crc.CrcCheck crc = Hj212Crc.check(frame, segOff, actual, crcHex, acceptLegacyModbus);
    if (crc == Hj212Crc.CrcCheck.BAD) {
      throw new Hj212Exception(Hj212Error.BAD_CRC, "expected " + Hj212Crc.toHex(Hj212Crc.hj212(frame, segOff, actual))
          + ", given '" + Hj212Parser.clip(crcHex) + "'");
    }
    return new Decoded(Hj212Parser.parse(frame, segOff, actual), crc);
  }

  /**
   * The whole frame of a data segment: {@code ##}, its length in bytes, the segment, its HJ 212 CRC, CR LF.
   *
   * @throws IllegalArgumentException when the segment is longer than {@value #MAX_SEGMENT} bytes
   */
  public static String frame(String segment) {
    byte[] b = segment.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_SEGMENT) {
      throw new IllegalArgumentException("a data segment of " + b.length + " bytes does not fit a 4-digit length");
    }
    return String.format("##%04d", b.length) + segment + Hj212Crc.toHex(Hj212Crc.hj212(b, 0, b.length)) + "\r\n";
  }

  /**
   * The 9014 data answer to an upload, CR LF included:
   * {@code ##0087QN=<its QN>;ST=91;CN=9014;PW=<its PW>;MN=<its MN>;Flag=4;CP=&&&&<CRC>}. Every part of a split upload
   * is answered on its own QN (Table C.50). A field the upload lacked (QN, PW) is left out of the answer.
   */
  public static String dataAnswer(Hj212Packet p) {
    StringBuilder s = new StringBuilder(96);
    if (p.qn() != null) {
      s.append("QN=").append(p.qn()).append(';');
    }
    s.append("ST=91;CN=9014;");
    if (p.pw() != null) {
      s.append("PW=").append(p.pw()).append(';');
    }
    // Flag=4: version bits 000001 (2017), no answer wanted — as the standard's examples and domain.md give it.
    s.append("MN=").append(p.mn()).append(";Flag=4;CP=&&&&");
    return frame(s.toString());
  }
}
