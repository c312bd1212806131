import Foundation
import Testing

import AlmanacTestSupport

/// The third promise: every file the nights wrote under stats/ comes back, byte for byte, from
/// the raw snapshots alone, for every source of the demo (pypistats, pypi, github,
/// github-events), over its four nights.
@Suite(.serialized) struct RebuildEndToEnd {
  /// Files that are not derived from raw snapshots: the snapshots themselves, the fetch state,
  /// and what render writes (render is its own stage).
  static func derived(_ files: [String: Data]) -> [String: Data] {
    files.filter { $0.key.hasPrefix("out/series/") || $0.key.hasPrefix("out/records/") || $0.key.hasPrefix("out/classified/") }
  }

  @Test func normalizeAllThenAggregateRebuildGivesBackEveryFileByteForByte() async throws {
    let dir = TempDirectory("rebuild")
    let demo = try await DemoCache.shared.copy(to: dir.file("out"))
    #expect(demo.status == 0, "\(demo.stderr)")
    let nights = Self.derived(dir.snapshot())
    for source in ["pypistats", "pypi", "github", "github-events"] {
      #expect(nights.keys.contains { $0.hasPrefix("out/series/\(source)/") || $0.hasPrefix("out/records/\(source)/") }, "\(source)")
    }
    let out = dir.file("out")
    let rebuild = try await RebuildFromRaw.run(stats: out, date: "2026-11-22")
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    let rebuilt = Self.derived(dir.snapshot())
    #expect(Set(rebuilt.keys) == Set(nights.keys), "missing: \(Set(nights.keys).subtracting(rebuilt.keys).sorted()), extra: \(Set(rebuilt.keys).subtracting(nights.keys).sorted())")
    for (path, bytes) in nights.sorted(by: { $0.key < $1.key }) where rebuilt[path] != bytes {
      Issue.record("\(path) differs after the rebuild (\(bytes.count) bytes before, \(rebuilt[path]?.count ?? 0) after)")
    }
  }

  /// A night after `series/` was lost restores the whole history first (the GitHub stargazer
  /// crawl resumes at its last page, so tonight's answers alone would hold a handful of stars).
  @Test func aRunAfterTheSeriesWereLostRestoresTheFullHistory() async throws {
    let dir = TempDirectory("lost-series")
    let demo = try await DemoCache.shared.copy(to: dir.file("out"))
    #expect(demo.status == 0, "\(demo.stderr)")
    let before = dir.snapshot()
    let series = before.filter { $0.key.hasPrefix("out/series/") }
    let stars = try #require(series["out/series/github/tidewater-dev/tidewater/stargazers.csv"])
    try FileManager.default.removeItem(atPath: dir.file("out/series"))
    // The demo over a directory that holds nights replays the newest one: an ordinary night.
    let night = try await Shell.run("almanac demo --out '\(dir.file("out"))'")
    #expect(night.status == 0, "\(night.stderr)")
    #expect(night.stderr.contains("was missing; rebuilt it from"))
    let after = dir.snapshot()
    #expect(after["out/series/github/tidewater-dev/tidewater/stargazers.csv"] == stars)
    for (path, bytes) in series.sorted(by: { $0.key < $1.key }) where after[path] != bytes {
      Issue.record("\(path) differs after the night (\(bytes.count) bytes before, \(after[path]?.count ?? 0) after)")
    }
  }
}
