import AlmanacKit
import Foundation

/// The classify stage of the `pypi` source (installer classes, the could-be-human upper bound,
/// the behind-proxy estimate: `InstallerClassifier`) and what render makes of it.
extension PyPINightly {
  /// Classifies a snapshot's detail rows into `classified/pypi/<date>.csv`.
  static func classify(_ detail: DetailedRecordSet, night: Night) throws(AlmanacError) {
    try write(InstallerClassifier.classify(detail, rules: night.config.installerRules), snapshot: detail.snapshot, stages: night.stages)
  }

  @discardableResult
  static func write(_ result: (ClassifiedDetail, [Diagnostic]), snapshot: Day, stages: Stages) throws(AlmanacError) -> RecordSet {
    for d in result.1 { stages.console.report(d) }
    let path = stages.store.classifiedPath(PyPIClickHouse.source, snapshot)
    stages.wrote(try stages.store.write(result.0.records.encoded(), to: path, validate: Store.recordsValidator(kind: RecordSet.classifiedKind)), path)
    return result.0.records
  }

  /// `almanac classify --source pypi`: the stored detail file of `day`, classified.
  static func classifyStored(day: Day, rules: InstallerRules, stages: Stages) throws(AlmanacError) -> RecordSet {
    let path = detailPath(stages.store, day)
    guard let text = try stages.store.readText(path) else {
      throw .input("\(path): no detail records for \(day). Normalize first: `almanac normalize --source pypi --date \(day)`")
    }
    let detail: DetailedRecordSet
    do { detail = try DetailedRecordSet.decode(text, path: path, fallbackSnapshot: day) } catch { throw .format(error) }
    return try write(InstallerClassifier.classify(detail, rules: rules), snapshot: day, stages: stages)
  }

  /// Per package, the classified series rebuilt from every stored classified snapshot up to the
  /// night's date, oldest first, so a later snapshot's value for a day wins (the data set
  /// rewrites recent days).
  static func classifiedSeries(_ night: Night) throws(AlmanacError) -> [String: Series] {
    let store = night.stages.store
    var points: [String: [Series.Key: Series.Point]] = [:]
    for day in store.snapshotDays("classified", PyPIClickHouse.source) where day <= night.date {
      guard let records = try store.readRecords(PyPIClickHouse.source, day, kind: RecordSet.classifiedKind) else { continue }
      for r in records.records {
        points[r.package, default: [:]][Series.Key(dimension: r.dimension, category: r.category, date: r.date)] =
          Series.Point(downloads: r.downloads, snapshot: records.snapshot)
      }
    }
    return Dictionary(uniqueKeysWithValues: points.map { ($0.key, Series(package: $0.key, source: PyPIClickHouse.source, points: $0.value)) })
  }

  /// The classification's report subsections, summary objects and human-share badges.
  /// Packages in the configuration's order (the primary one first), then the rest by name; the
  /// headline (`≤42.1% could be human`) is the first package's, its detail line names it.
  static func renderClassification(_ night: Night) throws(AlmanacError) -> (markdown: String, summary: [String: JSONValue], headline: String?, detail: String?, site: [(package: String, series: Series, summary: ClassificationSummary?)]) {
    var markdown = ""
    var site: [(package: String, series: Series, summary: ClassificationSummary?)] = []
    var summary: [String: JSONValue] = [:]
    var headline: String?
    var detail: String?
    let all = try classifiedSeries(night)
    var seen = Set<String>()
    let order = (night.config.allPackages.map(\.normalized) + all.keys.sorted()).filter { all[$0] != nil && seen.insert($0).inserted }
    for package in order {
      guard let series = all[package] else { continue }
      let flags = DayFlag.flags(series: series, source: PyPIClickHouse.source)
      let figures = ClassificationSummary(series: series, flags: flags)
      site.append((package, series, figures))
      guard let figures else { continue }
      markdown += figures.markdown()
      summary[package] = figures.json
      if headline == nil, let human = figures.couldBeHumanPercent, let full = figures.headline {
        headline = "≤\(CanonicalJSON.number(human))% could be human"
        detail = "\(package): \(full) (PyPI's download log; \(ClassificationSummary.upperBoundNote))"
      }
      if night.config.render.badges, let badge = BadgeSet.humanShare(figures, labelColor: night.config.render.labelColor) {
        try night.stages.writeBadgeFiles([badge], endpoint: night.config.render.endpoint)
      }
    }
    return (markdown, summary, headline, detail, site)
  }

  /// The newest detail files up to the night's date, newest first: enough for the geography
  /// panel's last 30 days (each night's file re-asks a few trailing days).
  static func recentDetail(_ night: Night, files: Int = 12) throws(AlmanacError) -> [DetailedRecordSet] {
    var out: [DetailedRecordSet] = []
    for day in night.stages.store.snapshotDays("records", PyPIClickHouse.source).filter({ $0 <= night.date }).suffix(files).reversed() {
      let path = detailPath(night.stages.store, day)
      guard let text = try night.stages.store.readText(path) else { continue }
      do { out.append(try DetailedRecordSet.decode(text, path: path, fallbackSnapshot: day)) } catch { throw .format(error) }
    }
    return out
  }
}
