package io.qingliu.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qingliu.ingest.IntegratorKeys;
import io.qingliu.ingest.OwnReadings;
import io.qingliu.ingest.ReadingDecoder;
import io.qingliu.ingest.RefusedException;
import io.qingliu.ingest.eem.EemIngest;
import io.qingliu.ingest.hj212.Hj212Ingest;
import io.qingliu.ingest.Reject;
import io.qingliu.ingest.RejectLog;
import io.qingliu.ingest.RejectReason;
import io.qingliu.ingest.StationAuthenticator;
import io.qingliu.model.Network;
import io.qingliu.model.Reading;
import io.qingliu.model.Station;
import io.qingliu.shard.StationShards;
import io.qingliu.store.ReadingWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code POST /api/v1/readings}: batches of readings (a JSON array or NDJSON) from a station (HTTP Basic, its id and
 * secret) or an integrator (Bearer key scoped to stations). Accepted readings are committed before the 2xx; the
 * answer says per item what was accepted and what was refused and why.
 */
public final class HttpIngest {

  static final String PROTOCOL = "http";

  /** Who is writing: the stations it may write, and the station its readings default to. */
  private record Writer(String defaultStation, Predicate<String> mayWrite, String rule) {}

  private final Network network;
  private final StationAuthenticator stations;
  private final IntegratorKeys integrators;
  private final ReadingDecoder decoder;
  private final EemIngest eem;
  private final Hj212Ingest hj212;
  private final StationShards shards;
  private final RejectLog rejects;
  private final Counter readings;

  public HttpIngest(Network network, StationAuthenticator stations, IntegratorKeys integrators,
      ReadingDecoder decoder, EemIngest eem, Hj212Ingest hj212, StationShards shards, RejectLog rejects,
      MeterRegistry registry) {
    this.network = network;
    this.stations = stations;
    this.integrators = integrators;
    this.decoder = decoder;
    this.eem = eem;
    this.hj212 = hj212;
    this.shards = shards;
    this.rejects = rejects;
    this.readings = Counter.builder("qingliu.ingest.readings").tag("protocol", PROTOCOL)
        .description("readings accepted for checking and storage").register(registry);
  }

