import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 9 point 7: a store command waits for the lock before it reads, so what another run
/// wrote while it waited is in what it writes (no stale series).
@Suite(.serialized) struct StoreCommandsLockBeforeReading {
  static func records(_ day: String, downloads: Int64, formatLine: Bool = false) -> String {
    let d = Day(day)!
    return RecordSet(snapshot: d, records: [
      DownloadRecord(date: d.adding(days: -1), package: "tidewater", source: "pypistats", dimension: Dimension.overall, category: "with_mirrors", downloads: downloads),
      DownloadRecord(date: d.adding(days: -1), package: "tidewater", source: "pypistats", dimension: Dimension.overall, category: "without_mirrors", downloads: downloads - 1),
    ]).encoded(formatLine: formatLine)
  }

  /// While the test holds the lock, the command is started; a night's records land; then the
  /// lock is released and the command must merge them.
  @Test(arguments: [["aggregate", "--source", "pypistats"], ["aggregate"], ["aggregate", "-"]])
  func aggregateMergesWhatLandedWhileItWaited(_ args: [String]) async throws {
    let dir = TempDirectory("lock-order")
    try dir.write("almanac.yml", "targets:\n  packages: [tidewater]\n")
    try dir.write("stats/records/pypistats/2026-11-20.csv", Self.records("2026-11-20", downloads: 50))
    let store = Store(root: dir.file("stats"))
    let holder = LockHolder(try store.lock(timeout: 1))
    let common = ["--stats-dir", dir.file("stats"), "--config", dir.file("almanac.yml"), "--date", "2026-11-21", "--lock-timeout", "30", "--quiet"]
    var arguments = Array(args.dropFirst()) + common
    if args.last == "-" {
      // A file input stands for a pipe: the input is read first, the store under the lock.
      try dir.write("in.csv", Self.records("2026-11-19", downloads: 30, formatLine: true))
      arguments[arguments.firstIndex(of: "-")!] = dir.file("in.csv")
    }
    let command = try AggregateCommand.parse(arguments)
    // The other run lives on a thread of its own: the command's wait for the lock blocks its
    // thread, and the release must not depend on the cooperative pool.
    Thread.detachNewThread {
      usleep(600_000)
      holder.run {
        // Tonight's records land and are merged into the series while aggregate waits.
        try dir.write("stats/records/pypistats/2026-11-21.csv", Self.records("2026-11-21", downloads: 70))
        let other = Stages(store: store, console: Console(environment: [:], quiet: true), date: Day("2026-11-21")!)
        let (merged, _) = try other.mergeStored(source: "pypistats", rebuild: false)
        _ = try other.writeAggregates(series: merged, source: "pypistats", configured: ["tidewater"])
      }
    }
    try await command.run()
    #expect(holder.failure == nil)
    let series = try #require(dir.read("stats/series/pypistats/tidewater.csv"))
    #expect(series.contains("2026-11-20,overall,with_mirrors,70,2026-11-21"), "\(series)")
    #expect(series.contains("2026-11-19,overall,with_mirrors,50,2026-11-20"), "\(series)")
    if args.last == "-" { #expect(series.contains("2026-11-18,overall,with_mirrors,30,2026-11-19"), "\(series)") }
  }
}

/// Holds the store lock for the "other run" and releases it when that run's work is done.
final class LockHolder: @unchecked Sendable {
  private var lock: AnyObject?
  private(set) var failure: String?

  init(_ lock: AnyObject) { self.lock = lock }

  func run(_ work: () throws -> Void) {
    do { try work() } catch { failure = "\(error)" }
    lock = nil
  }
}
