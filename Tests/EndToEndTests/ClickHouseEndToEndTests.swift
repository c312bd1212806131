import AlmanacKit
import AlmanacTestSupport
import Foundation
import Testing

/// The built `almanac` binary against the real ClickHouse server, as a user runs it.
@Suite(.enabled(if: ClickHouseTestServer.runnable, Comment(rawValue: ClickHouseTestServer.skipReason)))
struct ClickHouseEndToEndTests {
  @Test func fetchPypiBackfillsWithProgressAndWritesARawSnapshot() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("ch-e2e")
    let result = try await Shell.run(
      "almanac fetch pypi --package Tidewater --base-url '\(server.baseURL)' --date 2026-11-22 --lookback-days 33 -o - | almanac-normalize - > records.csv; almanac fetch pypi --package tidewater --base-url '\(server.baseURL)' --date 2026-11-22 --lookback-days 33 -o '\(dir.file("raw.json"))'",
      cwd: dir.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("pypi: [1/2] tidewater 2026-10-20…2026-10-31"))
    #expect(result.stderr.contains("pypi: [2/2] tidewater 2026-11-01…2026-11-21"))
    let records = try RecordSet.decode(try #require(dir.read("records.csv")), path: "records.csv")
    #expect(records.records.filter { $0.dimension == Dimension.overall }.count == ClickPyFixture.days.days.count)
    #expect(!result.stderr.contains("unknown pypistats endpoint"))
    let raw = try RawSnapshot.decode(try #require(dir.read("raw.json")), path: "raw.json")
    #expect(raw.failures.isEmpty)
    #expect(Set(raw.exchanges.map(\.endpoint)) == ["freshness", "per_day", "detail", "python_minor", "system", "total"])
    #expect(raw.exchanges.allSatisfy { $0.url.hasPrefix(server.baseURL + "/?read_overflow_mode=throw&query=") })
  }

  @Test func aStaleDataSetExitsOneWithOneClearLine() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("ch-e2e")
    let result = try await Shell.run(
      "almanac fetch pypi --package tidewater --base-url '\(server.baseURL)' --date 2026-12-01 --quiet -o -", cwd: dir.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("the ClickHouse data set is stale: its newest day for `requests` is 2026-11-21, 10 days before 2026-12-01"), "\(result.stderr)")
  }

  @Test func normalizeAndClassifyRebuildFromAStoredSnapshot() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("ch-e2e")
    let result = try await Shell.run(
      "almanac fetch pypi --package tidewater --base-url '\(server.baseURL)' --date 2026-11-22 --lookback-days 3 --stats-dir stats --quiet && almanac normalize --source pypi --date 2026-11-22 --stats-dir stats --quiet && almanac classify --source pypi --date 2026-11-22 --stats-dir stats --quiet",
      cwd: dir.path)
    #expect(result.status == 0, "\(result.stderr)")
    let detail = try DetailedRecordSet.decode(try #require(dir.read("stats/records/pypi/2026-11-22.detail.csv")), path: "stats/records/pypi/2026-11-22.detail.csv")
    #expect(detail.rows == ClickPyFixture.detail().filter { $0.date >= ClickPyFixture.newest.adding(days: -2) })
    #expect(dir.read("stats/records/pypi/2026-11-22.csv") != nil)
    let classified = try RecordSet.decode(try #require(dir.read("stats/classified/pypi/2026-11-22.csv")), path: "stats/classified/pypi/2026-11-22.csv", kind: RecordSet.classifiedKind)
    #expect(Set(classified.records.map(\.dimension)).contains(Dimension.installerClass))
  }
}
