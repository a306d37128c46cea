package io.qingliu.checks.events;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The detector's verdict at one reading. A water-quality event and sensor faults are separate answers: a fault never
 * makes {@code event} true, and a faulty signal never contributes to an event.
 *
 * @param event a water-quality event is active at this reading
 * @param sinceMillis first outlier of the running event; {@code Long.MIN_VALUE} when none runs
 * @param score the largest |z| among monitored signals at this reading
 * @param contributors monitored signals that are off their normal now, most deviant first (empty when quiet)
 * @param context context signals (temperature, flow) that are off their normal now: they may explain an event
 * @param faults sensor faults that hold at this reading
 * @param baselineReset the running event lasted past the timeout and its level became the new normal here
 */
public record EventState(
    long tsMillis,
    boolean event,
    long sinceMillis,
    double score,
    List<Deviation> contributors,
    List<Deviation> context,
    List<SensorFault> faults,
    boolean baselineReset) {

  /** Minutes the event has been running at this reading (0 when none runs). */
  public long minutesActive() {
    return event ? (tsMillis - sinceMillis) / 60_000 : 0;
  }

  /** The verdict in words an officer understands: which signals, how far from normal, since when. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (event) {
      b.append("水质异常事件：")
          .append(contributors.stream().map(Deviation::describe).collect(Collectors.joining("，")))
          .append("；已持续 ").append(minutesActive()).append(" 分钟");
      if (!context.isEmpty()) {
        b.append("；同时 ").append(context.stream().map(Deviation::describe).collect(Collectors.joining("，")));
      }
    } else if (baselineReset) {
      b.append("偏离已持续超过设定时长，按新的常态水平处理");
    }
    for (SensorFault f : faults) {
      b.append(b.length() > 0 ? "；" : "").append("传感器故障：").append(f.describe());
    }
    return b.toString();
  }
}
