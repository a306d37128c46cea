package io.qingliu.tracing;

/**
 * Scales a spectrum to unit Euclidean norm over its valid cells: its shape, for heat maps side by side and cosine
 * similarity. Attribution itself works on R.U. (a discharge's share is an intensity ratio), so it refuses normalised
 * spectra.
 */
public final class Normaliser {

  /** The Euclidean norm over the valid cells. */
  public static double norm(Spectrum s) {
    double sum = 0;
    for (int c = 0; c < s.grid().cells(); c++) {
      float v = s.at(c);
      if (!Float.isNaN(v)) {
        sum += (double) v * v;
      }
    }
    return Math.sqrt(sum);
  }

  public Spectrum apply(Spectrum in) {
    double n = norm(in);
    if (!(n > 0)) {
      throw new IllegalArgumentException("a spectrum without signal cannot be normalised");
    }
    float[] v = in.values();
    for (int c = 0; c < v.length; c++) {
      v[c] = (float) (v[c] / n);
    }
    return in.next(in.grid(), v, Correction.NORMALISED);
  }
}
