import AlmanacKit
import Foundation

extension Config.PyPISource: NightlySourceSection {
  public static var nightly: any NightlySource { PyPINightly() }
}

/// pypi (ClickHouse) in the stage commands: `fetch` writes the raw snapshot only, normalize
/// also rebuilds the detail file, aggregate merges `series/pypi/`.
extension PyPINightly {
  /// `almanac fetch pypi`: the raw snapshot only.
  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if !r.packages.isEmpty { config.pypi = { var s = $0 ?? .init(); s.enabled = true; s.packages = r.packages; return s }(config.pypi) }
    if let baseURL = r.baseURL { config.pypi = { var s = $0 ?? .init(); s.clickhouse.endpoint = baseURL; return s }(config.pypi) }
    guard !config.pypiPackages.isEmpty else {
      throw AlmanacError.usage("no package to fetch: pass --package NAME or enable `sources.pypi` in \(r.configPath).")
    }
    let stages = r.stages(config)
    // The newest day held decides what is asked: read it under the lock a night would hold
    // (released at the end of this scope, before `emit` takes it to write).
    let outcome: PyPIClickHouseFetcher.Outcome
    do {
      let lock = r.output == nil ? try stages.store.lock(timeout: r.lockTimeout) : nil
      outcome = await fetch(Night(config: config, client: r.client(config), stages: stages, lookbackDays: r.lookbackDays))
      withExtendedLifetime(lock) {}
    }
    try r.emit(outcome.snapshot, stages: stages) { $0.keepingEarlierAnswers(from: $1) }
    if let stale = outcome.stale { throw AlmanacError.sourceFailed(source: name, reason: stale.message) }
    try Nightly.exitStatus(outcome.snapshot)
  }

  public func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    let (records, _, diagnostics) = PyPIClickHouse.normalize(raw, path: path)
    return (records, diagnostics)
  }

  public func normalizedStored(_ raw: RawSnapshot, stages: Stages) throws(AlmanacError) { try Self.writeDetail(raw, stages: stages) }

  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) { try stages.aggregatePyPI(rebuild: rebuild) }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    guard let p = c.pypi else { return [] }
    guard p.enabled else { return ["source pypi: disabled"] }
    let reference = p.referenceProject?.normalized ?? PyPIClickHouse.defaultReferenceProject
    return [
      "source pypi: \(c.pypiPackages.map(\.normalized).joined(separator: ", ")) \(ClickHouseNight.describe(p.clickhouse, environment: environment)); "
        + "\(ClickHouseNight.lookback(trailingDays: p.trailingDays)); freshness: reference project \(reference) must have a day at most \(p.freshness.maxLagDays) days old "
        + "with at least \(NumberFormat.grouped(p.freshness.minDownloads)) downloads; pypistats.org compared within \(Int((p.tolerance * 100).rounded()))%"
    ]
  }

  public func initSnippet(_ t: InitTargets) -> String {
    """
      pypi:                         # PyPI's download log in ClickHouse: all history, installers, countries
        enabled: false              # off until you opt in: it asks the public ClickPy endpoint
        # endpoint: https://sql-clickhouse.clickhouse.com
        # user: demo                # password_env: NAME_OF_A_VARIABLE for your own server
        # trailing_days: 3          # days re-asked every night (the data set rewrites recent days)
    """
  }
}
