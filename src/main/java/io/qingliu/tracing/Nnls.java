package io.qingliu.tracing;

import java.util.Arrays;

/**
 * Non-negative least squares, min ‖Ax − y‖² subject to x ≥ 0, by the Lawson–Hanson active-set method working on the
 * normal equations: it needs only G = AᵀA, h = Aᵀy and yᵀy, so the caller computes (or caches) those once and the solve
 * costs nothing that depends on the number of cells.
 */
public final class Nnls {

  /** The solution, the residual ‖Ax − y‖² and the number of active-set changes. */
  public record Result(double[] x, double rss, int iterations) {}

  private Nnls() {}

  public static Result solve(double[][] g, double[] h, double yy) {
    int m = h.length;
    double[] x = new double[m];
    boolean[] passive = new boolean[m];
    boolean[] blocked = new boolean[m];
    double scale = 0;
    for (int i = 0; i < m; i++) {
      scale = Math.max(scale, Math.abs(h[i]));
      scale = Math.max(scale, Math.abs(g[i][i]));
    }
    if (m == 0 || scale == 0) {
      return new Result(x, Math.max(yy, 0), 0);
    }
    double tol = 1e-11 * scale;
    int iterations = 0;
    int maxIterations = 3 * m + 10;
    double[] w = new double[m];
    while (iterations < maxIterations) {
      gradient(g, h, x, w);
      int j = -1;
      double best = tol;
      for (int i = 0; i < m; i++) {
        if (!passive[i] && !blocked[i] && w[i] > best) {
          best = w[i];
          j = i;
        }
      }
      if (j < 0) {
        break;
      }
      passive[j] = true;
      boolean first = true;
      while (true) {
        iterations++;
        double[] z = solvePassive(g, h, passive);
        boolean feasible = true;
        for (int i = 0; i < m; i++) {
          if (passive[i] && z[i] <= 0) {
            feasible = false;
            break;
          }
        }
        if (feasible) {
          System.arraycopy(z, 0, x, 0, m);
          Arrays.fill(blocked, false);
          break;
        }
        if (first && z[j] <= 0) {
          // numerically degenerate: the column that looked improving does not improve the fit, do not retry it
          passive[j] = false;
          blocked[j] = true;
          break;
        }
        first = false;
        double alpha = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
          if (passive[i] && z[i] <= 0) {
            alpha = Math.min(alpha, x[i] / (x[i] - z[i]));
          }
        }
        for (int i = 0; i < m; i++) {
          if (passive[i]) {
            x[i] += alpha * (z[i] - x[i]);
            if (x[i] <= 1e-15 * Math.max(1, Math.abs(z[i]))) {
              x[i] = 0;
              passive[i] = false;
            }
          }
        }
        if (iterations > maxIterations) {
          break;
        }
      }
    }
    return new Result(x, rss(g, h, yy, x), iterations);
  }

  /** ‖Ax − y‖² from the normal equations, never negative. */
  public static double rss(double[][] g, double[] h, double yy, double[] x) {
    double r = yy;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == 0) {
        continue;
      }
      double gx = 0;
      for (int k = 0; k < x.length; k++) {
        gx += g[i][k] * x[k];
      }
      r += x[i] * (gx - 2 * h[i]);
    }
    return Math.max(r, 0);
  }

  private static void gradient(double[][] g, double[] h, double[] x, double[] w) {
    for (int i = 0; i < h.length; i++) {
      double s = h[i];
      for (int k = 0; k < x.length; k++) {
        s -= g[i][k] * x[k];
      }
      w[i] = s;
    }
  }

  /** Unconstrained least squares on the passive columns (Cholesky of G_PP, with a tiny ridge if needed). */
  private static double[] solvePassive(double[][] g, double[] h, boolean[] passive) {
    int m = h.length;
    int[] idx = new int[m];
    int k = 0;
    for (int i = 0; i < m; i++) {
      if (passive[i]) {
        idx[k++] = i;
      }
    }
    double[][] a = new double[k][k];
    double[] b = new double[k];
    double trace = 0;
    for (int r = 0; r < k; r++) {
      b[r] = h[idx[r]];
      for (int c = 0; c < k; c++) {
        a[r][c] = g[idx[r]][idx[c]];
      }
      trace += a[r][r];
    }
    double[] sol = cholesky(a, b, 0);
    if (sol == null) {
      sol = cholesky(a, b, 1e-10 * trace / Math.max(k, 1));
    }
    if (sol == null) {
      sol = cholesky(a, b, 1e-6 * trace / Math.max(k, 1));
    }
    double[] z = new double[m];
    if (sol != null) {
      for (int r = 0; r < k; r++) {
        z[idx[r]] = sol[r];
      }
    }
    return z;
  }

  private static double[] cholesky(double[][] a, double[] b, double ridge) {
    int k = b.length;
    double[][] l = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j] + (i == j ? ridge : 0);
        for (int p = 0; p < j; p++) {
          s -= l[i][p] * l[j][p];
        }
        if (i == j) {
          if (!(s > 0)) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] y = new double[k];
    for (int i = 0; i < k; i++) {
      double s = b[i];
      for (int p = 0; p < i; p++) {
        s -= l[i][p] * y[p];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double s = y[i];
      for (int p = i + 1; p < k; p++) {
        s -= l[p][i] * x[p];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
