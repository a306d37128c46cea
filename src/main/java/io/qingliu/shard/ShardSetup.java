package io.qingliu.shard;

import io.qingliu.alerts.AlertRules;
import io.qingliu.alerts.Silences;
import io.qingliu.checks.StationChecks;
import io.qingliu.model.Station;
import io.qingliu.store.AlertStore;
import io.qingliu.store.ReadingQueries;
import io.qingliu.store.ReadingWriter;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every shard is built from: the same for all of them, only their stations differ.
 *
 * @param newChecks the checks of one station, as configured for its kind
 * @param rebuildReadings the latest stored readings per station fed through its new checks, at start and when its
 *     settings or the alert rules' counts change (0: none, the checks start cold)
 * @param offlineFactor a station is offline after this many of its reporting intervals without a reading
 * @param sweepMs how often the offline watch looks
 * @param writers one reading writer per shard
 */
public record ShardSetup(Function<Station, StationChecks> newChecks, ReadingQueries history, int rebuildReadings,
    AlertStore alertStore, AlertRules rules, Silences silences, Supplier<ReadingWriter> writers,
    double offlineFactor, long sweepMs, Clock clock) {}
