package io.qingliu.store;

import io.qingliu.model.Eem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The fingerprint library in PostgreSQL: the enterprises' reference EEMs on their native grids. References are only
 * added, never changed, so a reference's id is also the library's version once it is in: "who added which reference
 * when" is the table itself.
 */
public final class ReferenceStore {

  /** A reference as the tracer needs it. */
  public record Stored(long version, String enterpriseId, String referenceId, Eem eem) {}

  private static final String META = "r.id, r.enterprise_id, r.reference_id, r.instrument, r.units, r.note, "
      + "r.added_by, r.added_at, array_length(g.ex, 1) AS n_ex, array_length(g.em, 1) AS n_em";

  private final Pool pool;
  private final EemStore spectra;

  public ReferenceStore(Pool pool, EemStore spectra) {
    this.pool = pool;
    this.spectra = spectra;
  }

  /** Adds a reference; completes with its listing entry, or null when the enterprise already has that reference id. */
  public Future<JsonObject> add(String enterpriseId, String referenceId, Eem eem, String note, String addedBy,
      long atMillis) {
    return spectra.gridId(eem.ex(), eem.em()).compose(grid -> pool.preparedQuery(
            "WITH r AS (INSERT INTO fingerprint_references (enterprise_id, reference_id, grid_id, instrument, units, "
                + "intensity, note, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "ON CONFLICT (enterprise_id, reference_id) DO NOTHING RETURNING *) "
                + "SELECT " + META + " FROM r JOIN eem_grids g ON g.id = r.grid_id")
        .execute(Tuple.from(new Object[] {enterpriseId, referenceId, grid, eem.instrument(), eem.units(),
            EemStore.boxed(eem.intensity()), note, addedBy, EemStore.time(atMillis)})))
        .map(rows -> rows.size() == 0 ? null : meta(rows.iterator().next()));
  }

  /** Every reference without its values, oldest first. */
  public Future<JsonArray> list() {
    return pool.query("SELECT " + META + " FROM fingerprint_references r JOIN eem_grids g ON g.id = r.grid_id "
            + "ORDER BY r.id").execute()
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(meta(r)));
          return out;
        });
  }

  /** Every reference with its values, to build the library from. */
  public Future<List<Stored>> all() {
    return pool.query("SELECT r.id, r.enterprise_id, r.reference_id, r.instrument, r.units, r.intensity, g.ex, g.em "
            + "FROM fingerprint_references r JOIN eem_grids g ON g.id = r.grid_id ORDER BY r.id").execute()
        .map(rows -> {
          List<Stored> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            String ref = r.getString("reference_id");
            out.add(new Stored(r.getLong("id"), r.getString("enterprise_id"), ref, new Eem(ref, 0,
                EemStore.unboxed(r.getArrayOfFloats("ex")), EemStore.unboxed(r.getArrayOfFloats("em")),
                EemStore.unboxed(r.getArrayOfFloats("intensity")), r.getString("instrument"), r.getString("units"))));
          }
          return out;
        });
  }

  /** One reference in the exchange format (for the side-by-side heat maps), or null. */
  public Future<JsonObject> get(long id) {
    return pool.preparedQuery("SELECT " + META + ", r.intensity, g.ex, g.em FROM fingerprint_references r "
            + "JOIN eem_grids g ON g.id = r.grid_id WHERE r.id = $1").execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return meta(r).mergeIn(EemStore.exchange(r));
        });
  }

  private static JsonObject meta(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("enterprise", r.getString("enterprise_id"))
        .put("referenceId", r.getString("reference_id")).put("instrument", r.getString("instrument"))
        .put("units", r.getString("units")).put("grid", r.getInteger("n_ex") + " × " + r.getInteger("n_em"))
        .put("note", r.getString("note")).put("addedBy", r.getString("added_by"))
        .put("addedAt", r.getOffsetDateTime("added_at").toInstant().toString());
  }
}
