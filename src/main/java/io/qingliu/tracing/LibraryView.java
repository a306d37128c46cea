package io.qingliu.tracing;

import java.util.List;

/**
 * The library packed on one set of cells: one contiguous float row per reference, the enterprise of each row, and
 * what is precomputed once per cell set: each enterprise's unweighted Gram block (AᵀA) and its own
 * reference-to-reference variability ρ (how badly a reference is explained by the others, as a relative squared
 * residual, on average over its references), which calibrates the "unknown source" decision.
 */
public final class LibraryView {

  /**
   * The screen's first pass reads every fourth compared cell: that still samples every region of the EEM, and it
   * streams a quarter of the bytes (the screen is bound by reading the rows: 163 MB a query at 2,000 enterprises).
   * Every eighth changed 3 of 230 answers with 2,000 enterprises; every fourth, none.
   */
  static final int SCREEN_STRIDE = 4;

  /** The compared cells, every fourth one first: the screen's first pass reads only those ({@link #screenCells}). */
  final int[] cells;
  final int n;
  /** How many of the first cells the screen's first pass reads. */
  final int screenCells;
  /** rows[r][c]: reference r at cell cells[c]. */
  final float[][] rows;
  final String[] referenceIds;
  final String[] enterpriseIds;
  /** For each enterprise, the indices of its rows. */
  final int[][] members;
  /** Each enterprise's unweighted Gram block. */
  final double[][][] gram;
  final double[] rho;
  /** Σ over cells of each row (its overall intensity). */
  final double[] rowSum;

  LibraryView(FingerprintLibrary library, int[] compared) {
    n = compared.length;
    screenCells = (n + SCREEN_STRIDE - 1) / SCREEN_STRIDE;
    cells = new int[n];
    int rest = screenCells;
    for (int c = 0; c < n; c++) {
      cells[c % SCREEN_STRIDE == 0 ? c / SCREEN_STRIDE : rest++] = compared[c];
    }
    List<FingerprintLibrary.Reference> refs = library.references();
    int nr = refs.size();
    rows = new float[nr][n];
    referenceIds = new String[nr];
    rowSum = new double[nr];
    for (int r = 0; r < nr; r++) {
      Spectrum s = refs.get(r).spectrum();
      referenceIds[r] = refs.get(r).referenceId();
      for (int c = 0; c < n; c++) {
        rows[r][c] = s.at(cells[c]);
        rowSum[r] += rows[r][c];
      }
    }
    List<String> ents = library.enterprises();
    enterpriseIds = ents.toArray(String[]::new);
    members = new int[ents.size()][];
    gram = new double[ents.size()][][];
    rho = new double[ents.size()];
    int r0 = 0;
    for (int e = 0; e < ents.size(); e++) {
      int k = library.references(ents.get(e)).size();
      members[e] = new int[k];
      for (int i = 0; i < k; i++) {
        members[e][i] = r0 + i;
      }
      r0 += k;
      gram[e] = new double[k][k];
      for (int a = 0; a < k; a++) {
        for (int b = a; b < k; b++) {
          gram[e][a][b] = dot(rows[members[e][a]], rows[members[e][b]]);
          gram[e][b][a] = gram[e][a][b];
        }
      }
      rho[e] = selfVariability(gram[e]);
    }
  }

  public int cells() {
    return n;
  }

  public int enterprises() {
    return enterpriseIds.length;
  }

  public String enterpriseId(int e) {
    return enterpriseIds[e];
  }

  /** The reference-to-reference variability of enterprise {@code e}. */
  public double rho(int e) {
    return rho[e];
  }

  private double dot(float[] a, float[] b) {
    double s = 0;
    for (int c = 0; c < n; c++) {
      s += (double) a[c] * b[c];
    }
    return s;
  }

  /**
   * Mean over references of ‖r − NNLS fit by the others‖² / ‖r‖² (0 for a single reference). The mean, not the
   * worst: one outlying reference (E02's t1medium1311 leaves 45 % of its energy to the others) made the limit so wide
   * that a source missing from the library was named after the nearest enterprise (the estuary cases without E05 in
   * the library: 3 of 30 answered unknown with the worst, 19 with the mean; docs/tracing.md, session 7).
   */
  private static double selfVariability(double[][] g) {
    int k = g.length;
    if (k < 2) {
      return 0;
    }
    double sum = 0;
    for (int out = 0; out < k; out++) {
      double[][] gg = new double[k - 1][k - 1];
      double[] h = new double[k - 1];
      int[] idx = new int[k - 1];
      for (int i = 0, r = 0; i < k; i++) {
        if (i != out) {
          idx[r++] = i;
        }
      }
      for (int a = 0; a < k - 1; a++) {
        h[a] = g[idx[a]][out];
        for (int b = 0; b < k - 1; b++) {
          gg[a][b] = g[idx[a]][idx[b]];
        }
      }
      double rss = Nnls.solve(gg, h, g[out][out]).rss();
      sum += rss / Math.max(g[out][out], 1e-300);
    }
    return sum / k;
  }
}
