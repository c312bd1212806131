import Testing

@testable import AlmanacKit

/// The GitHub activity panel: coverage holes are "no data" (never zeros), injected names stay
/// text, several repositories get a star comparison.
@Suite struct GitHubSiteTests {
  static func day(_ s: String) -> Day { Day(s)! }

  /// Two nights six months apart: each window's complete days are known, everything between
  /// them is a hole.
  static func holed() -> GitHubRepoData {
    var data = GitHubRepoData()
    for snapshot in [day("2026-01-15"), day("2026-07-15")] {
      let days = Dictionary(uniqueKeysWithValues: TrafficHistory.window(of: snapshot).days.map { ($0, TrafficWindow.Count(count: 40, uniques: 9)) })
      _ = data.traffic.apply(TrafficWindow(metric: .views, total: .init(count: 600, uniques: 90), days: days), snapshot: snapshot)
    }
    return data
  }

  @Test func aCoverageHoleIsNoDataNotZeroTraffic() throws {
    let data = Self.holed()
    #expect(data.traffic.holes == [Self.day("2026-01-15")...Self.day("2026-07-01")])
    let section = GitHubSite.section([("o/r", data)], asOf: Self.day("2026-07-15"))
    let html = try #require(section.panels.first { $0.kind == .github }?.html)
    #expect(html.contains("class=\"gp\""))
    #expect(html.contains("no data 2026-01-15 to 2026-07-01"))
    #expect(html.contains("Coverage hole: 2026-01-15 to 2026-07-01"))
    // In the 365-day drawing the hole's days read "no data" in the table, not 0.
    #expect(!html.contains("<td>2026-03-01</td><td class=\"n\">0</td>"))
    #expect(!html.contains("to 2026-03-04</td><td class=\"n\">0</td>"))
    #expect(html.contains("<td class=\"n\">no data</td>"))
    // The calendar outlines unknown days instead of shading them as zero.
    #expect(html.contains("class=\"hu\""))
    #expect(section.coverage == [Site.Coverage(source: "github", subject: "o/r traffic", first: Self.day("2026-01-01"), last: Self.day("2026-07-15"), holes: data.traffic.holes)])
  }

  @Test func injectedReferrersAndReleaseNamesStayText() throws {
    var data = Self.holed()
    data.popular.upsert(["2026-07-15", "referrer", "<img src=x onerror=alert(1)>", "2026-07-01", "2026-07-15", "", "50", "5"])
    data.popular.upsert(["2026-07-15", "referrer", "<svg onload=alert(2)><script>alert(3)</script>", "2026-07-01", "2026-07-15", "", "40", "4"])
    data.releases.upsert(["v1<script>", "x", "2026-07-10T00:00:00Z", "false", "false"])
    let html = try #require(GitHubSite.section([("o/r", data)], asOf: Self.day("2026-07-15")).panels.first?.html)
    #expect(!html.contains("<img"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<svg onload"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.contains("&lt;svg onload=alert(2)&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
    #expect(html.contains("release v1&lt;script&gt;"))
  }

  @Test func severalRepositoriesGetAStarComparisonAndOneDoesNot() throws {
    func starred(_ n: Int, from: String) -> GitHubRepoData {
      var data = GitHubRepoData()
      for i in 0..<n { data.stargazers.upsert([Self.day(from).adding(days: i % 300).description + "T00:00:00Z", String(i), "u\(i)"]) }
      return data
    }
    let big = starred(3000, from: "2025-01-01"), small = starred(12, from: "2025-06-01")
    let one = try #require(GitHubSite.section([("o/big", big)], asOf: Self.day("2026-01-01")).panels.first?.html)
    #expect(!one.contains("repositories compared"))
    #expect(one.contains("o/big: stars and forks over time"))
    let two = try #require(GitHubSite.section([("o/big", big), ("o/small", small)], asOf: Self.day("2026-01-01")).panels.first?.html)
    #expect(two.contains("Stars of 2 repositories compared"))
    // 12 against 3,000 spans more than two decades: the comparison is drawn on a log scale.
    let comparison = try #require(two.components(separatedBy: "<figure").dropFirst().first)
    #expect(comparison.contains(">log scale</text>"))
    #expect(comparison.contains(">o/small 12</text>"))
  }
}
