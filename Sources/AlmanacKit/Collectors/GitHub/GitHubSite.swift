extension GitHubReport {
  /// `<owner>-<repo>-stars` and `<owner>-<repo>-views-14d` (GitHub's own 14-day total).
  public static func badges(repo: String, data: GitHubRepoData, labelColor: String) -> [BadgeSet.Named] {
    let stem = repo.replacingOccurrences(of: "/", with: "-")
    var out: [BadgeSet.Named] = []
    if let counts = latestCounts(data) {
      out.append(BadgeSet.Named(name: stem + "-stars", badge: Badge(label: "stars", message: NumberFormat.metric(counts.stars), color: "blue", labelColor: labelColor)))
    }
    if let views = latestWindow(data, .views) {
      out.append(BadgeSet.Named(name: stem + "-views-14d", badge: Badge(label: "views", message: NumberFormat.metric(views.total.count) + "/14 days", color: "blue", labelColor: labelColor)))
    }
    return out
  }
}

/// The GitHub activity panel: with several repositories a star comparison first, then per
/// repository its counts, views and clones per day for each period (coverage holes drawn as
/// "no data", the still-counting newest day lighter), a calendar of views, star and fork
/// growth with releases marked, and the top referrers.
public enum GitHubSite {
  public static func section(_ repos: [(String, GitHubRepoData)], asOf: Day, badges: [String: [BadgeSet.Named]] = [:]) -> Site.Section {
    let shown = repos.filter { $0.1.hasSeries }
    var section = Site.Section()
    guard !shown.isEmpty else { return section }
    var html = ""
    let starLines = shown.map { GrowthChart.Line(name: $0.0, perDay: $0.1.starDays()) }.filter { !$0.cumulative.isEmpty }
    if starLines.count > 1 {
      html += GrowthChart(title: "Stars of \(starLines.count) repositories compared", unit: "stars", lines: starLines).render().html()
    }
    for (repo, data) in shown {
      section.badges += badges[repo] ?? []
      html += repoHTML(repo, data, asOf: asOf)
      section.coverage += coverage(repo, data)
    }
    if let (repo, data) = shown.first, let counts = GitHubReport.latestCounts(data) {
      section.figures.append(Site.Figure("\(repo): stars", NumberFormat.metric(counts.stars), note: "\(NumberFormat.grouped(counts.forks)) forks, as of \(counts.date)"))
      if let views = GitHubReport.latestWindow(data, .views) {
        section.figures.append(Site.Figure("\(repo): views, 14 days", NumberFormat.metric(views.total.count), note: "GitHub's window to \(views.snapshot)"))
      }
    }
    section.panels = [Site.Panel(.github, html)]
    return section
  }

  static func repoHTML(_ repo: String, _ data: GitHubRepoData, asOf: Day) -> String {
    let stem = HTML.escape(repo.replacingOccurrences(of: "/", with: "-"))
    var html = "<h3 id=\"github-\(stem)\">\(HTML.escape(repo))</h3>\n"
    if let counts = GitHubReport.latestCounts(data) {
      html += SVG.table(["as of \(counts.date)", ""], [
        ["stars", NumberFormat.grouped(counts.stars)], ["forks", NumberFormat.grouped(counts.forks)],
        ["watchers", NumberFormat.grouped(counts.watchers)], ["open issues and pull requests", NumberFormat.grouped(counts.openIssuesAndPRs)],
      ], numeric: [1]) + "\n"
    } else {
      html += "<p class=\"muted\">No counts stored yet (stars, forks, watchers): the first night's fetch will add them.</p>\n"
    }
    let releases = releaseMarkers(data)
    for (metric, unit) in [(TrafficHistory.Metric.views, "views"), (.clones, "clones")] {
      let series = traffic(data, metric)
      guard let first = series.first, let last = series.last else { continue }
      html += Site.Period.charts(first: first, last: last) { range, words in
        DailySeriesChart(title: "\(repo): \(unit) \(ChartResolution.of(range).per), \(words)", unit: unit, series: series, range: range, releases: releases,
                         dailySource: "stats/series/github/\(repo)/traffic.csv, or `almanac export --source github`").render()
      }
    }
    let views = traffic(data, .views)
    if let last = views.last {
      html += CalendarHeatmap(title: "\(repo): views per day, the last 53 weeks", unit: "views", series: views, last: last).render().html()
    }
    for hole in data.traffic.holes {
      html += "<p class=\"muted\">Coverage hole: \(hole.lowerBound) to \(hole.upperBound); no snapshot showed these days completely, so they are drawn as no data.</p>\n"
    }
    let lines = [GrowthChart.Line(name: "stars", perDay: data.starDays()), GrowthChart.Line(name: "forks", perDay: data.forkDays())]
    if lines.contains(where: { !$0.cumulative.isEmpty }) {
      html += GrowthChart(title: "\(repo): stars and forks over time", unit: "count", lines: lines, releases: releases).render().html()
    }
    let referrers = GitHubReport.ranking(data, kind: .referrer, asOf: asOf)
    if !referrers.isEmpty {
      html += ShareChart(title: "\(repo): referrers, estimated views over 28 days", unit: "views (estimate)", shares: referrers.map { (label: $0.name, value: $0.estimate) }).render().html()
    }
    return html
  }

  /// Views or clones per day as charts see them: holes unknown, days not yet seen complete
  /// provisional.
  static func traffic(_ data: GitHubRepoData, _ metric: TrafficHistory.Metric) -> DailySeries {
    let points = data.traffic.points.filter { $0.key.metric == metric }
    return DailySeries(
      values: Dictionary(points.map { ($0.key.date, $0.value.value.count) }, uniquingKeysWith: max),
      provisional: Set(points.filter { !$0.value.complete }.map(\.key.date)), holes: data.traffic.holes)
  }

  /// Published, non-draft releases as chart marks (tag and day).
  static func releaseMarkers(_ data: GitHubRepoData) -> [ChartMarker] {
    data.releases.sortedRows.compactMap { row in
      guard row[3] != "true", let d = Day(isoPrefix: row[2]) else { return nil }
      return ChartMarker(d, row[0])
    }.sorted { ($0.first, $0.label) < ($1.first, $1.label) }
  }

  static func coverage(_ repo: String, _ data: GitHubRepoData) -> [Site.Coverage] {
    let days = data.traffic.points.filter { $0.key.metric == .views }.map(\.key.date)
    guard let first = days.min(), let last = days.max() else { return [] }
    return [Site.Coverage(source: GitHub.source, subject: "\(repo) traffic", first: first, last: last, holes: data.traffic.holes)]
  }
}
