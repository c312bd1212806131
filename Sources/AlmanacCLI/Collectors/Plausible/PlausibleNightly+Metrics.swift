import AlmanacKit

/// The source's metrics for alert rules and `summary.json`'s windows (`NightlySource.metrics`).
/// The night's own day is still counting at the source, so the metrics stop the day before.
extension PlausibleNightly {
  public func metrics(_ night: Night) throws(AlmanacError) -> [Metric] {
    try night.stages.loadSeries(source: name).values.flatMap { SeriesMetrics.metrics($0, source: name, specs: SeriesMetrics.plausible, before: night.date) }
  }
}
