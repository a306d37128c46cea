package io.qingliu.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.qingliu.config.MqttIngestOptions;
import io.qingliu.ingest.ReadingDecoder;
import io.qingliu.ingest.Reject;
import io.qingliu.ingest.RejectLog;
import io.qingliu.ingest.RejectReason;
import io.qingliu.ingest.StationAuthenticator;
import io.qingliu.ingest.eem.EemIngest;
import io.qingliu.ingest.hj212.Hj212Ingest;
import io.qingliu.model.Station;
import io.qingliu.shard.StationShards;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT listener stations connect to (3.1.1 and 5). Started once on each shard's event loop
 * ({@link StationShards#onEachLoop}): Vert.x spreads the connections over the instances, and a connection whose
 * station belongs to the shard it landed on is decoded, checked, stored and acknowledged on that one thread, with no
 * hand-off between event loops. It authenticates each CONNECT and hands the connection to a {@link StationSession}.
 */
public final class MqttListener {

  private static final Logger LOG = LoggerFactory.getLogger(MqttListener.class);

  private final MqttIngestOptions options;
  private final StationAuthenticator authenticator;
  private final ReadingDecoder decoder;
  private final EemIngest eem;
  private final Hj212Ingest hj212;
  private final StationShards shards;
  private final RejectLog rejects;
  private final IngestCounters counters;

  public MqttListener(MqttIngestOptions options, StationAuthenticator authenticator, ReadingDecoder decoder,
      EemIngest eem, Hj212Ingest hj212, StationShards shards, RejectLog rejects, IngestCounters counters) {
    this.options = options;
    this.authenticator = authenticator;
    this.decoder = decoder;
    this.eem = eem;
    this.hj212 = hj212;
    this.shards = shards;
    this.rejects = rejects;
    this.counters = counters;
  }

  /** Listens on the calling event loop; the returned server is closed with the verticle that started it. */
  public Future<MqttServer> listen(Vertx vertx) {
    MqttServer server = MqttServer.create(vertx, new MqttServerOptions()
        .setPort(options.getPort()).setHost(options.getHost()).setMaxMessageSize(options.getMaxMessageSize()));
    return server.endpointHandler(this::onConnect)
        .exceptionHandler(e -> LOG.debug("MQTT protocol error: {}", e.getMessage()))
        .listen();
  }

  private void onConnect(MqttEndpoint endpoint) {
    MqttAuth auth = endpoint.auth();
    String user = auth == null ? null : auth.getUsername();
    Station station = auth == null ? null : authenticator.authenticate(user, auth.getPassword());
    if (station == null) {
      LOG.info("refused MQTT connection from {} as '{}': bad credentials", endpoint.remoteAddress(), user);
      rejects.record(StationSession.PROTOCOL, null, new Reject(RejectReason.BAD_CREDENTIALS, "",
          "unknown station or wrong secret"));
      endpoint.reject(endpoint.protocolVersion() == 5
          ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
          : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
      return;
    }
    new StationSession(endpoint, station, decoder, eem, hj212, shards, rejects, counters, options).accept();
  }
}
