import Testing

@testable import AlmanacKit

/// One hand-made raw GitHub snapshot through normalize and the report: the files and the section
/// pinned as golden files (`ALMANAC_RECORD_FIXTURES=1` re-records them and fails the run).
@Suite struct GitHubGoldenFiles {
  @Test func aRawSnapshotBecomesTheRepositoryFilesAndTheReportSection() throws {
    let raw = try RawSnapshot.decode(try Fixtures.read("normalize/github/raw.json"), path: "raw.json")
    var repos: [String: GitHubRepoData] = [:]
    let diagnostics = GitHubNormalize.apply(raw, to: &repos, path: "raw.json")
    #expect(diagnostics.isEmpty)
    let data = try #require(repos["octo/demo"])
    for (name, content) in data.files() {
      try Fixtures.expect(content, matches: "normalize/github/\(name)")
    }
    let asOf = try #require(Day("2026-11-22"))
    try Fixtures.expect(GitHubReport.section(repo: "octo/demo", data: data, asOf: asOf, ownRuns: [asOf.adding(days: -4), asOf.adding(days: -7)]), matches: "render/github/section.md")
    try Fixtures.expect(CanonicalJSON.encode(GitHubReport.summary([("octo/demo", data)], asOf: asOf)), matches: "render/github/summary.json")
  }
}

@Suite struct StarHeadlineTests {
  func data(_ stars: [Int64]) -> GitHubRepoData {
    var d = GitHubRepoData()
    for (i, n) in stars.enumerated() {
      d.counts.upsert([Day("2026-11-20")!.adding(days: i).description, String(n), "0", "0", "0", "0", ""])
    }
    return d
  }

  @Test func theSubjectSaysHowManyStarsCameOrWent() {
    #expect(GitHubReport.starHeadline(data([1200, 1203])) == "3 new stars")
    #expect(GitHubReport.starHeadline(data([1200, 1201])) == "1 new star")
    #expect(GitHubReport.starHeadline(data([1200, 1199])) == "1 star fewer")
    #expect(GitHubReport.starHeadline(data([1200, 1200])) == "1,200 stars")
    #expect(GitHubReport.starHeadline(data([1])) == "1 star")
    #expect(GitHubReport.starHeadline(data([])) == nil)
  }
}
