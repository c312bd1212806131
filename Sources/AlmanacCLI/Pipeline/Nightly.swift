import AlmanacKit
import ArgumentParser
import Foundation

/// The steps `almanac run` strings together, shared with the stage commands.
public enum Nightly {
  /// Fetches pypistats and writes the raw snapshot to the store (the caller holds its lock) or
  /// to `output` (`-`: stdout).
  static func fetch(config: Config, client: HTTPClient, stages: Stages, output: String? = nil) async throws -> RawSnapshot {
    let source = config.pypistats ?? .init()
    let console = stages.console
    let fetcher = PyPIStatsFetcher(client: client, baseURL: source.baseURL, interval: source.requestInterval) { console.note($0) }
    let snapshot = await fetcher.fetch(packages: config.pypistatsPackages, date: stages.date)
    for f in snapshot.failures {
      console.report(Diagnostic(.warning, "\(f.endpoint) for \(f.target): \(f.message)", at: "pypistats"))
    }
    switch output {
    case "-": console.data(snapshot.encoded())
    case let path?: try FileSystem.atomicWrite(Data(snapshot.encoded().utf8), to: path)
    case nil: try stages.saveRaw(snapshot)
    }
    return snapshot
  }

  /// Exit 1 when nothing arrived, 3 (partial) when some requests failed.
  static func exitStatus(_ snapshot: RawSnapshot) throws {
    guard !snapshot.failures.isEmpty else { return }
    if snapshot.exchanges.isEmpty {
      throw AlmanacError.sourceFailed(source: snapshot.source, reason: "every request failed; nothing was saved (see the warnings above)")
    }
    throw ExitCode.partial
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
      } catch AlmanacError.io(let path, let operation, let reason) {
        // A store that cannot be written (a full disk, a read-only checkout) ends the night with
        // exit 1, not 3: the nightly job must not commit half a night.
        throw AlmanacError.io(path: path, operation: operation, reason: "\(reason) (source \(source.name); the night stopped here and nothing should be committed)")
      } catch let error as AlmanacError {
        // A damaged file in one source must not cost the others their night.
        console.report(Diagnostic(.error, "\(source.name): \(error.description)"))
        results.append(SourceResult(source: source.name, status: .failed))
      }
    }
    let (renderings, alerts) = try renderAll(sources, night: night, site: site)
    let alertSummary = await announce(alerts, night: night, environment: environment)
    let sinksLoaded = await runSinks(config: config, client: client, stages: stages, environment: environment)

    let outcome: Outcome
    let failed = results.filter { $0.status != .complete }.map(\.source)
    if !results.isEmpty, results.allSatisfy({ $0.status == .failed }) {
      console.report(Diagnostic(.error, "every source failed (\(failed.joined(separator: ", "))); nothing new was fetched, and the files were rendered from stored data"))
      outcome = .failed
    } else if !failed.isEmpty {
      console.report(Diagnostic(.warning, "source(s) \(failed.joined(separator: ", ")) failed in part or in full; what arrived was saved and everything was rendered"))
      outcome = .partial
    } else if !sinksLoaded {
      outcome = .partial
    } else {
      outcome = .complete
    }
    let summary = RunSummary(
      date: stages.date, outcome: outcome, results: results, renderings: renderings,
      changedFiles: stages.written.all,
      warnings: console.diagnostics.filter { $0.severity == .warning }.map(\.description),
      errors: console.diagnostics.filter { $0.severity == .error }.map(\.description), alerts: alertSummary,
      alertOutputs: alerts.flatMap { a in a.state.map { AlertReport.outputs($0, events: a.events) } } ?? [])
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

extension Nightly {
  /// Every source's files, then alerts.json, summary.json (with every metric's windows),
  /// REPORT.md (alerts first) and (with `site`) the HTML report from their sections (the alerts
  /// panel among them); the
  /// renderings, for the run summary, and the alerts, for the channels.
  static func renderAll(_ sources: [any NightlySource], night: Night, site: String?) throws -> (renderings: [SourceRendering], alerts: AlertsOutcome?) {
    let renderings = try sources.map { try $0.render(night) }
    let (alertsSection, alerts) = night.stages.renderAlerts(night)
    try night.stages.writeSummary(renderings + [alertsSection])
    try night.stages.writeReport([alertsSection] + renderings, render: night.config.render)
    if let site { try night.stages.writeSite(renderings + [alertsSection], to: site) }
    return (renderings, alerts)
  }
}
