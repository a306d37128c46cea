package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.qingliu.QingliuServer;
import io.qingliu.config.QingliuOptions;
import io.qingliu.testing.FreePort;
import io.qingliu.testing.TestServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no database configured the server runs its own PostgreSQL, and what it stored is there after a restart. */
class EmbeddedDatabaseIT {

  @TempDir
  Path dataDir;

  QingliuServer start() {
    QingliuOptions options = new QingliuOptions().setDataDir(dataDir.toString()).setHttpPort(FreePort.next())
        .setNetworkFile(TestServer.NETWORK).setShards(1);
    options.getMqtt().setPort(FreePort.next());
    return TestServer.await(QingliuServer.start(options, Clock.systemUTC()));
  }

  @Test
  void givenNoDatabaseUrl_whenAReadingIsStoredAndTheServerRestarts_thenTheReadingIsStillThere() {
    Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    QingliuServer first = start();
    assertThat(first.database().url()).startsWith("postgresql://postgres@localhost:");
    for (String durable : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
      assertThat(TestServer.await(first.database().pool().query("SHOW " + durable).execute()).iterator().next()
          .getString(0)).as("an acknowledged reading must survive a crash: " + durable).isEqualTo("on");
    }
    // Small checkpoints: with the defaults each one stalled every PUBACK for 100-300 ms at 100k readings/s.
    assertThat(TestServer.await(first.database().pool().query("SHOW max_wal_size").execute()).iterator().next()
        .getString(0)).isEqualTo("256MB");
    Vertx client = Vertx.vertx();
    try {
      MqttClient s1 = MqttClient.create(client, new MqttClientOptions().setUsername("S1").setPassword("s1-secret"));
      TestServer.await(s1.connect(first.options().getMqtt().getPort(), "localhost"));
      Promise<Integer> acked = Promise.promise();
      s1.publishCompletionHandler(acked::tryComplete);
      TestServer.await(s1.publish("qingliu/v1/stations/S1/readings",
          Buffer.buffer("{\"ts\":\"" + ts + "\",\"values\":{\"ph\":7.77}}"), MqttQoS.AT_LEAST_ONCE, false, false));
      TestServer.await(acked.future());
      TestServer.await(s1.disconnect());
    } finally {
      TestServer.await(client.close());
    }
    TestServer.await(first.close());

    QingliuServer second = start();
    try {
      Row row = TestServer.await(second.database().pool().query("SELECT v_ph, ts FROM readings").execute())
          .iterator().next();
      assertThat(row.getDouble("v_ph")).isEqualTo(7.77);
      assertThat(row.getOffsetDateTime("ts").toInstant()).isEqualTo(ts);
    } finally {
      TestServer.await(second.close());
    }
  }
}
