package io.qingliu.tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a sample's departure from its baseline as a non-negative mixture of library references (docs/tracing.md):
 *
 * <ol>
 *   <li>screen: every allowed reference is scored by how much it, added to the baselines, would reduce the weighted
 *       residual of the baseline-only fit (one pass over its row: 2 + baselines dot products), first on every fourth
 *       cell, then, for the best {@code screenShortlist} × {@code screenTop} enterprises, on all cells; the best
 *       {@code screenTop} enterprises go on;
 *   <li>for each of them, NNLS of the sample on [baselines, that enterprise's references] (the river may change level
 *       and mix its recent states, the discharge only adds); the normal equations come from per-query weighted dot
 *       products over those columns only;
 *   <li>each fit is scored allowing for its source's batch-to-batch variation ({@link SourceSpread});
 *       odds = river prior (travel time) × exp(−Δscore / (temperature · best score)); the best is the answer
 *       unless the departure is within the station's own variability or barely explained ("none"), or leaves far more
 *       unexplained than the enterprise's own reference-to-reference variability, and more than a normal sample
 *       departs ("unknown");
 *   <li>the top {@code mixTop} enterprises are fitted jointly for the mixture shares.
 * </ol>
 *
 * <p>Stateless and thread-safe; CPU-bound (run it off the event loop).
 */
public final class Attributor {

  private final TraceParams p;

  public Attributor(TraceParams params) {
    this.p = params;
  }

  public TraceParams params() {
    return p;
  }

