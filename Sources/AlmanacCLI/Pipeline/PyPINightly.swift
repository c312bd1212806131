import AlmanacKit
import Foundation

/// The `pypi` source (PyPI's download log in ClickHouse) as a nightly source: the freshness
/// gate, then the days the store lacks plus a trailing window (or `--lookback-days`), into
/// `raw/pypi/<date>.json`, `records/pypi/<date>.csv` (overall, python_minor, system, total,
/// freshness) and `records/pypi/<date>.detail.csv` (per version × installer × type × country),
/// merged into `series/pypi/<package>.csv`; then the pypistats consistency check.
public struct PyPINightly: NightlySource {
  public var name: String { PyPIClickHouse.source }

  public init() {}

  public func isEnabled(in config: Config) -> Bool { !config.pypiPackages.isEmpty }

  static func detailPath(_ store: Store, _ day: Day) -> String { "\(store.root)/records/\(PyPIClickHouse.source)/\(day).detail.csv" }

  static func write(_ detail: DetailedRecordSet, stages: Stages) throws(AlmanacError) {
    let path = detailPath(stages.store, detail.snapshot)
    stages.wrote(try stages.store.write(detail.encoded(), to: path) { (text) throws(FormatError) in
      _ = try DetailedRecordSet.decode(text, path: path)
    }, path)
  }

  /// `almanac normalize` on a stored pypi snapshot also rebuilds its detail file.
  static func writeDetail(_ raw: RawSnapshot, stages: Stages) throws(AlmanacError) {
    try write(PyPIClickHouse.normalize(raw, path: stages.store.rawPath(raw.source, raw.date)).1, stages: stages)
  }

  /// The fetch stage alone (`almanac fetch pypi`): the raw snapshot, nothing else.
  func fetch(_ night: Night) async -> PyPIClickHouseFetcher.Outcome {
    let config = night.config
    let source = config.pypi ?? .init()
    let client = ClickHouseNight.client(night, source.clickhouse, sourceName: name)
    guard let reference = source.referenceProject ?? PackageName(PyPIClickHouse.defaultReferenceProject) else {
      return .init(snapshot: RawSnapshot(source: name, date: night.date), stale: nil, sourceNewest: nil)
    }
    let fetcher = PyPIClickHouseFetcher(
      client: client, database: source.clickhouse.database, reference: reference,
      freshness: source.freshness, trailingDays: source.trailingDays) { night.console.note($0) }
    var newestHeld: [PackageName: Day] = [:]
    if let last = night.stages.store.snapshotDays("records", name).last(where: { $0 < night.date }),
      let records = try? night.stages.store.readRecords(name, last)
    {
      for r in records.records where r.dimension == Dimension.overall {
        if let p = PackageName(r.package) { newestHeld[p] = max(newestHeld[p] ?? r.date, r.date) }
      }
    }
    let outcome = await fetcher.fetch(packages: config.pypiPackages, asOf: night.date, newestHeld: newestHeld, lookbackDays: night.lookbackDays)
    for f in outcome.snapshot.failures {
      night.console.report(Diagnostic(.warning, "\(f.endpoint) for \(f.target): \(f.message)", at: name))
    }
    return outcome
  }

  public func night(_ night: Night) async throws -> SourceResult {
    let stages = night.stages
    let store = stages.store
    let outcome = await fetch(night)
    let snapshot = outcome.snapshot.keepingEarlierAnswers(from: try? store.readRaw(name, night.date))
    guard snapshot.exchanges.contains(where: { $0.endpoint != PyPIClickHouse.Endpoint.freshness.rawValue }) else {
      return SourceResult(source: name, status: .failed)
    }
    let rawPath = store.rawPath(name, night.date)
    stages.wrote(try store.write(snapshot.encoded(), to: rawPath, validate: Store.rawValidator), rawPath)
    let (records, detail, diagnostics) = PyPIClickHouse.normalize(snapshot, path: rawPath, echoingFailures: false)
    for d in diagnostics { night.console.report(d) }
    let recordsPath = store.recordsPath(name, night.date)
    stages.wrote(try store.write(records.encoded(), to: recordsPath, validate: Store.recordsValidator(kind: RecordSet.kind)), recordsPath)
    try Self.write(detail, stages: stages)
    try Self.classify(detail, night: night)
    // Series: the daily dimensions of the snapshots not yet merged (tonight's, or every one
    // when series/pypi is gone), under the usual rules.
    try stages.aggregatePyPI(rebuild: false)
    try consistency(night, records: records, sourceNewest: outcome.sourceNewest)
    return SourceResult(source: name, status: snapshot.failures.isEmpty ? .complete : .partial)
  }

  /// pypistats.org against ClickHouse on the days both hold (the data set's newest day is left
  /// out: it may still be loading).
  func consistency(_ night: Night, records: RecordSet, sourceNewest: Day?) throws {
    guard let pypistats = try night.stages.store.readRecords(PyPIStats.source, night.date) else { return }
    let clickhouse = records.records.filter { r in sourceNewest.map { r.date < $0 } ?? true }
    let tolerance = night.config.pypi?.tolerance ?? ConsistencyCheck.defaultTolerance
    for d in ConsistencyCheck.diagnostics(pypistats: pypistats.records, clickhouse: clickhouse, tolerance: tolerance) {
      night.console.report(d)
    }
  }

