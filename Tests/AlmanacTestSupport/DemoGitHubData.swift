import AlmanacKit
import Foundation

/// The demo's made-up repository, `tidewater-dev/tidewater`, as GitHub's REST API would show it
/// on any night, derived from the same truth as the demo's GitHub events
/// (`scripts/make-demo-recording.py --clickhouse-rows`, file `events.tsv`), so the two sources
/// agree the way the real ones do:
///
/// * Stargazers are the WatchEvent actors, at their first star; every 40th of them unstarred
///   ten days later (GitHub's count drops them; the events keep no unstar, so the events count
///   more). Forks are the ForkEvent actors' `<login>/tidewater`; releases are the ReleaseEvent
///   tags, each with a wheel and an sdist asset whose download counts grow every day.
/// * Traffic (not in the events): views 60–180 a day (weekends 55%), uniques about 35%; clones
///   4–16 a day, uniques about 45%; about a third of weekend days have no clone (GitHub leaves
///   such days out). A night's window is the 14 days before it plus today, today at 30% (still
///   counting) and the oldest day at 60% (the window's sub-day cut). Referrers and paths are
///   fixed shares of the window's views.
///
/// Deterministic: a fixed seed per day and purpose. The demo recording's GitHub part is recorded
/// from `GitHubFake` serving `repo(asOf:)` (DemoRecordingTests).
public struct DemoGitHubData: Sendable {
  public static let repo = "tidewater-dev/tidewater"
  public static let firstDay = Day("2025-11-26")!
  public static let lastDay = Day("2026-11-22")!

  public var repoID: Int64
  /// (star, unstarred on), oldest first.
  var stars: [(star: GitHubFakeRepo.Star, unstarred: Day?)] = []
  var forks: [(Int64, String, String)] = []
  var releases: [(day: Day, tag: String)] = []

