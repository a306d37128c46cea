package io.qingliu.model;

import java.util.Map;

/**
 * How a station's data logger speaks HJ 212.
 *
 * @param mn the device's MN (14 characters in 2005, 24 in 2017)
 * @param pw the access password the device sends as PW
 * @param legacyCrc accept CRC-16/MODBUS printed low byte first, as some real devices send (logged as non-conformant)
 * @param units the unit the device sends per pollutant code, where it differs from the standard's default
 */
public record Hj212Device(String mn, String pw, boolean legacyCrc, Map<String, String> units) {

  public Hj212Device {
    units = Map.copyOf(units);
  }
}
