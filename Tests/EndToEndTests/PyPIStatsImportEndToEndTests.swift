import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// `almanac import pypistats` (issue 9, point 17) through the real binary: a few hundred days of
/// stored answers, dated by file name or by git commits, merged by the live rules.
@Suite(.serialized) struct PyPIStatsImportEndToEnd {
  static let first = Day(year: 2025, month: 3, day: 1) ?? Day(ordinal: 0)
  /// pypistats.org lost this day for every package (an outage at the source).
  static let outage = Day(year: 2025, month: 6, day: 19) ?? Day(ordinal: 0)

  /// The site as of `date`: 181 days (fewer at the start), sparse as on the real site.
  static func site(_ date: Day) -> PyPIStatsFake {
    var days: [PyPIStatsData.DailyTotal] = []
    var minor: [PyPIStatsData.CategoryCount] = []
    var system: [PyPIStatsData.CategoryCount] = []
    for d in (max(Self.first.adding(days: -30), date.adding(days: -181))...date.adding(days: -1)).days where d != Self.outage {
      let o = d.ordinal
      days.append(.init(d.description, withMirrors: 300 + o * 31 % 97, withoutMirrors: 200 + o * 31 % 97))
      minor += [.init(d.description, "3.12", 120 + o % 11), .init(d.description, "3.13", o % 4)]
      system.append(.init(d.description, "Linux", 180 + o % 9))
    }
    return PyPIStatsFake([PyPIStatsData(package: "tidewater", days: days, pythonMinor: minor, system: system)], loadedThrough: date.adding(days: -1).description)
  }

  static func body(_ site: PyPIStatsFake, _ endpoint: String) -> String {
    site.respond(to: FakeRequest(method: "GET", target: "/api/packages/tidewater/\(endpoint)")).bodyText
  }

  static let endpoints = ["recent", "overall", "python_major", "python_minor", "system"]

  @Test func aFewHundredDaysImportByTheLiveRulesAndTwiceChangesNothing() async throws {
    let dir = TempDirectory("pypistats-import")
    let days = (Self.first...Self.first.adding(days: 249)).days
    for day in days {
      let site = Self.site(day)
      for endpoint in Self.endpoints { try dir.write("scrape/\(day)/tidewater-\(endpoint).json", Self.body(site, endpoint)) }
    }
    try dir.write("scrape/2025-04-02/error.json", "<html><body>502 Bad Gateway</body></html>")
    try dir.write("scrape/notes/readme.json", #"{"what":"not an answer"}"#)
    let started = Date()
    let r = try await Shell.run("almanac import pypistats scrape --stats-dir stats --date 2025-11-07", cwd: dir.path)
    let seconds = Date().timeIntervalSince(started)
    #expect(r.status == 0, "\(r.stderr.suffix(2_000))")
    #expect(r.stderr.contains("imported pypistats: 1250 answers over 250 days; 1250 new, 250 snapshots written, 1 skipped"), "\(r.stderr.suffix(2_000))")
    #expect(r.stderr.contains("scrape/2025-04-02/error.json: is not JSON"))
    #expect(r.stderr.contains("scrape/notes/readme.json: warning: no date YYYY-MM-DD in its name or directories; skipped"))
    print("import of 250 days: \(String(format: "%.1f", seconds)) s")

    // The outage day stays unknown; a day that left the window long ago is kept.
    let series = try #require(dir.read("stats/series/pypistats/tidewater.csv"))
    #expect(!series.contains("tidewater,pypistats,\(Self.outage),"))
    #expect(series.contains("tidewater,pypistats,\(Self.first.adding(days: -30)),overall,without_mirrors,"))
    #expect(series.contains("tidewater,pypistats,2025-11-04,overall,without_mirrors,"))
    // python_major is kept in raw and records, never merged into the series.
    #expect(dir.read("stats/records/pypistats/2025-05-01.csv")?.contains(",python_major,3,") == true)
    #expect(!series.contains(",python_major,"))

    // Importing again, and replaying every snapshot, change no byte.
    let before = dir.snapshot()
    let again = try await Shell.run("almanac import pypistats scrape --stats-dir stats --date 2025-11-07", cwd: dir.path)
    #expect(again.status == 0)
    #expect(again.stderr.contains("0 new, 0 snapshots written"))
    let rebuild = try await Shell.run("almanac aggregate --rebuild --source pypistats --stats-dir stats --date 2025-11-07 --quiet", cwd: dir.path)
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(dir.snapshot() == before)

  }

  @Test func dateFromGitReadsEveryCommittedVersionAndMatchesNamedFiles() async throws {
    let dir = TempDirectory("pypistats-git")
    let days = (Self.first...Self.first.adding(days: 11)).days
    var script = "set -e; git init -q repo; cd repo; mkdir -p data/tidewater\n"
    for (i, day) in days.enumerated() {
      let site = Self.site(day)
      for endpoint in Self.endpoints {
        try dir.write("bodies/\(day)/\(endpoint).json", Self.body(site, endpoint))
        try dir.write("named/\(day)_tidewater_\(endpoint).json", Self.body(site, endpoint))
        script += "cp ../bodies/\(day)/\(endpoint).json data/tidewater/\(endpoint).json\n"
      }
      // Two commits on the fourth day: the later one is that day's answer.
      if i == 3 { script += "git add -A; GIT_COMMITTER_DATE='\(day)T01:00:00Z' git -c user.name=s -c user.email=s@example.org commit -qm early --date '\(day)T01:00:00Z'; echo ' ' >> data/tidewater/recent.json\n" }
      script += "git add -A; GIT_COMMITTER_DATE='\(day)T02:30:00Z' git -c user.name=s -c user.email=s@example.org commit -qm '\(day)' --date '\(day)T02:30:00Z'\n"
    }
    let made = try await Shell.run(script, cwd: dir.path)
    #expect(made.status == 0, "\(made.stderr)")
    let git = try await Shell.run("almanac import pypistats repo/data --date-from-git --stats-dir git-stats --date 2025-03-20 --quiet", cwd: dir.path)
    #expect(git.status == 0, "\(git.stderr)")
    let named = try await Shell.run("almanac import pypistats named --stats-dir named-stats --date 2025-03-20 --quiet", cwd: dir.path)
    #expect(named.status == 0, "\(named.stderr)")
    let a = try #require(dir.read("git-stats/series/pypistats/tidewater.csv"))
    #expect(a == dir.read("named-stats/series/pypistats/tidewater.csv"))
    // The fourth day's later commit is its answer (one more line at the end of `recent`).
    #expect(dir.read("git-stats/raw/pypistats/\(Self.first.adding(days: 3)).json")?.contains("\\n \\n") == true)
    #expect(dir.read("git-stats/records/pypistats/\(Self.first.adding(days: 11)).csv") == dir.read("named-stats/records/pypistats/\(Self.first.adding(days: 11)).csv"))
    // Every file the import wrote (python_major records included) passes the schemas.
    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? ""
    if FileManager.default.isExecutableFile(atPath: checker) {
      let v = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("git-stats"))'", environment: ["CHECK_JSONSCHEMA": checker])
      #expect(v.status == 0, "\(v.stdout.suffix(2_000))\(v.stderr.suffix(2_000))")
    }
    let notGit = try await Shell.run("almanac import pypistats named --date-from-git --stats-dir x --quiet", cwd: "/tmp")
    #expect(notGit.status == 1)
    #expect(notGit.stderr.contains("--date-from-git needs DIR inside a git repository") || notGit.stderr.contains("no such directory"))
  }
}
