package io.qingliu.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything one run measured, and the one-line summary the command prints last. */
final class RunResult {

  final Settings settings;
  final String target;
  final Instant startedAt;
  final Counters mqtt = new Counters();
  final Counters http = new Counters();
  final Latencies puback;
  final Latencies httpLatency;
  final Latencies e2e;
  final List<String> notes = new ArrayList<>();
  int connectionsRequested;
  int connectionsUp;
  int stationsPlayed;
  long httpStatus2xx;
  long httpStatus503;
  long httpStatusOther;
  long httpFailures;
  long idMismatches;
  AlertWatch alerts;
  Reconciler.Outcome outcome;
  List<Timeline.Row> timeline = List.of();
  double seconds;

  RunResult(Settings settings, String target, Instant startedAt, Latencies puback, Latencies httpLatency,
      Latencies e2e) {
    this.settings = settings;
    this.target = target;
    this.startedAt = startedAt;
    this.puback = puback;
    this.httpLatency = httpLatency;
    this.e2e = e2e;
  }

  static void add(Counters into, Counters c) {
    into.sent += c.sent;
    into.acked += c.acked;
    into.resent += c.resent;
    into.missed += c.missed;
    into.refused += c.refused;
    into.ackTimeouts += c.ackTimeouts;
    into.unknownAcks += c.unknownAcks;
    into.disconnects += c.disconnects;
    into.reconnects += c.reconnects;
    into.connectFailures += c.connectFailures;
    into.lag(c.maxSendLagNanos);
    if (c.tsMin <= c.tsMax) {
      into.ts(c.tsMin);
      into.ts(c.tsMax);
    }
  }

  long sent() {
    return mqtt.sent + http.sent;
  }

  /** Acknowledged readings, or null when nothing could be acknowledged (QoS 0 and no HTTP). */
  Long acked() {
    boolean acking = (settings.mqttEnabled() && settings.qos() == 1) || settings.httpEnabled();
    return acking ? (settings.qos() == 1 ? mqtt.acked : 0) + http.acked : null;
  }

  /** Achieved rate over the scheduled duration: acknowledged readings/s, or sent/s when nothing acknowledges. */
  double rate() {
    Long acked = acked();
    return round((acked == null ? sent() : acked) / (double) settings.duration(), 1);
  }

  long tsMin() {
    return Math.min(mqtt.tsMin, http.tsMin);
  }

  long tsMax() {
    return Math.max(mqtt.tsMax, http.tsMax);
  }

  /** The last line: exactly these keys, null where not measured. */
  JsonObject summary() {
    return new JsonObject()
        .put("sent", sent())
        .put("acked", acked())
        .put("rate", rate())
        .put("puback_p50_ms", ms(puback.percentileMillis(50)))
        .put("puback_p99_ms", ms(puback.percentileMillis(99)))
        .put("puback_p999_ms", ms(puback.percentileMillis(99.9)))
        .put("e2e_alert_p99_ms", ms(e2e.percentileMillis(99)))
        .put("stored", outcome == null ? null : outcome.stored())
        .put("lost", outcome == null ? null : outcome.lost())
        .put("duplicates", outcome == null ? null : outcome.duplicates());
  }

  /** Everything, for summary.json and the report. */
  JsonObject details() {
    JsonObject s = new JsonObject()
        .put("name", settings.name()).put("target", target).put("startedAt", startedAt.toString())
        .put("seconds", round(seconds, 1))
        .put("stations", stationsPlayed).put("connections", connectionsRequested).put("connected", connectionsUp)
        .put("rate_target", settings.mqttEnabled() ? settings.rate() : null)
        .put("http_rate_target", settings.httpEnabled() ? settings.httpRate() : null)
        .put("duration", settings.duration()).put("warmup", settings.warmup()).put("qos", settings.qos())
        .put("per_publish", settings.perPublish()).put("window", settings.window()).put("backlog", settings.backlog()).put("loops", settings.loops());
    JsonObject m = counters(mqtt)
        .put("puback_p50_ms", ms(puback.percentileMillis(50))).put("puback_p90_ms", ms(puback.percentileMillis(90)))
        .put("puback_p99_ms", ms(puback.percentileMillis(99))).put("puback_p999_ms", ms(puback.percentileMillis(99.9)))
        .put("puback_max_ms", ms(puback.percentileMillis(100))).put("packet_id_mismatches", idMismatches);
    JsonObject h = counters(http)
        .put("status_2xx", httpStatus2xx).put("status_503", httpStatus503).put("status_other", httpStatusOther)
        .put("failures", httpFailures)
        .put("p50_ms", ms(httpLatency.percentileMillis(50))).put("p99_ms", ms(httpLatency.percentileMillis(99)))
        .put("max_ms", ms(httpLatency.percentileMillis(100)));
    JsonObject a = new JsonObject();
    if (alerts != null) {
      a.put("trips", alerts.trips.get()).put("opened_matched", alerts.matched.get())
          .put("missing", alerts.pending() + alerts.superseded.get()).put("unmatched", alerts.unmatched.get())
          .put("not_armed", alerts.notArmed.get())
          .put("p50_ms", ms(e2e.percentileMillis(50))).put("p99_ms", ms(e2e.percentileMillis(99)))
          .put("max_ms", ms(e2e.percentileMillis(100)));
    }
    JsonArray rows = new JsonArray();
    for (Timeline.Row r : timeline) {
      rows.add(new JsonArray().add(r.t()).add(r.sent()).add(r.acked()).add(r.httpAcked()).add(r.missed())
          .add(r.inflight()).add(r.backlog()).add(r.p50Ms()).add(r.p99Ms()).add(r.maxMs()));
    }
    return new JsonObject().put("run", s).put("summary", summary())
        .put("mqtt", settings.mqttEnabled() ? m : null)
        .put("http", settings.httpEnabled() ? h : null)
        .put("alerts", alerts != null ? a : null)
        .put("database", outcome == null ? null : outcome.toJson())
        .put("notes", new JsonArray(new ArrayList<>(notes)))
        .put("timeline_columns", new JsonArray(List.of("t", "sent/s", "acked/s", "http_acked/s", "missed/s",
            "in_flight", "backlog", "puback_p50_ms", "puback_p99_ms", "puback_max_ms")))
        .put("timeline", rows);
  }

  private static JsonObject counters(Counters c) {
    return new JsonObject().put("sent", c.sent).put("acked", c.acked).put("resent", c.resent).put("missed", c.missed)
        .put("refused", c.refused).put("ack_timeouts", c.ackTimeouts).put("unknown_acks", c.unknownAcks)
        .put("disconnects", c.disconnects).put("reconnects", c.reconnects)
        .put("connect_failures", c.connectFailures)
        .put("max_send_lag_ms", round(c.maxSendLagNanos / 1e6, 3));
  }

  static Double ms(Double v) {
    return v == null ? null : round(v, 3);
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
