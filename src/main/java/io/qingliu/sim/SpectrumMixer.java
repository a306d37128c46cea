package io.qingliu.sim;

import io.qingliu.model.Eem;
import io.qingliu.tracing.EemGrid;
import io.qingliu.tracing.Spectrum;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * A simulated station spectrum in the exchange format: a river sample on its instrument's grid plus a fraction of a
 * discharge, with 2 % noise cell by cell, as the shared benchmark builds its cases.
 */
public final class SpectrumMixer {

  private SpectrumMixer() {}

  /**
   * @param river a river sample whose grid points lie on {@code source}'s grid (the canonical grid holds the
   *     common 5 nm / 2 nm instruments' grids)
   * @param source the discharge, preprocessed (null: none); where it has no value it adds nothing
   * @param f the discharge's volume fraction
   */
  public static JsonObject mix(Eem river, Spectrum source, double f, Random noise) {
    EemGrid g = source == null ? null : source.grid();
    JsonArray rows = new JsonArray();
    for (int i = 0; i < river.ex().length; i++) {
      int si = g == null ? -1 : index(g.exWavelengths(), river.ex()[i]);
      JsonArray row = new JsonArray();
      for (int j = 0; j < river.em().length; j++) {
        float b = river.at(i, j);
        if (Float.isNaN(b)) {
          row.addNull();
          continue;
        }
        int sj = g == null ? -1 : index(g.emWavelengths(), river.em()[j]);
        float s = si < 0 || sj < 0 ? Float.NaN : source.at(si, sj);
        double v = (b + (Float.isNaN(s) ? 0 : f * s)) * (1 + 0.02 * noise.nextGaussian());
        row.add(Math.round(v * 1e5) / 1e5);
      }
      rows.add(row);
    }
    JsonArray ex = new JsonArray();
    JsonArray em = new JsonArray();
    for (float x : river.ex()) {
      ex.add(x);
    }
    for (float x : river.em()) {
      em.add(x);
    }
    return new JsonObject().put("instrument", river.instrument()).put("units", river.units()).put("ex", ex)
        .put("em", em).put("intensity", rows);
  }

  /** The index of a wavelength on an axis (within 0.01 nm), or -1. */
  private static int index(float[] axis, float nm) {
    for (int k = 0; k < axis.length; k++) {
      if (Math.abs(axis[k] - nm) < 0.01f) {
        return k;
      }
    }
    return -1;
  }
}
