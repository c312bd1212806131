import AlmanacKit

/// The source's metrics for alert rules and `summary.json`'s windows (`NightlySource.metrics`).
extension GitHubEventsNightly {
  /// Events per type and day, rebuilt from every stored records snapshot (a later snapshot's
  /// value for a day wins); a day inside the covered range without an event type is a zero.
  public func metrics(_ night: Night) throws(AlmanacError) -> [Metric] {
    let store = night.stages.store
    var series: [String: Series] = [:]
    var newest: [String: Day] = [:]
    for day in store.snapshotDays("records", name) where day <= night.date {
      guard let records = try store.readRecords(name, day) else { continue }
      for r in records.records where r.dimension == GitHubEvents.eventsDimension {
        series[r.package, default: Series(package: r.package, source: name)].points[Series.Key(dimension: r.dimension, category: r.category, date: r.date)] =
          Series.Point(downloads: r.downloads, snapshot: records.snapshot)
        newest[r.package] = max(newest[r.package] ?? r.date, r.date)
      }
    }
    return series.keys.sorted().flatMap { repo in
      let s = series[repo] ?? Series(package: repo, source: name)
      return SeriesMetrics.metrics(s, source: name, specs: SeriesMetrics.githubEvents(types: s.categories(GitHubEvents.eventsDimension)), zeroFilledThrough: newest[repo])
    }
  }
}
