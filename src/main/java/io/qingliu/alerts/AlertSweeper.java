package io.qingliu.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qingliu.model.Severity;
import io.qingliu.store.AlertStore;
import io.qingliu.store.SilenceStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert desk's clock, one per server: every {@code sweepSeconds} it reads the silences, mutes the open alerts a
 * silence now covers and unmutes those whose silence ended, and escalates the unacknowledged alerts of escalating
 * severity (critical by default) every {@code everyMinutes} until someone acknowledges them. Each of these is an
 * alert change, so the page hears it like any other; escalations and openings of escalating alerts also go to the
 * webhook, at most {@code DEFAULT_WEBHOOK_MAX_IN_FLIGHT} calls at a time (beyond that one is dropped and counted).
 */
public final class AlertSweeper extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlertSweeper.class);
  private static final int WEBHOOK_TIMEOUT_MS = 5_000;

  private final AlertStore alerts;
  private final SilenceStore silenceStore;
  private final Silences silences;
  private final AlertOptions options;
  private final Clock clock;
  /** The escalating severities as the SQL takes them. */
  private final String[] escalating;
  private final AtomicInteger webhookInFlight = new AtomicInteger();
  private final Counter escalations;
  private final Counter webhookSent;
  private final Counter webhookFailed;
  private final Counter webhookDropped;
  private AlertBus bus;
  private HttpClient http;

  public AlertSweeper(AlertStore alerts, SilenceStore silenceStore, Silences silences, AlertOptions options,
      Clock clock, MeterRegistry registry) {
    this.alerts = alerts;
    this.silenceStore = silenceStore;
    this.silences = silences;
    this.options = options;
    this.clock = clock;
    this.escalating = options.getEscalate().stream().map(s -> s.key()).toArray(String[]::new);
    this.escalations = Counter.builder("qingliu.alerts.escalations")
        .description("announcements of unacknowledged alerts").register(registry);
    this.webhookSent = webhook(registry, "sent");
    this.webhookFailed = webhook(registry, "failed");
    this.webhookDropped = webhook(registry, "dropped");
  }

  private static Counter webhook(MeterRegistry registry, String outcome) {
    return Counter.builder("qingliu.alerts.webhook").tag("outcome", outcome)
        .description("alert notifications POSTed to the webhook").register(registry);
  }

  @Override
  public Future<?> start() {
    bus = new AlertBus(vertx.eventBus());
    if (options.getWebhook() != null) {
      http = vertx.createHttpClient();
      vertx.eventBus().<JsonObject>localConsumer(AlertBus.ALERTS, m -> {
        AlertChange change = AlertChange.fromMessage(m.body());
        if ("opened".equals(change.event()) && escalates(change.alert())) {
          notify(change);
        }
      });
    }
    long every = options.getSweepSeconds() * 1_000L;
    vertx.setPeriodic(every, every, t -> sweep());
    return sweep();
  }

  private boolean escalates(JsonObject alert) {
    return alert.getString("muted") == null
        && options.getEscalate().contains(Severity.of(alert.getString("severity")));
  }

  /** One pass; the timer runs it, and so does the API after a silence is set or cancelled. */
  public Future<Void> sweep() {
    long now = clock.millis();
    return silenceStore.current(now)
        .compose(current -> {
          silences.replace(current);
          return alerts.liftSilences(now);
        })
        .compose(lifted -> {
          lifted.forEach(bus::publish);
          return alerts.applySilences(now);
        })
        .compose(muted -> {
          muted.forEach(bus::publish);
          return alerts.escalate(now, options.getEscalateEveryMinutes() * 60_000L, escalating);
        })
        .map(escalated -> {
          for (AlertChange change : escalated) {
            escalations.increment();
            bus.publish(change);
            notify(change);
          }
          return (Void) null;
        })
        .onFailure(e -> LOG.warn("alert sweep failed: {}", e.getMessage()));
  }

  private void notify(AlertChange change) {
    if (http == null) {
      return;
    }
    if (webhookInFlight.incrementAndGet() > AlertOptions.DEFAULT_WEBHOOK_MAX_IN_FLIGHT) {
      webhookInFlight.decrementAndGet();
      webhookDropped.increment();
      return;
    }
    Buffer body = new JsonObject().put("event", change.event()).put("alert", change.alert()).toBuffer();
    http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(options.getWebhook())
            .setConnectTimeout(WEBHOOK_TIMEOUT_MS).setIdleTimeout(WEBHOOK_TIMEOUT_MS)
            .putHeader("content-type", "application/json"))
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(response.statusCode()))
        .onComplete(ar -> {
          webhookInFlight.decrementAndGet();
          if (ar.succeeded() && ar.result() / 100 == 2) {
            webhookSent.increment();
          } else {
            webhookFailed.increment();
            LOG.warn("webhook {} for alert {}: {}", change.event(), change.alertId(),
                ar.succeeded() ? "HTTP " + ar.result() : ar.cause().getMessage());
          }
        });
  }
}
