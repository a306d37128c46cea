package io.qingliu.alerts;

import io.qingliu.checks.Finding;
import io.qingliu.store.AlertStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns findings into alert changes for the stations of one shard: opens an alert when a condition fires and none is
 * open, resolves it when the condition stops. Findings are level-triggered, so an alert an officer resolved by hand
 * while its condition persists is opened again by the next reading.
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
  private final Map<String, Slot> open = new HashMap<>();

  public AlertBook(AlertStore store, AlertBus bus, Clock clock) {
    this.store = store;
    this.bus = bus;
    this.clock = clock;
  }

  private static String key(String stationId, String kind, String parameter) {
    return stationId + '\u0000' + kind + '\u0000' + parameter;
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
    String key = key(f.stationId(), f.kind().key(), f.parameterKey());
    Slot slot = open.get(key);
    if (f.firing()) {
      if (slot == null) {
        Slot opening = new Slot();
        open.put(key, opening);
        openAlert(key, opening, f, detail);
      } else {
        slot.resolveOnceOpen = false;
      }
    } else if (slot != null) {
      if (slot.id < 0) {
        slot.resolveOnceOpen = true;
      } else {
        open.remove(key);
        resolve(slot.id);
      }
    }
  }

  private void openAlert(String key, Slot slot, Finding f, JsonObject detail) {
    store.open(f, detail)
        .compose(change -> {
          if (change != null) {
            bus.publish(change);
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

  private void resolve(long id) {
    store.resolve(id, "system", null, clock.millis()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not resolve alert {}: {}", id, ar.cause().getMessage());
      } else if (ar.result() != null) {
        bus.publish(ar.result());
      }
    });
  }

  /** Forgets an alert that was resolved elsewhere (by an officer), so the next firing finding opens a new one. */
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
  }
}
