package io.qingliu.loadtest;

import java.nio.file.Path;

/**
 * One run's settings, resolved from the scenario file and the command line (see {@link LoadtestCommand} for what
 * each means).
 *
 * @param mqtt the broker to publish to, or null for an HTTP-only run
 * @param http base URL for HTTP batch ingest, or null
 * @param api base URL of the server's API (login, network), or null
 * @param ws the WebSocket URL for end-to-end alert latency, or null
 * @param db {@code postgresql://} URL for reconciliation, or null
 */
record Settings(
    String name,
    HostPort mqtt,
    int stations,
    double rate,
    int perPublish,
    int duration,
    int warmup,
    int qos,
    int window,
    int backlog,
    int loops,
    int connectRate,
    int ackTimeout,
    int drain,
    String api,
    String http,
    double httpRate,
    int httpBatch,
    int httpInflight,
    String httpKey,
    String ws,
    int alertEvery,
    String db,
    boolean noAuth,
    String user,
    String password,
    String secrets,
    String secretTemplate,
    Path out,
    HostPort compareMqtt) {

  /** The same load against another broker: anonymous, no database, no WebSocket, no HTTP. */
  Settings against(HostPort broker, String runName) {
    return new Settings(runName, broker, stations, rate, perPublish, duration, warmup, qos, window, backlog, loops, connectRate,
        ackTimeout, drain, null, null, 0, httpBatch, httpInflight, null, null, alertEvery, null, true, user, password,
        null, secretTemplate, out, null);
  }

  boolean mqttEnabled() {
    return mqtt != null && rate > 0;
  }

  boolean httpEnabled() {
    return http != null && httpRate > 0;
  }
}
