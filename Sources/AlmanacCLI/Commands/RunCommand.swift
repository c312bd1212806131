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

  @Option(help: ArgumentHelp(
    "Also write the HTML report and its charts into this directory (for GitHub Pages; outside the stats directory, never committed).",
    valueName: "dir"))
  var site: String?
  @OptionGroup(title: "Network") var network: NetworkOptions

  @Option(help: ArgumentHelp(
    "Reach this many days back (a one-off backfill); each source fetches what it can of them. Default: each source's nightly window.",
    valueName: "days"))
  var lookbackDays: Int?

  @Option(help: ArgumentHelp(
    "Write the commit message for the night (subject with its figures, then where they come from) into this file; scripts/commit-stats commits with it.",
    valueName: "file"))
  var messageFile: String?

  @Option(help: ArgumentHelp(
    "The commit subject for --message-file: {date} becomes the as-of day, {figures} the night's figures. Default: `stats: {date} — {figures}`.",
    valueName: "template"))
  var messageTemplate: String?

  public init() {}

  public func validate() throws {
    if messageTemplate != nil, messageFile == nil { throw ValidationError("--message-template shapes the message --message-file writes; add --message-file FILE.") }
    if let lookbackDays, lookbackDays < 1 { throw ValidationError("--lookback-days must be at least 1, found \(lookbackDays).") }
  }

  public func run() async throws {
    let console = Console(quiet: options.quiet)
    var outcome = Nightly.Outcome.complete
    try await reporting(console, strict: options.strict) {
      guard let config = try options.loadConfig(required: true) else { return }
      let client = network.client(config: config, console: console, environment: ProcessInfo.processInfo.environment)
      let stages = Stages(store: options.store(config: config), console: console, date: options.asOf)
      outcome = try await Nightly.run(
        config: config, client: client, stages: stages, lockTimeout: options.lockTimeout,
        lookbackDays: lookbackDays, site: site, environment: ProcessInfo.processInfo.environment,
        message: messageFile.map { ($0, messageTemplate) })
    }
    switch outcome {
    case .complete: return
    case .partial: throw ExitCode.partial
    case .failed: throw ExitCode.failure
    }
  }
}

extension Nightly {
  public enum Outcome: Sendable { case complete, partial, failed }

  /// One night for every enabled source: `partial` when some request or source failed, `failed`
  /// when no enabled source fetched anything. Every source renders either way, and the run's
  /// summary goes to `$GITHUB_STEP_SUMMARY` and `$GITHUB_OUTPUT` when those are set.
  static func run(
    config: Config, client: HTTPClient, stages: Stages, lockTimeout: Double, lookbackDays: Int? = nil, site: String? = nil,
    sources: [any NightlySource] = NightlySources.all, environment: [String: String] = [:],
    message: (file: String, template: String?)? = nil
  ) async throws -> Outcome {
    let console = stages.console
    if let site { try stages.checkSiteDirectory(site) }
    let lock = try stages.store.lock(timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    let night = Night(config: config, client: client, stages: stages, lookbackDays: lookbackDays)
    var results: [SourceResult] = []
    for source in sources where source.isEnabled(in: config) {
      do {
        results.append(try await source.night(night))
      } catch let error as AlmanacError {
        // A damaged file or a failed write in one source must not cost the others their night.
        console.report(Diagnostic(.error, "\(source.name): \(error.description)"))
        results.append(SourceResult(source: source.name, status: .failed))
      }
    }
    var renderings: [SourceRendering] = []
    for source in sources { renderings.append(try source.render(night)) }
    try stages.writeReport(renderings, render: config.render)
    if let site { try stages.writeSite(renderings, to: site) }

    let outcome: Outcome
    let failed = results.filter { $0.status != .complete }.map(\.source)
    if !results.isEmpty, results.allSatisfy({ $0.status == .failed }) {
      console.report(Diagnostic(.error, "every source failed (\(failed.joined(separator: ", "))); nothing new was fetched, and the files were rendered from stored data"))
      outcome = .failed
    } else if !failed.isEmpty {
      console.report(Diagnostic(.warning, "source(s) \(failed.joined(separator: ", ")) failed in part or in full; what arrived was saved and everything was rendered"))
      outcome = .partial
    } else {
      outcome = .complete
    }
    let summary = RunSummary(
      date: stages.date, outcome: outcome, results: results, renderings: renderings,
      changedFiles: stages.written.all,
      warnings: console.diagnostics.filter { $0.severity == .warning }.map(\.description),
      errors: console.diagnostics.filter { $0.severity == .error }.map(\.description))
    try summary.publish(environment: environment, console: console)
    if let message {
      try FileSystem.atomicWrite(Data(summary.commitMessage(template: message.template).utf8), to: message.file)
    }
    return outcome
  }
}

extension RunSummary {
  /// Appends to the files GitHub Actions names in `GITHUB_STEP_SUMMARY` and `GITHUB_OUTPUT`.
  func publish(environment: [String: String], console: Console) throws(AlmanacError) {
    for (variable, text) in [("GITHUB_STEP_SUMMARY", stepSummary), ("GITHUB_OUTPUT", githubOutput)] {
      guard let path = environment[variable], !path.isEmpty else { continue }
      try FileSystem.append(Data(text.utf8), to: path, what: variable)
    }
    console.note(commitSubject)
  }
}
