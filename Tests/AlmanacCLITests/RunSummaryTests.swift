import AlmanacKit
import Testing

@testable import AlmanacCLI

@Suite struct RunSummaryTests {
  static let day = Day("2026-11-22")!

  static func stats(_ values: [Int64], package: String = "tidewater") -> PackageStats {
    var s = Series(package: package, source: "pypistats")
    let first = day.adding(days: -values.count)
    for (i, v) in values.enumerated() {
      s.points[Series.Key(dimension: "overall", category: "without_mirrors", date: first.adding(days: i))] = .init(downloads: v, snapshot: day)
    }
    return PackageStats(series: s, asOf: day)
  }

  static func rendering(_ headlines: [String], details: [String] = [], outputs: [(key: String, value: String)] = []) -> SourceRendering {
    var r = SourceRendering(source: "pypistats")
    r.headlines = headlines
    r.details = details
    r.outputs = outputs
    return r
  }

  @Test func theHeadlineComparesTheNewestDayWithTheSameWeekdayAWeekEarlier() throws {
    // Eight days: 1,000 a week before the newest day, 1,080 on it.
    let h = try #require(RunSummary.downloadsHeadline(Self.stats([1000, 5, 5, 5, 5, 5, 5, 1080])))
    #expect(h.text == "1,080 downloads (+8%)")
    #expect(h.day == Day("2026-11-21"))
    #expect(h.detail == "tidewater: 1,080 downloads on 2026-11-21 (pypistats.org, without mirrors); 1,000 on 2026-11-14")
  }

  @Test func withoutAWeekOfHistoryTheHeadlineHasNoChange() throws {
    let h = try #require(RunSummary.downloadsHeadline(Self.stats([3, 1234])))
    #expect(h.text == "1,234 downloads")
    #expect(h.change == nil)
    #expect(RunSummary.downloadsHeadline(Self.stats([])) == nil)
  }

  @Test func theCommitSubjectJoinsEverySourcesHeadlines() {
    var s = RunSummary(date: Self.day, outcome: .complete, results: [], renderings: [Self.rendering(["1,234 downloads (+8%)"]), Self.rendering(["3 new stars"])], changedFiles: ["a"])
    #expect(s.commitSubject == "stats: 2026-11-22 — 1,234 downloads (+8%), 3 new stars")
    s.renderings = []
    #expect(s.commitSubject == "stats: 2026-11-22")
  }

  @Test func theBodyExplainsTheFiguresAndNamesFailedSources() {
    let s = RunSummary(
      date: Self.day, outcome: .partial,
      results: [SourceResult(source: "pypistats", status: .partial), SourceResult(source: "github", status: .complete)],
      renderings: [Self.rendering(["1 downloads"], details: ["tidewater: 1 downloads on 2026-11-21"])], changedFiles: [])
    #expect(s.commitBody == "tidewater: 1 downloads on 2026-11-21\npypistats: some requests failed; what arrived was saved")
  }

  @Test func outputsUseTheHeredocFormOnlyForMultilineValuesWithAnUnusedDelimiter() {
    #expect(RunSummary.outputLine("a", "b") == "a=b\n")
    #expect(RunSummary.outputLine("a", "x\ny") == "a<<ALMANAC_EOF\nx\ny\nALMANAC_EOF\n")
    #expect(RunSummary.outputLine("a", "x\nALMANAC_EOF") == "a<<ALMANAC_EOF_1\nx\nALMANAC_EOF\nALMANAC_EOF_1\n")
    let s = RunSummary(date: Self.day, outcome: .complete, results: [], renderings: [Self.rendering(["9 downloads"], outputs: [("downloads", "9")])], changedFiles: [])
    #expect(s.githubOutput == """
      outcome=complete
      changed=false
      changed-files=0
      commit-subject=stats: 2026-11-22 — 9 downloads
      commit-body=
      headlines=9 downloads
      downloads=9

      """)
  }

  @Test func theStepSummaryStaysUnderGitHubsCapAndSaysItWasCut() {
    let warnings = (0..<20_000).map { "warning number \($0) with some padding to make the summary long enough" }
    let s = RunSummary(date: Self.day, outcome: .partial, results: [], renderings: [], changedFiles: [], warnings: warnings)
    let md = s.stepSummary
    #expect(md.utf8.count <= RunSummary.stepSummaryLimit)
    #expect(md.hasPrefix("## Almanac: 2026-11-22\n\n**Partial:**"))
    #expect(md.hasSuffix("… (cut: the summary exceeded GitHub's size limit; see the job log)\n"))
    let short = RunSummary(date: Self.day, outcome: .complete, results: [SourceResult(source: "pypistats", status: .complete)], renderings: [], changedFiles: ["x", "y"]).stepSummary
    #expect(short == "## Almanac: 2026-11-22\n\nEvery source answered.\n\n| source | result |\n|---|---|\n| pypistats | complete |\n\n2 file(s) changed under the stats directory.\n")
  }
}
