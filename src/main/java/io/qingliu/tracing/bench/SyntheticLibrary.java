package io.qingliu.tracing.bench;

import io.qingliu.tracing.EemGrid;
import io.qingliu.tracing.FingerprintLibrary;
import io.qingliu.tracing.Spectrum;
import java.util.List;
import java.util.Random;

/**
 * Pads a library with synthetic enterprises for latency measurements at the bureau's scale (157 or 2,000 enterprises ×
 * 5 references): each synthetic reference is a real reference distorted by a smooth random field and given an extra
 * random peak, so that it is a different, plausible source of the same intensity. Deterministic (seeded).
 */
public final class SyntheticLibrary {

  private SyntheticLibrary() {}

  public static FingerprintLibrary pad(FingerprintLibrary real, int enterprises, int refsPerEnterprise, long seed) {
    FingerprintLibrary.Builder b = FingerprintLibrary.builder();
    for (FingerprintLibrary.Reference r : real.references()) {
      b.add(r.enterpriseId(), r.referenceId(), r.spectrum());
    }
    List<FingerprintLibrary.Reference> pool = real.references();
    Random rnd = new Random(seed);
    for (int e = real.enterprises().size(); e < enterprises; e++) {
      String id = String.format("SYN%04d", e + 1);
      Spectrum base = pool.get(rnd.nextInt(pool.size())).spectrum();
      double p1 = rnd.nextDouble() * 2 * Math.PI;
      double p2 = rnd.nextDouble() * 2 * Math.PI;
      double l1 = 80 + rnd.nextDouble() * 200;
      double l2 = 80 + rnd.nextDouble() * 300;
      double peakEx = 240 + rnd.nextDouble() * 160;
      double peakEm = peakEx + 40 + rnd.nextDouble() * 150;
      for (int k = 0; k < refsPerEnterprise; k++) {
        double jitter = 0.85 + 0.3 * rnd.nextDouble();
        b.add(id, id + "-" + (k + 1), distort(base, p1 + 0.2 * rnd.nextGaussian(), p2 + 0.2 * rnd.nextGaussian(),
            l1, l2, peakEx + 5 * rnd.nextGaussian(), peakEm + 5 * rnd.nextGaussian(), jitter));
      }
    }
    return b.build();
  }

  private static Spectrum distort(Spectrum s, double p1, double p2, double l1, double l2, double peakEx,
      double peakEm, double scale) {
    EemGrid g = s.grid();
    float[] v = s.values();
    double max = 0;
    for (float x : v) {
      if (!Float.isNaN(x)) {
        max = Math.max(max, x);
      }
    }
    for (int i = 0; i < g.exCount(); i++) {
      for (int j = 0; j < g.emCount(); j++) {
        int c = i * g.emCount() + j;
        if (Float.isNaN(v[c])) {
          continue;
        }
        double ex = g.ex(i);
        double em = g.em(j);
        double field = Math.exp(0.5 * Math.sin(2 * Math.PI * (ex - 240) / l1 + p1)
            * Math.sin(2 * Math.PI * (em - 300) / l2 + p2));
        double peak = 0.3 * max * Math.exp(-Math.pow((ex - peakEx) / 20, 2) - Math.pow((em - peakEm) / 40, 2));
        v[c] = (float) (scale * (v[c] * field + peak));
      }
    }
    return new Spectrum(g, v, s.corrections(), s.units());
  }
}
