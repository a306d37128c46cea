package io.qingliu.checks;

import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;

/**
 * How many of the last readings must be bad before a condition of one station fires, where an alert rule says so
 * (the rule's {@code kOfN}); elsewhere the check's own options apply. Asked once per condition when a station's
 * checks are built.
 */
@FunctionalInterface
public interface Debounce {

  /** No rule sets any: every condition keeps its check's own k of n. */
  Debounce NONE = (kind, parameter) -> null;

  /** {@code {k, n}} for the condition of {@code kind} on {@code parameter}, or null for the check's own. */
  int[] kOfN(AlertKind kind, Parameter parameter);
}
