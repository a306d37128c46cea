package io.qingliu.tracing;

import java.lang.reflect.RecordComponent;

/**
 * The knobs of the tracing, with the values measured in docs/tracing.md. Cell weights are 1/σ with
 * σ² = (noise·sample)² + (baselineSpread·sd of the baselines)² + (floor·mean baseline)².
 *
 * @param noise relative measurement noise of one cell
 * @param baselineSpread weight of the baselines' own per-cell standard deviation in σ
 * @param floor absolute σ floor, as a fraction of the mean baseline intensity
 * @param levelPrior strength of the prior that the river's overall level stays within its recent spread (0 = off)
 * @param levelSpreadFactor the level may move this many baseline standard deviations
 * @param levelSpreadFloor … and at least this relative amount
 * @param noiseFactor the station's own variability: this times the median leave-one-out residual of its baselines
 * @param residualNoiseFactor the part of a departure left unexplained is counted above this many times that
 *     variability (a next sample departs more from the window than a window member from the others)
 * @param anomalyRatio a departure below this many times what a normal sample shows (the station's own variability
 *     plus the sample's measurement noise) is no anomaly; nor is a residual that small, left by the best enterprise,
 *     an unknown source
 * @param minExplained below this share of the departure explained by the best enterprise, the answer is "none"
 * @param unknownFactor "unknown" when the unexplained part of the departure exceeds this many times the enterprise's
 *     own reference-to-reference variability
 * @param rhoFloor lower bound of that variability (relative squared residual), for an enterprise whose few references
 *     happen to agree
 * @param screenTop how many enterprises the cheap screen passes to the per-enterprise fits
 * @param mixTop how many enterprises enter the joint mixture
 * @param temperature score increase (relative to the best fit) that divides a candidate's odds by e; the odds' log
 *     loss is lowest between 0.1 and 0.2 on the benchmark, on each station and on both half libraries
 * @param sourceSpread relative cell-by-cell difference between a discharge and its enterprise's references from other
 *     batches, which ranks the enterprises ({@link SourceSpread}; 0 = rank by the plain weighted residual)
 * @param screenShortlist the screen's first pass reads every fourth cell and keeps this many times {@code screenTop}
 *     enterprises for a second pass on all cells (0 = one pass on all cells): at 2,000 enterprises reading the rows is
 *     most of a query's time, and with 4 the answers are those of a full pass (docs/tracing.md)
 */
public record TraceParams(double noise, double baselineSpread, double floor, double levelPrior,
    double levelSpreadFactor, double levelSpreadFloor, double noiseFactor, double residualNoiseFactor,
    double anomalyRatio, double minExplained,
    double unknownFactor, double rhoFloor, int screenTop, int mixTop, double temperature,
    double sourceSpread, int screenShortlist) {

  public static final TraceParams DEFAULT = new TraceParams(0.02, 1.0, 0.05, 0.1, 3.0, 0.03, 1.0, 3.0, 1.0, 0.1, 2.0,
      0.005, 12, 3, 0.15, 0.1, 4);

  /** A copy with one parameter changed, by its name (for the evaluation harness and tuning). */
  public TraceParams with(String name, double value) {
    RecordComponent[] comps = TraceParams.class.getRecordComponents();
    Object[] args = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    boolean found = false;
    try {
      for (int i = 0; i < comps.length; i++) {
        types[i] = comps[i].getType();
        args[i] = comps[i].getAccessor().invoke(this);
        if (comps[i].getName().equalsIgnoreCase(name)) {
          args[i] = types[i] == int.class ? (Object) (int) value : (Object) value;
          found = true;
        }
      }
      if (!found) {
        throw new IllegalArgumentException("no tracing parameter '" + name + "'");
      }
      return TraceParams.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
