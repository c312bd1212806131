import AlmanacKit
import Foundation

/// The usage source's files: the inbox (`inbox/usage/<day>.ndjson`: scrubbed, consented events,
/// never committed), the committed aggregates (`series/usage/daily.csv`, rebuilt from the inbox
/// while it is kept) and the nightly intake counts (`usage/intake.csv`, a record of its own).
extension Store {
  public var usageInbox: String { "\(root)/\(Usage.inboxDirectory)/\(Usage.source)" }
  public func usageInboxPath(_ day: Day) -> String { "\(usageInbox)/\(day).ndjson" }
  public var usageDailyPath: String { seriesPath(Usage.source, Usage.dailyFile) }
  public var usageIntakePath: String { "\(root)/\(Usage.source)/\(Usage.intakeFile).csv" }

  /// The days the inbox holds, oldest first.
  public func usageInboxDays() -> [Day] {
    FileSystem.list(usageInbox).compactMap { $0.hasSuffix(".ndjson") ? Day($0.dropLast(7)) : nil }.sorted()
  }

  /// One inbox day's events. A line that is not a stored event means the file was edited or
  /// damaged: an error naming the line, never a silent skip.
  public func readUsageInbox(_ day: Day) throws(AlmanacError) -> [UsageEvent] {
    let path = usageInboxPath(day)
    guard let data = FileSystem.readData(path) else { return [] }
    var batch = Usage.Batch()
    batch.read(ndjson: data, name: path)
    guard batch.invalid == 0, batch.withoutConsent == 0 else {
      throw .format(FormatError(
        path: path, problem: "holds \(batch.invalid + batch.withoutConsent) line(s) that are not stored usage events (\(batch.problems.first ?? "without consent"))",
        remedy: "The inbox is written only by Almanac; remove the file and let the next night read the input again."))
    }
    return batch.events
  }

  /// Writes an inbox day (removes the file when no event is left). The inbox line in
  /// `stats/.gitignore` is ensured first, so the events are never committed.
  public func writeUsageInbox(_ day: Day, _ events: [UsageEvent]) throws(AlmanacError) -> Outcome {
    try ensureIgnored("\(Usage.inboxDirectory)/")
    let path = usageInboxPath(day)
    guard !events.isEmpty else {
      if FileSystem.exists(path) { try FileSystem.remove(path); return .written }
      return .unchanged
    }
    return try write(Usage.inboxText(events), to: path)
  }

  /// Adds `entry` to `stats/.gitignore` unless a line already says it.
  public func ensureIgnored(_ entry: String) throws(AlmanacError) {
    try ensureGitignore()
    let path = root + "/.gitignore"
    let text = try FileSystem.read(path) ?? ""
    guard !text.split(separator: "\n").contains(where: { $0 == entry }) else { return }
    try FileSystem.atomicWrite(Data((text.isEmpty || text.hasSuffix("\n") ? text : text + "\n").utf8 + Data((entry + "\n").utf8)), to: path)
  }

  public func readUsageDaily() throws(AlmanacError) -> UsageDaily {
    guard let text = try FileSystem.read(usageDailyPath) else { return UsageDaily() }
    do { return try UsageDaily.decode(text, path: usageDailyPath) } catch { throw .format(error) }
  }

  public func readUsageIntake() throws(AlmanacError) -> UsageIntake {
    guard let text = try FileSystem.read(usageIntakePath) else { return UsageIntake() }
    do { return try UsageIntake.decode(text, path: usageIntakePath) } catch { throw .format(error) }
  }

  public static func usageDailyValidator(_ text: String) throws(FormatError) { _ = try UsageDaily.decode(text, path: "") }
  public static func usageIntakeValidator(_ text: String) throws(FormatError) { _ = try UsageIntake.decode(text, path: "") }
}
