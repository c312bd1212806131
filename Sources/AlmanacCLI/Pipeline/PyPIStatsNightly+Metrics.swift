import AlmanacKit

/// The source's metrics for alert rules and `summary.json`'s windows (`NightlySource.metrics`).
extension PyPIStatsNightly {
  public func metrics(_ night: Night) throws(AlmanacError) -> [Metric] {
    try night.stages.loadSeries(source: name).values.flatMap { SeriesMetrics.metrics($0, source: name, specs: SeriesMetrics.pypistats) }
  }
}
