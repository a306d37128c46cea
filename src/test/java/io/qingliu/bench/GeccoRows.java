package io.qingliu.bench;

import io.qingliu.cli.ReplayCommand;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The GECCO 2018 slice the detector tests replay (11 days of one-minute readings, 9 signals), read from the classpath,
 * and a cursor over it that a benchmark can follow for ever: after the last row the slice starts again one span later,
 * so time only moves on and the state a benchmark feeds evolves as at a real station.
 */
final class GeccoRows {

  static final String RESOURCE = "/gecco/gecco2018-train-2016-09-17-to-27.csv";

  final ReplayCommand.Series series;
  private final long span;
  private int row;
  private long offset;

  GeccoRows() throws Exception {
    series = read();
    span = series.times[series.times.length - 1] - series.times[0] + 60_000;
  }

  /** The row to feed now. */
  int row() {
    return row;
  }

  /** The time of the row to feed now. */
  long time() {
    return series.times[row] + offset;
  }

  void advance() {
    if (++row == series.times.length) {
      row = 0;
      offset += span;
    }
  }

  private static ReplayCommand.Series read() throws Exception {
    try {
      return ReplayCommand.Series.read(Path.of(GeccoRows.class.getResource(RESOURCE).toURI()), "Time", "EVENT");
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException(RESOURCE + " is not on the test classpath", e);
    }
  }
}
