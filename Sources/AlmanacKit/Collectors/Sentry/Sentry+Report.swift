/// The Sentry part of REPORT.md, the HTML report and summary.json, from the stored series.
extension Sentry {
  public struct ProjectFigures: Equatable, Sendable {
    public var project: String
    public var newestDay: Day
    /// Accepted error events (what the project's issues count), last 7 and 30 days.
    public var lastWeek: Int64
    public var lastMonth: Int64
    /// The 7 days before `lastWeek`; nil unless all of them are held.
    public var previousWeek: Int64?
    /// Events Sentry dropped over the last 30 days: filtered (inbound filters), rate-limited
    /// (quota or spike protection), and every other outcome together.
    public var filtered: Int64
    public var rateLimited: Int64
    public var otherDropped: Int64
    public var daily: [Day: Int64]
  }

  public static func figures(_ series: Series, asOf: Day) -> ProjectFigures? {
    let accepted = series.values(eventsDimension, "accepted").filter { $0.key <= asOf }
    guard let newest = accepted.keys.max() else { return nil }
    func sum(_ values: [Day: Int64], _ last: Day, _ n: Int) -> (Int64, Int) {
      let days = (last.adding(days: -(n - 1))...last).days.filter { values[$0] != nil }
      return (days.reduce(0) { $0 + (values[$1] ?? 0) }, days.count)
    }
    var filtered: Int64 = 0, limited: Int64 = 0, other: Int64 = 0
    let month = newest.adding(days: -29)...newest
    for (key, point) in series.points where key.dimension == eventsDimension && month.contains(key.date) {
      switch key.category {
      case "accepted", "all": break
      case "filtered": filtered += point.downloads
      case "rate_limited": limited += point.downloads
      default: other += point.downloads
      }
    }
    let previous = sum(accepted, newest.adding(days: -7), 7)
    return ProjectFigures(
      project: series.package, newestDay: newest, lastWeek: sum(accepted, newest, 7).0, lastMonth: sum(accepted, newest, 30).0,
      previousWeek: previous.1 == 7 ? previous.0 : nil, filtered: filtered, rateLimited: limited, otherDropped: other, daily: accepted)
  }

  public static func reportSection(_ projects: [ProjectFigures]) -> String {
    guard !projects.isEmpty else { return "" }
    var lines = [
      "## Errors (Sentry)", "",
      "| project | newest day | errors, last 7 days | change vs the 7 days before | errors, last 30 days | errors per day, last 30 days | filtered | rate-limited | other dropped |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in projects {
      lines.append(
        "| \(Markdown.text(p.project)) | \(p.newestDay) | \(NumberFormat.grouped(p.lastWeek)) | \(Plausible.change(p.lastWeek, p.previousWeek) ?? "–") | \(NumberFormat.grouped(p.lastMonth)) | \(CanonicalJSON.number((Double(p.lastMonth) / 30 * 10).rounded() / 10)) | \(NumberFormat.grouped(p.filtered)) | \(NumberFormat.grouped(p.rateLimited)) | \(NumberFormat.grouped(p.otherDropped)) |")
    }
    lines += [
      "",
      "Errors are the events Sentry accepted (category `error`); filtered and rate-limited ones were dropped before they became issues. The rate is errors per day: release-health sessions are not read yet, so there is no per-1,000-sessions rate.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  public static func summary(_ projects: [ProjectFigures]) -> JSONValue {
    var out: [String: JSONValue] = [:]
    for p in projects {
      out[p.project] = .object([
        "newest_day": .string(p.newestDay.description), "errors_last_7_days": .int(p.lastWeek), "errors_last_30_days": .int(p.lastMonth),
        "errors_previous_7_days": p.previousWeek.map { .int($0) } ?? .null, "filtered_last_30_days": .int(p.filtered),
        "rate_limited_last_30_days": .int(p.rateLimited), "other_dropped_last_30_days": .int(p.otherDropped),
        "rate": .string("errors per day"),
      ])
    }
    return .object(["projects": .object(out)])
  }

  public static func siteSection(_ projects: [ProjectFigures]) -> Site.Section {
    guard !projects.isEmpty else { return Site.Section() }
    var html = ""
    var section = Site.Section()
    for p in projects {
      let range = p.newestDay.adding(days: -89)...p.newestDay
      html += "<h3>\(HTML.escape(p.project))</h3>\n<p>\(HTML.escape(NumberFormat.grouped(p.lastMonth))) errors accepted in the last 30 days; \(HTML.escape(NumberFormat.grouped(p.filtered + p.rateLimited + p.otherDropped))) dropped by filters and limits.</p>\n"
      html += DailySeriesChart(title: "Daily errors of \(p.project)", unit: "errors", series: DailySeries(values: p.daily.filter { range.contains($0.key) })).render().html()
      if let row = Site.Coverage(source: Sentry.source, subject: p.project, days: p.daily.keys) { section.coverage.append(row) }
    }
    if let main = projects.first {
      section.figures.append(Site.Figure("\(main.project): errors, last 30 days", NumberFormat.metric(main.lastMonth), note: "accepted by Sentry"))
    }
    section.panels = [Site.Panel(.errors, html)]
    return section
  }
}