  public func render(_ night: Night) throws -> SourceRendering {
    var out = SourceRendering(source: name)
    let store = night.stages.store
    guard let last = store.snapshotDays("records", name).last(where: { $0 <= night.date }),
      let records = try store.readRecords(name, last)
    else { return out }
    var lines = ["## PyPI downloads from ClickHouse", "", "| package | all time | newest day | last 7 days |", "|---|---:|---|---:|"]
    var packages: [String: JSONValue] = [:]
    // Daily figures come from the merged series: a night re-asks only a few trailing days, so
    // the newest records file alone holds a fraction of the week.
    let series = try night.stages.loadSeries(source: name)
    // Every package with daily rows, the reference project too when it is a configured package
    // (unconfigured, it has only its freshness row and no series, so it is not listed).
    for package in Set(records.records.map(\.package)).sorted() {
      let mine = records.records.filter { $0.package == package }
      let total = mine.first { $0.dimension == PyPIClickHouse.totalDimension }?.downloads
      let daily = (series[package]?.values(Dimension.overall, "with_mirrors") ?? [:])
        .filter { $0.key <= night.date }.map { (date: $0.key, downloads: $0.value) }.sorted { $0.date < $1.date }
      guard let newest = daily.last else { continue }
      let week = daily.filter { newest.date - $0.date < 7 }.reduce(0) { $0 + $1.downloads }
      lines.append("| \(Markdown.text(package)) | \(total.map(NumberFormat.grouped) ?? "–") | \(newest.date): \(NumberFormat.grouped(newest.downloads)) | \(NumberFormat.grouped(week)) |")
      packages[package] = .object([
        "total_downloads": total.map { .int($0) } ?? .null, "newest_day": .string(newest.date.description),
        "newest_day_downloads": .int(newest.downloads), "last_7_days": .int(week),
      ])
    }
    let sourceNewest = PyPIClickHouse.sourceNewest(records)
    if let sourceNewest { lines += ["", "The data set's newest day was \(sourceNewest) (snapshot \(last)); counts include mirrors and every installer."] }
    // The consistency check, again from stored files: this snapshot against pypistats' of the same day.
    let tolerance = night.config.pypi?.tolerance ?? ConsistencyCheck.defaultTolerance
    var divergent: [JSONValue] = []
    if let pypistats = try store.readRecords(PyPIStats.source, last) {
      let clickhouse = records.records.filter { r in sourceNewest.map { r.date < $0 } ?? true }
      let found = ConsistencyCheck.divergences(pypistats: pypistats.records, clickhouse: clickhouse, tolerance: tolerance)
      divergent = found.map {
        .object([
          "package": .string($0.package), "date": .string($0.date.description), "pypistats": .int($0.pypistats),
          "clickhouse": .int($0.clickhouse), "percent": .int(Int64(($0.fraction * 100).rounded())),
        ])
      }
      if !found.isEmpty {
        lines += ["", "pypistats.org and ClickHouse disagree by more than \(Int((tolerance * 100).rounded()))% on \(found.count) day(s): "
          + found.prefix(5).map { "\(Markdown.text($0.package)) \($0.date) (\(Int(($0.fraction * 100).rounded()))%)" }.joined(separator: ", ") + "."]
      }
    }
    let classification = try Self.renderClassification(night)
    out.reportSection = lines.joined(separator: "\n") + "\n" + (classification.markdown.isEmpty ? "" : "\n" + classification.markdown)
    let countries = PyPIClickHouse.countries(try Self.recentDetail(night))
    out.site = PyPIClickHouse.siteSection(classified: classification.site, countries: countries.values, countryDays: countries.range)
    out.headlines = classification.headline.map { [$0] } ?? []
    out.details = classification.detail.map { [$0] } ?? []
    out.summary = [
      name: .object([
        "snapshot": .string(last.description), "source_newest": sourceNewest.map { .string($0.description) } ?? .null,
        "packages": .object(packages),
        "consistency": .object(["tolerance": .double(tolerance), "divergent_days": .array(divergent)]),
        "classification": .object(classification.summary),
      ])
    ]
    return out
  }
}

/// What the ClickHouse sources share at night: the client, with the password from the
/// environment variable the configuration names.
enum ClickHouseNight {
  /// `config check`'s words for an endpoint: where, as whom, which database; the password
  /// variable by name and whether it is set, never its value.
  static func describe(_ e: Config.ClickHouseEndpoint, environment: [String: String]) -> String {
    let password = e.passwordEnv.map { "password from $\($0) (\((environment[$0] ?? "").isEmpty ? "not set" : "set"))" } ?? "no password"
    return "from \(e.endpoint) as user \(e.user ?? "default") (\(password)), database \(e.database)"
  }

  /// How far a night reaches back, in words.
  static func lookback(trailingDays: Int) -> String {
    "a first night asks the last \(max(1, trailingDays)) days (more with --lookback-days), later nights the days after the newest held plus the last \(max(1, trailingDays)) again"
  }

  static func client(_ night: Night, _ endpoint: Config.ClickHouseEndpoint, sourceName: String) -> ClickHouseClient {
    var password: String?
    if let variable = endpoint.passwordEnv {
      password = ProcessInfo.processInfo.environment[variable]
      if password?.isEmpty ?? true {
        night.console.report(Diagnostic(.warning, "\(variable) is not set, so the ClickHouse user `\(endpoint.user ?? "default")` is sent without a password", at: sourceName))
      }
    }
    night.console.mask([password].compactMap { $0 }.filter { !$0.isEmpty })
    return ClickHouseClient(http: night.client, endpoint: endpoint.endpoint, user: endpoint.user, password: password)
  }
}
