package io.qingliu.tracing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tracing station's recent normal spectra (a rolling window, preprocessed) and what they say about its own
 * variability. The caller adds a spectrum when it was judged normal; the departure of a new spectrum from this window
 * is the fluorescence-anomaly decision, and the attribution explains that departure.
 *
 * <p>Thread-safe; the window is copied for each query.
 */
public final class StationBaseline {

  public static final int DEFAULT_CAPACITY = 3;
  /** Fewer than two normal spectra say nothing about variability. */
  public static final int MIN_SPECTRA = 2;

  private final String stationId;
  private final int capacity;
  private final ArrayDeque<Spectrum> window = new ArrayDeque<>();

  public StationBaseline(String stationId) {
    this(stationId, DEFAULT_CAPACITY);
  }

  public StationBaseline(String stationId, int capacity) {
    if (capacity < MIN_SPECTRA) {
      throw new IllegalArgumentException("a baseline needs room for at least " + MIN_SPECTRA + " spectra");
    }
    this.stationId = stationId;
    this.capacity = capacity;
  }

  public String stationId() {
    return stationId;
  }

  public int capacity() {
    return capacity;
  }

  /** Adds a normal spectrum (preprocessed like the library), dropping the oldest beyond the capacity. */
  public synchronized void add(Spectrum normal) {
    normal.corrections().require(Correction.SCATTER_MASKED, "a baseline spectrum");
    normal.corrections().forbid(Correction.NORMALISED, "a baseline spectrum keeps its R.U.");
    if (!window.isEmpty()) {
      window.peekFirst().requireComparable(normal, "baseline spectrum of " + stationId);
    }
    window.addLast(normal);
    while (window.size() > capacity) {
      window.removeFirst();
    }
  }

  public synchronized List<Spectrum> spectra() {
    return new ArrayList<>(window);
  }

  public synchronized int size() {
    return window.size();
  }

  public boolean ready() {
    return size() >= MIN_SPECTRA;
  }

  /** The cells every spectrum of the window measures (and the scatter mask left). */
  public boolean[] coverage() {
    List<Spectrum> w = spectra();
    if (w.isEmpty()) {
      return new boolean[0];
    }
    boolean[] m = new boolean[w.get(0).grid().cells()];
    for (int c = 0; c < m.length; c++) {
      boolean ok = true;
      for (Spectrum s : w) {
        ok &= s.valid(c);
      }
      m[c] = ok;
    }
    return m;
  }

  /** The anomaly decision on the cells the sample and the window share. */
  public Departure check(Spectrum sample, TraceParams p) {
    boolean[] m = coverage();
    for (int c = 0; c < m.length; c++) {
      m[c] &= sample.valid(c);
    }
    return depart(frame(sample, cells(m), p), p);
  }

  static int[] cells(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    int[] idx = new int[n];
    int k = 0;
    for (int c = 0; c < mask.length; c++) {
      if (mask[c]) {
        idx[k++] = c;
      }
    }
    return idx;
  }

