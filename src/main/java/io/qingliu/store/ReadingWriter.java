package io.qingliu.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qingliu.config.WriterOptions;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit of readings for one shard. Readings that arrive while earlier batches are being written wait in a
 * bounded queue and go together in the next {@code INSERT … SELECT FROM unnest(…)}; each caller's future completes
 * when its readings are committed, which is when the station gets its acknowledgement.
 *
 * <p>Used only from the shard's event loop: no locks. When the queue is full, {@link #write} fails at once with
 * {@link Overloaded}; the caller tells the station to retry. Nothing accepted here is ever dropped.
 */
public final class ReadingWriter {

  /** The readings' path is full (the writer's queue, or the shard's hand-off queue): retry later. */
  public static final class Overloaded extends RuntimeException {
    public Overloaded(String what) {
      super("server busy: " + what, null, false, false);
    }
  }

  private record Pending(List<Reading> readings, Promise<Void> done) {}

  static final String INSERT = insertSql();

  private final Pool pool;
  private final StationDirectory directory;
  private final WriterOptions options;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int queuedReadings;
  private int inFlight;
  private final Counter committed;
  private final Counter overloaded;
  private final DistributionSummary batchSizes;
  private final Timer writeTime;
  private final AtomicInteger pendingGauge;

  /** @param pendingGauge shared by every shard's writer: the readings waiting for the database, server-wide */
  public ReadingWriter(Pool pool, StationDirectory directory, WriterOptions options, MeterRegistry registry,
      AtomicInteger pendingGauge) {
    this.pool = pool;
    this.directory = directory;
    this.options = options;
    this.committed = Counter.builder("qingliu.store.readings.committed").register(registry);
    this.overloaded = Counter.builder("qingliu.store.overloaded").description("writes refused: queue full")
        .register(registry);
    this.batchSizes = DistributionSummary.builder("qingliu.store.batch.size").publishPercentiles(0.5, 0.99)
        .register(registry);
    this.writeTime = Timer.builder("qingliu.store.batch.latency").publishPercentiles(0.5, 0.99, 0.999)
        .register(registry);
    this.pendingGauge = pendingGauge;
  }

  /**
   * One row per element of the arrays. Timestamps travel as epoch milliseconds and values as plain float8 with NaN for
   * "not measured" (stations cannot send NaN), so a batch is encoded from primitive arrays without boxing; a column
   * no reading of the batch carries is sent as a NULL array, which unnest pads with NULLs.
   */
  private static String insertSql() {
    StringJoiner cols = new StringJoiner(", ");
    StringJoiner arrays = new StringJoiner(", ");
    StringJoiner names = new StringJoiner(", ");
    arrays.add("$1::int4[]").add("$2::int8[]");
    names.add("s").add("t");
    for (Parameter p : Parameter.values()) {
      cols.add(p.column());
      arrays.add("$" + (p.ordinal() + 4) + "::float8[]");
      names.add("p" + p.ordinal());
    }
    StringJoiner select = new StringJoiner(", ");
    select.add("s").add("'epoch'::timestamptz + t * interval '1 millisecond'").add("$3::timestamptz");
    for (Parameter p : Parameter.values()) {
      select.add("nullif(p" + p.ordinal() + ", 'NaN')");
    }
    arrays.add("$" + (Parameter.COUNT + 4) + "::text[]");
    names.add("f");
    select.add("f::jsonb");
    return "INSERT INTO readings (station_no, ts, received_at, " + cols + ", flags) SELECT " + select
        + " FROM unnest(" + arrays + ") AS u(" + names + ") ON CONFLICT (station_no, ts) DO NOTHING";
  }

  /** Queues readings for the next batch; the future completes once they are committed. */
  public Future<Void> write(List<Reading> readings) {
    if (queuedReadings + readings.size() > options.getMaxPending()) {
      overloaded.increment();
      return Future.failedFuture(new Overloaded(queuedReadings + " readings waiting for the database"));
    }
    Promise<Void> done = Promise.promise();
    queue.add(new Pending(readings, done));
    queuedReadings += readings.size();
    pendingGauge.addAndGet(readings.size());
    flush();
    return done.future();
  }

