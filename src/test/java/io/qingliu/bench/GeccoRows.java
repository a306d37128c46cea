package io.qingliu.bench;

import io.qingliu.cli.ReplayCommand;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The GECCO 2018 slice the detector tests replay (11 days of one-minute readings, 9 signals), read from the classpath. */
final class GeccoRows {

  static final String RESOURCE = "/gecco/gecco2018-train-2016-09-17-to-27.csv";

  private GeccoRows() {}

  static ReplayCommand.Series read() throws Exception {
    try {
      return ReplayCommand.Series.read(Path.of(GeccoRows.class.getResource(RESOURCE).toURI()), "Time", "EVENT");
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException(RESOURCE + " is not on the test classpath", e);
    }
  }
}
