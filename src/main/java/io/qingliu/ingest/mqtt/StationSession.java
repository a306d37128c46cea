package io.qingliu.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.qingliu.config.MqttIngestOptions;
import io.qingliu.ingest.OwnReadings;
import io.qingliu.ingest.RefusedException;
import io.qingliu.ingest.eem.EemIngest;
import io.qingliu.ingest.hj212.Hj212Ingest;
import io.qingliu.ingest.ReadingDecoder;
import io.qingliu.ingest.Reject;
import io.qingliu.ingest.RejectLog;
import io.qingliu.ingest.RejectReason;
import io.qingliu.model.Station;
import io.qingliu.shard.OwnLoop;
import io.qingliu.shard.StationShards;
import io.qingliu.store.ReadingWriter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated station connection. It decodes what the station publishes, hands the readings to the station's
 * shard and acknowledges a QoS 1 publish only once its readings are committed. Everything refused is answered: in the
 * PUBACK's reason code and string (MQTT 5) and on the station's own error topic (any version).
 *
 * <p>Runs on the connection's event loop. The only state is the count of unacknowledged publishes, which bounds what
 * the connection can make the server hold (Receive Maximum).
 */
final class StationSession {

  private record Held(MqttPublishMessage msg, ReadingDecoder.Decoded decoded) {}

  private static final Logger LOG = LoggerFactory.getLogger(StationSession.class);
  static final String PROTOCOL = "mqtt";
  /** How long a publish the readings' path had no room for waits before it is tried again. */
  static final long RETRY_MS = 10;
  /** MQTT 5 reason strings are for humans; keep them short enough to read in a client log. */
  private static final int MAX_REASON_STRING = 500;

  private final MqttEndpoint endpoint;
  private final Station station;
  private final ReadingDecoder decoder;
  private final StationShards shards;
  private final RejectLog rejects;
  private final IngestCounters counters;
  private final EemIngest eem;
  private final Hj212Ingest hj212;
  private final MqttIngestOptions limits;
  private final boolean v5;
  private final OwnLoop loop;
  private final String readingsTopic;
  private final StationTopics.Parsed readingsTarget;
  private int unacknowledged;
  /** QoS 1 publishes of a 3.1.1 client waiting for room in the readings' path, oldest first. */
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  /** A held publish is being tried again. */
  private boolean retrying;
  private boolean retryScheduled;
  private boolean inRetryLoop;
  private boolean errorsSubscribed;
  private boolean hj212AnswersSubscribed;

  StationSession(MqttEndpoint endpoint, Station station, ReadingDecoder decoder, EemIngest eem, Hj212Ingest hj212,
      StationShards shards, RejectLog rejects, IngestCounters counters, MqttIngestOptions limits) {
    this.endpoint = endpoint;
    this.station = station;
    this.decoder = decoder;
    this.shards = shards;
    this.rejects = rejects;
    this.counters = counters;
    this.eem = eem;
    this.hj212 = hj212;
    this.limits = limits;
    this.v5 = endpoint.protocolVersion() == 5;
    this.loop = OwnLoop.current();
    this.readingsTopic = own(StationTopics.READINGS);
    this.readingsTarget = new StationTopics.Parsed(station.id(), StationTopics.READINGS);
  }

