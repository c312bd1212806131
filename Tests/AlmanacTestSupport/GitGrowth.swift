import AlmanacKit
import Foundation

/// Issue 13 item 7: nights of the real `almanac run` into one store, against the soak's
/// loopback GitHub fake, a pypistats.org fake with the demo's breadth (overall, eight Python
/// minors, five systems, a re-run of the two newest days every seventh night) and, when given,
/// the real ClickHouse (`pypi`). Each night's answers overlap the previous night's as the real
/// APIs' windows do; every number is a function of the seed, the day and the category, so a
/// day reads the same on every night that shows it (until a re-run revises it).
///
/// With `git`, the store's directory is a git repository that commits each night; after the
/// first night and after the last one `git gc` runs and `measure` sums the on-disk size of
/// every object, by source.
public enum GitGrowth {
  public static let minors = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "null"]
  public static let systems = ["Darwin", "Linux", "Windows", "other", "null"]

  public struct Result: Sendable {
    public var statuses: [Int32] = []
    public var log = ""
    /// KiB by group after the first night and after the last (nil without git).
    public var first: [String: Double]?
    public var last: [String: Double]?
  }

  /// `bin`: a directory holding the `almanac` to run (default: this build's).
  public static func run(in dir: TempDirectory, nights: Int, lastNight: Day, seed: UInt64, clickhouse: String?, git: Bool, bin: String? = nil) async throws -> Result {
    var result = Result()
    let server = try FakeAPIServer()
    defer { server.stop() }
    var env = ["SOAK_GITHUB_TOKEN": "ghp_soak_token", "SOAK_CLICKHOUSE_PASSWORD": ClickHouseTestServer.password]
    if let bin { env["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") }
    if git {
      _ = try await Shell.run("git init -q . && git config user.name night && git config user.email night@example.invalid && git config gc.auto 0", cwd: dir.path)
    }
    let first = lastNight.adding(days: 1 - nights)
    for (i, date) in (first...lastNight).days.enumerated() {
      servePyPIStats(server, date, seed: seed)
      Soak.serveGitHub(server, date, firstNight: first)
      try Soak.config(dir, server: server, clickhouse: clickhouse, date: date, timeout: 30)
      let night = try await Shell.run("almanac run --date \(date) --stats-dir stats --config almanac.yml --quiet", cwd: dir.path, environment: env)
      result.statuses.append(night.status)
      if night.status != 0 { result.log += "\(date): exit \(night.status)\n\(night.stderr.suffix(2_000))\n" }
      guard git else { continue }
      _ = try await Shell.run("git add -A stats && git commit -q -m 'stats: \(date)'", cwd: dir.path)
      if i == 0 { result.first = try await measure(dir) }
    }
    if git { result.last = try await measure(dir) }
    if let keep = ProcessInfo.processInfo.environment["ALMANAC_GIT_GROWTH_KEEP"] {
      _ = try await Shell.run("rm -rf '\(keep)' && cp -a '\(dir.path)' '\(keep)'")
    }
    return result
  }

  /// `git gc`, then KiB on disk of every object, grouped by the source its path belongs to
  /// (`commits` for commits and the trees above `stats/<kind>/`; `report` for what render and
  /// aggregate write for every source), and `pack` for the whole pack.
  static func measure(_ dir: TempDirectory) async throws -> [String: Double] {
    let gc = try await Shell.run("git gc -q && git count-objects -v | sed -n 's/^size-pack: //p' && git rev-list --objects --all | git cat-file --batch-check='%(objecttype) %(objectsize:disk) %(rest)'", cwd: dir.path)
    var lines = gc.stdout.split(separator: "\n")
    guard gc.status == 0, !lines.isEmpty, let pack = Double(lines.removeFirst()) else { throw GitGrowthError.git(gc.stderr) }
    var out: [String: Double] = ["pack": pack]
    for line in lines {
      let parts = line.split(separator: " ", maxSplits: 2)
      guard parts.count >= 2, let size = Double(parts[1]) else { continue }
      let path = parts.count > 2 ? String(parts[2]) : ""
      out[group(path), default: 0] += size / 1024
      out["  " + place(path), default: 0] += size / 1024
    }
    return out
  }

  /// The source a path under `stats/` belongs to.
  public static func group(_ path: String) -> String {
    let parts = path.split(separator: "/").map(String.init)
    guard parts.count >= 2, parts[0] == "stats" else { return "commits" }
    if ["raw", "records", "classified", "series", "inbox"].contains(parts[1]) { return parts.count >= 3 ? parts[2] : "commits" }
    if parts[1] == "state" { return parts.count >= 3 ? String(parts[2].prefix { $0 != "." }) : "commits" }
    if parts[1].hasPrefix("downloads_") || parts[1] == "download_summary.json" { return "pypistats" }
    return "report"
  }

  /// Where in the store a path lies, finer than its group: `raw/pypistats`,
  /// `downloads_<date>.csv`, `series/github/<owner>/<repo>/traffic.csv`, `badges`.
  public static func place(_ path: String) -> String {
    let parts = path.split(separator: "/").map(String.init)
    guard parts.count >= 2, parts[0] == "stats" else { return "(commits, root trees)" }
    if ["raw", "records", "classified", "inbox"].contains(parts[1]) { return parts.prefix(3).joined(separator: "/") }
    if parts[1] == "series" { return parts.count >= 4 && parts[2] != "github" ? parts.prefix(3).joined(separator: "/") : parts.dropFirst().joined(separator: "/") }
    if parts[1].hasPrefix("downloads_") { return "downloads_<date>" + (parts[1].hasSuffix(".csv") ? ".csv" : ".json") }
    return parts[1]
  }

  // MARK: the pypistats.org world

  static func servePyPIStats(_ server: FakeAPIServer, _ date: Day, seed: UInt64) {
    var days: [PyPIStatsData.DailyTotal] = []
    var minor: [PyPIStatsData.CategoryCount] = []
    var system: [PyPIStatsData.CategoryCount] = []
    for d in (date.adding(days: -181)...date.adding(days: -1)).days {
      let without = count(d, "without", 900 + d.ordinal % 300, seed: seed, asOf: date)
      days.append(.init(d.description, withMirrors: without + count(d, "mirrors", 200, seed: seed, asOf: date), withoutMirrors: without))
      for (i, c) in minors.enumerated() where c != "3.8" || d.ordinal % 3 == 0 {
        minor.append(.init(d.description, c, count(d, c, without / (i + 3), seed: seed, asOf: date)))
      }
      for (i, c) in systems.enumerated() { system.append(.init(d.description, c, count(d, "os-" + c, without / (i * i + 2), seed: seed, asOf: date))) }
    }
    server.servePyPIStats(PyPIStatsFake([PyPIStatsData(package: Soak.package, days: days, pythonMinor: minor, system: system)], loadedThrough: date.adding(days: -1).description))
  }

  /// About `typical` (±25%), fixed per seed, day and category; raised by a tenth from the night
  /// that re-runs the day (every seventh night re-runs its two newest days).
  static func count(_ day: Day, _ category: String, _ typical: Int, seed: UInt64, asOf night: Day) -> Int {
    var h = seed ^ UInt64(truncatingIfNeeded: day.ordinal) &* 0x9E37_79B9_7F4A_7C15
    for b in category.utf8 { h = (h ^ UInt64(b)) &* 0x1000_0000_01B3 }
    h ^= h >> 31
    let value = typical * (75 + Int(h % 51)) / 100
    let rerun = (1...2).contains { day.adding(days: $0).ordinal % 7 == 0 && day.adding(days: $0) <= night }
    return rerun ? value + value / 10 : value
  }
}

public enum GitGrowthError: Error, CustomStringConvertible {
  case git(String)
  public var description: String {
    switch self {
    case .git(let stderr): "git failed: \(stderr)"
    }
  }
}
