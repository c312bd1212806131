import Foundation
import Testing

import AlmanacTestSupport

/// Data from outside never becomes Markdown or HTML in `REPORT.md` or the step summary: a night
/// of `almanac run` against a GitHub that answers with hostile referrers, titles, tags, asset
/// names, logins and error messages.
@Suite(.serialized) struct MarkdownInjection {
  static let hostile = ["<img src=x onerror=alert(1)>", "a|b", "*bold*", "[x](javascript:alert(1))", "`tick`", "two\nlines"]

  /// `|` not preceded by a backslash.
  static func cells(_ line: Substring) -> Int {
    var n = 0
    var escaped = false
    for c in line {
      if c == "|" && !escaped { n += 1 }
      escaped = c == "\\" && !escaped
    }
    return n
  }

  static func expectInert(_ text: String, _ file: String) {
    #expect(!text.contains("<img"), "\(file)")
    #expect(!text.contains("[x]("), "\(file)")
    #expect(!text.contains("`tick`"), "\(file)")
    #expect(!text.contains("*bold*"), "\(file)")
    #expect(!text.contains("two\nlines"), "\(file)")
    // Every table row has as many cells as its header.
    var columns: Int?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else { columns = nil; continue }
      if let columns { #expect(cells(line) == columns, "\(file): \(line)") } else { columns = cells(line) }
    }
  }

  @Test func hostileGitHubDataStaysTextInTheReportAndTheStepSummary() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let h = Self.hostile
    var repo = GitHubFakeRepo("octo/demo", stars: [.init(at: "2026-11-20T10:00:00Z", id: 7, login: h[0] + h[4])])
    repo.views = ["2026-11-18": (30, 9), "2026-11-20": (12, 4)]
    repo.clones = ["2026-11-19": (5, 2)]
    repo.referrers = [(h[0] + h[1], 9, 3), (h[3] + h[5], 5, 2)]
    repo.paths = [("/octo/demo/" + h[2], h[3] + h[4] + h[1], 7, 3)]
    func json(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") }
    repo.releasesJSON = #"[{"tag_name":"\#(json(h[3] + h[5]))","name":"x","draft":false,"prerelease":false,"published_at":"2026-03-01T10:00:00Z","assets":[{"name":"\#(json(h[1] + h[0]))","download_count":42}]}]"#
    server.serveGitHub([repo])
    // A failing list whose error message (quoted in the warning) is hostile too.
    server.route("/repos/octo/demo/forks", FakeResponse.json(500, #"{"message":"\#(json(h.joined(separator: " ")))"}"#))
    let dir = TempDirectory("md-injection")
    try dir.write("almanac.yml", """
      targets: {repos: [octo/demo]}
      sources: {github: {base_url: "\(server.baseURL)"}}
      tokens: {github: READ_TOKEN}
      http: {attempts: 1}

      """)
    let env = ["READ_TOKEN": "ghp_md_token_value", "GITHUB_OUTPUT": dir.file("output"), "GITHUB_STEP_SUMMARY": dir.file("summary.md")]
    let r = try await Shell.run("almanac run --date 2026-11-21 --quiet", cwd: dir.path, environment: env)
    #expect(r.status == 3, "\(r.stderr)")
    let report = try #require(dir.read("stats/REPORT.md"))
    let summary = try #require(dir.read("summary.md"))
    // The data did arrive, escaped: it reads the same once rendered.
    #expect(report.contains("&lt;img src=x onerror=alert(1)&gt;a\\|b"))
    #expect(report.contains("\\[x\\](javascript:alert(1))two lines"))
    #expect(report.contains("| \\[x\\](javascript:alert(1))two lines | a\\|b&lt;img src=x onerror=alert(1)&gt; | 42 |"))
    #expect(summary.contains("&lt;img src=x onerror=alert(1)&gt; a\\|b \\*bold\\*"))
    Self.expectInert(report, "REPORT.md")
    Self.expectInert(summary, "step summary")
  }
}
