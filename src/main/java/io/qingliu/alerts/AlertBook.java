package io.qingliu.alerts;

import io.qingliu.checks.Finding;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.StationKind;
import io.qingliu.store.AlertStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns findings into alert changes for the stations of one shard: opens an alert when a condition fires and none is
 * open, resolves it when the condition stops. Findings are level-triggered, so an alert an officer resolved by hand
 * while its condition persists is opened again by the next reading.
 *
 * <p>On the way, the first matching {@link AlertRule} sets the severity and may hold the alert pending until its
 * condition has lasted {@code forMinutes} (reading time). A new alert is muted when a silence covers it or when its
 * station's offline alert is open; the offline alert, while open, mutes the station's other alerts (inhibition).
 *
 * <p>Owned by the shard's event loop. The database's partial unique index is the final word on "one open alert per
 * key"; this map only spares the database the attempts.
 */
public final class AlertBook {

  private static final Logger LOG = LoggerFactory.getLogger(AlertBook.class);

  /** An open alert, or one whose INSERT is still in flight ({@code id < 0}). */
  private static final class Slot {
    long id = -1;
    boolean resolveOnceOpen;
  }

  private final AlertStore store;
  private final AlertBus bus;
  private final Clock clock;
  private final AlertRules rules;
  private final Silences silences;
  private final Map<String, StationKind> kinds;
  private final Map<String, Slot> open = new HashMap<>();
  /** When each condition that a rule holds back started firing, by alert key. */
  private final Map<String, Long> pendingSince = new HashMap<>();

  /** @param kinds the kind of each station of the shard, which rules may match */
  public AlertBook(AlertStore store, AlertBus bus, Clock clock, AlertRules rules, Silences silences,
      Map<String, StationKind> kinds) {
    this.store = store;
    this.bus = bus;
    this.clock = clock;
    this.rules = rules;
    this.silences = silences;
    this.kinds = kinds;
  }

  private static String key(String stationId, String kind, String parameter) {
    return stationId + '\u0000' + kind + '\u0000' + parameter;
  }

  private static AlertKind kindOf(String key) {
    return AlertKind.of(key.split("\u0000", -1)[1]);
  }

  /** Takes over an alert left open by an earlier run. */
  public void adopt(JsonObject alert) {
    Slot slot = new Slot();
    slot.id = alert.getLong("id");
    String parameter = alert.getString("parameter");
    open.put(key(alert.getString("stationId"), alert.getString("kind"), parameter == null ? "" : parameter), slot);
  }

  public void apply(Finding f) {
    apply(f, null);
  }

  /** @param detail the structured payload stored with the alert if this finding opens one (null: none) */
  public void apply(Finding f, JsonObject detail) {
    apply(f, detail, f.atMillis());
  }

  /**
   * Applies the latest finding of a replay of stored readings whose condition has fired since {@code firingSince}:
   * a pending rule counts from then, not from this finding, so rebuilding a station's checks does not restart it.
   */
  public void resume(Finding f, long firingSince) {
    apply(f, null, firingSince);
  }

  /** @param firingSince when the condition began, if nothing is pending for it yet */
  private void apply(Finding f, JsonObject detail, long firingSince) {
    String key = key(f.stationId(), f.kind().key(), f.parameterKey());
    Slot slot = open.get(key);
    if (f.firing()) {
      if (slot == null) {
        AlertRule rule = rule(f);
        if (rule != null && rule.forMillis() > 0) {
          long since = pendingSince.computeIfAbsent(key, k -> firingSince);
          if (f.atMillis() - since < rule.forMillis()) {
            return;
          }
        }
        pendingSince.remove(key);
        Slot opening = new Slot();
        open.put(key, opening);
        openAlert(key, opening, rule == null || rule.severity() == null ? f : f.withSeverity(rule.severity()),
            detail);
      } else {
        slot.resolveOnceOpen = false;
      }
      return;
    }
    pendingSince.remove(key);
    if (slot != null) {
      if (slot.id < 0) {
        slot.resolveOnceOpen = true;
      } else {
        open.remove(key);
        resolve(slot.id);
      }
    }
  }

