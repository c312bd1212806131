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
      stored, and the exit code is 3 (partial) — or 1 when every source failed. A store that \
      cannot be written (a full disk) stops the night with exit 1, so nothing half-written is \
      committed.

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