  /**
   * @param prior enterprise id → weight (e.g. upstream of the station, weighted by travel time); null or empty = all
   *     enterprises, equally; enterprises absent from a non-empty prior, or with weight ≤ 0, are not candidates
   */
  TraceResult attribute(LibraryView v, Frame f, Departure dep, Map<String, Double> prior) {
    int n = f.n;
    int nb = f.baselines();
    double[] w2 = f.w2;
    // 1. screen: how much each reference, added to the baseline fit, would reduce its weighted residual
    //    (g'²/q', g and q projected off the span of the baselines)
    double[] d0 = f.departure(dep.background());
    double[] d0w = new double[n];
    double[][] bw = new double[nb][n];
    for (int c = 0; c < n; c++) {
      d0w[c] = w2[c] * d0[c];
      for (int b = 0; b < nb; b++) {
        bw[b][c] = w2[c] * f.bg[b][c];
      }
    }
    WeightedFit system = new WeightedFit(v, f, w2);
    double[][] gbb = system.gbb;
    double[][] gbbInv = invert(gbb);
    double[] rb = new double[nb];
    for (int b = 0; b < nb; b++) {
      for (int c = 0; c < n; c++) {
        rb[b] += bw[b][c] * d0[c];
      }
    }
    int ne = v.enterprises();
    double[] weight = new double[ne];
    double maxWeight = 0;
    for (int e = 0; e < ne; e++) {
      weight[e] = prior == null || prior.isEmpty() ? 1 : prior.getOrDefault(v.enterpriseId(e), 0.0);
      maxWeight = Math.max(maxWeight, weight[e]);
    }
    List<Integer> allowed = new ArrayList<>();
    for (int e = 0; e < ne; e++) {
      if (weight[e] > 0) {
        allowed.add(e);
      }
    }
    if (allowed.isEmpty()) {
      return noCandidate(dep);
    }
    // every allowed enterprise on every fourth cell, then the best few on all cells (TraceParams.screenShortlist);
    // when no more are allowed than the shortlist holds (a station's upstream enterprises, usually), all cells at once
    Screen screen = new Screen(v, d0w, w2, bw, gbbInv, rb, weight, maxWeight, dep.weightedResidual(),
        p.temperature());
    int shortlist = p.screenShortlist() * p.screenTop();
    if (p.screenShortlist() > 0 && allowed.size() > shortlist) {
      for (int e : allowed) {
        screen.measure(e, v.screenCells);
      }
      screen.rank(allowed);
      allowed = new ArrayList<>(allowed.subList(0, shortlist));
    }
    for (int e : allowed) {
      screen.measure(e, n);
    }
    screen.rank(allowed);
    List<Integer> chosen = allowed.subList(0, Math.min(p.screenTop(), allowed.size()));

    // 2. per-enterprise fits
    int m = chosen.size();
    Fit[] fits = new Fit[m];
    for (int i = 0; i < m; i++) {
      int e = chosen.get(i);
      Nnls.Result r = system.fit(v.members[e]);
      fits[i] = new Fit(e, r.x(), r.rss());
    }
    // 3. odds
    double rmin = Double.POSITIVE_INFINITY;
    for (Fit fit : fits) {
      fit.score = p.sourceSpread() > 0 ? SourceSpread.score(v, f, fit.e, fit.x, p.sourceSpread()) : fit.rss;
      rmin = Math.min(rmin, fit.score);
    }
    double scale = p.temperature() * Math.max(rmin, 1e-300);
    double total = 0;
    for (Fit fit : fits) {
      fit.odds = weight[fit.e] / maxWeight * Math.exp(-(fit.score - rmin) / scale);
      total += fit.odds;
    }
    for (Fit fit : fits) {
      fit.odds /= total;
      fit.describe(v, f);
    }
    Arrays.sort(fits, Comparator.comparingDouble((Fit x) -> -x.odds));
    List<TraceResult.Candidate> candidates = new ArrayList<>();
    for (Fit fit : fits) {
      candidates.add(new TraceResult.Candidate(v.enterpriseId(fit.e), fit.share, fit.similarity, fit.odds, fit.rss,
          v.referenceIds[fit.bestRow]));
    }
    Fit top = fits[0];
    double explained = dep.weightedResidual() > 0 ? 1 - top.rss / dep.weightedResidual() : 0;
    double noise = f.noise * p.residualNoiseFactor();
    double unexplained = Math.max(top.residualEnergy - noise, 0) / Math.max(top.departureEnergy - noise, 1e-300);
    double limit = p.unknownFactor() * Math.max(v.rho(top.e), p.rhoFloor());
    double bgSum = 0;
    for (int c = 0; c < n; c++) {
      bgSum += f.sample[c] - top.departure[c];
    }
    double signalRatio = bgSum != 0 ? top.fittedSum / bgSum : 0;
    Map<String, Double> mixture = mixture(v, fits, system);
    String bestRef = v.referenceIds[top.bestRow];

    // 4. decision
    double byRatio = dep.ratio() / p.anomalyRatio();
    double byExplained = explained / p.minExplained();
    if (!dep.anomalous() || explained < p.minExplained()) {
      double margin = Math.min(byRatio, byExplained);
      return new TraceResult(TraceResult.Verdict.NONE, TraceResult.NONE, 0, top.similarity,
          clamp(1 - 0.5 * Math.max(margin, 0)), dep, explained, unexplained, limit, signalRatio, bestRef,
          candidates, mixture);
    }
    // a residual no larger than a normal sample's departure is the river's own variability, not an unknown source
    boolean residualAnomalous = top.residualEnergy >= p.anomalyRatio() * dep.noise();
    if (unexplained > limit && residualAnomalous) {
      return new TraceResult(TraceResult.Verdict.UNKNOWN, TraceResult.UNKNOWN, 0, top.similarity,
          clamp(1 - 0.5 * limit / unexplained), dep, explained, unexplained, limit, signalRatio, bestRef, candidates,
          mixture);
    }
    double detection = 1 - 0.5 / Math.max(1, Math.min(byRatio, byExplained));
    double fit = 1 - 0.5 * unexplained / limit;
    return new TraceResult(TraceResult.Verdict.ENTERPRISE, v.enterpriseId(top.e), top.share, top.similarity,
        clamp(top.odds * detection * fit), dep, explained, unexplained, limit, signalRatio, bestRef, candidates,
        mixture);
  }

