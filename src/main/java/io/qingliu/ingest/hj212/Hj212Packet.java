package io.qingliu.ingest.hj212;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed HJ 212 data segment. Values are kept as the raw text the device sent; interpreting them (numbers, units,
 * times) is the caller's business. Fields the 2005 edition lacks (QN, Flag) are null, as are ST and PW when absent.
 *
 * @param qn the request number (transaction id), null when absent (2005 senders)
 * @param st the system code, null when absent
 * @param cn the command code, never null
 * @param pw the password, null when absent
 * @param mn the device (data logger) number, never null
 * @param flag the Flag byte ({@code V5…V0 D A}), null when absent (2005 senders)
 * @param pnum the number of parts of a split upload, null when not split
 * @param pno this part's number (1-based), null when not split
 * @param cpRaw the text between {@code CP=&&} and {@code &&}
 * @param dataTime the CP's {@code DataTime=} as sent, null when absent
 * @param items one item per pollutant code, in CP order
 * @param cpFields CP keys without a {@code -} other than DataTime ({@code RtdInterval}, {@code QnRtn}…), in CP order
 */
public record Hj212Packet(String qn, String st, String cn, String pw, String mn, Integer flag, Integer pnum,
    Integer pno, String cpRaw, String dataTime, List<Item> items, Map<String, String> cpFields) {

  /**
   * The fields of one pollutant code.
   *
   * @param code the part of the key before its last {@code -} ({@code w01018}, {@code 011}, {@code B01})
   * @param fields suffix ({@code Rtd}, {@code Avg}, {@code Flag}, {@code SampleTime}, unknown ones too) to raw value,
   *     in CP order
   */
  public record Item(String code, Map<String, String> fields) {
    public Item {
      Objects.requireNonNull(code, "code");
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  public Hj212Packet {
    Objects.requireNonNull(cn, "cn");
    Objects.requireNonNull(mn, "mn");
    Objects.requireNonNull(cpRaw, "cpRaw");
    items = List.copyOf(items);
    cpFields = Collections.unmodifiableMap(new LinkedHashMap<>(cpFields));
  }

  /** Flag bit A (bit 0): the sender waits for an answer (9014 for data uploads). */
  public boolean ackRequested() {
    return flag != null && (flag & 1) != 0;
  }

  /** Flag bit D (bit 1), or PNUM/PNO present (2005 senders split without a Flag). */
  public boolean split() {
    return (flag != null && (flag & 2) != 0) || pnum != null || pno != null;
  }

  /** The Flag's version bits (0 = 2005, 1 = 2017, 2 = surface-water/2025 variant…), or -1 when there is no Flag. */
  public int version() {
    return flag == null ? -1 : flag >> 2;
  }

  /** The item of a pollutant code, or null when the CP has none. */
  public Item item(String code) {
    for (Item i : items) {
      if (i.code.equals(code)) {
        return i;
      }
    }
    return null;
  }
}
