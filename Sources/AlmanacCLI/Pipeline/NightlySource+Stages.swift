import AlmanacKit
import Foundation

/// The flags of `almanac fetch` a source may refuse.
public struct FetchFlags: Sendable {
  public var output: String?
  public var packages: [String]
  public var requestInterval: Double?
}

/// `almanac fetch <source>` as the source sees it: the loaded configuration, the command's
/// overrides, and how to make the store, stages and client for a configuration the source
/// has adjusted.
public struct FetchRequest {
  public var config: Config
  /// The configuration file's path, for messages.
  var configPath: String
  var packages: [PackageName]
  var output: String?
  var baseURL: String?
  var requestInterval: Double?
  var lookbackDays: Int?
  var lockTimeout: Double
  var date: Day
  var console: Console
  var environment: [String: String]
  var makeStore: (Config) -> Store
  var makeClient: (Config) -> HTTPClient

  func stages(_ config: Config) -> Stages { Stages(store: makeStore(config), console: console, date: date) }
  func client(_ config: Config) -> HTTPClient { makeClient(config) }
}

extension NightlySource {
  public func refusedFetchFlags(_ flags: FetchFlags) -> String? { nil }
  public var noRecordsReason: String? { nil }
  public func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    (RecordSet(snapshot: raw.date, records: []), [])
  }
  public func normalizedStored(_ raw: RawSnapshot, stages: Stages) throws(AlmanacError) {}
  public func explain(_ config: Config, environment: [String: String]) -> [String] { [] }
  public func secretVariables(_ config: Config) -> [String] { [] }
  public func metrics(_ night: Night) throws(AlmanacError) -> [Metric] { [] }
}

extension FetchRequest {
  /// Writes a fetch-only snapshot where `-o` says (stdout, a file) or into the store under its
  /// lock, merged there with the day's earlier snapshot by the source's rule (read under the
  /// lock), so a re-fetch that failed somewhere keeps the earlier answers.
  func emit(_ snapshot: RawSnapshot, stages: Stages, keepingEarlier merge: (RawSnapshot, RawSnapshot?) -> RawSnapshot) throws {
    switch output {
    case "-": console.data(snapshot.encoded())
    case let path?: try FileSystem.atomicWrite(Data(snapshot.encoded().utf8), to: path)
    case nil:
      let lock = try stages.store.lock(timeout: lockTimeout)
      let merged = merge(snapshot, try stages.store.readRaw(snapshot.source, stages.date))
      if !merged.exchanges.isEmpty {
        let path = stages.store.rawPath(snapshot.source, stages.date)
        stages.wrote(try stages.store.write(merged.encoded(), to: path, validate: Store.rawValidator), path)
      }
      withExtendedLifetime(lock) {}
    }
  }
}
