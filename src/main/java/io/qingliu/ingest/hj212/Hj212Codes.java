package io.qingliu.ingest.hj212;

import io.qingliu.model.Parameter;
import java.util.Locale;
import java.util.Map;

/**
 * Pollutant codes of HJ 212 onto Qingliu's parameters, and the units devices send them in. 2017 codes are the
 * parameters' own ({@link Parameter#hj212Code()}); the 2005 edition's three-digit codes (Table B.1 brackets) are
 * mapped here. Codes Qingliu does not store (air codes, w01006 total hardness…) map to null and are reported as
 * unknown, not guessed.
 */
public final class Hj212Codes {

  private static final Map<String, Parameter> CODES_2005 = Map.of(
      "001", Parameter.PH,
      "011", Parameter.COD,
      "015", Parameter.TOC,
      "060", Parameter.NH3N,
      "065", Parameter.TN,
      "101", Parameter.TP,
      "B01", Parameter.FLOW);

  /** HJ 212-2017 Table B.1 gives these metals in µg/L; GB 3838 and Qingliu store mg/L. */
  private static final Map<Parameter, Double> DEFAULT_TO_CANONICAL = Map.of(
      Parameter.HG, 0.001, Parameter.CD, 0.001, Parameter.CR6, 0.001,
      Parameter.AS, 0.001, Parameter.PB, 0.001, Parameter.SE, 0.001);

  private Hj212Codes() {}

  /** The parameter of a 2017 or 2005 code, or null when Qingliu does not store it. */
  public static Parameter parameter(String code) {
    Parameter p = CODES_2005.get(code);
    return p != null ? p : Parameter.byKey(code);
  }

  /**
   * The factor that brings a device's value into the canonical unit: from the station's configured unit for the code
   * when there is one ({@code "mg/L"}, {@code "ug/L"} or {@code "µg/L"}), otherwise from the standard's default.
   */
  public static double toCanonical(Parameter p, String configuredUnit) {
    if (configuredUnit == null) {
      return DEFAULT_TO_CANONICAL.getOrDefault(p, 1.0);
    }
    return switch (configuredUnit.replace('µ', 'u').toLowerCase(Locale.ROOT)) {
      case "ug/l" -> 0.001;
      case "ng/l" -> 0.000_001;
      case "mg/l", "" -> 1.0;
      default -> throw new IllegalArgumentException("unknown unit '" + configuredUnit + "' for " + p.key()
          + ": use mg/L, ug/L or ng/L");
    };
  }
}
