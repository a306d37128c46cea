package io.qingliu.tracing;

/**
 * Fills interior gaps (scatter cuts) of a reference spectrum by linear interpolation in wavelength, first along
 * emission within each excitation row, then along excitation within each emission column (the staRdom
 * {@code eem_interp} / drEEM practice). Nothing is extrapolated: gaps touching an edge stay missing.
 *
 * <p>Only library references are filled, so that every reference covers every cell a station measures; station
 * samples are never filled.
 */
public final class GapFiller {

  public Spectrum apply(Spectrum in) {
    in.corrections().forbid(Correction.RESAMPLED, "fill gaps on the instrument grid");
    EemGrid g = in.grid();
    float[] v = in.values();
    int nx = g.exCount();
    int nm = g.emCount();
    float[] em = g.emWavelengths();
    float[] ex = g.exWavelengths();
    for (int i = 0; i < nx; i++) {
      fillLine(v, i * nm, 1, nm, em);
    }
    for (int j = 0; j < nm; j++) {
      fillLine(v, j, nm, nx, ex);
    }
    return in.next(g, v, Correction.GAPS_FILLED);
  }

  /** Fills NaN runs between two valid points of the line {@code v[start + k * stride]}, k < n. */
  static void fillLine(float[] v, int start, int stride, int n, float[] w) {
    int prev = -1;
    for (int k = 0; k < n; k++) {
      if (Float.isNaN(v[start + k * stride])) {
        continue;
      }
      if (prev >= 0 && k - prev > 1) {
        float a = v[start + prev * stride];
        float b = v[start + k * stride];
        double span = w[k] - w[prev];
        for (int m = prev + 1; m < k; m++) {
          double t = (w[m] - w[prev]) / span;
          v[start + m * stride] = (float) (a + t * (b - a));
        }
      }
      prev = k;
    }
  }
}