  private void flush() {
    while (inFlight < options.getMaxInFlight() && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>();
      int n = 0;
      while (!queue.isEmpty() && (n == 0 || n + queue.peek().readings.size() <= options.getBatchSize())) {
        Pending p = queue.poll();
        batch.add(p);
        n += p.readings.size();
      }
      queuedReadings -= n;
      send(batch, n);
    }
  }

  /** Column c of the batch, made on its first value: NaN (stored as NULL) for the readings without one. */
  private static double[] column(double[][] columns, int c, int n) {
    if (columns[c] == null) {
      columns[c] = new double[n];
      Arrays.fill(columns[c], Double.NaN);
    }
    return columns[c];
  }

  /** The reading's non-normal flags as a JSON object, or null when every value is plainly normal. */
  static String flagsJson(Reading r) {
    if (r.flags() == null) {
      return null;
    }
    JsonObject o = null;
    for (int c = 0; c < Parameter.COUNT; c++) {
      String f = r.flags()[c];
      if (f != null && !"N".equals(f) && !Double.isNaN(r.values()[c])) {
        o = o == null ? new JsonObject() : o;
        o.put(Parameter.byOrdinal(c).key(), f);
      }
    }
    return o == null ? null : o.encode();
  }

  /**
   * The batch's readings in (station, ts) order, with their station numbers in {@code numbers}. Two batches of a
   * writer can be in flight at once and hold the same keys when a station resends what it was not acknowledged for
   * (after a reconnect); inserted in arrival order, they took each other's key locks in opposite orders and
   * PostgreSQL aborted one as a deadlock, which failed its publishes and made their stations resend again. In one
   * order they only wait for each other.
   */
  private Reading[] inKeyOrder(List<Pending> batch, int n, int[] numbers) {
    Reading[] arrived = new Reading[n];
    int[] arrivedNumbers = new int[n];
    Integer[] order = new Integer[n];
    int i = 0;
    for (Pending p : batch) {
      for (Reading r : p.readings) {
        arrived[i] = r;
        arrivedNumbers[i] = directory.number(r.stationId());
        order[i] = i;
        i++;
      }
    }
    Arrays.sort(order, (a, b) -> arrivedNumbers[a] != arrivedNumbers[b]
        ? Integer.compare(arrivedNumbers[a], arrivedNumbers[b])
        : Long.compare(arrived[a].tsMillis(), arrived[b].tsMillis()));
    Reading[] rows = new Reading[n];
    for (i = 0; i < n; i++) {
      rows[i] = arrived[order[i]];
      numbers[i] = arrivedNumbers[order[i]];
    }
    return rows;
  }

  private void send(List<Pending> batch, int n) {
    inFlight++;
    int[] stations = new int[n];
    Reading[] rows = inKeyOrder(batch, n, stations);
    long[] ts = new long[n];
    double[][] columns = new double[Parameter.COUNT][];
    String[] flags = null;
    for (int i = 0; i < n; i++) {
      Reading r = rows[i];
      ts[i] = r.tsMillis();
      double[] v = r.values();
      for (int c = 0; c < v.length; c++) {
        if (!Double.isNaN(v[c])) {
          column(columns, c, n)[i] = v[c];
        }
      }
      String f = flagsJson(r);
      if (f != null) {
        flags = flags == null ? new String[n] : flags;
        flags[i] = f;
      }
    }
    Object[] args = new Object[4 + Parameter.COUNT];
    args[0] = stations;
    args[1] = ts;
    args[2] = OffsetDateTime.now(ZoneOffset.UTC);
    System.arraycopy(columns, 0, args, 3, Parameter.COUNT);
    args[3 + Parameter.COUNT] = flags;
    long start = System.nanoTime();
    pool.preparedQuery(INSERT).execute(Tuple.wrap(args)).onComplete(ar -> {
      inFlight--;
      pendingGauge.addAndGet(-n);
      writeTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      batchSizes.record(n);
      if (ar.succeeded()) {
        committed.increment(n);
        batch.forEach(p -> p.done.complete());
      } else {
        batch.forEach(p -> p.done.fail(ar.cause()));
      }
      flush();
    });
  }
}
