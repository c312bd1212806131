extension DailySeriesChart {
  /// The table fallback: a row per day up to 92 days; beyond, a row per calendar week (or per
  /// month when the chart draws months) with its sum and how many of its days are known, and a
  /// line saying where every day's value is kept. Releases, outages, provisional and unknown
  /// days are noted on their row either way.
  func table(_ range: ClosedRange<Day>, _ resolution: ChartResolution, daily buckets: [Bucket], releases: [ChartMarker], outages: [ChartMarker]) -> String {
    let span = range.upperBound - range.lowerBound + 1
    let rowsBy: ChartResolution = resolution == .day && span > 92 ? .week : resolution
    func notes(_ b: Bucket) -> [String] {
      var notes: [String] = []
      if b.value == nil { notes.append("no data") }
      if b.provisional { notes.append("provisional") }
      notes += releases.filter { b.first <= $0.first && $0.first <= b.last }.map { "release \($0.label)" }
      notes += outages.filter { $0.first <= b.last && b.first <= $0.last }.map { "upstream outage: \($0.label)" }
      return notes
    }
    guard rowsBy != .day else {
      let rows = buckets.map { b -> [String] in
        let mean = b.mean.map { CanonicalJSON.number(($0 * 10).rounded() / 10) } ?? ""
        return [b.first.description, b.value.map(NumberFormat.grouped) ?? "no data", mean, notes(b).joined(separator: "; ")]
      }
      return SVG.table(["date", unit, "7-day mean", "note"], rows, numeric: [1, 2])
    }
    let periods = rowsBy == resolution ? buckets : self.buckets(range, rowsBy)
    let rows = periods.map { b -> [String] in
      return [rowsBy.label(rowsBy.period(of: b.first)), b.value.map(NumberFormat.grouped) ?? "no data", "\(b.known) of \(b.days)", notes(b).joined(separator: "; ")]
    }
    let word = rowsBy == .week ? "week" : "month"
    var note = "\(rowsBy == .week ? "Weekly" : "Monthly") sums of the days known; a \(word) with fewer days known than it has is partial."
    if let dailySource { note += " Every day: \(dailySource)." }
    return SVG.table([word, "\(unit) (sum)", "days known", "note"], rows, numeric: [1]) + "<p>\(HTML.escape(note))</p>"
  }
}
