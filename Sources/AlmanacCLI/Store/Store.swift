import AlmanacKit
import Foundation

/// The git-native store: dated text files under one directory (`stats/` by default).
///
/// Reads check each file's format before trusting it; writes render in memory, compare with
/// what is on disk, and replace the file atomically only when the bytes differ. An existing
/// file that does not parse as its kind is never replaced silently: the write fails and says
/// how to recover, unless `force` is set.
public struct Store: Sendable {
  public let root: String
  public var force = false
  let chainCache = ChainCache()

  public init(root: String) {
    self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
  }

  public enum Outcome: String, Sendable { case written, unchanged }

  // MARK: Paths

  public func rawPath(_ source: String, _ day: Day) -> String { "\(root)/raw/\(source)/\(day).json" }
  public func recordsPath(_ source: String, _ day: Day) -> String { "\(root)/records/\(source)/\(day).csv" }
  public func classifiedPath(_ source: String, _ day: Day) -> String { "\(root)/classified/\(source)/\(day).csv" }
  public func seriesPath(_ source: String, _ package: String) -> String { "\(root)/series/\(source)/\(package).csv" }
  public var summaryPath: String { "\(root)/summary.json" }
  public var downloadSummaryPath: String { "\(root)/download_summary.json" }
  public func dailyCSVPath(_ day: Day) -> String { "\(root)/downloads_\(day).csv" }
  public func dailyJSONPath(_ day: Day) -> String { "\(root)/downloads_\(day).json" }
  public func badgePath(_ name: String, _ ext: String) -> String { "\(root)/badges/\(name).\(ext)" }
  public var reportPath: String { "\(root)/REPORT.md" }

  /// Snapshot dates present in `<kind>/<source>/`, oldest first.
  /// Each day once, even when a snapshot has several files (`<date>.csv`, `<date>.detail.csv`).
  public func snapshotDays(_ kind: String, _ source: String) -> [Day] {
    Set(FileSystem.list("\(root)/\(kind)/\(source)").compactMap { name -> Day? in
      guard name.hasSuffix(".csv") || name.hasSuffix(".json") || name.hasSuffix(DeltaFile.suffix) else { return nil }
      return Day(name.prefix(10))
    }).sorted()
  }

  public func seriesPackages(_ source: String) -> [String] {
    FileSystem.list("\(root)/series/\(source)").compactMap { $0.hasSuffix(".csv") ? String($0.dropLast(4)) : nil }
  }

  // MARK: Reading

  public func readRaw(_ source: String, _ day: Day) throws(AlmanacError) -> RawSnapshot? {
    let path = rawPath(source, day)
    guard let text = try readText(path) else { return nil }
    do { return try RawSnapshot.decode(text, path: path) } catch { throw .format(error) }
  }

  public func readRecords(_ source: String, _ day: Day, kind: String = RecordSet.kind) throws(AlmanacError) -> RecordSet? {
    let path = kind == RecordSet.kind ? recordsPath(source, day) : classifiedPath(source, day)
    guard let text = try readText(path) else { return nil }
    let records: RecordSet
    do { records = try RecordSet.decode(text, path: path, kind: kind, fallbackSnapshot: day, sources: Set(SourceCatalog.names)) } catch { throw .format(error) }
    guard records.snapshot == day else {
      throw .format(FormatError(path: path, line: 1, problem: "the format line says snapshot=\(records.snapshot), but the file is named for \(day)"))
    }
    return records
  }

  public func readSeries(_ source: String, _ package: String) throws(AlmanacError) -> Series? {
    let path = seriesPath(source, package)
    guard let text = try FileSystem.read(path) else { return nil }
    do { return try Series.decode(text, path: path, package: package, source: source) } catch { throw .format(error) }
  }

  // MARK: Writing

  /// Writes `content` to `path` if it differs from what is there. `validate` checks that an
  /// existing file is a well-formed file of the same kind before it is replaced.
  @discardableResult
  public func write(
    _ content: String, to path: String, validate: ((String) throws(FormatError) -> Void)? = nil
  ) throws(AlmanacError) -> Outcome {
    if let link = chainLink(path) { return try writeChained(content, link: link, validate: validate) }
    let data = Data(content.utf8)
    if let existing = FileSystem.readData(path) {
      if existing == data { return .unchanged }
      if !force, let validate {
        guard let text = String(data: existing, encoding: .utf8) else {
          throw .format(FormatError(path: path, problem: "exists but is not UTF-8 text, so Almanac will not replace it", remedy: Self.forceRemedy))
        }
        do { try validate(text) } catch {
          throw .format(FormatError(
            path: path, line: error.line,
            problem: "exists but is damaged (\(error.problem)), so Almanac will not replace it", remedy: Self.forceRemedy))
        }
      }
    }
    try ensureGitignore()
    try FileSystem.atomicWrite(data, to: path)
    return .written
  }

  static let forceRemedy =
    "Restore it with `git checkout -- <path>`, or move it aside (or pass --force) to let Almanac write it anew."

  /// `stats/.gitignore` keeps the lock file and temporary files out of commits.
  func ensureGitignore() throws(AlmanacError) {
    let path = root + "/.gitignore"
    guard !FileSystem.exists(path) else { return }
    try FileSystem.atomicWrite(Data(".almanac.lock\n.*.tmp\n".utf8), to: path)
  }

  public func lock(timeout: Double) throws(AlmanacError) -> AnyObject {
    try StoreLock(directory: root, timeout: timeout)
  }

  public func remove(_ path: String) throws(AlmanacError) {
    if let link = chainLink(path) { return try removeChained(link) }
    try FileSystem.remove(path)
  }
}

extension Store {
  /// Validators for `write(_:to:validate:)`, one per file kind.
  /// A stored records file has no format line (its name is its snapshot): the records check is
  /// that it decodes, under a snapshot no row can be after.
  public static func recordsValidator(kind: String) -> (String) throws(FormatError) -> Void {
    { (text: String) throws(FormatError) in _ = try RecordSet.decode(text, path: "", kind: kind, fallbackSnapshot: Day(ordinal: Int(Int32.max))) }
  }

  public static func rawValidator(_ text: String) throws(FormatError) {
    _ = try RawSnapshot.decode(text, path: "")
  }

  public static func seriesValidator(package: String, source: String) -> (String) throws(FormatError) -> Void {
    { (text: String) throws(FormatError) in _ = try Series.decode(text, path: "", package: package, source: source) }
  }

  public static func jsonValidator(_ text: String) throws(FormatError) {
    do { _ = try JSONParser.parse(text) } catch { throw FormatError(path: "", line: error.line, problem: error.message) }
  }
}
