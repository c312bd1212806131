/// Tidy rows from one repository's files (`series/github/<owner>/<repo>/`), entity `owner/repo`:
///
/// | file | metric | dimension / category | date |
/// |---|---|---|---|
/// | traffic.csv | `views`, `views_uniques`, `clones`, `clones_uniques` (provisional until a complete day was seen) | overall | the day |
/// | traffic-windows.csv | `views_14d`, `views_uniques_14d`, … (uniques null when unknown; outages left out) | overall | the snapshot |
/// | repo.csv | `stars`, `forks`, `watchers`, `open_issues_and_prs`, `size_kb` | overall | the snapshot |
/// | stars.csv, forks-daily.csv | `new_stars`, `new_forks` | overall | the day |
/// | popular.csv | `referrer_views_14d`, `referrer_uniques_14d`, `path_…` | `referrer`/`path` by name | the snapshot |
/// | releases.csv | `releases` (1 per published release) | `tag` by tag | published day |
/// | release-downloads.csv | `release_downloads` (cumulative) | `asset` by `tag/asset` | the snapshot |
///
/// Stargazers, forks' names and profiles name people and are never exported.
extension ExportRows {
  public static func github(_ data: GitHubRepoData, repo: String, filter: ExportFilter = ExportFilter()) -> [ExportRow] {
    var out: [ExportRow] = []
    func add(_ date: Day?, _ metric: String, _ value: Int64?, by dimension: String = ExportRow.overall, _ category: String? = nil, provisional: Bool = false) {
      guard let date, filter.keeps(date) else { return }
      out.append(ExportRow(
        date: date, source: GitHub.source, entity: repo, metric: metric, dimension: dimension, category: category, value: value,
        provisional: provisional))
    }
    for (key, p) in data.traffic.points {
      let m = key.metric.rawValue
      add(key.date, m, p.value.count, provisional: !p.complete)
      add(key.date, m + "_uniques", p.value.uniques, provisional: !p.complete)
    }
    for (key, w) in data.traffic.windows where !w.outage {
      let m = key.metric.rawValue
      add(w.snapshot, m + "_14d", w.total.count)
      add(w.snapshot, m + "_uniques_14d", w.uniques)
    }
    let counts = ["stars", "forks", "watchers", "open_issues_and_prs", "size_kb"]
    for row in data.counts.sortedRows {
      for (i, name) in counts.enumerated() where i + 1 < row.count { add(Day(row[0]), name, Int64(row[i + 1])) }
    }
    for (day, n) in data.starDays() { add(day, "new_stars", n) }
    for (day, n) in data.forkDays() { add(day, "new_forks", n) }
    for row in data.popular.sortedRows where row.count >= 8 {
      add(Day(row[0]), row[1] + "_views_14d", Int64(row[6]), by: row[1], row[2])
      add(Day(row[0]), row[1] + "_uniques_14d", Int64(row[7]), by: row[1], row[2])
    }
    for row in data.releases.sortedRows where row.count >= 4 && row[3] == "false" {
      add(Day(isoPrefix: row[2]), "releases", 1, by: "tag", row[0])
    }
    for row in data.releaseDownloads.sortedRows where row.count >= 4 {
      add(Day(row[0]), "release_downloads", Int64(row[3]), by: "asset", row[1] + "/" + row[2])
    }
    return out.sorted(by: <)
  }
}
