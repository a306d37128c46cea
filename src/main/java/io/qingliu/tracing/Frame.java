package io.qingliu.tracing;

/**
 * One query restricted to the cells that sample, baselines and library all measure: the sample, the baselines
 * (scaled to a common level), the per-cell weights and the level prior. Built by {@link StationBaseline#frame}.
 */
final class Frame {

  /** Cell indices on the canonical grid (the library view's cells). */
  final int[] cells;
  final int n;
  /** Whether the sample and every baseline measure the cell; unused cells have value 0 and weight 0. */
  final boolean[] used;
  /** How many cells are used. */
  final int usedCount;
  /** The sample, R.U. */
  final double[] sample;
  /** The baselines, each scaled to the mean level of the window: bg[k][c]. */
  final double[][] bg;
  /** Squared weights 1/σ². */
  final double[] w2;
  /** Squared strength of the level prior (added to the background block of the normal equations). */
  final double levelPrior2;
  /** The station's own variability: the energy (Σ over cells, unweighted) of a normal sample's departure. */
  final double noise;

  Frame(int[] cells, boolean[] used, double[] sample, double[][] bg, double[] w2, double levelPrior2,
      double noise) {
    this.cells = cells;
    this.n = cells.length;
    this.used = used;
    int u = 0;
    for (boolean b : used) {
      u += b ? 1 : 0;
    }
    this.usedCount = u;
    this.sample = sample;
    this.bg = bg;
    this.w2 = w2;
    this.levelPrior2 = levelPrior2;
    this.noise = noise;
  }

  int baselines() {
    return bg.length;
  }

  /** Weighted Gram of the baselines plus the level prior, and their weighted products with the sample. */
  double[][] backgroundGram() {
    return backgroundGram(w2);
  }

  double[] backgroundRhs() {
    return backgroundRhs(w2);
  }

  double sampleEnergy() {
    return sampleEnergy(w2);
  }

  /** The same under other cell weights {@code w}. */
  double[][] backgroundGram(double[] w) {
    int nb = bg.length;
    double[][] g = new double[nb][nb];
    for (int a = 0; a < nb; a++) {
      for (int b = a; b < nb; b++) {
        double s = 0;
        double[] x = bg[a];
        double[] y = bg[b];
        for (int c = 0; c < n; c++) {
          s += w[c] * x[c] * y[c];
        }
        g[a][b] = s + levelPrior2;
        g[b][a] = g[a][b];
      }
    }
    return g;
  }

  double[] backgroundRhs(double[] w) {
    int nb = bg.length;
    double[] h = new double[nb];
    for (int a = 0; a < nb; a++) {
      double s = 0;
      double[] x = bg[a];
      for (int c = 0; c < n; c++) {
        s += w[c] * x[c] * sample[c];
      }
      h[a] = s + levelPrior2;
    }
    return h;
  }

  double sampleEnergy(double[] w) {
    double s = 0;
    for (int c = 0; c < n; c++) {
      s += w[c] * sample[c] * sample[c];
    }
    return s + levelPrior2;
  }

  /** sample − Σ coef_k · bg_k, unweighted. */
  double[] departure(double[] coef) {
    double[] d = sample.clone();
    for (int k = 0; k < bg.length; k++) {
      double a = coef[k];
      if (a == 0) {
        continue;
      }
      double[] b = bg[k];
      for (int c = 0; c < n; c++) {
        d[c] -= a * b[c];
      }
    }
    return d;
  }
}
