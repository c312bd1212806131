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

/// The GitHub part of the HTML report: per repository its counts, charts of views, clones and
/// stars over every stored day, and the coverage holes.
public enum GitHubSite {
  public static func section(_ repos: [(String, GitHubRepoData)], badges: [String: [BadgeSet.Named]] = [:]) -> Site.Section {
    var section = Site.Section()
    for (repo, data) in repos where data.hasSeries {
      let id = HTML.escape(repo)
      let stem = repo.replacingOccurrences(of: "/", with: "-")
      var html = "<section id=\"github-\(HTML.escape(stem))\">\n<h2>GitHub: \(id)</h2>\n"
      let images = Site.badges(badges[repo] ?? [])
      html += images.html
      section.files += images.files
      if let counts = GitHubReport.latestCounts(data) {
        html += "<table>\n<tr><th>as of \(counts.date)</th><th class=\"n\"></th></tr>\n"
        for (name, value) in [("stars", counts.stars), ("forks", counts.forks), ("watchers", counts.watchers), ("open issues and pull requests", counts.openIssuesAndPRs)] {
          html += "<tr><td>\(name)</td><td class=\"n\">\(NumberFormat.grouped(value))</td></tr>\n"
        }
        html += "</table>\n"
      } else {
        html += "<p class=\"muted\">No counts stored yet (stars, forks, watchers): the first night's fetch will add them.</p>\n"
      }
      var cumulative: Int64 = 0
      let stars = data.starDays().sorted { $0.key < $1.key }.map { (day: $0.key, value: { cumulative += $0; return cumulative }($0.value)) }
      let charts: [(String, String, [(day: Day, value: Int64)])] = [
        ("views", "\(repo): views per day (GitHub traffic, merged across windows), 7-day mean", data.traffic.values(.views).map { ($0.key, $0.value.count) }),
        ("clones", "\(repo): clones per day, 7-day mean", data.traffic.values(.clones).map { ($0.key, $0.value.count) }),
        ("stars", "\(repo): stars over time", stars),
      ]
      for (name, title, points) in charts where !points.isEmpty {
        let chart = Chart(title: title, points: points)
        let path = "charts/github-\(stem)-\(name).svg"
        section.files.append(Site.File(path: path, contents: chart.svg()))
        html += "<p><img class=\"chart\" src=\"\(HTML.escape(path))\" alt=\"\(HTML.escape(title))\" width=\"\(chart.width)\" height=\"\(chart.height)\"></p>\n"
      }
      for hole in data.traffic.holes {
        html += "<p class=\"muted\">Coverage hole: \(hole.lowerBound) to \(hole.upperBound); no snapshot showed these days completely.</p>\n"
      }
      section.html += html + "</section>\n"
    }
    return section
  }
}
