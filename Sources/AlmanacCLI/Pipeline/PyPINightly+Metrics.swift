import AlmanacKit

/// The source's metrics for alert rules and `summary.json`'s windows (`NightlySource.metrics`).
extension PyPINightly {
  /// The download log's daily total and, from the classified snapshots, the audience, the
  /// estimate and every installer class; release days from the per-version classes.
  public func metrics(_ night: Night) throws(AlmanacError) -> [Metric] {
    let series = try night.stages.loadSeries(source: name)
    let classified = try Self.classifiedSeries(night)
    var out: [Metric] = []
    for package in Set(series.keys).union(classified.keys).sorted() {
      let releases = classified[package]?.inferredReleases ?? [:]
      var merged = series[package] ?? Series(package: package, source: name)
      for (key, point) in classified[package]?.points ?? [:] { merged.points[key] = point }
      out += SeriesMetrics.metrics(merged, source: name, specs: SeriesMetrics.pypi, releases: releases)
    }
    return out
  }
}
