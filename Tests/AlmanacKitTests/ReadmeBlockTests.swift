import Testing

@testable import AlmanacKit

@Suite struct ReadmeBlockUpdates {
  let figures = [ReadmeBlock.Figure("Downloads, all time", "1,234", "pypistats.org, p")]

  @Test func onlyTheTextBetweenTheMarkersChangesAndASecondRunIsIdentical() throws {
    let readme = "# P\n\nkeep *this*\n<!-- almanac:start -->\nanything\n<!-- almanac:end -->\ntail | kept\n"
    let block = ReadmeBlock.render(badges: [("p-downloads-month", "stats/badges/p-downloads-month.svg")], figures: figures)
    let once = try ReadmeBlock.replace(in: readme, with: block, path: "README.md")
    #expect(once == """
      # P

      keep *this*
      <!-- almanac:start -->
      ![p-downloads-month](stats/badges/p-downloads-month.svg)

      | Figure | Value | Source |
      |---|---:|---|
      | Downloads, all time | 1,234 | pypistats.org, p |

      <!-- almanac:end -->
      tail | kept

      """)
    #expect(try ReadmeBlock.replace(in: once, with: block, path: "README.md") == once)
  }

  @Test(arguments: [
    ("no block here\n", "README.md: has no Almanac block. Add these two lines"),
    ("<!-- almanac:start -->\n", "README.md: has `<!-- almanac:start -->` but no `<!-- almanac:end -->`. Add these two lines"),
    ("<!-- almanac:end -->\n<!-- almanac:start -->\n", "README.md: has `<!-- almanac:end -->` before `<!-- almanac:start -->`."),
    ("<!-- almanac:start --><!-- almanac:end --><!-- almanac:start -->", "README.md: has 2 start and 1 end markers"),
  ])
  func aFileWithoutOnePairOfMarkersIsRefusedWithTheMarkersShown(_ text: String, _ message: String) {
    #expect {
      _ = try ReadmeBlock.replace(in: text, with: "x", path: "README.md")
    } throws: { error in
      let d = (error as? FormatError)?.description ?? ""
      return d.hasPrefix(message) && d.contains("    <!-- almanac:start -->\n    <!-- almanac:end -->\n")
    }
  }

  @Test func dataInTheTableIsTextNotMarkup() {
    let block = ReadmeBlock.render(badges: [], figures: [.init("Stars", "1", "GitHub, a|b/<img src=x>")])
    #expect(block.contains("| GitHub, a\\|b/&lt;img src=x&gt; |"))
  }

  @Test func theFiveFiguresComeFromTheSummaryAndMissingOnesShowADash() throws {
    let summary = try JSONParser.parse(#"{"package":"p","total_downloads":477407,"github":{"o/r":{"stars":3053}},"sentry":{"projects":{"p":{"errors_last_7_days":208}}}}"#)
    let rows = ReadmeFigures.from(summary: summary).map { "\($0.label)=\($0.value)" }
    #expect(rows == [
      "Downloads, all time=477,407", "Bot downloads (estimate), 30 days=—", "GitHub stars=3,053", "Docs visitors, 30 days=—", "Errors, 7 days=208",
    ])
    #expect(ReadmeFigures.from(summary: .object([:])).allSatisfy { $0.value == "—" })
  }
}
