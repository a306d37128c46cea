package io.qingliu.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NnlsTest {

  @Test
  void recoversAnExactNonNegativeMixture() {
    Random rnd = new Random(1);
    double[][] a = randomMatrix(rnd, 40, 5, true);
    double[] x = {0.3, 0, 1.2, 0.05, 0};
    double[] y = times(a, x);
    Nnls.Result r = Nnls.solve(gram(a), rhs(a, y), dot(y, y));
    for (int i = 0; i < x.length; i++) {
      assertThat(r.x()[i]).isCloseTo(x[i], within(1e-8));
    }
    assertThat(r.rss()).isLessThan(1e-12);
  }

  @Test
  void matchesBruteForceOverAllActiveSets() {
    for (int seed = 0; seed < 300; seed++) {
      Random rnd = new Random(seed);
      int m = 1 + rnd.nextInt(6);
      double[][] a = randomMatrix(rnd, 12, m, rnd.nextBoolean());
      double[] y = new double[12];
      for (int i = 0; i < y.length; i++) {
        y[i] = rnd.nextGaussian();
      }
      double[][] g = gram(a);
      double[] h = rhs(a, y);
      Nnls.Result r = Nnls.solve(g, h, dot(y, y));
      for (double v : r.x()) {
        assertThat(v).isGreaterThanOrEqualTo(0);
      }
      double direct = 0;
      double[] fit = times(a, r.x());
      for (int i = 0; i < y.length; i++) {
        direct += (y[i] - fit[i]) * (y[i] - fit[i]);
      }
      assertThat(r.rss()).as("seed %d", seed).isCloseTo(direct, within(1e-9 * (1 + direct)));
      assertThat(r.rss()).as("seed %d", seed).isLessThanOrEqualTo(bruteForce(g, h, dot(y, y)) + 1e-9);
    }
  }

  @Test
  void handlesDuplicateColumns() {
    double[][] a = {{1, 1, 0}, {2, 2, 1}, {3, 3, 0}};
    double[] y = {1, 2, 3};
    Nnls.Result r = Nnls.solve(gram(a), rhs(a, y), dot(y, y));
    assertThat(r.x()[0] + r.x()[1]).isCloseTo(1, within(1e-9));
    assertThat(r.rss()).isLessThan(1e-12);
  }

  /** The least residual over every subset of columns whose unconstrained solution is non-negative. */
  private static double bruteForce(double[][] g, double[] h, double yy) {
    int m = h.length;
    double best = yy;
    for (int mask = 1; mask < 1 << m; mask++) {
      int k = Integer.bitCount(mask);
      int[] idx = new int[k];
      for (int i = 0, p = 0; i < m; i++) {
        if ((mask & 1 << i) != 0) {
          idx[p++] = i;
        }
      }
      double[][] a = new double[k][k + 1];
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          a[r][c] = g[idx[r]][idx[c]];
        }
        a[r][k] = h[idx[r]];
      }
      double[] z = gauss(a);
      if (z == null) {
        continue;
      }
      boolean ok = true;
      double[] x = new double[m];
      for (int r = 0; r < k; r++) {
        ok &= z[r] >= 0;
        x[idx[r]] = z[r];
      }
      if (ok) {
        best = Math.min(best, Nnls.rss(g, h, yy, x));
      }
    }
    return best;
  }

  private static double[] gauss(double[][] a) {
    int k = a.length;
    for (int c = 0; c < k; c++) {
      int piv = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      if (Math.abs(a[piv][c]) < 1e-12) {
        return null;
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int r = 0; r < k; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int q = c; q <= k; q++) {
            a[r][q] -= f * a[c][q];
          }
        }
      }
    }
    double[] z = new double[k];
    for (int r = 0; r < k; r++) {
      z[r] = a[r][k] / a[r][r];
    }
    return z;
  }

  private static double[][] randomMatrix(Random rnd, int rows, int cols, boolean positive) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = positive ? rnd.nextDouble() : rnd.nextGaussian();
      }
    }
    return a;
  }

  private static double[][] gram(double[][] a) {
    int m = a[0].length;
    double[][] g = new double[m][m];
    for (double[] row : a) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          g[i][j] += row[i] * row[j];
        }
      }
    }
    return g;
  }

  private static double[] rhs(double[][] a, double[] y) {
    double[] h = new double[a[0].length];
    for (int r = 0; r < a.length; r++) {
      for (int i = 0; i < h.length; i++) {
        h[i] += a[r][i] * y[r];
      }
    }
    return h;
  }

  private static double[] times(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int r = 0; r < a.length; r++) {
      for (int i = 0; i < x.length; i++) {
        y[r] += a[r][i] * x[i];
      }
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