  /// Reads `events.tsv` (time, type, actor, repo, repo id, action, tag).
  public init(eventsTSV path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var seen = Set<String>()
    repoID = 0
    for line in text.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 7, let day = Day(f[0].prefix(10)) else { continue }
      repoID = Int64(f[4]) ?? repoID
      let at = f[0].replacingOccurrences(of: " ", with: "T") + "Z"
      let number = Int64(f[2].split(separator: "-").last ?? "") ?? 0
      switch f[1] {
      case "WatchEvent" where seen.insert(f[2]).inserted:
        let unstarred = stars.count % 40 == 39 ? day.adding(days: 10) : nil
        stars.append((.init(at: at, id: 700_000 + number, login: f[2]), unstarred))
      case "ForkEvent":
        forks.append((900_000 + Int64(forks.count), "\(f[2])/tidewater", at))
      case "ReleaseEvent" where !f[6].isEmpty:
        releases.append((day, f[6]))
      default: continue
      }
    }
  }

  /// A small deterministic generator (SplitMix64), one stream per day and purpose.
  struct Generator {
    var inner: SeededGenerator
    init(_ day: Day, _ purpose: String) {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for b in "tidewater-github/v1/\(day)/\(purpose)".utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
      inner = SeededGenerator(seed: h)
    }
    mutating func next() -> UInt64 { inner.next() }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
  }

  static func progress(_ d: Day) -> Double { Double(d - firstDay) / Double(lastDay - firstDay) }
  static func weekday(_ d: Day) -> Double { d.isWeekend ? 0.55 : 1 }

  /// Full-day views and clones of a day: (count, uniques).
  static func traffic(_ d: Day) -> (views: (Int64, Int64), clones: (Int64, Int64)?) {
    var g = Generator(d, "traffic")
    let views = (60 + 120 * progress(d)) * weekday(d) * (0.85 + 0.3 * g.unit())
    let viewsCount = Int64(views.rounded())
    let viewUniques = max(1, Int64((views * (0.3 + 0.1 * g.unit())).rounded()))
    let clones = (4 + 12 * progress(d)) * weekday(d) * (0.7 + 0.6 * g.unit())
    // About a third of weekend days have no clone at all: GitHub leaves such days out.
    if d.isWeekend, g.unit() < 0.35 { return ((viewsCount, viewUniques), nil) }
    let cloneCount = max(1, Int64(clones.rounded()))
    return ((viewsCount, viewUniques), (cloneCount, max(1, Int64((clones * (0.4 + 0.1 * g.unit())).rounded()))))
  }

  static func scaled(_ v: (Int64, Int64), _ f: Double) -> (Int64, Int64) {
    (Int64((Double(v.0) * f).rounded()), min(Int64((Double(v.0) * f).rounded()), max(1, Int64((Double(v.1) * f).rounded()))))
  }

  /// The repository as GitHub shows it while `night` is today (UTC).
  public func repo(asOf night: Day) -> GitHubFakeRepo {
    let now = night.description
    var r = GitHubFakeRepo(Self.repo, id: repoID, stars: stars.filter { $0.star.at < now && ($0.unstarred.map { $0 >= night } ?? true) }.map(\.star))
    r.subscribers = 9 + Int64(Self.progress(night) * 14)
    r.openIssues = 12 + Int64(Self.progress(night) * 9)
    r.size = 2_140 + Int64(Self.progress(night) * 900)
    r.canPush = true
    var viewSum: Int64 = 0
    var viewUniquesMax: Int64 = 0
    for back in 0...14 {
      let d = night.adding(days: -back)
      let t = Self.traffic(d)
      let fraction = back == 0 ? 0.3 : back == 14 ? 0.6 : 1
      let v = Self.scaled(t.views, fraction)
      if v.0 > 0 { r.views[d.description] = v }
      viewSum += v.0
      viewUniquesMax = max(viewUniquesMax, v.1)
      if let c = t.clones {
        let cv = Self.scaled(c, fraction)
        if cv.0 > 0 { r.clones[d.description] = cv }
      }
    }
    // GitHub's 14-day uniques count each visitor once: more than any day, less than the sum.
    r.viewTotals = (viewSum, viewUniquesMax * 4)
    func share(_ f: Double) -> (Int64, Int64) { (Int64((Double(viewSum) * f).rounded()), max(1, Int64((Double(viewSum) * f * 0.3).rounded()))) }
    r.referrers = [("github.com", share(0.31)), ("pypi.org", share(0.22)), ("Google", share(0.14)), ("news.ycombinator.com", share(0.03))]
      .map { ($0.0, $0.1.0, $0.1.1) }
    r.paths = [
      ("/\(Self.repo)", "GitHub - tidewater-dev/tidewater: Tide tables for Python", share(0.48)),
      ("/\(Self.repo)/releases", "Releases · tidewater-dev/tidewater", share(0.12)),
      ("/\(Self.repo)/issues", "Issues · tidewater-dev/tidewater", share(0.09)),
    ].map { ($0.0, $0.1, $0.2.0, $0.2.1) }
    r.forks = forks.filter { $0.2 < now }
    r.releasesJSON = releasesJSON(asOf: night)
    return r
  }

  /// Newest first, as GitHub lists them; asset download counts are cumulative.
  func releasesJSON(asOf night: Day) -> String {
    let published = releases.filter { $0.day < night }.reversed()
    let items: [JSONValue] = published.enumerated().map { i, rel in
      let age = Double(night - rel.day)
      let version = rel.tag.hasPrefix("v") ? String(rel.tag.dropFirst()) : rel.tag
      func asset(_ id: Int64, _ name: String, _ perDay: Double) -> JSONValue {
        .object([
          "id": .int(id), "name": .string(name), "content_type": .string("application/octet-stream"), "state": .string("uploaded"),
          "size": .int(48_213 + id % 977), "download_count": .int(Int64(age * perDay + (age * age).squareRoot() * 3)),
          "created_at": .string("\(rel.day)T12:02:00Z"), "updated_at": .string("\(rel.day)T12:02:30Z"),
          "browser_download_url": .string("https://github.com/\(Self.repo)/releases/download/\(rel.tag)/\(name)"),
        ])
      }
      let id = 180_000_000 + Int64(published.count - i)
      return .object([
        "id": .int(id), "tag_name": .string(rel.tag), "name": .string("tidewater \(version)"), "draft": .bool(false), "prerelease": .bool(version.contains("rc")),
        "created_at": .string("\(rel.day)T11:58:00Z"), "published_at": .string("\(rel.day)T12:00:00Z"),
        "html_url": .string("https://github.com/\(Self.repo)/releases/tag/\(rel.tag)"),
        "author": .object(["login": .string("tidewater-release-bot"), "id": .int(4_100_200), "type": .string("Bot")]),
        "assets": .array([asset(id * 10 + 1, "tidewater-\(version)-py3-none-any.whl", 3.2), asset(id * 10 + 2, "tidewater-\(version).tar.gz", 0.9)]),
        "body": .string("Release notes for \(version)."),
      ])
    }
    return CanonicalJSON.encode(.array(items))
  }
}
