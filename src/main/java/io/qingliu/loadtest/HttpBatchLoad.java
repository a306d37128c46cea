package io.qingliu.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;

/**
 * HTTP batch ingest load: {@code POST /api/v1/readings} with batches of readings on a fixed timetable (batch k is due
 * at {@code start + k * batch / rate}), at most {@code httpInflight} requests open and as many waiting; what the
 * server answers per item decides what counts as acknowledged. With an integrator key a batch mixes stations;
 * without one each batch is one station's, sent with that station's Basic credentials.
 */
final class HttpBatchLoad extends VerticleBase {

  final Counters counters = new Counters();
  private final Settings settings;
  private final List<Identity> stations;
  private final Latencies latency;
  private final UnackedLog unacked;
  private final ReadingPayloads payloads = new ReadingPayloads();
  private final ArrayDeque<Long> waiting = new ArrayDeque<>();
  private HttpClientAgent http;
  private String url;
  private RunClock clock;
  private double periodNanos;
  private long totalBatches;
  private long warmupEndNanos;
  private long nextBatch;
  private int open;
  private int nextStation;
  private long timer = -1;
  private volatile boolean scheduleDone;
  long status2xx;
  long status503;
  long statusOther;
  long failures;
  volatile String lastError;

  HttpBatchLoad(Settings settings, List<Identity> stations, Latencies latency, UnackedLog unacked) {
    this.settings = settings;
    this.stations = stations;
    this.latency = latency;
    this.unacked = unacked;
  }

  @Override
  public Future<?> start() {
    http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(settings.httpInflight()));
    String base = settings.http().endsWith("/") ? settings.http().substring(0, settings.http().length() - 1)
        : settings.http();
    url = base.endsWith("/api/v1/readings") ? base : base + "/api/v1/readings";
    return Future.succeededFuture();
  }

  void begin(RunClock clock, long durationNanos, long warmupNanos) {
    context.runOnContext(v -> {
      this.clock = clock;
      this.periodNanos = 1e9 * settings.httpBatch() / settings.httpRate();
      this.totalBatches = (long) Math.floor(durationNanos / periodNanos);
      this.warmupEndNanos = clock.startNanos() + warmupNanos;
      if (totalBatches <= 0 || stations.isEmpty()) {
        scheduleDone = true;
        return;
      }
      timer = vertx.setPeriodic(1, t -> tick());
    });
  }

  boolean scheduleDone() {
    return scheduleDone;
  }

  private void tick() {
    if (scheduleDone) {
      return;
    }
    long now = System.nanoTime();
    double since = now - clock.startNanos();
    long due = since < 0 ? 0 : Math.min(totalBatches, (long) (since / periodNanos) + 1);
    while (nextBatch < due) {
      long intended = clock.startNanos() + (long) (nextBatch * periodNanos);
      nextBatch++;
      if (open < settings.httpInflight()) {
        post(intended);
      } else if (waiting.size() < settings.httpInflight()) {
        waiting.add(intended);
        counters.backlog += settings.httpBatch();
      } else {
        counters.missed += settings.httpBatch();
      }
    }
    if (nextBatch >= totalBatches) {
      scheduleDone = true;
    }
  }

  private void post(long intended) {
    int n = settings.httpBatch();
    int[] who = new int[n];
    long[] ts = new long[n];
    long epoch = clock.epochMillis(intended);
    boolean integrator = settings.httpKey() != null;
    Identity single = integrator ? null : stations.get(nextStation++ % stations.size());
    StringBuilder body = new StringBuilder(n * 130).append('[');
    for (int i = 0; i < n; i++) {
      Identity s = integrator ? stations.get(nextStation++ % stations.size()) : single;
      who[i] = s.index;
      ts[i] = s.nextTs(epoch);
      counters.ts(ts[i]);
      if (i > 0) {
        body.append(',');
      }
      payloads.appendTo(body, s, ts[i], integrator);
    }
    body.append(']');
    String auth = integrator ? "Bearer " + settings.httpKey()
        : "Basic " + Base64.getEncoder().encodeToString((single.id + ":" + single.secret)
            .getBytes(StandardCharsets.UTF_8));
    counters.sent += n;
    counters.lag(System.nanoTime() - intended);
    counters.inflight += n;
    open++;
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .setTimeout((settings.ackTimeout() > 0 ? settings.ackTimeout() : 60) * 1000L)
        .putHeader("Content-Type", "application/json").putHeader("Authorization", auth);
    http.request(o)
        .compose(req -> req.send(Buffer.buffer(body.toString())))
        .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b}))
        .onComplete(ar -> {
          open--;
          counters.inflight -= n;
          if (ar.failed()) {
            failures++;
            lastError = String.valueOf(ar.cause());
            refuse(who, ts, 0, n);
          } else {
            answer((Integer) ar.result()[0], (Buffer) ar.result()[1], who, ts, intended);
          }
          if (!waiting.isEmpty()) {
            counters.backlog -= n;
            post(waiting.poll());
          }
        });
  }

  private void answer(int status, Buffer body, int[] who, long[] ts, long intended) {
    if (status == 503) {
      status503++;
    } else if (status / 100 == 2) {
      status2xx++;
      if (intended >= warmupEndNanos) {
        latency.recordNanos(System.nanoTime() - intended);
      }
    } else {
      statusOther++;
      lastError = "HTTP " + status + ": " + body.toString().substring(0, Math.min(200, body.length()));
    }
    JsonArray items;
    try {
      items = body.toJsonObject().getJsonArray("items");
    } catch (RuntimeException e) {
      items = null;
    }
    if (items == null) {
      refuse(who, ts, 0, who.length);
      return;
    }
    boolean[] accepted = new boolean[who.length];
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      int index = item.getInteger("index", -1);
      if (index >= 0 && index < accepted.length && "accepted".equals(item.getString("status"))) {
        accepted[index] = true;
      }
    }
    for (int i = 0; i < accepted.length; i++) {
      if (accepted[i]) {
        counters.acked++;
      } else {
        counters.refused++;
        unacked.add(who[i], ts[i]);
      }
    }
  }

  private void refuse(int[] who, long[] ts, int from, int to) {
    for (int i = from; i < to; i++) {
      counters.refused++;
      unacked.add(who[i], ts[i]);
    }
  }

  /** Stops the timetable; batches still waiting are missed. Requests in flight finish on their own. */
  Future<Void> finish() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      scheduleDone = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      counters.missed += (long) waiting.size() * settings.httpBatch();
      counters.backlog = 0;
      waiting.clear();
      http.close().onComplete(ar -> done.complete());
    });
    return done.future();
  }
}
