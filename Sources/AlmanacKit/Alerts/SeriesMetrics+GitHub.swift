extension SeriesMetrics {
  /// One repository's metrics from its stored GitHub files: complete traffic days (`views`,
  /// `view_uniques`, `clones`, `clone_uniques`: a provisional day is partial and would look
  /// like a drop), and new `stars` and `forks` per day (zero on a day without one, through the
  /// newest nightly count). Release days come from `releases.csv`.
  public static func github(repo: String, data: GitHubRepoData) -> [Metric] {
    var traffic: [String: [Day: Double]] = [:]
    for (key, point) in data.traffic.points where point.complete {
      let prefix = key.metric == .views ? "view" : "clone"
      traffic["\(prefix)s", default: [:]][key.date] = Double(point.value.count)
      traffic["\(prefix)_uniques", default: [:]][key.date] = Double(point.value.uniques)
    }
    var releases: [String: Day] = [:]
    for row in data.releases.sortedRows where row.count > 2 {
      if let day = Day(isoPrefix: row[2]) { releases[row[0]] = day }
    }
    let excluded = Metric.releaseDays(releases)
    let about = [
      "views": "page views of the repository (GitHub traffic)", "view_uniques": "unique visitors per day (GitHub traffic)",
      "clones": "clones of the repository (GitHub traffic)", "clone_uniques": "unique cloners per day (GitHub traffic)",
    ]
    var out: [Metric] = traffic.keys.sorted().compactMap { measure in
      guard let daily = traffic[measure] else { return nil }
      return Metric(name: MetricName(source: GitHub.source, subject: repo, measure: measure), about: about[measure] ?? measure, daily: daily, excluded: excluded)
    }
    let newest = data.counts.sortedRows.compactMap { Day($0[0]) }.max()
    for (measure, counts) in [("stars", data.starDays()), ("forks", data.forkDays())] {
      guard let last = [newest, counts.keys.max()].compactMap({ $0 }).max() else { continue }
      out.append(Metric(
        name: MetricName(source: GitHub.source, subject: repo, measure: measure), about: "new \(measure) per day (GitHub)", counts: counts,
        zeroFilledThrough: last, excluded: excluded))
    }
    return out
  }
}
