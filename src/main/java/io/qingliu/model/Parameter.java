package io.qingliu.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The measured parameters Qingliu stores in their own column, with the short name stations use, the HJ 212-2017
 * code (Table B.1) and the canonical unit (GB 3838 units: mg/L unless stated).
 *
 * <p>The ordinal is the index into {@link Reading#values()} and the column order of the readings table, so new
 * parameters are appended, never inserted.
 */
public enum Parameter {
  PH("ph", "w01001", "", false),
  DO("do", "w01009", "mg/L", false),
  TEMP("temp", "w01010", "°C", true),
  COND("cond", "w01014", "µS/cm", false),
  TURB("turb", "w01003", "NTU", false),
  CODMN("codmn", "w01019", "mg/L", false),
  COD("cod", "w01018", "mg/L", false),
  BOD5("bod5", "w01017", "mg/L", false),
  TOC("toc", "w01020", "mg/L", false),
  NH3N("nh3n", "w21003", "mg/L", false),
  TP("tp", "w21011", "mg/L", false),
  TN("tn", "w21001", "mg/L", false),
  FLOW("flow", "w00000", "L/s", true),
  CHLA("chla", "w01016", "mg/L", false),
  CU("cu", "w20122", "mg/L", false),
  ZN("zn", "w20123", "mg/L", false),
  // Metals HJ 212 sends in µg/L by default (Table B.1); stored, like GB 3838, in mg/L.
  HG("hg", "w20111", "mg/L", false),
  CD("cd", "w20115", "mg/L", false),
  CR6("cr6", "w20117", "mg/L", false),
  AS("as", "w20119", "mg/L", false),
  PB("pb", "w20120", "mg/L", false),
  SE("se", "w20128", "mg/L", false);

  public static final int COUNT = values().length;
  private static final Parameter[] ALL = values();
  private static final Map<String, Parameter> BY_KEY = new HashMap<>();

  static {
    for (Parameter p : ALL) {
      BY_KEY.put(p.key, p);
      BY_KEY.put(p.hj212, p);
    }
  }

  private final String key;
  private final String hj212;
  private final String unit;
  private final boolean context;

  Parameter(String key, String hj212, String unit, boolean context) {
    this.key = key;
    this.hj212 = hj212;
    this.unit = unit;
    this.context = context;
  }

  /** The short name used in JSON payloads and the API ({@code nh3n}). */
  public String key() {
    return key;
  }

  public String hj212Code() {
    return hj212;
  }

  public String unit() {
    return unit;
  }

  /** Context parameters (temperature, flow) inform checks but never raise water-quality alerts themselves. */
  public boolean isContext() {
    return context;
  }

  /** The readings-table column; prefixed because {@code do} is an SQL keyword. */
  public String column() {
    return "v_" + key;
  }

  public static Parameter byOrdinal(int ordinal) {
    return ALL[ordinal];
  }

  /** Looks up a short name or an HJ 212-2017 code (case-insensitive); null when unknown. */
  public static Parameter byKey(String key) {
    Parameter p = BY_KEY.get(key);
    return p != null ? p : BY_KEY.get(key.toLowerCase(Locale.ROOT));
  }
}
