import Foundation
import Testing

@testable import AlmanacKit

/// A small seeded generator (SplitMix64) so property tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Golden files under `Tests/Fixtures/`. `ALMANAC_RECORD_FIXTURES=1` rewrites them and fails the
/// run, so a recording is never mistaken for a pass.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  static func read(_ relative: String) throws -> String {
    try String(contentsOf: url(relative), encoding: .utf8)
  }

  static func expect(_ actual: String, matches relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["ALMANAC_RECORD_FIXTURES"] != nil {
      try actual.write(to: url(relative), atomically: true, encoding: .utf8)
      Issue.record("recorded \(relative); unset ALMANAC_RECORD_FIXTURES and run again", sourceLocation: sourceLocation)
      return
    }
    let expected = try read(relative)
    #expect(actual == expected, "\(relative) differs", sourceLocation: sourceLocation)
  }
}

func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
  guard let d = Day(text) else {
    Issue.record("bad test date \(text)", sourceLocation: sourceLocation)
    return Day(ordinal: 0)
  }
  return d
}

func record(
  _ date: String, _ dimension: String, _ category: String, _ downloads: Int64, package: String = "demo-pkg"
) -> DownloadRecord {
  DownloadRecord(
    date: day(date), package: package, source: PyPIStats.source, dimension: dimension, category: category,
    downloads: downloads)
}
