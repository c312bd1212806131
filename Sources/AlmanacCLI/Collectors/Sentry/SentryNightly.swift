import AlmanacKit
import Foundation

extension Config.SentrySource: NightlySourceSection {
  public static var nightly: any NightlySource { SentryNightly() }
}

/// Sentry as a nightly source: per configured project, accepted, filtered and rate-limited
/// error events per day, new and resolved issues and release-health sessions per day (when the
/// token may read them), from the day before the newest one held (today is still counting) to
/// the night's date, into `raw/sentry/`, `records/sentry/` and `series/sentry/<project>.csv`.
public struct SentryNightly: NightlySource {
  public var name: String { Sentry.source }
  /// Where the token is read from; nil: the process environment.
  public var environment: [String: String]?

  public init(environment: [String: String]? = nil) { self.environment = environment }

  public func isEnabled(in config: Config) -> Bool { !config.sentryProjects.isEmpty }

  public func secretVariables(_ config: Config) -> [String] { config.sentry.map { [$0.tokenEnv] } ?? [] }

  func plans(_ config: Config, store: Store, date: Day, backfill: Int?) throws(AlmanacError) -> [SentryFetcher.Plan] {
    let source = config.sentry ?? .init()
    let held = try store.newestHeld(source: name, packages: config.sentryProjects, dimension: Sentry.eventsDimension, category: "accepted", before: date)
    return config.sentryProjects.map { project in
      let from = Plausible.firstDay(through: date, newestHeld: held[project], lookback: source.lookbackDays, backfill: backfill.map { min($0, 90) })
      return SentryFetcher.Plan(project: project, from: from, through: date, backfill: held[project] == nil || backfill != nil)
    }
  }

  func fetch(_ night: Night) async throws(AlmanacError) -> RawSnapshot {
    let source = night.config.sentry ?? .init()
    let env = environment ?? ProcessInfo.processInfo.environment
    let token = env[source.tokenEnv].flatMap { $0.isEmpty ? nil : $0 }
    var client = night.client
    if let token { client.redactor.add(token) }
    let plans = try plans(night.config, store: night.stages.store, date: night.date, backfill: night.lookbackDays)
    night.console.note("sentry: \(plans.count) project(s) of \(source.org) from \(source.baseURL)")
    let console = night.console
    var fetcher = SentryFetcher(client: client, source: source, token: token) { console.note($0) }
    let name = name
    fetcher.warn = { console.report(Diagnostic(.warning, $0, at: name)) }
    let snapshot = await fetcher.fetch(plans, date: night.date)
    for f in snapshot.failures {
      night.console.report(Diagnostic(.warning, "\(f.endpoint) for \(f.target): \(f.message)", at: name))
    }
    return snapshot
  }

  public func night(_ night: Night) async throws -> SourceResult {
    try keepNight(try await fetch(night), night) { $0.endpoint.hasPrefix(Sentry.statsEndpoint) }
  }

  public func render(_ night: Night) throws -> SourceRendering {
    var out = SourceRendering(source: name)
    let series = try night.stages.loadSeries(source: name)
    var seen = Set<String>()
    let projects = (night.config.sentryProjects + series.keys.sorted()).filter { seen.insert($0).inserted }
      .compactMap { series[$0].flatMap { Sentry.figures($0, asOf: night.date) } }
    guard let main = projects.first else { return out }
    out.reportSection = Sentry.reportSection(projects)
    out.site = Sentry.siteSection(projects)
    out.summary = [name: Sentry.summary(projects)]
    out.headlines = ["\(NumberFormat.grouped(main.lastWeek)) errors in 7 days"]
    out.details = projects.map { "\($0.project): \(NumberFormat.grouped($0.lastWeek)) errors in the 7 days to \($0.newestDay) (\(NumberFormat.grouped($0.lastMonth)) in 30)" }
    out.outputs = [("errors-last-7-days", String(main.lastWeek))]
    return out
  }
}

extension SentryNightly {
  public func refusedFetchFlags(_ flags: FetchFlags) -> String? {
    if !flags.packages.isEmpty { return "sentry fetches projects, not packages: name them in `sources.sentry.projects`" }
    if flags.requestInterval != nil { return "sentry follows its own rate-limit headers; --request-interval does not apply" }
    return nil
  }

  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if let baseURL = r.baseURL { config.sentry = { var s = $0 ?? .init(); s.baseURL = baseURL; return s }(config.sentry) }
    guard !config.sentryProjects.isEmpty else {
      throw AlmanacError.usage("no project to fetch: name your Sentry organisation and projects in \(r.configPath) (`sources.sentry.org`, `sources.sentry.projects`).")
    }
    let stages = r.stages(config)
    let lock = r.output == nil ? try stages.store.lock(timeout: r.lockTimeout) : nil
    let snapshot = try await fetch(Night(config: config, client: r.client(config), stages: stages, lookbackDays: r.lookbackDays))
    withExtendedLifetime(lock) {}
    try r.emit(snapshot, stages: stages) { PlausibleFetcher.merge(new: $0, old: $1) }
    try Nightly.exitStatus(snapshot)
  }

  public func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    Sentry.normalize(raw, path: path)
  }

  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {
    let (series, revisions) = try stages.mergeStored(source: name, rebuild: rebuild, classified: false, dimensions: Sentry.seriesDimensions)
    stages.reportRevisions(revisions)
    for (project, s) in series.sorted(by: { $0.key < $1.key }) {
      let path = stages.store.seriesPath(name, project)
      stages.wrote(try stages.store.write(s.encoded(), to: path, validate: Store.seriesValidator(package: project, source: name)), path)
    }
  }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    guard let s = c.sentry else { return [] }
    guard s.enabled else { return ["source sentry: disabled"] }
    let token = (environment[s.tokenEnv] ?? "").isEmpty ? "not set — the night will fail until it is" : "set"
    return [
      "source sentry: \(s.org)/\(s.projects.joined(separator: ", ")) from \(s.baseURL); token from $\(s.tokenEnv) (\(token)); error events per day by outcome, "
        + "new and resolved issues (scope org:read) and release-health sessions (scope event:read, for errors per 1,000 sessions; without them errors per day); "
        + "a first night asks \(s.lookbackDays) days, later nights from the day before the newest held; 1 + 3 × \(s.projects.count) requests a night"
    ]
  }

  public func initSnippet(_ t: InitTargets) -> String {
    """
      sentry:                       # error events, new/resolved issues and sessions per day per project
        enabled: false              # name your org and projects, set the SENTRY_AUTH_TOKEN secret (scopes org:read, event:read), then set true
        org: your-org
        projects: [your-project]
        # base_url: https://sentry.io      # a region (https://de.sentry.io) or self-hosted
        # token_env: SENTRY_AUTH_TOKEN
        # lookback_days: 30         # a first night's history (Sentry keeps about 90 days)
    """
  }
}
