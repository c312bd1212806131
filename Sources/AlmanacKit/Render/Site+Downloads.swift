extension Site {
  /// The pypistats.org part of the page. Downloads: per package a daily chart for each period
  /// (releases marked, outage-calendar days annotated, unknown days as gaps), the figures, and
  /// a calendar of the last year. Versions: Python versions and systems over all stored days.
  /// The header gets the download badges and the first package's 30-day figure.
  public static func downloadsSection(_ packages: [PackageStats], badges: [String: [BadgeSet.Named]], releases: [String: [ChartMarker]] = [:]) -> Section {
    var section = Section()
    var downloads = "", versions = ""
    for stats in packages {
      section.badges += badges[stats.package] ?? []
      let name = HTML.escape(stats.package)
      downloads += "<h3 id=\"downloads-\(name)\">\(name)</h3>\n"
      guard let first = stats.firstDay, let last = stats.lastDay else {
        downloads += "<p>pypistats.org has no downloads for this package yet.</p>\n"
        continue
      }
      let series = DailySeries(values: Dictionary(stats.daily.map { ($0.day, $0.downloads) }, uniquingKeysWith: +))
      let outages = ChartMarker.outages(source: PyPIStats.source, in: first...last)
      downloads += Period.charts(first: first, last: last) { range, words in
        DailySeriesChart(title: "\(stats.package): downloads \(ChartResolution.of(range).per) without mirrors, \(words)", unit: "downloads", series: series,
                         range: range, releases: releases[stats.package] ?? [], outages: outages,
                         dailySource: "stats/series/pypistats/\(stats.package).csv, or `almanac export --source pypistats`").render()
      }
      downloads += figuresTable(stats, last: last)
      downloads += CalendarHeatmap(title: "\(stats.package): downloads per day, the last 53 weeks", unit: "downloads", series: series, last: last).render().html()
      coverageRow(stats).map { section.coverage.append($0) }
      for (title, shares, style) in [("Python versions", stats.topVersions, ShareChart.Style.donut), ("Systems", stats.topSystems, .bars)] where !shares.isEmpty {
        var slices = shares.map { (label: $0.name, value: $0.downloads) }
        let rest = stats.totalDownloads - shares.reduce(0) { $0 + $1.downloads }
        if rest > 0 { slices.append((label: "other", value: rest)) }
        versions += ShareChart(title: "\(stats.package): \(title), all stored days (pypistats.org, without mirrors)", unit: "downloads", shares: slices, style: style).render().html()
      }
    }
    if let main = packages.first(where: { $0.lastDay != nil }) {
      let change = NumberFormat.change(main.lastMonth, from: main.previousMonth).map { "\($0) on the 30 days before" } ?? ""
      section.figures.append(Figure("\(main.package): downloads, last 30 days", NumberFormat.metric(main.lastMonth), note: change))
      section.figures.append(Figure("\(main.package): downloads, all stored days", NumberFormat.metric(main.totalDownloads), note: "pypistats.org, without mirrors"))
    }
    if !downloads.isEmpty {
      section.panels.append(Panel(.downloads, "<p class=\"muted\">Downloads from pypistats.org without mirrors (CI and other automated installs included).</p>\n" + downloads))
    }
    if !versions.isEmpty { section.panels.append(Panel(.versions, versions)) }
    return section
  }

  static func figuresTable(_ stats: PackageStats, last: Day) -> String {
    let monthChange = NumberFormat.change(stats.lastMonth, from: stats.previousMonth).map { " (\($0) on the 30 days before)" } ?? ""
    let rows = [
      ["total", NumberFormat.grouped(stats.totalDownloads)],
      ["average per day", CanonicalJSON.number(stats.averageDaily)],
      ["last 30 days", NumberFormat.grouped(stats.lastMonth) + monthChange],
      ["last 7 days", NumberFormat.grouped(stats.lastWeek)],
      ["last day (\(last))", NumberFormat.grouped(stats.lastDayDownloads)],
      ["mirror share of all downloads", CanonicalJSON.number(stats.mirrorPercent) + "%"],
    ]
    return SVG.table(["figure", "downloads"], rows, numeric: [1]) + "\n"
  }

  static func coverageRow(_ stats: PackageStats) -> Coverage? {
    Coverage(source: PyPIStats.source, subject: stats.package, days: stats.daily.map(\.day))
  }
}
