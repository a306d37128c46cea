package io.qingliu.ingest.hj212;

import io.qingliu.config.Hj212Options;
import io.qingliu.ingest.RejectLog;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServerOptions;

/** The HJ 212 TCP listener (port 9212 by default), one instance per event loop. */
public final class Hj212IngestVerticle extends VerticleBase {

  private final Hj212Options options;
  private final Hj212Ingest ingest;
  private final RejectLog rejects;
  private final Hj212Counters counters;

  public Hj212IngestVerticle(Hj212Options options, Hj212Ingest ingest, RejectLog rejects, Hj212Counters counters) {
    this.options = options;
    this.ingest = ingest;
    this.rejects = rejects;
    this.counters = counters;
  }

  @Override
  public Future<?> start() {
    return vertx.createNetServer(new NetServerOptions().setPort(options.getPort())
            .setIdleTimeout(options.getIdleSeconds()))
        .connectHandler(socket -> new Hj212Connection(socket, options, ingest, rejects, counters).start())
        .listen();
  }
}
