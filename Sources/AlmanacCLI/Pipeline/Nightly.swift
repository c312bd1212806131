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