  private AlertRule rule(Finding f) {
    StationKind kind = kinds.get(f.stationId());
    for (AlertRule r : rules.current().rules()) {
      if (r.matches(f, kind)) {
        return r;
      }
    }
    return null;
  }

  private boolean offline(String stationId) {
    return open.containsKey(key(stationId, AlertKind.OFFLINE.key(), ""));
  }

  private void openAlert(String key, Slot slot, Finding f, JsonObject detail) {
    boolean goesOffline = f.kind() == AlertKind.OFFLINE;
    String muted = !goesOffline && offline(f.stationId()) ? "offline"
        : silences.muting(f.stationId(), f.kind().key(), f.parameterKey(), clock.millis());
    store.open(f, muted, detail)
        .compose(change -> {
          if (change != null) {
            bus.publish(change);
            if (goesOffline) {
              store.inhibitStation(f.stationId(), clock.millis()).onComplete(this::publishAll);
            }
            return Future.succeededFuture(change.alertId());
          }
          // Another writer (an earlier run, another node) holds the open alert: adopt it.
          return store.findOpen(f.stationId(), f.kind().key(), f.parameterKey());
        })
        .onComplete(ar -> {
          if (ar.failed() || ar.result() == null) {
            LOG.warn("could not open {} alert for {}: {}", f.kind().key(), f.stationId(),
                ar.failed() ? ar.cause().getMessage() : "raced with a resolve");
            open.remove(key, slot);
            return;
          }
          slot.id = ar.result();
          if (slot.resolveOnceOpen) {
            open.remove(key, slot);
            resolve(slot.id);
          }
        });
  }

  /**
   * Resolves the open alerts of {@code stationId} among {@code kinds} whose condition no longer {@code holds}, with
   * {@code note} in their trail, and forgets what was pending among {@code kinds} (the rebuilt checks' replay tells
   * what still is, {@link #resume}). For a station whose checks were rebuilt to new settings: the old checks that
   * would have cleared these alerts are gone.
   */
  public void resolveStale(String stationId, Set<AlertKind> kinds, BiPredicate<AlertKind, Parameter> holds,
      String note) {
    String prefix = stationId + '\u0000';
    pendingSince.keySet().removeIf(k -> k.startsWith(prefix) && kinds.contains(kindOf(k)));
    for (Iterator<Map.Entry<String, Slot>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Slot> e = it.next();
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      AlertKind kind = kindOf(e.getKey());
      String parameter = e.getKey().substring(e.getKey().lastIndexOf('\u0000') + 1);
      if (!kinds.contains(kind) || holds.test(kind, parameter.isEmpty() ? null : Parameter.byKey(parameter))) {
        continue;
      }
      Slot slot = e.getValue();
      if (slot.id < 0) {
        slot.resolveOnceOpen = true;
      } else {
        it.remove();
        resolve(slot.id, note);
      }
    }
  }

  private void resolve(long id) {
    resolve(id, null);
  }

  private void resolve(long id, String comment) {
    store.resolve(id, "system", comment, clock.millis()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not resolve alert {}: {}", id, ar.cause().getMessage());
      } else if (ar.result() != null) {
        bus.publish(ar.result());
      }
    });
  }

  private void publishAll(AsyncResult<List<AlertChange>> ar) {
    if (ar.failed()) {
      LOG.warn("could not change the muting of alerts: {}", ar.cause().getMessage());
    } else {
      ar.result().forEach(bus::publish);
    }
  }

  /**
   * Follows resolutions, including its own: forgets an alert an officer resolved, so the next firing finding opens a
   * new one.
   */
  public void onChange(AlertChange change) {
    if (!"resolved".equals(change.event())) {
      return;
    }
    JsonObject a = change.alert();
    String parameter = a.getString("parameter");
    String key = key(a.getString("stationId"), a.getString("kind"), parameter == null ? "" : parameter);
    Slot slot = open.get(key);
    if (slot != null && slot.id == change.alertId()) {
      open.remove(key);
    }
    // However it was resolved (the station reported again, or an officer), the inhibition it held ends.
    if (AlertKind.OFFLINE.key().equals(a.getString("kind")) && kinds.containsKey(a.getString("stationId"))) {
      store.releaseStation(a.getString("stationId"), clock.millis()).onComplete(this::publishAll);
    }
  }
}
