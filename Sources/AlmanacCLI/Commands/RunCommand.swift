import AlmanacKit
import ArgumentParser
import Foundation

public struct RunCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "The nightly job: fetch → normalize → classify → aggregate → render.",
    discussion: """
      Runs every enabled source of the configuration for one day, holding the store's lock \
      throughout, then merges, summarises and renders. A source that fails does not stop the \
      others: what was fetched is saved, aggregation and rendering still run over everything \
      stored, and the exit code is 3 (partial) — or 1 when every source failed.

      Exit codes: 0 ok, 1 failure, 3 partial, 64 usage.

      Examples:
        almanac run --config almanac.yml
        almanac run --date 2026-11-22 --replay recordings/2026-11-22
      """)

  @OptionGroup(title: "Store") var options: StoreOptions
  @OptionGroup(title: "Network") var network: NetworkOptions

  public init() {}

  public func run() async throws {
    let console = Console(quiet: options.quiet)
    var outcome = Nightly.Outcome.complete
    try await reporting(console, strict: options.strict) {
      guard let config = try options.loadConfig(required: true) else { return }
      let client = network.client(config: config, console: console, environment: ProcessInfo.processInfo.environment)
      let stages = Stages(store: options.store(config: config), console: console, date: options.asOf)
      outcome = try await Nightly.run(config: config, client: client, stages: stages, lockTimeout: options.lockTimeout)
    }
    switch outcome {
    case .complete: return
    case .partial: throw ExitCode.partial
    case .failed: throw ExitCode.failure
    }
  }
}

extension Nightly {
  enum Outcome { case complete, partial, failed }

  /// One night for every enabled source: `partial` when some request or source failed, `failed`
  /// when no enabled source fetched anything. Aggregation and rendering run either way.
  static func run(config: Config, client: HTTPClient, stages: Stages, lockTimeout: Double) async throws -> Outcome {
    let console = stages.console
    let lock = try stages.store.lock(timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    let source = PyPIStats.source
    var failed: [String] = []
    var fetchedNothing: [String] = []
    if !config.pypistatsPackages.isEmpty {
      console.note("pypistats: fetching \(config.pypistatsPackages.count) package(s) for \(stages.date)")
      let snapshot = try await fetch(config: config, client: client, stages: stages)
      if !snapshot.failures.isEmpty { failed.append(source) }
      if snapshot.exchanges.isEmpty { fetchedNothing.append(source) }
      if try stages.store.readRaw(source, stages.date) != nil {
        _ = try stages.normalizeStored(source: source, day: stages.date)
        _ = try stages.classifyStored(source: source, day: stages.date)
      }
    }
    let (series, revisions) = try stages.mergeStored(source: source, rebuild: false)
    stages.reportRevisions(revisions)
    let ordered = try stages.writeAggregates(series: series, source: source, configured: config.allPackages.map(\.normalized))
    try stages.render(stats: ordered, render: config.render)
    try stages.pruneRaw(source: source, keepDays: config.retention.rawDays)
    for s in ordered {
      console.note("\(s.package): \(NumberFormat.grouped(s.totalDownloads)) downloads in \(s.days) days; last 30 days \(NumberFormat.grouped(s.lastMonth)); last 7 days \(NumberFormat.grouped(s.lastWeek))")
    }
    let enabled = config.pypistatsPackages.isEmpty ? 0 : 1
    if enabled > 0, fetchedNothing.count == enabled {
      console.report(Diagnostic(.error, "every source failed (\(fetchedNothing.joined(separator: ", "))); nothing new was fetched, and the files were rendered from stored data"))
      return .failed
    }
    guard failed.isEmpty else {
      console.report(Diagnostic(.warning, "source(s) \(failed.joined(separator: ", ")) failed in part; what arrived was saved and everything was rendered"))
      return .partial
    }
    return .complete
  }
}