  /**
   * Step 1: for each enterprise, the drop of the baseline fit's weighted residual its best reference would bring
   * (g²/q, g and q projected off the baselines), measured on the first cells of the view. {@code drop} holds each
   * enterprise's latest measure, {@code u} is scratch for one row's products with the baselines.
   */
  private record Screen(LibraryView v, double[] d0w, double[] w2, double[][] bw, double[][] gbbInv, double[] rb,
      double[] weight, double maxWeight, double residual, double temperature, double[] drop, double[] u) {

    Screen(LibraryView v, double[] d0w, double[] w2, double[][] bw, double[][] gbbInv, double[] rb, double[] weight,
        double maxWeight, double residual, double temperature) {
      this(v, d0w, w2, bw, gbbInv, rb, weight, maxWeight, residual, temperature, new double[v.enterprises()],
          new double[bw.length]);
    }

    /** Measures enterprise {@code e} on the first {@code cells} cells, scaled to stand for all of them. */
    void measure(int e, int cells) {
      int nb = bw.length;
      double best = 0;
      for (int r : v.members[e]) {
        double[] gq = screen(d0w, w2, bw, v.rows[r], cells, (double) v.n / cells, u);
        double g = gq[0];
        double q = gq[1];
        for (int a = 0; a < nb; a++) {
          double ia = 0;
          double ir = 0;
          for (int b = 0; b < nb; b++) {
            ia += gbbInv[a][b] * u[b];
            ir += gbbInv[a][b] * rb[b];
          }
          q -= u[a] * ia;
          g -= u[a] * ir;
        }
        if (g > 0 && q > 1e-12 * gq[1]) {
          best = Math.max(best, g * g / q);
        }
      }
      drop[e] = best;
    }

    /**
     * Sorts {@code enterprises} best first by the odds their screened residual and prior weight would give, priced
     * as step 3 prices residuals: with equal priors this is the screen's order; with a river prior, an enterprise
     * nearly as good (or as good: the demo's classes share references) and much nearer is not cut in favour of one
     * the odds would weigh less.
     */
    void rank(List<Integer> enterprises) {
      double bestDrop = 0;
      for (int e : enterprises) {
        bestDrop = Math.max(bestDrop, drop[e]);
      }
      double scale = temperature * Math.max(residual - bestDrop, 1e-300);
      double[] logOdds = new double[drop.length];
      for (int e : enterprises) {
        logOdds[e] = Math.log(weight[e] / maxWeight) - (bestDrop - drop[e]) / scale;
      }
      enterprises.sort(Comparator.comparingDouble((Integer e) -> -logOdds[e]));
    }
  }

  /** The prior admits no enterprise of the library: nothing can be attributed. */
  private static TraceResult noCandidate(Departure dep) {
    TraceResult.Verdict verdict = dep.anomalous() ? TraceResult.Verdict.UNKNOWN : TraceResult.Verdict.NONE;
    return new TraceResult(verdict, dep.anomalous() ? TraceResult.UNKNOWN : TraceResult.NONE, 0, 0, 0.5, dep, 0, 0, 0,
        0, null, List.of(), Map.of());
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }

  /** Joint NNLS of the sample on the baselines and the references of the top enterprises: their shares. */
  private Map<String, Double> mixture(LibraryView v, Fit[] fits, WeightedFit system) {
    int top = Math.min(p.mixTop(), fits.length);
    int k = 0;
    for (int i = 0; i < top; i++) {
      k += v.members[fits[i].e].length;
    }
    int[] rows = new int[k];
    int[] owner = new int[k];
    Map<String, Double> shares = new LinkedHashMap<>();
    for (int i = 0, a = 0; i < top; i++) {
      shares.put(v.enterpriseId(fits[i].e), 0.0);
      for (int r : v.members[fits[i].e]) {
        rows[a] = r;
        owner[a++] = fits[i].e;
      }
    }
    double[] x = system.fit(rows).x();
    int nb = x.length - k;
    for (int a = 0; a < k; a++) {
      shares.merge(v.enterpriseId(owner[a]), x[nb + a], Double::sum);
    }
    return shares;
  }

