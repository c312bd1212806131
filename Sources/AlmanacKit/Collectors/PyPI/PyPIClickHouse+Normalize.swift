extension PyPIClickHouse {
  public static let totalDimension = "total"
  public static let freshnessDimension = "freshness"

  /// What one raw `pypi` snapshot holds, in canonical form: records (dimensions `overall`
  /// (category `with_mirrors`: every installer), `python_minor`, `system`, `total` and
  /// `freshness`) and the detailed rows. An empty `python_minor` or `system` (linehaul could not
  /// tell) becomes `unknown`, as pypistats.org's `null` does (`Category.stored`).
  ///
  /// A day that appears in two exchanges (a re-run merged with an earlier one) keeps the first.
  /// `echoingFailures`: also say what the fetch could not get (a replay explains its gaps); a
  /// night leaves it to the fetch, which just said it, so each failure is one warning.
  public static func normalize(_ raw: RawSnapshot, path: String, echoingFailures: Bool = true) -> (RecordSet, DetailedRecordSet, [Diagnostic]) {
    var records: [DownloadRecord.Key: DownloadRecord] = [:]
    var detail: [DetailedDownload] = []
    var detailSeen = Set<DetailedDownload>()
    var diagnostics: [Diagnostic] = []
    func add(_ r: DownloadRecord) { if records[r.key] == nil { records[r.key] = r } }
    for (endpoint, package, rows) in raw.clickHouseRows(Endpoint.self, source: "pypi", path: path, diagnostics: &diagnostics) {
      var bad = 0
      for row in rows {
        let day = row["date"]?.stringValue.flatMap { Day($0) }
        let downloads = row.count("downloads")
        switch endpoint {
        case .total:
          guard let downloads else { bad += 1; continue }
          add(DownloadRecord(date: raw.date, package: package, source: source, dimension: totalDimension, category: "all", downloads: downloads))
        case .freshness:
          guard let day, let downloads else { bad += 1; continue }
          add(DownloadRecord(date: day, package: package, source: source, dimension: freshnessDimension, category: "reference", downloads: downloads))
        case .perDay:
          guard let day, let downloads else { bad += 1; continue }
          add(DownloadRecord(date: day, package: package, source: source, dimension: Dimension.overall, category: "with_mirrors", downloads: downloads))
        case .pythonMinor, .system:
          let column = endpoint == .system ? "system" : "python_minor"
          guard let day, let downloads, let category = row[column]?.stringValue else { bad += 1; continue }
          add(DownloadRecord(
            date: day, package: package, source: source, dimension: endpoint.rawValue, category: Category.stored(category),
            downloads: downloads))
        case .detail:
          guard let day, let downloads, let v = row["v"]?.stringValue, let i = row["i"]?.stringValue, let t = row["t"]?.stringValue,
            let c = row["c"]?.stringValue
          else { bad += 1; continue }
          let d = DetailedDownload(date: day, package: package, version: v, installer: i, type: t, country: c, downloads: downloads)
          var key = d
          key.downloads = 0
          if detailSeen.insert(key).inserted { detail.append(d) }
        }
      }
      if bad > 0 {
        diagnostics.append(Diagnostic(.error, "\(bad) row(s) of the \(endpoint.rawValue) answer for \(package) lack a date or a count; they were skipped", at: path))
      }
    }
    for failure in raw.failures where echoingFailures {
      diagnostics.append(Diagnostic(
        .warning, "fetch failed: \(failure.message); this snapshot holds only what an earlier run of the day got for it, if anything", at: "\(path) (\(failure.endpoint) for \(failure.target))"))
    }
    return (
      RecordSet(snapshot: raw.date, records: Array(records.values)), DetailedRecordSet(snapshot: raw.date, rows: detail), diagnostics
    )
  }

  /// The newest day the data set had when the snapshot was taken (the freshness answer).
  public static func sourceNewest(_ records: RecordSet) -> Day? {
    records.records.filter { $0.dimension == freshnessDimension }.map(\.date).max()
  }
}
