import AlmanacKit
import Foundation

/// The demo's made-up repository, `tidewater-dev/tidewater`, as GitHub's REST API would show it
/// on any night: one deterministic truth (a fixed seed, one generator per day), of which each
/// night's answers are a view. The demo recording's GitHub part is recorded from `GitHubFake`
/// serving `repo(asOf:)` (see DemoRecordingTests).
///
/// The model:
/// * Stars: 140 before 2025-11-26, then about 0.3 a day rising to 1.5 a day by 2026-11-22, plus
///   6 on a release day and 3 the day after (releases as in scripts/make-demo-recording.py).
///   Stargazers are made-up accounts `tide-fan-<n>` with ids from 7,000.
/// * Traffic: views 60–180 a day (weekends 55%), uniques about 35% of views; clones 4–16 a
///   day, uniques about 45%; some weekend days have no clones (GitHub leaves them out). A
///   night's window is the 14 days before it plus today, today at 30% (still counting) and the
///   oldest day at 60% (the window's sub-day cut).
/// * Referrers and paths: the 14-day sums of fixed shares of the window's views.
/// * Forks: one about every 11 days; releases 1.4.0, 1.5.0 and 2.0.0 with a wheel and an sdist
///   asset whose download counts grow every day after publication.
public enum DemoGitHubData {
  public static let repo = "tidewater-dev/tidewater"
  public static let repoID: Int64 = 731_204_557
  public static let firstDay = Day("2025-11-26")!
  public static let lastDay = Day("2026-11-22")!
  static let releases: [(day: Day, tag: String)] = [("2026-03-03", "v1.4.0"), ("2026-07-14", "v1.5.0"), ("2026-10-14", "v2.0.0")].map { (Day($0.0)!, $0.1) }

  /// A small deterministic generator (SplitMix64), one stream per day and purpose.
  struct Generator {
    var state: UInt64
    init(_ day: Day, _ purpose: String) {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for b in "tidewater-github/v1/\(day)/\(purpose)".utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
      state = h
    }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func count(mean: Double) -> Int {
      // Sum of Bernoulli trials: a cheap, bounded stand-in for a Poisson draw.
      let trials = max(1, Int((mean * 4).rounded(.up)))
      return (0..<trials).reduce(0) { acc, _ in acc + (unit() < mean / Double(trials) ? 1 : 0) }
    }
  }

  static func progress(_ d: Day) -> Double { Double(d - firstDay) / Double(lastDay - firstDay) }
  static func weekday(_ d: Day) -> Double { d.isWeekend ? 0.55 : 1 }

