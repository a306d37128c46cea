package io.qingliu.web.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Officer accounts in the {@code officers} table; password checks run on a worker thread (PBKDF2 is slow on purpose). */
public final class OfficerDirectory {

  /**
   * Verified against when the username is unknown, so a wrong name costs as long as a wrong password. A holder class:
   * hashing takes a good part of a second, so it happens on first use on a worker, never while an event loop loads us.
   */
  private static final class UnknownUser {
    static final String HASH = PasswordHasher.hash("not a password");
  }

  private final Vertx vertx;
  private final Pool pool;

  public OfficerDirectory(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /**
   * Creates the configured accounts that do not exist yet; existing accounts are left as they are, so a password an
   * admin changed is not reset by a restart.
   */
  public Future<Void> seed(JsonArray accounts) {
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      JsonObject a = accounts.getJsonObject(i);
      String username = a.getString("username");
      all.add(pool.preparedQuery("SELECT 1 FROM officers WHERE username = $1").execute(Tuple.of(username))
          .compose(rows -> rows.size() > 0 ? Future.succeededFuture() : vertx.executeBlocking(() ->
                  a.getString("passwordHash") != null ? a.getString("passwordHash")
                      : PasswordHasher.hash(a.getString("password")))
              .compose(hash -> pool.preparedQuery("INSERT INTO officers (username, display_name, role, password_hash)"
                      + " VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING")
                  .execute(Tuple.of(username, a.getString("displayName", username), a.getString("role", "viewer"),
                      hash)))));
    }
    return Future.all(all).mapEmpty();
  }

  /** The officer, or null when the username or the password is wrong. */
  public Future<Officer> login(String username, String password) {
    return pool.preparedQuery("SELECT username, display_name, role, password_hash FROM officers WHERE username = $1")
        .execute(Tuple.of(username))
        .compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          return vertx.executeBlocking(() -> PasswordHasher.verify(password,
                  row == null ? UnknownUser.HASH : row.getString("password_hash")) && row != null)
              .map(ok -> ok ? new Officer(row.getString("username"), row.getString("display_name"),
                  row.getString("role")) : null);
        });
  }
}
