import Foundation
import Testing

@testable import AlmanacKit

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
