/// The GitHub part of `REPORT.md` and `summary.json`, built from stored files only.
public enum GitHubReport {
  /// The latest stored counts of a repository.
  public struct Counts: Equatable, Sendable {
    public var date: Day
    public var stars, forks, watchers, openIssuesAndPRs: Int64
  }

  public static func latestCounts(_ data: GitHubRepoData) -> Counts? {
    guard let row = data.counts.sortedRows.last, let d = Day(row[0]) else { return nil }
    return Counts(date: d, stars: Int64(row[1]) ?? 0, forks: Int64(row[2]) ?? 0, watchers: Int64(row[3]) ?? 0, openIssuesAndPRs: Int64(row[4]) ?? 0)
  }

  /// The stars figure for a commit subject: the change since the previous night's count
  /// (`3 new stars`, `1 star fewer`), or the count when it did not move or there is no
  /// previous night (`1,234 stars`).
  public static func starHeadline(_ data: GitHubRepoData) -> String? {
    let rows = data.counts.sortedRows
    guard let last = rows.last, let stars = Int64(last[1]) else { return nil }
    guard rows.count > 1, let before = Int64(rows[rows.count - 2][1]), before != stars else {
      return "\(NumberFormat.grouped(stars)) \(stars == 1 ? "star" : "stars")"
    }
    let diff = stars - before
    let n = NumberFormat.grouped(abs(diff))
    return diff > 0 ? "\(n) new \(diff == 1 ? "star" : "stars")" : "\(n) \(diff == -1 ? "star" : "stars") fewer"
  }

  /// Traffic over the 14 days before `asOf` (complete days only), per metric: total count and
  /// the sum of daily uniques (never called "uniques").
  /// Clones on `ownRuns` days lose the one clone (and unique cloner) of Almanac's own checkout.
  public static func traffic(_ data: GitHubRepoData, asOf: Day, ownRuns: Set<Day> = []) -> [TrafficWindow.Metric: TrafficWindow.Count] {
    var out: [TrafficWindow.Metric: TrafficWindow.Count] = [:]
    let range = asOf.adding(days: -14)...asOf.adding(days: -1)
    for (key, p) in data.traffic.points where range.contains(key.date) {
      var c = out[key.metric] ?? .zero
      let own: Int64 = key.metric == .clones && ownRuns.contains(key.date) ? 1 : 0
      c.count += max(0, p.value.count - own)
      c.uniques += max(0, p.value.uniques - own)
      out[key.metric] = c
    }
    return out
  }

  /// The day after which the report's 14-day traffic table ends: `asOf`, or the day after the
  /// newest complete stored day when that is earlier (so old history shows its own last weeks,
  /// not 14 days of zeros).
  static func trafficEnd(_ data: GitHubRepoData, asOf: Day) -> Day {
    guard let newest = data.traffic.points.filter(\.value.complete).map(\.key.date).max() else { return asOf }
    return min(asOf, newest.adding(days: 1))
  }

  /// GitHub's own 14-day figures from the newest snapshot that was not an outage.
  public static func latestWindow(_ data: GitHubRepoData, _ metric: TrafficWindow.Metric) -> TrafficHistory.Window? {
    data.traffic.windows.values.filter { $0.metric == metric && !$0.outage }.max { $0.snapshot < $1.snapshot }
  }

  /// Dates whose clones look automated (clones without any view that day, or ten clones or more
  /// per unique cloner): flagged, never removed.
  public static func automatedCloneDays(_ data: GitHubRepoData) -> [Day] {
    let views = data.traffic.values(.views)
    return data.traffic.values(.clones).filter { day, c in
      c.count > 0 && ((views[day]?.count ?? 0) == 0 || (c.uniques > 0 && c.count >= 10 * c.uniques))
    }.keys.sorted()
  }

