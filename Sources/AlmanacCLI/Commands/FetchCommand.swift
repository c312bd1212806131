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
    guard let source = NightlySources.named(source) else {
      throw ValidationError("unknown source `\(self.source)`; available: \(NightlySources.names.joined(separator: ", ")).")
    }
    if let refused = source.refusedFetchFlags(FetchFlags(output: output, packages: packages, requestInterval: requestInterval)) {
      throw ValidationError(refused)
    }
    for p in packages where PackageName(p) == nil {
      throw ValidationError("--package `\(p)` is not \(PackageName.grammarHint).")
    }
  }

  public func run() async throws {
    let console = Console(quiet: options.quiet)
    try await reporting(console, strict: options.strict) {
      guard let source = NightlySources.named(source) else { throw AlmanacError.usage("unknown source `\(self.source)`") }
      let environment = ProcessInfo.processInfo.environment
      let (options, network) = (self.options, self.network)
      try await source.fetch(FetchRequest(
        config: try options.loadConfig() ?? Config(), configPath: options.config, packages: packages.compactMap(PackageName.init),
        output: output, baseURL: baseURL, requestInterval: requestInterval, lookbackDays: lookbackDays,
        lockTimeout: options.lockTimeout, date: options.asOf, console: console, environment: environment,
        makeStore: { options.store(config: $0) },
        makeClient: { network.client(config: $0, console: console, environment: environment) }))
    }
  }
}