  void accept() {
    endpoint.publishHandler(this::onPublish);
    endpoint.subscribeHandler(this::onSubscribe);
    endpoint.unsubscribeHandler(m -> endpoint.unsubscribeAcknowledge(m.messageId()));
    endpoint.pingHandler(v -> { });
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.exceptionHandler(e -> LOG.debug("station {} connection error: {}", station.id(), e.getMessage()));
    counters.connected();
    endpoint.closeHandler(v -> {
      counters.disconnected();
      held.clear(); // never acknowledged: the client sends them again when it reconnects
    });
    if (v5) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), limits.getReceiveMaximum()));
      // Compliant clients then refuse an oversized publish themselves instead of having the connection cut.
      props.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), limits.getMaxMessageSize()));
      endpoint.accept(false, props);
    } else {
      endpoint.accept(false);
    }
  }

  private void onPublish(MqttPublishMessage msg) {
    boolean acked = msg.qosLevel() != MqttQoS.AT_MOST_ONCE;
    if (acked && ++unacknowledged > limits.getReceiveMaximum()) {
      LOG.warn("station {} from {} exceeded {} unacknowledged publishes: disconnecting", station.id(),
          endpoint.remoteAddress(), limits.getReceiveMaximum());
      counters.receiveMaximumExceeded();
      if (v5) {
        endpoint.disconnect(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED, new MqttProperties());
      }
      endpoint.close();
      return;
    }
    String topic = msg.topicName();
    // Nearly every publish goes to the station's own readings topic: recognise it without taking the topic apart
    // (two substrings, a record and their hashes per publish).
    StationTopics.Parsed target = topic.equals(readingsTopic) ? readingsTarget : StationTopics.parse(topic);
    if (target == null || !target.stationId().equals(station.id())) {
      Reject r = target == null
          ? new Reject(RejectReason.BAD_TOPIC, topic, "publish to " + own("{readings|eem|hj212}"))
          : new Reject(RejectReason.NOT_AUTHORIZED, topic, "station " + station.id() + " may publish only under "
              + own("…"));
      refuse(msg, List.of(r), target == null ? MqttPubAckReasonCode.TOPIC_NAME_INVALID
          : MqttPubAckReasonCode.NOT_AUTHORIZED);
      return;
    }
    int limit = limits.forKind(target.kind());
    if (msg.payload().length() > limit) {
      refuse(msg, List.of(new Reject(RejectReason.PAYLOAD_TOO_LARGE, topic, msg.payload().length()
          + " bytes; this topic takes at most " + limit)), MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID);
      return;
    }
    switch (target.kind()) {
      case StationTopics.EEM -> answer(msg, eem.ingest(PROTOCOL, station, msg.payload().getBytes()).map(v -> null));
      case StationTopics.HJ212 -> answer(msg, hj212.ingestFrame(msg.payload().getBytes(), station).map(reply -> {
        if (reply != null && hj212AnswersSubscribed) {
          endpoint.publish(own(StationTopics.HJ212_ANSWER), Buffer.buffer(reply), MqttQoS.AT_MOST_ONCE, false, false);
        }
        return null;
      }));
      default -> readings(msg);
    }
  }

  private void readings(MqttPublishMessage msg) {
    ReadingDecoder.Decoded decoded = OwnReadings.only(station.id(),
        decoder.decode(station.id(), msg.payload().getBytes()));
    if (decoded.readings().isEmpty()) {
      refuse(msg, decoded.rejects(), MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID);
      return;
    }
    report(decoded.rejects());
    counters.received(decoded.readings().size());
    Held publish = new Held(msg, decoded);
    if (held.isEmpty()) {
      store(publish, false);
    } else {
      held.add(publish); // behind what already waits, so the station's readings reach its checks in order
    }
  }

  /** @param retry a held publish (the oldest), tried again */
  private void store(Held publish, boolean retry) {
    ReadingDecoder.Decoded decoded = publish.decoded();
    shards.of(station.id()).submit(decoded.readings()).onComplete(ar -> loop.execute(() -> {
      retrying &= !retry;
      if (ar.failed() && ar.cause() instanceof ReadingWriter.Overloaded && mayHold(publish.msg())) {
        counters.held();
        if (retry) {
          held.addFirst(publish);
        } else {
          held.add(publish);
        }
        if (!retrying) {
          retryLater();
        }
        return;
      }
      settle(publish.msg(), ar.map(v -> decoded.rejects().isEmpty() ? null
          : decoded.readings().size() + " reading(s) stored; refused: " + summary(decoded.rejects())));
      if (retry) {
        retryHeld();
      }
    }));
  }

  /**
   * MQTT 3.1.1 has no negative PUBACK: a publish the readings' path has no room for waits here and is tried again,
   * instead of closing the connection to make the client resend. Closing did not shed load: every station came back
   * at once with its whole window again, so an overloaded server stayed overloaded. What waits is bounded by the
   * Receive Maximum, and its readings were already checked (the checks run before the writer is asked).
   */
  private boolean mayHold(MqttPublishMessage msg) {
    return !v5 && msg.qosLevel() == MqttQoS.AT_LEAST_ONCE && endpoint.isConnected();
  }

  private void retryLater() {
    if (!retryScheduled) {
      retryScheduled = true;
      loop.later(RETRY_MS, () -> {
        retryScheduled = false;
        retryHeld();
      });
    }
  }

  /**
   * Tries the held publishes oldest first, one at a time, the next once the previous is through: while the path is
   * still full that costs one refused attempt per round, not one per held publish. Whenever publishes are held, one
   * of them is being tried or a retry is scheduled.
   */
  private void retryHeld() {
    if (inRetryLoop) {
      return; // an attempt completed at once, inside the loop below, which goes on
    }
    inRetryLoop = true;
    while (!retrying && !retryScheduled && !held.isEmpty() && endpoint.isConnected()) {
      retrying = true;
      store(held.poll(), true);
    }
    inRetryLoop = false;
  }

  /**
   * Acknowledges a publish once its data is committed, on this connection's event loop (at once when the station's
   * shard runs on it too).
   *
   * @param committed completes with the PUBACK's reason string (null for none) once the data is committed
   */
  private void answer(MqttPublishMessage msg, Future<String> committed) {
    committed.onComplete(ar -> loop.execute(() -> settle(msg, ar)));
  }

  private void settle(MqttPublishMessage msg, AsyncResult<String> ar) {
    if (ar.succeeded()) {
      ack(msg, MqttPubAckReasonCode.SUCCESS, ar.result());
    } else if (ar.cause() instanceof RefusedException refused) {
      // Already counted and logged by whoever refused it; the station still hears why.
      notify(List.of(refused.reject()));
      ack(msg, refused.reject().reason() == RejectReason.SERVER_BUSY ? MqttPubAckReasonCode.QUOTA_EXCEEDED
          : refused.reject().reason() == RejectReason.NOT_AUTHORIZED ? MqttPubAckReasonCode.NOT_AUTHORIZED
          : MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID, refused.reject().describe());
    } else {
      boolean busy = ar.cause() instanceof ReadingWriter.Overloaded;
      if (!busy) {
        LOG.warn("station {}: could not store what it sent: {}", station.id(), ar.cause().toString());
      }
      Reject r = new Reject(busy ? RejectReason.SERVER_BUSY : RejectReason.STORE_FAILED, "",
          busy ? "server busy, publish again later" : "could not store the data, publish again");
      report(List.of(r));
      if (v5) {
        ack(msg, busy ? MqttPubAckReasonCode.QUOTA_EXCEEDED : MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
            r.describe());
      } else if (msg.qosLevel() != MqttQoS.AT_MOST_ONCE && endpoint.isConnected()) {
        // MQTT 3.1.1 has no negative PUBACK: closing makes the client resend its unacknowledged publishes. Once: the
        // other publishes failing with it would each throw (the endpoint is closed) and log a stack trace, which under
        // overload cost more CPU than the readings.
        endpoint.close();
      }
    }
  }

  private void refuse(MqttPublishMessage msg, List<Reject> why, MqttPubAckReasonCode code) {
    report(why);
    ack(msg, code, summary(why));
  }

  private void ack(MqttPublishMessage msg, MqttPubAckReasonCode code, String reason) {
    if (msg.qosLevel() == MqttQoS.AT_MOST_ONCE || !endpoint.isConnected()) {
      return;
    }
    unacknowledged--;
    if (msg.qosLevel() == MqttQoS.EXACTLY_ONCE) {
      endpoint.publishReceived(msg.messageId());
    } else if (v5) {
      MqttProperties props = new MqttProperties();
      if (reason != null) {
        props.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(), reason));
      }
      endpoint.publishAcknowledge(msg.messageId(), code, props);
    } else {
      endpoint.publishAcknowledge(msg.messageId());
    }
  }

  private void report(List<Reject> why) {
    for (Reject r : why) {
      rejects.record(PROTOCOL, station.id(), r);
    }
    notify(why);
  }

  /** Tells the station on its error topic, if it listens there. */
  private void notify(List<Reject> why) {
    for (Reject r : why) {
      if (errorsSubscribed) {
        JsonObject err = new JsonObject().put("ts", Instant.now().toString()).put("reason", r.reason().key())
            .put("where", r.where()).put("detail", r.detail());
        endpoint.publish(own(StationTopics.ERRORS), Buffer.buffer(err.encode()), MqttQoS.AT_MOST_ONCE, false, false);
      }
    }
  }

  private void onSubscribe(MqttSubscribeMessage msg) {
    List<MqttSubAckReasonCode> v5codes = new ArrayList<>();
    List<MqttQoS> v3codes = new ArrayList<>();
    for (MqttTopicSubscription s : msg.topicSubscriptions()) {
      boolean errors = s.topicName().equals(own(StationTopics.ERRORS));
      boolean answers = s.topicName().equals(own(StationTopics.HJ212_ANSWER));
      boolean own = errors || answers;
      errorsSubscribed |= errors;
      hj212AnswersSubscribed |= answers;
      if (!own) {
        rejects.record(PROTOCOL, station.id(), new Reject(RejectReason.NOT_AUTHORIZED, s.topicName(),
            "a station may subscribe only to " + own(StationTopics.ERRORS) + " and "
                + own(StationTopics.HJ212_ANSWER)));
      }
      v5codes.add(own ? MqttSubAckReasonCode.GRANTED_QOS0 : MqttSubAckReasonCode.NOT_AUTHORIZED);
      v3codes.add(own ? MqttQoS.AT_MOST_ONCE : MqttQoS.FAILURE);
    }
    if (v5) {
      endpoint.subscribeAcknowledge(msg.messageId(), v5codes, new MqttProperties());
    } else {
      endpoint.subscribeAcknowledge(msg.messageId(), v3codes);
    }
  }

  private String own(String kind) {
    return StationTopics.of(station.id(), kind);
  }

  private static String summary(List<Reject> why) {
    String s = why.stream().map(Reject::describe).collect(Collectors.joining("; "));
    return s.length() <= MAX_REASON_STRING ? s : s.substring(0, MAX_REASON_STRING - 1) + "…";
  }
}