  /**
   * The screen's inner loop, one pass over the first {@code n} cells of a reference row: Σ x·a, Σ w·a² and, into
   * {@code u}, Σ wB_b·a for each baseline b, each times {@code scale} (all cells ÷ those read) to stand for the sum
   * over every cell.
   */
  static double[] screen(double[] x, double[] w, double[][] wb, float[] a, int n, double scale, double[] u) {
    double g = 0;
    double q = 0;
    int nb = wb.length;
    if (nb == 3) {
      double u0 = 0;
      double u1 = 0;
      double u2 = 0;
      double[] b0 = wb[0];
      double[] b1 = wb[1];
      double[] b2 = wb[2];
      for (int c = 0; c < n; c++) {
        double ac = a[c];
        g += x[c] * ac;
        q += w[c] * ac * ac;
        u0 += b0[c] * ac;
        u1 += b1[c] * ac;
        u2 += b2[c] * ac;
      }
      u[0] = u0 * scale;
      u[1] = u1 * scale;
      u[2] = u2 * scale;
    } else {
      java.util.Arrays.fill(u, 0);
      for (int c = 0; c < n; c++) {
        double ac = a[c];
        g += x[c] * ac;
        q += w[c] * ac * ac;
        for (int b = 0; b < nb; b++) {
          u[b] += wb[b][c] * ac;
        }
      }
      for (int b = 0; b < nb; b++) {
        u[b] *= scale;
      }
    }
    return new double[] {g * scale, q * scale};
  }

  /** Inverse of a small symmetric positive-definite matrix (Gauss–Jordan; a tiny ridge if singular). */
  static double[][] invert(double[][] m) {
    int k = m.length;
    double trace = 0;
    for (int i = 0; i < k; i++) {
      trace += m[i][i];
    }
    double[][] a = new double[k][2 * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(m[i], 0, a[i], 0, k);
      a[i][i] += 1e-12 * trace / k;
      a[i][k + i] = 1;
    }
    for (int c = 0; c < k; c++) {
      int piv = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      double d = a[c][c];
      if (d == 0) {
        continue;
      }
      for (int q = 0; q < 2 * k; q++) {
        a[c][q] /= d;
      }
      for (int r = 0; r < k; r++) {
        if (r != c && a[r][c] != 0) {
          double f = a[r][c];
          for (int q = 0; q < 2 * k; q++) {
            a[r][q] -= f * a[c][q];
          }
        }
      }
    }
    double[][] inv = new double[k][k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(a[i], k, inv[i], 0, k);
    }
    return inv;
  }

  /** One enterprise's fit. */
  private static final class Fit {

    final int e;
    final double[] x;
    final double rss;
    /** What ranks the enterprises: {@link SourceSpread#score}, or the weighted residual when that is off. */
    double score;
    double odds;
    double share;
    double similarity;
    double departureEnergy;
    double residualEnergy;
    double fittedSum;
    double[] departure;
    int bestRow;

    Fit(int e, double[] x, double rss) {
      this.e = e;
      this.x = x;
      this.rss = rss;
    }

    /** Unweighted view of the fit: departure d = sample − background part, fitted source l, their cosine. */
    void describe(LibraryView v, Frame f) {
      int nb = f.baselines();
      departure = f.departure(Arrays.copyOf(x, nb));
      int[] mem = v.members[e];
      double[] l = new double[f.n];
      double bestMass = -1;
      bestRow = mem[0];
      for (int a = 0; a < mem.length; a++) {
        double coef = x[nb + a];
        share += coef;
        if (coef * v.rowSum[mem[a]] > bestMass) {
          bestMass = coef * v.rowSum[mem[a]];
          bestRow = mem[a];
        }
        if (coef == 0) {
          continue;
        }
        float[] row = v.rows[mem[a]];
        for (int c = 0; c < f.n; c++) {
          if (f.used[c]) {
            l[c] += coef * row[c];
          }
        }
      }
      double dd = 0;
      double ll = 0;
      double dl = 0;
      double rr = 0;
      for (int c = 0; c < f.n; c++) {
        double d = departure[c];
        dd += d * d;
        ll += l[c] * l[c];
        dl += d * l[c];
        rr += (d - l[c]) * (d - l[c]);
        fittedSum += l[c];
      }
      departureEnergy = dd;
      residualEnergy = rr;
      similarity = dd > 0 && ll > 0 ? dl / Math.sqrt(dd * ll) : 0;
    }
  }
}
