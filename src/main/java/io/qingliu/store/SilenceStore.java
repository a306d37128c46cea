package io.qingliu.store;

import io.qingliu.alerts.Silence;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Silences and maintenance windows in PostgreSQL: who set them, why, from when until when, and who ended them. */
public final class SilenceStore {

  private final Pool pool;

  public SilenceStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Silence> create(String stationId, String kind, String parameter, String reason, String createdBy,
      long nowMillis, long startsAtMillis, long endsAtMillis) {
    return pool.preparedQuery("INSERT INTO silences (station_id, kind, parameter, reason, created_by, created_at, "
            + "starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *")
        .execute(Tuple.from(new Object[] {stationId, kind, parameter, reason, createdBy, time(nowMillis),
            time(startsAtMillis), time(endsAtMillis)}))
        .map(rows -> silence(rows.iterator().next()));
  }

  /** Ends a silence now; completes with null when there is no such running or future silence. */
  public Future<Silence> cancel(long id, String by, long nowMillis) {
    return pool.preparedQuery("UPDATE silences SET cancelled_by = $2, cancelled_at = $3 WHERE id = $1 "
            + "AND cancelled_at IS NULL AND ends_at > $3 RETURNING *")
        .execute(Tuple.of(id, by, time(nowMillis)))
        .map(rows -> rows.size() == 0 ? null : silence(rows.iterator().next()));
  }

  /** The silences that run now or will, soonest first. */
  public Future<List<Silence>> current(long nowMillis) {
    return pool.preparedQuery("SELECT * FROM silences WHERE cancelled_at IS NULL AND ends_at > $1 "
            + "ORDER BY starts_at, id")
        .execute(Tuple.of(time(nowMillis)))
        .map(rows -> {
          List<Silence> out = new ArrayList<>(rows.size());
          for (Row row : rows) {
            out.add(silence(row));
          }
          return out;
        });
  }

  private static Silence silence(Row row) {
    return new Silence(row.getLong("id"), row.getString("station_id"), row.getString("kind"),
        row.getString("parameter"), row.getString("reason"), row.getString("created_by"),
        millis(row.getOffsetDateTime("created_at")), millis(row.getOffsetDateTime("starts_at")),
        millis(row.getOffsetDateTime("ends_at")));
  }

  private static long millis(OffsetDateTime t) {
    return t.toInstant().toEpochMilli();
  }

  private static OffsetDateTime time(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