  /// Every star up to the end of the model, oldest first.
  static let allStars: [GitHubFakeRepo.Star] = {
    var stars: [GitHubFakeRepo.Star] = []
    func add(_ d: Day, _ n: Int) {
      for i in 0..<n {
        let id = 7_000 + Int64(stars.count)
        let hour = 6 + (i * 5 + stars.count) % 16
        stars.append(.init(at: "\(d)T\(hour < 10 ? "0" : "")\(hour):\(10 + i % 50):00Z", id: id, login: "tide-fan-\(id)"))
      }
    }
    // The years before the model: 140 stars spread over 2024–2025.
    for i in 0..<140 { add(Day("2024-01-10")!.adding(days: i * 5), 1) }
    var d = firstDay
    while d <= lastDay {
      var g = Generator(d, "stars")
      var n = g.count(mean: 0.3 + 1.2 * progress(d))
      if releases.contains(where: { $0.day == d }) { n += 6 }
      if releases.contains(where: { $0.day.adding(days: 1) == d }) { n += 3 }
      add(d, n)
      d = d.adding(days: 1)
    }
    return stars
  }()

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
  public static func repo(asOf night: Day) -> GitHubFakeRepo {
    var r = GitHubFakeRepo(repo, id: repoID, stars: allStars.filter { $0.at < night.description })
    r.subscribers = 9 + Int64(progress(night) * 14)
    r.openIssues = 12 + Int64(progress(night) * 9)
    r.size = 2_140 + Int64(progress(night) * 900)
    r.canPush = true
    var viewSum: Int64 = 0
    var viewUniquesMax: Int64 = 0
    for back in 0...14 {
      let d = night.adding(days: -back)
      let t = traffic(d)
      let fraction = back == 0 ? 0.3 : back == 14 ? 0.6 : 1
      let v = scaled(t.views, fraction)
      if v.0 > 0 { r.views[d.description] = v }
      viewSum += v.0
      viewUniquesMax = max(viewUniquesMax, v.1)
      if let c = t.clones {
        let cv = scaled(c, fraction)
        if cv.0 > 0 { r.clones[d.description] = cv }
      }
    }
    // GitHub's 14-day uniques count each visitor once: more than any day, less than the sum.
    r.viewTotals = (viewSum, viewUniquesMax * 4)
    func share(_ f: Double) -> (Int64, Int64) { (Int64((Double(viewSum) * f).rounded()), max(1, Int64((Double(viewSum) * f * 0.3).rounded()))) }
    r.referrers = [("github.com", share(0.31)), ("pypi.org", share(0.22)), ("Google", share(0.14)), ("news.ycombinator.com", share(0.03))]
      .map { ($0.0, $0.1.0, $0.1.1) }
    r.paths = [
      ("/\(repo)", "GitHub - tidewater-dev/tidewater: Tide tables for Python", share(0.48)),
      ("/\(repo)/releases", "Releases · tidewater-dev/tidewater", share(0.12)),
      ("/\(repo)/issues", "Issues · tidewater-dev/tidewater", share(0.09)),
    ].map { ($0.0, $0.1, $0.2.0, $0.2.1) }
    var forks: [(Int64, String, String)] = []
    var d = Day("2024-02-01")!
    var n = 0
    while d < night {
      var g = Generator(d, "fork")
      if g.unit() < (d < firstDay ? 0.05 : 0.09) {
        forks.append((9_100 + Int64(n), "tide-fork-\(n)/tidewater", "\(d)T1\(n % 10):2\(n % 10):00Z"))
        n += 1
      }
      d = d.adding(days: 1)
    }
    r.forks = forks
    r.releasesJSON = releasesJSON(asOf: night)
    return r
  }

  /// Newest first, as GitHub lists them; asset download counts are cumulative.
  static func releasesJSON(asOf night: Day) -> String {
    let published = releases.filter { $0.day < night }.reversed()
    let items: [JSONValue] = published.enumerated().map { i, rel in
      let age = Double(night - rel.day)
      let version = String(rel.tag.dropFirst())
      func asset(_ id: Int64, _ name: String, _ perDay: Double) -> JSONValue {
        .object([
          "id": .int(id), "name": .string(name), "content_type": .string("application/octet-stream"), "state": .string("uploaded"),
          "size": .int(48_213 + id % 977), "download_count": .int(Int64(age * perDay + (age * age).squareRoot() * 3)),
          "created_at": .string("\(rel.day)T12:02:00Z"), "updated_at": .string("\(rel.day)T12:02:30Z"),
          "browser_download_url": .string("https://github.com/\(repo)/releases/download/\(rel.tag)/\(name)"),
        ])
      }
      let id = 180_000_000 + Int64(published.count - i)
      return .object([
        "id": .int(id), "tag_name": .string(rel.tag), "name": .string("tidewater \(version)"), "draft": .bool(false), "prerelease": .bool(false),
        "created_at": .string("\(rel.day)T11:58:00Z"), "published_at": .string("\(rel.day)T12:00:00Z"),
        "html_url": .string("https://github.com/\(repo)/releases/tag/\(rel.tag)"),
        "author": .object(["login": .string("tidewater-release-bot"), "id": .int(4_100_200), "type": .string("Bot")]),
        "assets": .array([asset(id * 10 + 1, "tidewater-\(version)-py3-none-any.whl", 3.2), asset(id * 10 + 2, "tidewater-\(version).tar.gz", 0.9)]),
        "body": .string("Release notes for \(version)."),
      ])
    }
    return CanonicalJSON.encode(.array(items))
  }
}
