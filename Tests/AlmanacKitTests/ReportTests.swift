import Testing

@testable import AlmanacKit

@Suite struct ReportTests {
  static let asOf = day("2026-11-20")

  static let stats: PackageStats = {
    let newest = day("2026-11-19")
    var values: [(dimension: String, category: String, date: Day, downloads: Int64)] = []
    for n in 0..<60 {
      let d = newest.adding(days: -n)
      let downloads = Int64(n < 30 ? 120 + n : 100)
      values += [("overall", "without_mirrors", d, downloads), ("overall", "with_mirrors", d, downloads + 10)]
      values += [("python_minor", "3.12", d, downloads / 2), ("python_minor", "3.10", d, downloads / 4), ("system", "Linux", d, downloads)]
    }
    return PackageStats(series: series(values), asOf: asOf)
  }()

  @Test func writesTheSameReportForTheSameSeries() throws {
    let badges = ["demo-pkg": BadgeSet.downloads(Self.stats)]
    let report = Report.markdown([Self.stats], asOf: Self.asOf, badges: badges)
    #expect(report == Report.markdown([Self.stats], asOf: Self.asOf, badges: badges))
    try Fixtures.expect(report, matches: "render/report/REPORT.md")
  }

  @Test func saysSoWhenThereIsNoDataYet() {
    #expect(Report.markdown([], asOf: Self.asOf, badges: [:]) == """
      # Adoption report

      As of 2026-11-20 (UTC). Written by Almanac from the files in this directory; do not edit by hand.

      No package data yet. Run `almanac run` (or `almanac demo`) to collect some.

      """)
    let empty = PackageStats(series: Series(package: "new-pkg", source: "pypistats"), asOf: Self.asOf)
    #expect(Report.markdown([empty], asOf: Self.asOf, badges: [:]).hasSuffix("## new-pkg\n\npypistats.org has no downloads for this package yet.\n\n"))
  }
}
