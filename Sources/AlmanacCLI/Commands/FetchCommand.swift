import AlmanacKit
import ArgumentParser
import Foundation

public struct FetchCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "fetch",
    abstract: "Ask a source's API for today's figures and keep the answers verbatim.",
    discussion: """
      Writes stats/raw/<source>/<date>.json: every HTTP answer, bodies verbatim, in an envelope \
      with the URL and status (never a token). With -o -, writes that JSON to standard output \
      instead, for a pipe into `almanac-normalize -`.

      Sources: pypistats (pypistats.org: recent, overall with and without mirrors, python_minor, \
      system; 181 days); pypi (PyPI's download log in ClickHouse: per day, per version × \
      installer × type × country, python_minor, system, all-time; --lookback-days N backfills); \
      github-events (GitHub's public events in ClickHouse); github (sources.github or \
      targets.repos: counts, traffic, stars, forks, releases; the token from the variable named \
      by tokens.github, ALMANAC_GITHUB_TOKEN by default; also merges the answers into \
      stats/series/github/<owner>/<repo>/). Requests are spaced by sources.pypistats.request_interval (2.5 s by \
      default: pypistats.org allows 30 a minute per IP, shared on CI runners); 5xx, 429 and \
      network errors are retried with backoff.

      If some requests fail, what did arrive is saved and the exit code is 3 (partial); answers \
      an earlier run of the same day got are kept for the endpoints that failed now.

      Example:
        almanac-fetch pypistats --package requests --date 2026-11-22 -o - | almanac-normalize -
      """)

  @Argument(help: ArgumentHelp("The source to fetch.", valueName: "source"))
  var source: String

  @Option(name: .customLong("package"), help: ArgumentHelp("A package to fetch (repeatable); default: the configuration's.", valueName: "name"))
  var packages: [String] = []

  @Option(name: .shortAndLong, help: ArgumentHelp("Write the raw snapshot here instead of the store; `-` is standard output.", valueName: "file"))
  var output: String?

  @Option(name: .customLong("base-url"), help: ArgumentHelp("The API's base URL (a mirror, a fake server); for pypi and github-events, the ClickHouse HTTP endpoint.", valueName: "url"))
  var baseURL: String?

  @Option(name: .customLong("request-interval"), help: ArgumentHelp("Seconds between requests.", valueName: "seconds"))
  var requestInterval: Double?

  @Option(name: .customLong("lookback-days"), help: ArgumentHelp("ClickHouse sources: fetch this many days back (a backfill, a month per query).", valueName: "days"))
  var lookbackDays: Int?

  @OptionGroup(title: "Store") var options: StoreOptions
  @OptionGroup(title: "Network") var network: NetworkOptions

  public init() {}

  public func validate() throws {
    guard ConfigParser.knownSources.contains(source) else {
      throw ValidationError("unknown source `\(source)`; available: \(ConfigParser.knownSources.joined(separator: ", ")).")
    }
    if source == GitHub.source, output != nil || !packages.isEmpty || requestInterval != nil {
      throw ValidationError("github writes into the store (its raw snapshot and each repository's files); -o, --package and --request-interval are for pypistats.")
    }
    for p in packages where PackageName(p) == nil {
      throw ValidationError("--package `\(p)` is not \(PackageName.grammarHint).")
    }
  }

  public func run() async throws {
    let console = Console(quiet: options.quiet)
    if source == GitHub.source { return try await fetchGitHub(console) }
    try await reporting(console, strict: options.strict) {
      var config = try options.loadConfig() ?? Config()
      if source != PyPIStats.source {
        try await fetchClickHouse(&config, console)
        return
      }
      if !packages.isEmpty { config.pypistats = sourceConfig(config, packages: packages.compactMap(PackageName.init)) }
      if let baseURL { config.pypistats = { var s = $0 ?? .init(); s.baseURL = baseURL; return s }(config.pypistats) }
      if let requestInterval { config.pypistats = { var s = $0 ?? .init(); s.requestInterval = requestInterval; return s }(config.pypistats) }
      guard !config.pypistatsPackages.isEmpty else {
        throw AlmanacError.usage("no package to fetch: pass --package NAME or name packages in \(options.config) (`targets.packages`).")
      }
      let client = network.client(config: config, console: console, environment: ProcessInfo.processInfo.environment)
      let stages = Stages(store: options.store(config: config), console: console, date: options.asOf)
      let lock = output == nil ? try stages.store.lock(timeout: options.lockTimeout) : nil
      let snapshot = try await Nightly.fetch(config: config, client: client, stages: stages, output: output)
      withExtendedLifetime(lock) {}
      try Nightly.exitStatus(snapshot)
    }
  }

  /// `almanac fetch github`: one night of the GitHub source into the store.
  func fetchGitHub(_ console: Console) async throws {
    try await reporting(console, strict: options.strict) {
      var config = try options.loadConfig() ?? Config()
      if let baseURL { config.github = { var s = $0 ?? .init(); s.baseURL = baseURL; return s }(config.github) }
      if config.github == nil, !config.repos.isEmpty { config.github = .init() }
      if config.github?.enabled == false {
        throw AlmanacError.usage("sources.github is disabled in \(options.config) (`enabled: false`); remove that line to fetch GitHub.")
      }
      guard config.githubEnabled else {
        throw AlmanacError.usage("no repository to fetch: name repositories in \(options.config) (`targets.repos` or `sources.github.repos`).")
      }
      let environment = ProcessInfo.processInfo.environment
      let client = network.client(config: config, console: console, environment: environment)
      let stages = Stages(store: options.store(config: config), console: console, date: options.asOf)
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      let snapshot = try await stages.githubNight(config: config, client: client, environment: environment)
      withExtendedLifetime(lock) {}
      try Nightly.exitStatus(snapshot)
    }
  }

  /// `almanac fetch pypi` / `almanac fetch github-events`: the raw snapshot only.
  func fetchClickHouse(_ config: inout Config, _ console: Console) async throws {
    if source == PyPIClickHouse.source {
      if !packages.isEmpty { config.pypi = { var s = $0 ?? .init(); s.enabled = true; s.packages = packages.compactMap(PackageName.init); return s }(config.pypi) }
      if let baseURL { config.pypi = { var s = $0 ?? .init(); s.clickhouse.endpoint = baseURL; return s }(config.pypi) }
      guard !config.pypiPackages.isEmpty else {
        throw AlmanacError.usage("no package to fetch: pass --package NAME or enable `sources.pypi` in \(options.config).")
      }
    } else {
      if let baseURL { config.githubEvents = { var s = $0 ?? .init(); s.clickhouse.endpoint = baseURL; return s }(config.githubEvents) }
      guard !config.githubEventsRepos.isEmpty else {
        throw AlmanacError.usage("no repository to fetch: name repositories in \(options.config) (`targets.repos`) and enable `sources.github-events`.")
      }
    }
    let client = network.client(config: config, console: console, environment: ProcessInfo.processInfo.environment)
    let stages = Stages(store: options.store(config: config), console: console, date: options.asOf)
    let night = Night(config: config, client: client, stages: stages, lookbackDays: lookbackDays)
    var stale: PyPIStale?
    let snapshot: RawSnapshot
    if source == PyPIClickHouse.source {
      let outcome = await PyPINightly().fetch(night)
      (snapshot, stale) = (outcome.snapshot, outcome.stale)
    } else {
      snapshot = await GitHubEventsNightly().fetch(night)
    }
    switch output {
    case "-": console.data(snapshot.encoded())
    case let path?: try FileSystem.atomicWrite(Data(snapshot.encoded().utf8), to: path)
    case nil:
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      if !snapshot.exchanges.isEmpty {
        let path = stages.store.rawPath(source, stages.date)
        stages.wrote(try stages.store.write(snapshot.encoded(), to: path, validate: Store.rawValidator), path)
      }
      withExtendedLifetime(lock) {}
    }
    if let stale { throw AlmanacError.sourceFailed(source: source, reason: stale.message) }
    try Nightly.exitStatus(snapshot)
  }

  func sourceConfig(_ config: Config, packages: [PackageName]) -> Config.PyPIStatsSource {
    var s = config.pypistats ?? .init()
    s.enabled = true
    s.packages = packages
    return s
  }
}
