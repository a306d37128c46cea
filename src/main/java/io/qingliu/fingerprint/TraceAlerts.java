package io.qingliu.fingerprint;

import io.qingliu.checks.Finding;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Enterprise;
import io.qingliu.model.Network;
import io.qingliu.model.Severity;
import io.qingliu.tracing.TraceResult;
import io.qingliu.tracing.Upstream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a trace into what the duty officer sees: the fluorescence finding and the alert's detail, the ranked
 * suspects (疑似来源) with their outfall, distance upstream and the cameras that cover it.
 */
final class TraceAlerts {

  /** Candidates carried in an alert: the page shows a handful, the rest only dilutes the table. */
  static final int MAX_CANDIDATES = 5;

  private final Map<String, Enterprise> enterprises = new HashMap<>();
  private final Map<String, JsonObject> outfalls = new HashMap<>();
  private final Map<String, JsonArray> cameras = new HashMap<>();

  TraceAlerts(Network network) {
    network.enterprises().forEach(e -> enterprises.put(e.id(), e));
    JsonArray enterprises = network.publicJson().getJsonArray("enterprises", new JsonArray());
    for (int i = 0; i < enterprises.size(); i++) {
      JsonObject e = enterprises.getJsonObject(i);
      if (e.getJsonObject("outfall") != null) {
        outfalls.put(e.getString("id"), e.getJsonObject("outfall"));
      }
    }
    // A camera covers an outfall when its site is the enterprise or the outfall's monitoring station.
    Map<String, String> siteToEnterprise = new HashMap<>();
    for (Enterprise e : network.enterprises()) {
      siteToEnterprise.put(e.id(), e.id());
      if (e.monitorStation() != null) {
        siteToEnterprise.put(e.monitorStation(), e.id());
      }
    }
    JsonArray all = network.publicJson().getJsonArray("cameras", new JsonArray());
    for (int i = 0; i < all.size(); i++) {
      JsonObject c = all.getJsonObject(i);
      String enterprise = siteToEnterprise.get(c.getString("site"));
      if (enterprise != null) {
        cameras.computeIfAbsent(enterprise, k -> new JsonArray()).add(new JsonObject().put("id", c.getString("id"))
            .put("name", c.getString("name")).put("streamUrl", c.getString("streamUrl")));
      }
    }
  }

  /** The firing finding of an anomalous trace (an enterprise named, or an unknown source). */
  Finding firing(String stationId, long tsMillis, TraceResult r, Upstream upstream) {
    String message;
    if (r.verdict() == TraceResult.Verdict.ENTERPRISE) {
      Enterprise e = enterprise(r.source());
      Upstream.Source s = upstream.source(r.source());
      message = String.format(Locale.ROOT, "荧光指纹异常，疑似来源 %s %s（上游 %.1f km，占比 %.1f%%，相似度 %.2f）",
          r.source(), e == null ? "" : e.name(), s == null ? Double.NaN : s.distanceKm(), 100 * r.fraction(),
          r.similarity());
    } else {
      message = String.format(Locale.ROOT, "荧光指纹异常，来源不明（偏离为正常波动的 %.1f 倍）", r.departure().ratio());
    }
    // No value/limit: a share is not a concentration, and the detail carries it with its context.
    return new Finding(AlertKind.FLUORESCENCE, stationId, null, true, Double.NaN, Double.NaN, 0, 0,
        r.verdict() == TraceResult.Verdict.ENTERPRISE ? Severity.MAJOR : Severity.MINOR, message, tsMillis);
  }

  /** The station's fluorescence is normal again. */
  static Finding normal(String stationId, long tsMillis) {
    return new Finding(AlertKind.FLUORESCENCE, stationId, null, false, Double.NaN, Double.NaN, 0, 0,
        Severity.MINOR, "荧光指纹恢复正常", tsMillis);
  }

  /**
   * The alert's {@code detail}: {@code {"verdict","source","sampleTs","baselineTs":[…],"libraryVersion",
   * "anomalyRatio","fraction","similarity","confidence","candidates":[…]}}.
   */
  JsonObject detail(long tsMillis, List<Long> baselineTs, TraceResult r, Upstream upstream, TraceLibrary library) {
    JsonArray candidates = new JsonArray();
    int rank = 0;
    for (TraceResult.Candidate c : r.candidates()) {
      if (rank == MAX_CANDIDATES) {
        break;
      }
      Enterprise e = enterprise(c.enterpriseId());
      Upstream.Source s = upstream.source(c.enterpriseId());
      candidates.add(new JsonObject().put("rank", ++rank).put("enterpriseId", c.enterpriseId())
          .put("name", e == null ? null : e.name())
          .put("outfall", outfalls.get(c.enterpriseId()))
          .put("monitorStation", e == null ? null : e.monitorStation())
          .put("distanceKm", s == null ? null : round(s.distanceKm(), 10))
          .put("travelMinutes", s == null ? null : Math.round(s.travelSeconds() / 60))
          .put("share", round(c.share(), 10_000)).put("similarity", round(c.similarity(), 1_000))
          .put("confidence", round(c.score(), 1_000))
          .put("bestReference", c.bestReference() == null ? null : new JsonObject()
              .put("id", library.storedId(c.enterpriseId(), c.bestReference()))
              .put("referenceId", c.bestReference()))
          .put("cameras", cameras.getOrDefault(c.enterpriseId(), new JsonArray())));
    }
    JsonArray baseline = new JsonArray();
    baselineTs.forEach(t -> baseline.add(Instant.ofEpochMilli(t).toString()));
    return new JsonObject().put("verdict", r.verdict().name().toLowerCase(Locale.ROOT)).put("source", r.source())
        .put("sampleTs", Instant.ofEpochMilli(tsMillis).toString()).put("baselineTs", baseline)
        .put("libraryVersion", library.version()).put("anomalyRatio", round(r.departure().ratio(), 100))
        .put("fraction", round(r.fraction(), 10_000)).put("similarity", round(r.similarity(), 1_000))
        .put("confidence", round(r.confidence(), 1_000)).put("candidates", candidates);
  }

  private Enterprise enterprise(String id) {
    return enterprises.get(id);
  }

  private static double round(double v, double scale) {
    return Double.isFinite(v) ? Math.round(v * scale) / scale : 0;
  }
}
