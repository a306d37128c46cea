package io.qingliu.tracing;

import java.util.List;
import java.util.Map;

/**
 * The answer of a trace: which enterprise most likely caused the departure from the station's baseline, "none" (no
 * discharge: the sample is within the station's own variability, or the library explains nothing of it) or "unknown"
 * (a real departure that no library source explains).
 *
 * @param verdict the kind of answer
 * @param source the enterprise id, {@link #NONE} or {@link #UNKNOWN}
 * @param fraction estimated share of the discharge in the sample (volume fraction, relative to the references'
 *     strength); 0 for "none" and "unknown"
 * @param similarity cosine between the sample's departure from its baseline and the best enterprise's fitted
 *     spectrum (1 = same shape)
 * @param confidence a heuristic in [0, 1]: for an enterprise its share of the candidates' odds (river prior ×
 *     likelihood) discounted by how close the decision came to "none" or "unknown"; for "none"/"unknown" how far past
 *     the threshold the decisive statistic lies (0.5 at the threshold, 1 far past it)
 * @param departure the anomaly statistics of the sample against its baseline
 * @param explained share of the baseline fit's weighted residual that the best enterprise removes
 * @param unexplained share of the departure energy (above the station's noise) the best enterprise leaves
 * @param unexplainedLimit the "unknown" threshold for that enterprise
 * @param signalRatio the best enterprise's fitted signal relative to the fitted background (Σ over cells)
 * @param bestReference the reference of the best enterprise that carries most of its fit (for the side-by-side view)
 * @param candidates enterprises ranked by odds, best first
 * @param mixture shares of the top enterprises when fitted jointly (a mixture of several sources)
 */
public record TraceResult(Verdict verdict, String source, double fraction, double similarity, double confidence,
    Departure departure, double explained, double unexplained, double unexplainedLimit, double signalRatio,
    String bestReference, List<Candidate> candidates, Map<String, Double> mixture) {

  public static final String NONE = "none";
  public static final String UNKNOWN = "unknown";

  public enum Verdict { ENTERPRISE, NONE, UNKNOWN }

  /**
   * One suspect (疑似来源).
   *
   * @param enterpriseId the enterprise
   * @param share its fitted share when it alone explains the departure
   * @param similarity cosine between the departure and its fitted spectrum
   * @param score its share of the candidates' odds (river prior × likelihood), sums to 1 over the candidates
   * @param residual weighted squared residual of its fit
   * @param bestReference its reference carrying most of the fit
   */
  public record Candidate(String enterpriseId, double share, double similarity, double score, double residual,
      String bestReference) {}
}
