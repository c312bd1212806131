import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// `almanac render --chart-timings FILE`: one entry per chart the page draws, valid against
/// its schema, and refused inside the stats directory. No test reads the times themselves.
@Suite(.serialized) struct ChartTimingsEndToEnd {
  /// 400 days of one package, enough for every period section to draw its own chart.
  static func store(_ dir: TempDirectory) throws {
    try dir.write("almanac.yml", "targets: {packages: [tidewater]}\n")
    var csv = "#almanac:series:1\npackage,source,date,dimension,category,downloads,snapshot\n"
    let first = try #require(Day("2026-11-21")).adding(days: -399)
    for i in 0..<400 {
      let d = first.adding(days: i)
      csv += "tidewater,pypistats,\(d),overall,with_mirrors,\(150 + i % 7),2026-11-22\n"
      csv += "tidewater,pypistats,\(d),overall,without_mirrors,\(100 + i % 7),2026-11-22\n"
    }
    try dir.write("stats/series/pypistats/tidewater.csv", csv)
  }

  @Test func everyChartOfThePageIsTimedOnceAndTheFileMatchesItsSchema() async throws {
    let dir = TempDirectory("chart-timings")
    try Self.store(dir)
    let r = try await Shell.run("almanac render --date 2026-11-22 --site site --chart-timings timings.json --quiet", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let page = try #require(dir.read("site/index.html"))
    let figures = page.components(separatedBy: "<figure class=\"chart\">").count - 1
    let json = try JSONParser.parse(try #require(dir.read("timings.json")))
    let charts = try #require(json["charts"]?.arrayValue)
    #expect(figures == 6)  // the five periods (400 days: each range differs) and the calendar
    #expect(charts.count == figures)
    #expect(json["count"] == .int(Int64(figures)))
    #expect(json["format"] == "almanac-chart-timings")
    // Each chart's title is one the page shows, in the page's order.
    let titles = charts.compactMap { $0["title"]?.stringValue }
    var at = page.startIndex
    for t in titles {
      let found = try #require(page.range(of: "aria-label=\"\(t)\"", range: at..<page.endIndex), "\(t)")
      at = found.upperBound
    }
    #expect(Set(charts.compactMap { $0["kind"]?.stringValue }) == ["daily", "heat"])
    let valid = try await Shell.run("'\(try Validators.checkJSONSchema())' --schemafile '\(Paths.packageRoot)/schemas/chart-timings.schema.json' timings.json", cwd: dir.path)
    #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
  }

  @Test func aTimingsFileInsideTheStatsDirectoryIsRefused() async throws {
    let dir = TempDirectory("chart-timings-refused")
    try Self.store(dir)
    let r = try await Shell.run("almanac render --date 2026-11-22 --chart-timings stats/timings.json --quiet", cwd: dir.path)
    #expect(r.status != 0, "\(r.stderr)")
    #expect(r.stderr.contains("error: --chart-timings stats/timings.json is inside the stats directory stats; timings differ on every run and are no data to commit. Name a file outside it, such as /tmp/chart-timings.json."), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.file("stats/timings.json")))
  }

  @Test func withoutTheOptionNothingIsTimedOrWritten() async throws {
    let dir = TempDirectory("chart-timings-none")
    try Self.store(dir)
    let r = try await Shell.run("almanac render --date 2026-11-22 --site site", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("timings") && !r.stderr.contains("timings"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["almanac.yml", "site", "stats"])
  }
}
