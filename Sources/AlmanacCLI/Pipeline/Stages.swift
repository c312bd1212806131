import AlmanacKit
import Foundation

/// The store-backed stages shared by the stage executables and `almanac run`. Every stage is
/// a pure core function between a read and a change-only write.
public struct Stages: Sendable {
  public var store: Store
  public var console: Console
  public var date: Day
  /// Every file the stages changed, in order (the run summary counts them).
  public let written = WriteLog()

  public init(store: Store, console: Console, date: Day) {
    self.store = store
    self.console = console
    self.date = date
  }

  func wrote(_ outcome: Store.Outcome, _ path: String) {
    if outcome == .written { written.append(path) }
    console.note("\(outcome == .written ? "wrote" : "unchanged") \(path)")
  }

  // MARK: fetch

  public func saveRaw(_ snapshot: RawSnapshot) throws(AlmanacError) {
    let path = store.rawPath(snapshot.source, snapshot.date)
    let merged = PyPIStatsFetcher.merge(new: snapshot, old: try? store.readRaw(snapshot.source, snapshot.date))
    if merged.exchanges.isEmpty {
      // Nothing arrived: no file (an empty snapshot would only add noise to the history).
      console.note(store.holds(path) ? "kept \(path): this fetch got nothing to replace it with" : "nothing fetched, so no \(path)")
      return
    }
    wrote(try store.write(merged.encoded(), to: path, validate: Store.rawValidator), path)
  }

  // MARK: normalize

  public func normalize(_ raw: RawSnapshot, path: String) -> RecordSet {
    // A snapshot of a source without records (or of no known source) reads as pypistats'.
    let source = NightlySources.named(raw.source).flatMap { $0.noRecordsReason == nil ? $0 : nil } ?? PyPIStatsNightly()
    let (records, diagnostics) = source.normalize(raw, path: path)
    for d in diagnostics { console.report(d) }
    for f in raw.failures {
      console.report(Diagnostic(.warning, "\(f.endpoint) for \(f.target) was not fetched: \(f.message)", at: path))
    }
    return records
  }

  public func normalizeStored(source: String, day: Day) throws(AlmanacError) -> RecordSet {
    guard let raw = try store.readRaw(source, day) else {
      throw .input("\(store.rawPath(source, day)): no raw snapshot for \(day). Fetch it first: `almanac fetch \(source) --date \(day)` (or pick a date that has one: \(store.snapshotDays("raw", source).suffix(3).map(\.description).joined(separator: ", ")))")
    }
    let records = normalize(raw, path: store.rawPath(source, day))
    let path = store.recordsPath(source, day)
    wrote(try store.write(records.encoded(), to: path, validate: Store.recordsValidator(kind: RecordSet.kind)), path)
    try NightlySources.named(raw.source)?.normalizedStored(raw, stages: self)
    return records
  }

  // MARK: classify

  /// pypistats' mirror split. Other sources' records have no `without_mirrors` to split (the
  /// `pypi` source classifies its detail rows instead), so they classify to nothing here.
  public func classify(_ records: RecordSet) -> RecordSet {
    guard records.records.allSatisfy({ $0.source == PyPIStats.source }) else {
      return RecordSet(snapshot: records.snapshot, records: [], kind: RecordSet.classifiedKind)
    }
    let (classified, diagnostics) = MirrorSplit.classify(records)
    for d in diagnostics { console.report(d) }
    return classified
  }

  public func classifyStored(source: String, day: Day, rules: InstallerRules = InstallerRules()) throws(AlmanacError) -> RecordSet {
    if source == PyPIClickHouse.source { return try PyPINightly.classifyStored(day: day, rules: rules, stages: self) }
    guard let records = try store.readRecords(source, day) else {
      throw .input("\(store.recordsPath(source, day)): no records for \(day). Normalize first: `almanac normalize --date \(day)`")
    }
    let classified = classify(records)
    let path = store.classifiedPath(source, day)
    wrote(try store.write(classified.encoded(), to: path, validate: Store.recordsValidator(kind: RecordSet.classifiedKind)), path)
    return classified
  }
}

/// The paths the stages wrote, shared by copies of one `Stages`.
public final class WriteLog: @unchecked Sendable {
  private let lock = NSLock()
  private var paths: [String] = []

  public init() {}

  public func append(_ path: String) { lock.withLock { paths.append(path) } }
  public var all: [String] { lock.withLock { paths } }
}
