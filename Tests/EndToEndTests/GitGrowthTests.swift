import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// Issue 13 item 7: thirty nights of the real binary store raw snapshots, records and
/// classified files as delta chains, and every derived file still rebuilds from raw
/// byte for byte. `Benchmarks/git-growth` runs the benchmark below (git, `gc`, KiB a night).
@Suite(.serialized) struct GitGrowthTests {
  static var environment: [String: String] { ProcessInfo.processInfo.environment }
  static let lastNight = Day(year: 2026, month: 11, day: 22) ?? Day(ordinal: 0)

  @Test func thirtyNightsOfDeltaChainsRebuildByteForByte() async throws {
    let dir = TempDirectory("git-growth")
    let clickhouse = ClickHouseTestServer.runnable ? try await ClickHouseTestServer.shared().baseURL : nil
    let result = try await GitGrowth.run(in: dir, nights: 30, lastNight: Self.lastNight, seed: 13, clickhouse: clickhouse, git: false)
    #expect(Set(result.statuses) == [0], "\(result.log)")
    let stats = dir.file("stats")
    // October 24 opens the chain whole; every other night is a delta, November 1 against
    // October 24 (the previous month's first) when that is smaller.
    for kind in ["raw/pypistats", "records/pypistats", "raw/github"] + (clickhouse == nil ? [] : ["raw/pypi", "records/pypi", "classified/pypi"]) {
      let names = Set((try? FileManager.default.contentsOfDirectory(atPath: "\(stats)/\(kind)")) ?? [])
      let ext = kind.hasPrefix("raw") ? "json" : "csv"
      // A delta is kept only when smaller: ClickPy's few rows a month apart share too little.
      let firstWhole = kind.hasSuffix("/pypi") && names.contains("2026-11-01.\(ext)")
      #expect(names.contains("2026-10-24.\(ext)") && (firstWhole || names.contains("2026-11-01.\(ext).delta")), "\(kind): \(names.sorted())")
      #expect(names.filter { $0.dropFirst(10) == ".\(ext).delta" }.count == (firstWhole ? 28 : 29), "\(kind): \(names.sorted())")
      if let text = try? String(contentsOfFile: "\(stats)/\(kind)/2026-11-01.\(ext).delta", encoding: .utf8) {
        #expect(try DeltaFile.decode(text, path: kind).base == "2026-10-24.\(ext)", "\(kind)")
      }
    }
    // Format 3 (DESIGN point 91): a day's pypistats delta holds the day's numbers, not its
    // rows; format 2's were about 1,850 bytes (raw) and 1,150 (records).
    for (kind, ext, budget) in [("raw/pypistats", "json", 800), ("records/pypistats", "csv", 600), ("classified/pypistats", "csv", 150)] {
      for day in ((Day(year: 2026, month: 11, day: 2) ?? Self.lastNight)...Self.lastNight).days {
        let text = try #require(try? String(contentsOfFile: "\(stats)/\(kind)/\(day).\(ext).delta", encoding: .utf8), "\(kind)/\(day)")
        #expect(text.hasPrefix("#almanac:delta:3 ") && text.utf8.count < budget, "\(kind)/\(day).\(ext).delta: \(text.utf8.count) bytes")
      }
    }
    let derived = { (files: [String: Data]) in
      files.filter { ["stats/series/", "stats/records/", "stats/classified/"].contains(where: $0.key.hasPrefix) }
    }
    let nights = derived(dir.snapshot())
    let rebuild = try await RebuildFromRaw.run(stats: stats, date: "\(Self.lastNight)")
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    let rebuilt = derived(dir.snapshot())
    #expect(Set(rebuilt.keys) == Set(nights.keys), "missing: \(Set(nights.keys).subtracting(rebuilt.keys).sorted()), extra: \(Set(rebuilt.keys).subtracting(nights.keys).sorted())")
    for (path, bytes) in nights.sorted(by: { $0.key < $1.key }) where rebuilt[path] != bytes {
      Issue.record("\(path) differs after the rebuild (\(bytes.count) bytes before, \(rebuilt[path]?.count ?? 0) after)")
    }
  }

  /// `Benchmarks/git-growth`: KiB per night per source after `git gc`
  /// (`ALMANAC_GIT_GROWTH_NIGHTS`, `ALMANAC_GIT_GROWTH_BIN` to measure another build).
  @Test(.enabled(if: environment["ALMANAC_GIT_GROWTH_NIGHTS"] != nil))
  func gitGrowthBenchmark() async throws {
    let nights = Int(Self.environment["ALMANAC_GIT_GROWTH_NIGHTS"] ?? "") ?? 30
    let dir = TempDirectory("git-growth-bench")
    let clickhouse = ClickHouseTestServer.runnable ? try await ClickHouseTestServer.shared().baseURL : nil
    let result = try await GitGrowth.run(
      in: dir, nights: nights, lastNight: Self.lastNight, seed: 13, clickhouse: clickhouse, git: true, bin: Self.environment["ALMANAC_GIT_GROWTH_BIN"])
    #expect(Set(result.statuses) == [0], "\(result.log)")
    let first = try #require(result.first), last = try #require(result.last)
    // Sources first, then each place in the store (indented), largest growth first.
    let growth = { (key: String) in ((last[key] ?? 0) - (first[key] ?? 0)) }
    let keys = Set(first.keys).union(last.keys)
    for group in keys.filter({ !$0.hasPrefix(" ") }).sorted() + keys.filter({ $0.hasPrefix(" ") }).sorted(by: { growth($0) > growth($1) }) {
      let a = first[group] ?? 0, b = last[group] ?? 0
      let name = group.padding(toLength: 44, withPad: " ", startingAt: 0)
      print("git-growth: \(name)" + String(format: " first night %8.1f KiB, then %6.1f KiB a night (%d nights: %.1f KiB)", a, (b - a) / Double(nights - 1), nights, b))
    }
  }
}