  /// Referrers or paths ranked by volume over the `days` before `asOf`: the mean of the 14-day
  /// sums of the snapshots in that period, scaled to its length. An estimate, labelled so.
  public static func ranking(_ data: GitHubRepoData, kind: PopularItem.Kind, asOf: Day, days: Int = 28) -> [(name: String, title: String, estimate: Int64)] {
    let from = asOf.adding(days: -days)
    var sums: [String: (title: String, total: Int64, n: Int64)] = [:]
    var snapshots = Set<String>()
    for row in data.popular.sortedRows where row[1] == kind.rawValue {
      guard let d = Day(isoPrefix: row[0]), d > from, d <= asOf else { continue }
      snapshots.insert(row[0])
      let old = sums[row[2]] ?? (row[5], 0, 0)
      sums[row[2]] = (row[5], old.total + (Int64(row[6]) ?? 0), old.n + 1)
    }
    let n = Int64(max(1, snapshots.count))
    return sums.map { (name: $0.key, title: $0.value.title, estimate: $0.value.total * Int64(days) / (14 * n)) }
      .sorted { ($1.estimate, $0.name) < ($0.estimate, $1.name) }
  }

  public static func section(repo: String, data: GitHubRepoData, asOf: Day, ownRuns: Set<Day> = [], recentStarDays: Int = 10) -> String {
    var lines = ["## GitHub: \(Markdown.text(repo))", ""]
    if let counts = latestCounts(data) {
      lines += [
        "| As of \(counts.date) | |", "|---|---:|", "| Stars | \(NumberFormat.grouped(counts.stars)) |",
        "| Forks | \(NumberFormat.grouped(counts.forks)) |", "| Watchers | \(NumberFormat.grouped(counts.watchers)) |",
        "| Open issues and pull requests (GitHub counts both) | \(NumberFormat.grouped(counts.openIssuesAndPRs)) |", "",
      ]
    } else if data.hasSeries {
      // Imported history (another tool's files) renders before the first night's fetch.
      lines += ["No counts stored yet (stars, forks, watchers): the first night's fetch will add them. The figures below are stored history.", ""]
    } else {
      return (lines + ["No counts stored yet: the first night's fetch will add them.", ""]).joined(separator: "\n")
    }
    if !data.traffic.points.isEmpty {
      // The 14 days before tonight; for history that stops earlier (an import of another tool's
      // files, a repository no longer fetched), the 14 days before its newest stored day.
      let through = trafficEnd(data, asOf: asOf)
      let t = traffic(data, asOf: through, ownRuns: ownRuns)
      let v = t[.views] ?? .zero
      let c = t[.clones] ?? .zero
      lines += [
        "### Traffic, \(through.adding(days: -14)) to \(through.adding(days: -1))", "", "| | Views | Clones |", "|---|---:|---:|",
        "| Total | \(NumberFormat.grouped(v.count)) | \(NumberFormat.grouped(c.count)) |",
        "| Sum of daily uniques | \(NumberFormat.grouped(v.uniques)) | \(NumberFormat.grouped(c.uniques)) |",
      ]
      if let wv = latestWindow(data, .views), let wc = latestWindow(data, .clones) {
        lines.append("| Unique visitors in GitHub's 14-day window to \(wv.snapshot) | \(uniques(wv)) | \(uniques(wc)) |")
      }
      lines.append("")
      let clones = data.traffic.values(.clones)
      let own = ownRuns.filter { (through.adding(days: -14)...through.adding(days: -1)).contains($0) && (clones[$0]?.count ?? 0) > 0 }.count
      if own > 0 {
        lines += ["Clones exclude \(own) checkout\(own == 1 ? "" : "s") by Almanac's own nightly job, which runs in this repository.", ""]
      }
      let provisional = data.traffic.points.filter { !$0.value.complete }.map(\.key.date)
      if let newest = provisional.max(), newest >= asOf.adding(days: -1) {
        lines += ["Figures for \(newest) are provisional: that day was still counting when GitHub was asked.", ""]
      }
      for hole in data.traffic.holes {
        lines += ["Coverage hole: \(hole.lowerBound) to \(hole.upperBound) (\(hole.upperBound - hole.lowerBound + 1) days) — no snapshot showed these days completely; the nightly job did not run for 14 days or more.", ""]
      }
      let automated = automatedCloneDays(data).filter { $0 > through.adding(days: -15) }
      if !automated.isEmpty {
        lines += ["Clones on \(automated.map(\.description).joined(separator: ", ")) look automated (clones without views, or many clones per cloner); they are kept and counted.", ""]
      }
      for (kind, title) in [(PopularItem.Kind.referrer, "Top referrers"), (.path, "Popular content")] {
        let ranked = ranking(data, kind: kind, asOf: through).prefix(5)
        guard !ranked.isEmpty else { continue }
        lines += ["\(title), last 28 days (estimated views, from GitHub's 14-day sums):", ""]
        lines += ranked.map { "- \($0.title.isEmpty ? Markdown.text($0.name) : "\(Markdown.text($0.title)) (\(Markdown.text($0.name)))"): ~\(NumberFormat.grouped($0.estimate))" }
        lines.append("")
      }
    }
    let events = StarEvents.lines(data.stars).prefix(recentStarDays)
    if !events.isEmpty {
      lines += ["### Recent stars", ""]
      lines += events.map { "- \($0.day): \(Markdown.text($0.text))" }
      lines.append("")
    }
    let downloads = data.assetDownloads(asOf: asOf)
    if !downloads.isEmpty {
      lines += ["### Release downloads", "", "| Release | Asset | Downloads |", "|---|---|---:|"]
      for key in downloads.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }).reversed() {
        lines.append("| \(Markdown.text(key[0])) | \(Markdown.text(key[1])) | \(NumberFormat.grouped(downloads[key] ?? 0)) |")
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  /// A window's 14-day uniques for a table cell: `unknown` when the stored window has none.
  static func uniques(_ window: TrafficHistory.Window) -> String {
    window.uniques.map(NumberFormat.grouped) ?? "unknown"
  }

  /// One table over every repository, with a total row (shown when there are several).
  public static func rollup(_ repos: [(String, GitHubRepoData)]) -> String {
    var lines = ["## GitHub: all repositories", "", "| Repository | Stars | Forks | Watchers | Views (14 days) |", "|---|---:|---:|---:|---:|"]
    var total = (stars: Int64(0), forks: Int64(0), watchers: Int64(0), views: Int64(0))
    for (repo, data) in repos {
      guard let c = latestCounts(data) else { continue }
      let views = latestWindow(data, .views)?.total.count
      total = (total.stars + c.stars, total.forks + c.forks, total.watchers + c.watchers, total.views + (views ?? 0))
      lines.append("| \(Markdown.text(repo)) | \(NumberFormat.grouped(c.stars)) | \(NumberFormat.grouped(c.forks)) | \(NumberFormat.grouped(c.watchers)) | \(views.map(NumberFormat.grouped) ?? "–") |")
    }
    lines.append("| **All** | **\(NumberFormat.grouped(total.stars))** | **\(NumberFormat.grouped(total.forks))** | **\(NumberFormat.grouped(total.watchers))** | **\(NumberFormat.grouped(total.views))** |")
    return (lines + [""]).joined(separator: "\n")
  }

  /// `summary.json`'s `github` object: per repository with any stored series the latest counts
  /// (when fetched) and the 14-day figures.
  public static func summary(_ repos: [(String, GitHubRepoData)], asOf: Day) -> JSONValue {
    var out: [String: JSONValue] = [:]
    for (repo, data) in repos where data.hasSeries {
      var o: [String: JSONValue] = [:]
      if let c = latestCounts(data) {
        o = [
          "date": .string(c.date.description), "stars": .int(c.stars), "forks": .int(c.forks), "watchers": .int(c.watchers),
          "open_issues_and_prs": .int(c.openIssuesAndPRs),
        ]
      }
      // Unknown 14-day uniques (an imported window) are null, never 0.
      if let w = latestWindow(data, .views) { o["views_14d"] = .int(w.total.count); o["view_uniques_14d"] = w.uniques.map(JSONValue.int) ?? .null }
      if let w = latestWindow(data, .clones) { o["clones_14d"] = .int(w.total.count); o["clone_uniques_14d"] = w.uniques.map(JSONValue.int) ?? .null }
      out[repo] = .object(o)
    }
    return .object(out)
  }
}
