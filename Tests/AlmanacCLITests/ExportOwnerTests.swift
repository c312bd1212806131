import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 9 point 9: `download_summary.json` and `downloads_<date>.csv` are pypistats' exports;
/// aggregating another source (from the store or from an input) never rewrites them.
@Suite struct ExportsAreWrittenByTheirOwnerOnly {
  static func records(_ source: String, days: ClosedRange<Int>, per day: Int64, formatLine: Bool = false) -> String {
    let snapshot = Day("2026-11-21")!
    var rows: [DownloadRecord] = []
    for d in days {
      let date = Day(year: 2026, month: 11, day: d)!
      rows.append(DownloadRecord(date: date, package: "tidewater", source: source, dimension: Dimension.overall, category: "with_mirrors", downloads: day + Int64(d)))
      if source == PyPIStats.source {
        rows.append(DownloadRecord(date: date, package: "tidewater", source: source, dimension: Dimension.overall, category: "without_mirrors", downloads: day))
      }
    }
    return RecordSet(snapshot: snapshot, records: rows).encoded(formatLine: formatLine)
  }

  static func aggregate(_ dir: TempDirectory, _ args: [String]) async throws {
    let command = try AggregateCommand.parse(args + ["--stats-dir", dir.file("stats"), "--config", dir.file("almanac.yml"), "--date", "2026-11-21", "--quiet"])
    try await command.run()
  }

  @Test(arguments: [["--source", "pypi"], ["--source", "pypi", "INPUT"]])
  func aggregatingPyPILeavesThePypistatsExports(_ args: [String]) async throws {
    let dir = TempDirectory("export-owner")
    try dir.write("almanac.yml", "targets:\n  packages: [tidewater]\n")
    try dir.write("stats/records/pypistats/2026-11-21.csv", Self.records(PyPIStats.source, days: 1...20, per: 300))
    try await Self.aggregate(dir, ["--source", "pypistats"])
    let summary = try #require(dir.read("stats/download_summary.json"))
    let csv = try #require(dir.read("stats/downloads_2026-11-21.csv"))
    #expect(!summary.contains("\"average_daily\": 0,"), "\(summary)")

    // The pypi source holds only the last four days (a night re-asks a few).
    let pypi = Self.records(PyPIClickHouse.source, days: 17...20, per: 9)
    try dir.write("stats/records/pypi/2026-11-21.csv", pypi)
    // An input outside the store is a stream (`almanac normalize -o FILE`): its format line dates it.
    try dir.write("pypi.csv", Self.records(PyPIClickHouse.source, days: 17...20, per: 9, formatLine: true))
    try await Self.aggregate(dir, args.map { $0 == "INPUT" ? dir.file("pypi.csv") : $0 })
    #expect(dir.read("stats/series/pypi/tidewater.csv")?.contains("2026-11-20,overall,with_mirrors,29,2026-11-21") == true)
    #expect(dir.read("stats/download_summary.json") == summary)
    #expect(dir.read("stats/downloads_2026-11-21.csv") == csv)
  }
}
