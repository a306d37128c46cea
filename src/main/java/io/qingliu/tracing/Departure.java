package io.qingliu.tracing;

/**
 * How far a sample departs from its station's baseline: the baseline-only fit (a non-negative combination of the
 * recent normal spectra, the river's level kept near its recent spread), and the decision whether that departure
 * exceeds the station's own variability.
 *
 * @param background coefficients of the baselines in the fit
 * @param weightedResidual weighted squared residual of the fit (what the library must reduce)
 * @param energy Σ over cells of the unweighted departure squared, R.U.²
 * @param noise the same expected of a normal sample: the median leave-one-out residual among the baselines plus
 *     the sample's measurement noise
 * @param ratio energy / noise
 * @param anomalous ratio ≥ the threshold: a fluorescence anomaly
 * @param cells how many cells were compared
 */
public record Departure(double[] background, double weightedResidual, double energy, double noise, double ratio,
    boolean anomalous, int cells) {}
