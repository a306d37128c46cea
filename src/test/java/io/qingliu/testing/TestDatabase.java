package io.qingliu.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database for one test class, dropped afterwards: on the PostgreSQL at 127.0.0.1:5432 (override with
 * QINGLIU_TEST_PG, a {@code host:port}), or, where none runs, on an embedded PostgreSQL started for the test run.
 */
public final class TestDatabase implements AutoCloseable {

  private static EmbeddedPostgres embedded;

  private final String hostPort;
  private final String name;

  private TestDatabase(String hostPort, String name) {
    this.hostPort = hostPort;
    this.name = name;
  }

  public static synchronized TestDatabase create() {
    String hostPort = System.getenv().getOrDefault("QINGLIU_TEST_PG", "127.0.0.1:5432");
    if (!reachable(hostPort)) {
      try {
        if (embedded == null) {
          embedded = EmbeddedPostgres.builder().start();
        }
      } catch (IOException e) {
        throw new IllegalStateException("no PostgreSQL at " + hostPort + " and the embedded one did not start", e);
      }
      hostPort = "localhost:" + embedded.getPort();
    }
    String name = "qingliu_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    exec(hostPort, "postgres", "CREATE DATABASE " + name);
    return new TestDatabase(hostPort, name);
  }

  private static boolean reachable(String hostPort) {
    String[] hp = hostPort.split(":");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void exec(String hostPort, String db, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/" + db, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The database as the server takes it: {@code postgresql://postgres@host:port/name}. */
  public String url() {
    return "postgresql://postgres@" + hostPort + "/" + name;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostPort + "/" + name;
  }

  /** Runs a query on the test database and returns the first column of the first row. */
  public Object scalar(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "");
        Statement st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getObject(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs statements on the test database: data a test needs faster than any client could send it. */
  public void execute(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    exec(hostPort, "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
