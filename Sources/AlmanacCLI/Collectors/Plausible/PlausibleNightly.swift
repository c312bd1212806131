import AlmanacKit
import Foundation

extension Config.PlausibleSource: NightlySourceSection {
  public static var nightly: any NightlySource { PlausibleNightly() }
}

/// Plausible as a nightly source: per configured site, the days since the newest one held
/// (yesterday and today re-asked, as Plausible revises them) into `raw/plausible/<date>.json`,
/// `records/plausible/<date>.csv` and `series/plausible/<site>.csv`, with a report section, a
/// `plausible` key in summary.json and a panel in the HTML report.
public struct PlausibleNightly: NightlySource {
  public var name: String { Plausible.source }
  /// Where the key is read from; nil: the process environment.
  public var environment: [String: String]?

  public init(environment: [String: String]? = nil) { self.environment = environment }

  public func isEnabled(in config: Config) -> Bool { !config.plausibleSites.isEmpty }

  public func secretVariables(_ config: Config) -> [String] { config.plausible.map { [$0.keyEnv] } ?? [] }

  /// The requests of a night: from the newest day an earlier night held (or the configured
  /// lookback) to the night's date. Earlier nights' records decide, not the series, so a re-run
  /// of a night asks exactly what its first run asked. Reads the store; the caller holds its lock.
  func plans(_ config: Config, store: Store, date: Day, backfill: Int?) throws(AlmanacError) -> [PlausibleFetcher.Plan] {
    let source = config.plausible ?? .init()
    let held = try store.newestHeld(source: name, packages: config.plausibleSites, dimension: Plausible.siteDimension, category: "visitors", before: date)
    return config.plausibleSites.map { site in
      let from = Plausible.firstDay(through: date, newestHeld: held[site], lookback: source.lookbackDays, backfill: backfill)
      return PlausibleFetcher.Plan(site: site, from: from, through: date, backfill: held[site] == nil || backfill != nil)
    }
  }

  func fetch(_ night: Night) async throws(AlmanacError) -> RawSnapshot {
    let source = night.config.plausible ?? .init()
    let env = environment ?? ProcessInfo.processInfo.environment
    let key = env[source.keyEnv].flatMap { $0.isEmpty ? nil : $0 }
    var client = night.client
    if let key { client.redactor.add(key) }
    let plans = try plans(night.config, store: night.stages.store, date: night.date, backfill: night.lookbackDays)
    let days = plans.reduce(0) { $0 + ($1.through - $1.from + 1) }
    night.console.note("plausible: \(plans.count) site(s), \(days) day(s) from \(source.baseURL)")
    let console = night.console
    let snapshot = await PlausibleFetcher(client: client, source: source, key: key) { console.note($0) }.fetch(plans, date: night.date)
    for f in snapshot.failures {
      night.console.report(Diagnostic(.warning, "\(f.endpoint) for \(f.target): \(f.message)", at: name))
    }
    return snapshot
  }

  public func night(_ night: Night) async throws -> SourceResult {
    let stages = night.stages
    let store = stages.store
    let snapshot = PlausibleFetcher.merge(new: try await fetch(night), old: try store.readRaw(name, night.date))
    guard !snapshot.exchanges.isEmpty else { return SourceResult(source: name, status: .failed) }
    let rawPath = store.rawPath(name, night.date)
    stages.wrote(try store.write(snapshot.encoded(), to: rawPath, validate: Store.rawValidator), rawPath)
    try writeRecords(snapshot, stages: stages)
    try aggregate(stages, config: night.config, rebuild: false)
    try stages.pruneRaw(source: name, keepDays: night.config.retention.rawDays)
    return SourceResult(source: name, status: snapshot.failures.isEmpty ? .complete : .partial)
  }

  func writeRecords(_ snapshot: RawSnapshot, stages: Stages) throws(AlmanacError) {
    let store = stages.store
    let (records, diagnostics) = Plausible.normalize(snapshot, path: store.rawPath(name, snapshot.date))
    for d in diagnostics { stages.console.report(d) }
    let path = store.recordsPath(name, snapshot.date)
    stages.wrote(try store.write(records.encoded(), to: path, validate: Store.recordsValidator(kind: RecordSet.kind)), path)
  }

