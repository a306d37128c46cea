package io.qingliu.ingest.hj212;

import java.util.Objects;

/**
 * The HJ 212-2017 CRC (Appendix A) and the CRC-16/MODBUS some devices send instead. Both use the reflected polynomial
 * 0xA001 and start at 0xFFFF with no final XOR; they differ only in how each byte enters the register: HJ 212 does
 * {@code crc = (crc >>> 8) ^ byte}, MODBUS does {@code crc ^= byte}. The standard's vector gives 0x1C80 (MODBUS 0x0759).
 */
public final class Hj212Crc {

  /** How the four CRC digits of a frame relate to its data segment. */
  public enum CrcCheck {
    /** The HJ 212 CRC, as the standard requires. */
    OK,
    /** CRC-16/MODBUS printed low byte first (a known device deviation), accepted only when the caller allows it. */
    LEGACY_MODBUS,
    /** Neither: the segment or the CRC was damaged, or the digits are not 4 hex digits. */
    BAD
  }

  private Hj212Crc() {}

  /** The HJ 212-2017 Appendix A CRC of {@code len} bytes from {@code off}. */
  public static int hj212(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    int crc = 0xFFFF;
    for (int i = off; i < off + len; i++) {
      // Appendix A shifts the high byte down and XORs the data byte into that, unlike MODBUS.
      crc = (crc >>> 8) ^ (b[i] & 0xFF);
      for (int j = 0; j < 8; j++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /** CRC-16/MODBUS of {@code len} bytes from {@code off}. */
  public static int modbus(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    int crc = 0xFFFF;
    for (int i = off; i < off + len; i++) {
      crc ^= b[i] & 0xFF;
      for (int j = 0; j < 8; j++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /** A CRC as a frame carries it: 4 upper-case hex digits, high byte first. */
  public static String toHex(int crc) {
    return String.format("%04X", crc & 0xFFFF);
  }

  /**
   * Checks the CRC digits a frame carried against its data segment.
   *
   * @param crcHex the 4 digits as sent (either case); anything else is {@link CrcCheck#BAD}
   * @param acceptLegacyModbus whether a device configured as non-conformant may send CRC-16/MODBUS, low byte first
   */
  public static CrcCheck check(byte[] segment, int off, int len, String crcHex, boolean acceptLegacyModbus) {
    int given = parseHex4(crcHex);
    if (given < 0) {
      return CrcCheck.BAD;
    }
    if (given == hj212(segment, off, len)) {
      return CrcCheck.OK;
    }
    if (acceptLegacyModbus) {
      int m = modbus(segment, off, len);
      // Those devices print the register's low byte first: MODBUS 0xECA6 arrives as "A6EC".
      int swapped = ((m & 0xFF) << 8) | (m >>> 8);
      if (given == swapped) {
        return CrcCheck.LEGACY_MODBUS;
      }
    }
    return CrcCheck.BAD;
  }

  /** Exactly 4 hex digits as a value, else -1. (Integer.parseInt would also take a sign: "+1A2", "-001".) */
  static int parseHex4(String s) {
    if (s == null || s.length() != 4) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = s.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0'
          : c >= 'A' && c <= 'F' ? c - 'A' + 10
          : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;   // ASCII only: Character.digit takes full-width digits too
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