  /**
   * The query on {@code cells} (the library view's cells); the cells the sample or a baseline lacks are carried with
   * value and weight 0, so one packed library serves every station.
   */
  Frame frame(Spectrum sample, int[] cells, TraceParams p) {
    List<Spectrum> w = spectra();
    if (w.size() < MIN_SPECTRA) {
      throw new IllegalStateException("station " + stationId + " has " + w.size() + " normal spectra, needs "
          + MIN_SPECTRA);
    }
    w.get(0).requireComparable(sample, "sample of " + stationId);
    int n = cells.length;
    int nb = w.size();
    boolean[] used = new boolean[n];
    int usedCount = 0;
    double[] s = new double[n];
    double[][] raw = new double[nb][n];
    for (int c = 0; c < n; c++) {
      boolean ok = sample.valid(cells[c]);
      for (int k = 0; ok && k < nb; k++) {
        ok = w.get(k).valid(cells[c]);
      }
      used[c] = ok;
      if (!ok) {
        continue;
      }
      usedCount++;
      s[c] = sample.at(cells[c]);
      for (int k = 0; k < nb; k++) {
        raw[k][c] = w.get(k).at(cells[c]);
      }
    }
    if (usedCount == 0) {
      throw new IllegalArgumentException("the sample of " + stationId + " shares no cell with its baseline");
    }
    // level of each baseline, and the spread of levels
    double[] level = new double[nb];
    double mean = 0;
    for (int k = 0; k < nb; k++) {
      for (int c = 0; c < n; c++) {
        level[k] += raw[k][c];
      }
      mean += level[k] / nb;
    }
    double var = 0;
    for (int k = 0; k < nb; k++) {
      var += (level[k] - mean) * (level[k] - mean) / (nb - 1);
    }
    double spread = Math.max(p.levelSpreadFactor() * Math.sqrt(var) / Math.abs(mean), p.levelSpreadFloor());
    double[][] bg = new double[nb][n];
    for (int k = 0; k < nb; k++) {
      double f = level[k] != 0 ? mean / level[k] : 1;
      for (int c = 0; c < n; c++) {
        bg[k][c] = raw[k][c] * f;
      }
    }
    // weights: measurement noise, the baselines' own spread per cell, a floor
    double meanAbs = 0;
    double[] bm = new double[n];
    for (int c = 0; c < n; c++) {
      for (int k = 0; k < nb; k++) {
        bm[c] += raw[k][c] / nb;
      }
      meanAbs += Math.abs(bm[c]) / usedCount;
    }
    double floor2 = Math.pow(p.floor() * meanAbs, 2);
    if (!(floor2 > 0)) {
      floor2 = 1e-12;
    }
    double[] w2 = new double[n];
    for (int c = 0; c < n; c++) {
      if (!used[c]) {
        continue;
      }
      double sv = 0;
      for (int k = 0; k < nb; k++) {
        sv += (raw[k][c] - bm[c]) * (raw[k][c] - bm[c]) / (nb - 1);
      }
      double sigma2 = Math.pow(p.noise() * s[c], 2) + p.baselineSpread() * p.baselineSpread() * sv + floor2;
      w2[c] = 1 / sigma2;
    }
    double prior2 = p.levelPrior() > 0 ? p.levelPrior() * usedCount / (spread * spread) : 0;
    return new Frame(cells, used, s, bg, w2, prior2, p.noiseFactor() * leaveOneOut(bg, n));
  }

  /**
   * The station's own variability: the median over its baselines of the unweighted residual energy of one baseline
   * fitted (non-negatively) by the others.
   */
  private static double leaveOneOut(double[][] bg, int n) {
    int nb = bg.length;
    double[][] g = new double[nb][nb];
    for (int a = 0; a < nb; a++) {
      for (int b = a; b < nb; b++) {
        double s = 0;
        for (int c = 0; c < n; c++) {
          s += bg[a][c] * bg[b][c];
        }
        g[a][b] = s;
        g[b][a] = s;
      }
    }
    double[] all = new double[nb];
    for (int out = 0; out < nb; out++) {
      int m = nb - 1;
      double[][] gg = new double[m][m];
      double[] h = new double[m];
      int[] idx = new int[m];
      for (int k = 0, r = 0; k < nb; k++) {
        if (k != out) {
          idx[r++] = k;
        }
      }
      for (int r = 0; r < m; r++) {
        h[r] = g[idx[r]][out];
        for (int q = 0; q < m; q++) {
          gg[r][q] = g[idx[r]][idx[q]];
        }
      }
      all[out] = Nnls.solve(gg, h, g[out][out]).rss();
    }
    // the median: one odd spectrum in the window (a jump overnight) must not make every departure look normal
    Arrays.sort(all);
    return Math.max(all[nb / 2], 1e-30);
  }

  /** The baseline-only fit of the frame's sample and the anomaly decision. */
  static Departure depart(Frame f, TraceParams p) {
    Nnls.Result fit = Nnls.solve(f.backgroundGram(), f.backgroundRhs(), f.sampleEnergy());
    double[] d = f.departure(fit.x());
    double energy = 0;
    for (double v : d) {
      energy += v * v;
    }
    // what a normal sample would show: the window's own variability plus this sample's measurement noise
    double expected = f.noise;
    for (int c = 0; c < f.n; c++) {
      expected += Math.pow(p.noise() * f.sample[c], 2);
    }
    double ratio = energy / expected;
    return new Departure(fit.x(), fit.rss(), energy, expected, ratio, ratio >= p.anomalyRatio(), f.n);
  }
}