  public func render(_ night: Night) throws -> SourceRendering {
    var out = SourceRendering(source: name)
    let series = try night.stages.loadSeries(source: name)
    // Configured sites first, in their order, then any other site the store holds.
    var seen = Set<String>()
    let sites = (night.config.plausibleSites + series.keys.sorted()).filter { seen.insert($0).inserted }
      .compactMap { series[$0].flatMap { Plausible.figures($0, asOf: night.date) } }
    guard let main = sites.first else { return out }
    out.reportSection = Plausible.reportSection(sites)
    out.site = Plausible.siteSection(sites)
    out.summary = [name: Plausible.summary(sites)]
    out.headlines = ["\(NumberFormat.grouped(main.lastWeek.visitors)) docs visitors in 7 days"]
    out.details = sites.map {
      "\($0.site): \(NumberFormat.grouped($0.lastMonth.visitors)) visitors and \(NumberFormat.grouped($0.lastMonth.pageviews)) pageviews in the 30 days to \($0.newestDay)"
    }
    out.outputs = [("docs-visitors-last-7-days", String(main.lastWeek.visitors)), ("docs-visitors-last-30-days", String(main.lastMonth.visitors))]
    return out
  }
}

/// Plausible in the stage commands.
extension PlausibleNightly {
  public func refusedFetchFlags(_ flags: FetchFlags) -> String? {
    if !flags.packages.isEmpty { return "plausible fetches sites, not packages: name them in `sources.plausible.sites`" }
    if flags.requestInterval != nil { return "plausible spaces its requests by the key's hourly budget (`sources.plausible.requests_per_hour`), not --request-interval" }
    return nil
  }

  /// `almanac fetch plausible`: the raw snapshot only.
  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if let baseURL = r.baseURL { config.plausible = { var s = $0 ?? .init(); s.baseURL = baseURL; return s }(config.plausible) }
    guard !config.plausibleSites.isEmpty else {
      throw AlmanacError.usage("no site to fetch: name your Plausible sites in \(r.configPath) (`sources.plausible.sites`).")
    }
    let stages = r.stages(config)
    // The newest day held decides what is asked: read it under the lock a night would hold.
    let lock = r.output == nil ? try stages.store.lock(timeout: r.lockTimeout) : nil
    let snapshot = try await fetch(Night(config: config, client: r.client(config), stages: stages, lookbackDays: r.lookbackDays))
    withExtendedLifetime(lock) {}
    try r.emit(snapshot, stages: stages) { PlausibleFetcher.merge(new: $0, old: $1) }
    try Nightly.exitStatus(snapshot)
  }

  public func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    Plausible.normalize(raw, path: path)
  }

  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {
    let (series, revisions) = try stages.mergeStored(
      source: name, rebuild: rebuild, classified: false, dimensions: Plausible.seriesDimensions, sparse: Plausible.sparseDimensions)
    stages.reportRevisions(revisions)
    for (site, s) in series.sorted(by: { $0.key < $1.key }) {
      let path = stages.store.seriesPath(name, site)
      stages.wrote(try stages.store.write(s.encoded(), to: path, validate: Store.seriesValidator(package: site, source: name)), path)
    }
  }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    guard let p = c.plausible else { return [] }
    guard p.enabled else { return ["source plausible: disabled"] }
    let key = (environment[p.keyEnv] ?? "").isEmpty ? "not set — the night will fail until it is" : "set"
    return [
      "source plausible: \(p.sites.joined(separator: ", ")) from \(p.baseURL) (\(p.api == .v2 ? "Stats API v2, POST /api/v2/query" : "Stats API v1, GET /api/v1/stats/…"); the same records either way); key from $\(p.keyEnv) (\(key)); "
        + "a first night asks \(p.lookbackDays) days, later nights from the day before the newest held; top \(p.topPages) pages and every country per day with visitors; "
        + "at most \(p.requestsPerHour) requests an hour"
    ]
  }

  public func initSnippet(_ t: InitTargets) -> String {
    let site = t.plausibleSite ?? "docs.example.org"
    return """
      plausible:                    # documentation-site analytics (Plausible Stats API)
        enabled: false              # set the \(Plausible.defaultKeyVariable) secret, then set true
        sites: [\(site)]
        # base_url: https://plausible.io   # or your self-hosted instance
        # key_env: PLAUSIBLE_API_KEY       # the variable that holds a Stats API key
        # api: v1                   # or v2 (POST /api/v2/query); the same records either way
        # top_pages: 20             # pages kept per day; countries are kept whole
        # lookback_days: 30         # a first night's history (--lookback-days N backfills more)
    """
  }
}
