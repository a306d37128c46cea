package io.qingliu.tracing;

import java.util.HashMap;
import java.util.Map;

/**
 * NNLS fits of one query's sample on [its baselines, some library rows] under one set of cell weights. The baselines'
 * block (with the level prior) is formed once and each row's products with the sample and the baselines once, so a
 * fit costs only its rows' products with each other. The attribution uses one with the frame's weights for all its
 * fits; {@link SourceSpread} one per reweighting.
 */
final class WeightedFit {

  private final LibraryView v;
  private final Frame f;
  private final double[] w;
  /** The baselines' weighted Gram plus the level prior. */
  final double[][] gbb;
  private final double[] hb;
  private final double yy;
  private final Map<Integer, Column> columns = new HashMap<>();

  WeightedFit(LibraryView v, Frame f, double[] w) {
    this.v = v;
    this.f = f;
    this.w = w;
    this.gbb = f.backgroundGram(w);
    this.hb = f.backgroundRhs(w);
    this.yy = f.sampleEnergy(w);
  }

  /** The fit on the baselines and library rows {@code rows}: coefficients in that order, baselines first. */
  Nnls.Result fit(int[] rows) {
    int nb = f.baselines();
    int k = rows.length;
    double[][] g = new double[nb + k][nb + k];
    double[] h = new double[nb + k];
    for (int a = 0; a < nb; a++) {
      System.arraycopy(gbb[a], 0, g[a], 0, nb);
      h[a] = hb[a];
    }
    Column[] cols = new Column[k];
    for (int a = 0; a < k; a++) {
      cols[a] = columns.computeIfAbsent(rows[a], r -> Column.of(v.rows[r], f, w));
      h[nb + a] = cols[a].h;
      for (int b = 0; b < nb; b++) {
        g[nb + a][b] = cols[a].cross[b];
        g[b][nb + a] = cols[a].cross[b];
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        double s = a == b ? cols[a].norm2 : dot(v.rows[rows[a]], v.rows[rows[b]]);
        g[nb + a][nb + b] = s;
        g[nb + b][nb + a] = s;
      }
    }
    return Nnls.solve(g, h, yy);
  }

  private double dot(float[] a, float[] b) {
    double s = 0;
    for (int c = 0; c < f.n; c++) {
      s += w[c] * a[c] * b[c];
    }
    return s;
  }

  /** A row's weighted products with the sample and the baselines, and its weighted norm. */
  private record Column(double h, double[] cross, double norm2) {

    static Column of(float[] a, Frame f, double[] w) {
      int nb = f.baselines();
      double h = 0;
      double q = 0;
      double[] cross = new double[nb];
      double[] s = f.sample;
      for (int c = 0; c < f.n; c++) {
        double wa = w[c] * a[c];
        h += wa * s[c];
        q += wa * a[c];
        for (int b = 0; b < nb; b++) {
          cross[b] += wa * f.bg[b][c];
        }
      }
      return new Column(h, cross, q);
    }
  }
}
