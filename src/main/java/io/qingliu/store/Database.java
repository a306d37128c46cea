package io.qingliu.store;

import io.qingliu.config.QingliuOptions;
import io.qingliu.config.WriterOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL Qingliu stores into: the configured server, or, when none is configured, an embedded PostgreSQL
 * whose data lives under the data directory and survives restarts. Migrations (Flyway, {@code db/migration}) run
 * before anything else touches it. Starting and migrating block, so they run on a worker thread.
 */
public final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** Requests waiting for a pooled connection; beyond it a query fails at once instead of queueing without bound. */
  static final int MAX_WAIT_QUEUE = 10_000;

  private final Pool pool;
  private final EmbeddedPostgres embedded;
  private final String url;

  private Database(Pool pool, EmbeddedPostgres embedded, String url) {
    this.pool = pool;
    this.embedded = embedded;
    this.url = url;
  }

  public static Future<Database> start(Vertx vertx, QingliuOptions options) {
    return vertx.executeBlocking(() -> {
      EmbeddedPostgres embedded = null;
      String url = options.getDbUrl();
      if (url == null) {
        Path dir = Path.of(options.getDataDir(), "pg").toAbsolutePath();
        Files.createDirectories(dir.getParent());
        LOG.info("no database configured: starting the embedded PostgreSQL in {}", dir);
        // The library starts PostgreSQL for throwaway tests (fsync off); a server that acknowledges only committed
        // readings needs them on disk, so durability is switched back on. Checkpoints every 256 MB of WAL (a few
        // seconds at 100k readings/s) with 2 GB of buffers: each checkpoint's fsync writes out the table pages that
        // were added since it began, which the kernel still holds dirty; with the defaults (1 GB, 128 MB) that was
        // ~350 MB at once every ~20 s, stalling every commit behind it for 100-300 ms (loadtest/README.md, 29 Nov).
        // Small, frequent checkpoints keep it near 100 MB. They are intended, so they are not worth a warning.
        embedded = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
            .setServerConfig("max_connections", "50").setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
            .setServerConfig("shared_buffers", "2GB").setServerConfig("max_wal_size", "256MB")
            .setServerConfig("checkpoint_warning", "0").start();
        url = "postgresql://postgres@localhost:" + embedded.getPort() + "/postgres";
      }
      migrate(url);
      return new Object[] {embedded, url};
    }).map(started -> {
      String url = (String) started[1];
      WriterOptions w = options.getWriter();
      Pool pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(w.getPoolSize()).setMaxWaitQueueSize(MAX_WAIT_QUEUE))
          .connectingTo(PgConnectOptions.fromUri(url).setCachePreparedStatements(true))
          .using(vertx)
          .build();
      return new Database(pool, (EmbeddedPostgres) started[0], url);
    });
  }

  /** Applies the migrations over JDBC; {@code url} is a {@code postgresql://user:password@host:port/db} URL. */
  public static void migrate(String url) {
    PgConnectOptions o = PgConnectOptions.fromUri(url);
    String jdbc = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    Flyway.configure().dataSource(jdbc, o.getUser(), o.getPassword()).locations("classpath:db/migration")
        .load().migrate();
  }

  public Pool pool() {
    return pool;
  }

  public String url() {
    return url;
  }

  public Future<Void> close(Vertx vertx) {
    return pool.close().transform(ignored -> vertx.executeBlocking(() -> {
      if (embedded != null) {
        try {
          embedded.close();
        } catch (IOException e) {
          LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
      }
      return null;
    }));
  }
}