  public void handle(RoutingContext ctx) {
    Context context = Vertx.currentContext();
    Writer writer = authenticate(ctx.request().getHeader("Authorization"));
    if (writer == null) {
      rejects.record(PROTOCOL, null, new Reject(RejectReason.BAD_CREDENTIALS, "", "bad or missing credentials"));
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"qingliu stations\"");
      error(ctx, 401, "authenticate as a station (Basic id:secret) or an integrator (Bearer key)");
      return;
    }
    ReadingDecoder.Decoded decoded = OwnReadings.allowed(id -> writer.mayWrite.test(id) && network.station(id) != null,
        writer.rule, decoder.decode(writer.defaultStation, ctx.body().length() == 0 ? new byte[0] : ctx.body().buffer().getBytes(),
            true));
    for (Reject r : decoded.rejects()) {
      rejects.record(PROTOCOL, writer.defaultStation, r);
    }
    Map<String, List<Integer>> byStation = new LinkedHashMap<>();
    for (int i = 0; i < decoded.readings().size(); i++) {
      byStation.computeIfAbsent(decoded.readings().get(i).stationId(), k -> new ArrayList<>()).add(i);
    }
    List<Future<Void>> writes = new ArrayList<>();
    List<List<Integer>> groups = new ArrayList<>(byStation.values());
    for (List<Integer> group : groups) {
      List<Reading> batch = new ArrayList<>(group.size());
      group.forEach(i -> batch.add(decoded.readings().get(i)));
      writes.add(shards.of(batch.get(0).stationId()).submit(batch));
    }
    Future.join(writes).onComplete(done -> context.runOnContext(v -> answer(ctx, decoded, groups, writes)));
  }

  /** {@code POST /api/v1/stations/{id}/eem}: one spectrum, committed before the 201. */
  public void handleEem(RoutingContext ctx) {
    Context context = Vertx.currentContext();
    Writer writer = authenticate(ctx.request().getHeader("Authorization"));
    String id = ctx.pathParam("id");
    Station station = network.station(id);
    if (writer == null) {
      rejects.record(PROTOCOL, null, new Reject(RejectReason.BAD_CREDENTIALS, "", "bad or missing credentials"));
      error(ctx, 401, "authenticate as the station (Basic id:secret) or an integrator (Bearer key)");
    } else if (station == null || !writer.mayWrite.test(id)) {
      rejects.record(PROTOCOL, writer.defaultStation, new Reject(RejectReason.NOT_AUTHORIZED, id, writer.rule));
      error(ctx, 403, "not allowed to write station " + id + ": " + writer.rule);
    } else {
      byte[] body = ctx.body().length() == 0 ? new byte[0] : ctx.body().buffer().getBytes();
      eem.ingest(PROTOCOL, station, body).onComplete(ar -> context.runOnContext(v -> {
        if (ar.succeeded()) {
          ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
              .end(new JsonObject().put("station", id).put("status", "stored").encode());
        } else if (ar.cause() instanceof RefusedException r) {
          RejectReason reason = r.reject().reason();
          if (reason == RejectReason.SERVER_BUSY) {
            ctx.response().putHeader("Retry-After", "1");
          }
          error(ctx, reason == RejectReason.SERVER_BUSY ? 503 : reason == RejectReason.NOT_AUTHORIZED ? 403 : 400,
              r.reject().describe());
        } else {
          error(ctx, 500, "could not store the spectrum, send it again");
        }
      }));
    }
  }

  /**
   * {@code POST /api/v1/hj212}: HJ 212 frames, one per line, each identified by its own MN and PW as on TCP. The
   * answer lists per line whether it was stored (with its 9014 answer when the frame asked for one) or why not.
   */
  public void handleHj212(RoutingContext ctx) {
    Context context = Vertx.currentContext();
    String body = ctx.body().length() == 0 ? "" : ctx.body().asString(StandardCharsets.UTF_8.name());
    List<Integer> lines = new ArrayList<>();
    List<Future<String>> stored = new ArrayList<>();
    String[] all = body.split("\n");
    for (int i = 0; i < all.length; i++) {
      String line = all[i].strip();
      if (!line.isEmpty()) {
        lines.add(i + 1);
        stored.add(hj212.ingestFrame(line.getBytes(StandardCharsets.UTF_8), null));
      }
    }
    Future.join(stored).onComplete(done -> context.runOnContext(v -> {
      JsonArray frames = new JsonArray();
      boolean busy = false;
      for (int i = 0; i < stored.size(); i++) {
        Future<String> f = stored.get(i);
        JsonObject item = new JsonObject().put("line", lines.get(i));
        if (f.succeeded()) {
          item.put("status", "accepted").put("answer", f.result());
        } else if (f.cause() instanceof RefusedException r) {
          item.put("status", "rejected").put("reason", r.reject().reason().key()).put("detail", r.reject().detail());
        } else {
          busy |= f.cause() instanceof ReadingWriter.Overloaded;
          item.put("status", "retry").put("detail", f.cause().getMessage());
        }
        frames.add(item);
      }
      if (busy) {
        ctx.response().putHeader("Retry-After", "1");
      }
      ctx.response().setStatusCode(busy ? 503 : 200).putHeader("content-type", "application/json")
          .end(new JsonObject().put("frames", frames).encode());
    }));
  }

  private Writer authenticate(String header) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] idSecret;
      try {
        idSecret = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8)
            .split(":", 2);
      } catch (IllegalArgumentException e) {
        return null;
      }
      Station s = idSecret.length == 2 ? stations.authenticate(idSecret[0], idSecret[1]) : null;
      return s == null ? null : new Writer(s.id(), s.id()::equals, "a station writes only its own readings");
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      IntegratorKeys.Integrator i = integrators.find(header.substring(7).trim());
      return i == null ? null : new Writer(null, i::mayWrite, "integrator " + i.name() + " may write only "
          + i.stations());
    }
    return null;
  }

  private void answer(RoutingContext ctx, ReadingDecoder.Decoded decoded, List<List<Integer>> groups,
      List<Future<Void>> writes) {
    Map<Integer, JsonObject> items = new TreeMap<>();
    int accepted = 0;
    boolean busy = false;
    boolean failed = false;
    for (int g = 0; g < groups.size(); g++) {
      Future<Void> w = writes.get(g);
      for (int i : groups.get(g)) {
        int item = decoded.items().get(i);
        if (w.succeeded()) {
          accepted++;
          items.put(item, new JsonObject().put("index", item).put("status", "accepted"));
        } else {
          boolean overloaded = w.cause() instanceof ReadingWriter.Overloaded;
          busy |= overloaded;
          failed |= !overloaded;
          items.put(item, new JsonObject().put("index", item).put("status", "retry")
              .put("reason", overloaded ? RejectReason.SERVER_BUSY.key() : RejectReason.STORE_FAILED.key()));
        }
      }
    }
    if (accepted > 0) {
      readings.increment(accepted);
    }
    int refused = 0;
    for (Reject r : decoded.rejects()) {
      JsonObject item = items.computeIfAbsent(r.item(), k -> new JsonObject().put("index", k).put("status", "rejected"));
      item.put("errors", item.getJsonArray("errors", new JsonArray()).add(new JsonObject()
          .put("reason", r.reason().key()).put("where", r.where()).put("detail", r.detail())));
    }
    for (JsonObject item : items.values()) {
      refused += "rejected".equals(item.getString("status")) ? 1 : 0;
    }
    JsonObject body = new JsonObject().put("accepted", accepted).put("rejected", refused)
        .put("items", new JsonArray(new ArrayList<>(items.values())));
    int status = busy ? 503 : failed ? 500 : 200;
    if (busy) {
      ctx.response().putHeader("Retry-After", "1");
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }
}
