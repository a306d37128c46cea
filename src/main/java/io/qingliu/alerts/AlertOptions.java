package io.qingliu.alerts;

import io.qingliu.model.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What happens to findings on their way to the duty desk ({@code alerts} in the configuration): the rules that set
 * severity and pending time, and the escalation of unacknowledged alerts.
 */
public final class AlertOptions {

  /** An unacknowledged alert of an escalating severity is announced again this often. */
  public static final int DEFAULT_ESCALATE_EVERY_MINUTES = 10;
  /** How often silences are applied and escalations looked for. */
  public static final int DEFAULT_SWEEP_SECONDS = 15;
  /** Webhook calls that may be open at once; beyond that a notification is dropped and counted. */
  public static final int DEFAULT_WEBHOOK_MAX_IN_FLIGHT = 16;

  private final List<AlertRule> rules = new ArrayList<>();
  private int escalateEveryMinutes = DEFAULT_ESCALATE_EVERY_MINUTES;
  private Set<Severity> escalate = EnumSet.of(Severity.CRITICAL);
  private String webhook;
  private int sweepSeconds = DEFAULT_SWEEP_SECONDS;

  public AlertOptions() {}

  /**
   * {@code {"rules":[{"kind","parameter","stationKind","severity","forMinutes"}],
   * "escalation":{"everyMinutes":10,"severities":["critical"],"webhook":"http://…"},"sweepSeconds":15}}
   */
  public AlertOptions(JsonObject json) {
    JsonArray r = json.getJsonArray("rules", new JsonArray());
    for (int i = 0; i < r.size(); i++) {
      rules.add(AlertRule.fromJson(r.getJsonObject(i)));
    }
    JsonObject e = json.getJsonObject("escalation", new JsonObject());
    escalateEveryMinutes = e.getInteger("everyMinutes", escalateEveryMinutes);
    if (e.containsKey("severities")) {
      escalate = EnumSet.noneOf(Severity.class);
      e.getJsonArray("severities").forEach(s -> escalate.add(Severity.of((String) s)));
    }
    webhook = e.getString("webhook");
    sweepSeconds = json.getInteger("sweepSeconds", sweepSeconds);
    if (escalateEveryMinutes < 1 || sweepSeconds < 1) {
      throw new IllegalArgumentException("alerts: escalation.everyMinutes and sweepSeconds must be at least 1");
    }
  }

  /**
   * The configuration's rules, in force until an admin sets others ({@link AlertRules}). The first rule that matches
   * decides; none leaves the check's severity and opens at once.
   */
  public List<AlertRule> getRules() { return rules; }
  public AlertOptions addRule(AlertRule rule) { rules.add(rule); return this; }
  public int getEscalateEveryMinutes() { return escalateEveryMinutes; }
  public AlertOptions setEscalateEveryMinutes(int minutes) { this.escalateEveryMinutes = minutes; return this; }
  public Set<Severity> getEscalate() { return escalate; }
  /** Where escalations (and openings of escalating alerts) are POSTed as JSON; null for none. */
  public String getWebhook() { return webhook; }
  public AlertOptions setWebhook(String webhook) { this.webhook = webhook; return this; }
  public int getSweepSeconds() { return sweepSeconds; }
}
