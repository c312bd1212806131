/// The static HTML report for GitHub Pages: one self-contained `index.html` (no scripts, no
/// outside requests) plus chart and badge SVGs beside it. Rendered every night but never
/// committed: the workflow publishes it with actions/upload-pages-artifact.
public enum Site {
  public struct File: Equatable, Sendable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
      self.path = path
      self.contents = contents
    }
  }

  /// A section of the page and the files it links to.
  public struct Section: Equatable, Sendable {
    public var html: String
    public var files: [File]

    public init(html: String = "", files: [File] = []) {
      self.html = html
      self.files = files
    }
  }

  /// A paragraph of badge images and the SVG files they load (nothing for no badges).
  public static func badges(_ set: [BadgeSet.Named]) -> Section {
    guard !set.isEmpty else { return Section() }
    let images = set.map { "<img src=\"badges/\(HTML.escape($0.name)).svg\" alt=\"\(HTML.escape($0.badge.label)): \(HTML.escape($0.badge.message))\">" }
    return Section(html: "<p class=\"badges\">" + images.joined() + "</p>\n", files: set.map { File(path: "badges/\($0.name).svg", contents: $0.badge.svg() + "\n") })
  }

  public static func page(asOf: Day, sections: [Section]) -> [File] {
    var html = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Adoption report</title>
      <style>
      body{font:15px/1.5 system-ui,sans-serif;color:#222;max-width:780px;margin:2em auto;padding:0 1em}
      table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}img.chart{max-width:100%;height:auto}
      .badges img{margin-right:.3em}.muted{color:#666}
      </style>
      </head>
      <body>
      <main>
      <h1>Adoption report</h1>
      <p class="muted">As of <time datetime="\(asOf)">\(asOf)</time> (UTC). Written by Almanac from the files in the repository.</p>

      """
    let present = sections.filter { !$0.html.isEmpty }
    if present.isEmpty {
      html += "<p>No data yet. Run <code>almanac run</code> to collect some.</p>\n"
    }
    for s in present { html += s.html }
    html += "</main>\n</body>\n</html>\n"
    return [File(path: "index.html", contents: html)] + present.flatMap(\.files)
  }

  /// The pypistats.org part: per package, badges, a figures table, a chart of every stored day,
  /// and the top Python versions and systems.
  public static func downloadsSection(_ packages: [PackageStats], badges: [String: [BadgeSet.Named]]) -> Section {
    var section = Section()
    for stats in packages {
      let id = HTML.escape(stats.package)
      var html = "<section id=\"\(id)\">\n<h2>\(id)</h2>\n"
      let images = Site.badges(badges[stats.package] ?? [])
      html += images.html
      section.files += images.files
      guard let first = stats.firstDay, let last = stats.lastDay else {
        html += "<p>pypistats.org has no downloads for this package yet.</p>\n</section>\n"
        section.html += html
        continue
      }
      html += "<p>Downloads from pypistats.org without mirrors (CI and other automated installs included), \(first) to \(last), \(stats.days) days.</p>\n"
      let chart = Chart(title: "\(stats.package): downloads per day without mirrors, 7-day mean", points: stats.daily.map { ($0.day, $0.downloads) })
      let chartPath = "charts/\(stats.package)-downloads.svg"
      section.files.append(File(path: chartPath, contents: chart.svg()))
      html += "<p><img class=\"chart\" src=\"\(HTML.escape(chartPath))\" alt=\"\(HTML.escape(chart.title))\" width=\"\(chart.width)\" height=\"\(chart.height)\"></p>\n"
      html += "<table>\n<tr><th>figure</th><th class=\"n\">downloads</th></tr>\n"
      let monthChange = NumberFormat.change(stats.lastMonth, from: stats.previousMonth).map { " (\($0) on the 30 days before)" } ?? ""
      for (name, value) in [
        ("total", NumberFormat.grouped(stats.totalDownloads)),
        ("average per day", CanonicalJSON.number(stats.averageDaily)),
        ("last 30 days", NumberFormat.grouped(stats.lastMonth) + monthChange),
        ("last 7 days", NumberFormat.grouped(stats.lastWeek)),
        ("last day (\(last))", NumberFormat.grouped(stats.lastDayDownloads)),
        ("mirror share of all downloads", CanonicalJSON.number(stats.mirrorPercent) + "%"),
      ] {
        html += "<tr><td>\(HTML.escape(name))</td><td class=\"n\">\(HTML.escape(value))</td></tr>\n"
      }
      html += "</table>\n"
      for (title, shares) in [("Python versions", stats.topVersions), ("Systems", stats.topSystems)] where !shares.isEmpty {
        html += "<h3>\(title) <span class=\"muted\">(all history)</span></h3>\n<table>\n"
        for s in shares {
          html += "<tr><td>\(HTML.escape(s.name))</td><td class=\"n\">\(Report.percent(s.downloads, of: stats.totalDownloads))</td></tr>\n"
        }
        html += "</table>\n"
      }
      section.html += html + "</section>\n"
    }
    return section
  }
}
