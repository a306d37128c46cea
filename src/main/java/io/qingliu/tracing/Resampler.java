package io.qingliu.tracing;

/**
 * Brings a spectrum onto another grid by bilinear interpolation (grids differ between instruments). A target cell is
 * missing when any of the (up to four) source cells it draws on with non-zero weight is missing, so that scatter cuts
 * are not smeared into valid cells; targets up to {@link #DEFAULT_EDGE_NM} outside the source range are clamped to
 * its edge, farther ones are missing.
 */
public final class Resampler {

  public static final double DEFAULT_EDGE_NM = 2.5;
  private static final double NEGLIGIBLE = 1e-6;

  private final EemGrid target;
  private final double edgeNm;

  public Resampler(EemGrid target) {
    this(target, DEFAULT_EDGE_NM);
  }

  public Resampler(EemGrid target, double edgeNm) {
    this.target = target;
    this.edgeNm = edgeNm;
  }

  public EemGrid target() {
    return target;
  }

  public Spectrum apply(Spectrum in) {
    EemGrid src = in.grid();
    float[] v = in.raw();
    Axis ax = Axis.of(src.exWavelengths(), target.exWavelengths(), edgeNm);
    Axis am = Axis.of(src.emWavelengths(), target.emWavelengths(), edgeNm);
    int snm = src.emCount();
    int tnm = target.emCount();
    float[] out = new float[target.cells()];
    for (int a = 0; a < target.exCount(); a++) {
      int i = ax.index[a];
      double wi = ax.weight[a];
      for (int b = 0; b < tnm; b++) {
        int j = am.index[b];
        if (i < 0 || j < 0) {
          out[a * tnm + b] = Float.NaN;
          continue;
        }
        double wj = am.weight[b];
        double sum = 0;
        boolean missing = false;
        for (int di = 0; di < 2 && !missing; di++) {
          double w1 = di == 0 ? 1 - wi : wi;
          if (w1 < NEGLIGIBLE) {
            continue;
          }
          for (int dj = 0; dj < 2; dj++) {
            double w = w1 * (dj == 0 ? 1 - wj : wj);
            if (w < NEGLIGIBLE) {
              continue;
            }
            float s = v[(i + di) * snm + j + dj];
            if (Float.isNaN(s)) {
              missing = true;
              break;
            }
            sum += w * s;
          }
        }
        out[a * tnm + b] = missing ? Float.NaN : (float) sum;
      }
    }
    return in.next(target, out, Correction.RESAMPLED);
  }

  /** For each target wavelength: the source index i with src[i] ≤ t ≤ src[i+1] (-1 when out of range), weight of i+1. */
  private record Axis(int[] index, double[] weight) {

    static Axis of(float[] src, float[] tgt, double edge) {
      int[] index = new int[tgt.length];
      double[] weight = new double[tgt.length];
      int last = src.length - 1;
      for (int k = 0; k < tgt.length; k++) {
        double t = tgt[k];
        if (t < src[0] - edge || t > src[last] + edge) {
          index[k] = -1;
          continue;
        }
        t = Math.min(Math.max(t, src[0]), src[last]);
        int i = 0;
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
          int mid = (lo + hi) >>> 1;
          if (src[mid] <= t) {
            lo = mid;
          } else {
            hi = mid;
          }
        }
        i = lo;
        index[k] = i;
        weight[k] = (t - src[i]) / (src[i + 1] - src[i]);
      }
      return new Axis(index, weight);
    }
  }
}
