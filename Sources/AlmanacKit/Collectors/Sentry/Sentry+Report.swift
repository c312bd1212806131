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
    /// New and resolved issues over the last 30 days; nil when no issue counts are held there.
    public var newIssues: Int64?
    public var resolvedIssues: Int64?
    /// Release-health sessions and accepted errors over the last 30 days' days that hold both;
    /// nil when no session was counted there (the rate is then errors per day).
    public var sessions: Int64?
    public var errorsWithSessions: Int64?

    /// Errors per 1,000 sessions when sessions are held, else nil.
    public var errorsPer1000Sessions: Double? {
      guard let sessions, let errorsWithSessions, sessions > 0 else { return nil }
      return Double(errorsWithSessions) / Double(sessions) * 1000
    }

    /// The rate the report shows, and its unit.
    public var rate: (value: Double, unit: String) {
      if let r = errorsPer1000Sessions { return ((r * 100).rounded() / 100, "errors per 1,000 sessions") }
      return ((Double(lastMonth) / 30 * 10).rounded() / 10, "errors per day")
    }
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
    var figures = ProjectFigures(
      project: series.package, newestDay: newest, lastWeek: sum(accepted, newest, 7).0, lastMonth: sum(accepted, newest, 30).0,
      previousWeek: previous.1 == 7 ? previous.0 : nil, filtered: filtered, rateLimited: limited, otherDropped: other, daily: accepted)
    let new = series.values(issuesDimension, "new").filter { month.contains($0.key) }
    let resolved = series.values(issuesDimension, "resolved").filter { month.contains($0.key) }
    if !new.isEmpty || !resolved.isEmpty {
      figures.newIssues = new.values.reduce(0, +)
      figures.resolvedIssues = resolved.values.reduce(0, +)
    }
    let sessions = series.values(sessionsDimension, "all").filter { month.contains($0.key) && accepted[$0.key] != nil }
    let counted = sessions.values.reduce(0, +)
    if counted > 0 {
      figures.sessions = counted
      figures.errorsWithSessions = sessions.keys.reduce(0) { $0 + (accepted[$1] ?? 0) }
    }
    return figures
  }

  static func optional(_ n: Int64?) -> String { n.map(NumberFormat.grouped) ?? "–" }

  public static func reportSection(_ projects: [ProjectFigures]) -> String {
    guard !projects.isEmpty else { return "" }
    var lines = [
      "## Errors (Sentry)", "",
      "| project | newest day | errors, last 7 days | change vs the 7 days before | errors, last 30 days | error rate, last 30 days | new issues, last 30 days | resolved issues, last 30 days | filtered | rate-limited | other dropped |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in projects {
      let rate = p.rate
      lines.append(
        "| \(Markdown.text(p.project)) | \(p.newestDay) | \(NumberFormat.grouped(p.lastWeek)) | \(Plausible.change(p.lastWeek, p.previousWeek) ?? "–") | \(NumberFormat.grouped(p.lastMonth)) | \(CanonicalJSON.number(rate.value)) \(rate.unit) | \(optional(p.newIssues)) | \(optional(p.resolvedIssues)) | \(NumberFormat.grouped(p.filtered)) | \(NumberFormat.grouped(p.rateLimited)) | \(NumberFormat.grouped(p.otherDropped)) |")
    }
    let withSessions = projects.filter { $0.errorsPer1000Sessions != nil }.map(\.project)
    let rateNote: String
    switch withSessions.count {
    case projects.count: rateNote = "The error rate is errors per 1,000 release-health sessions, over the days that hold both."
    case 0: rateNote = "The error rate is errors per day: no release-health sessions are held (the project sends none, or the token lacks `event:read`)."
    default: rateNote = "The error rate is errors per 1,000 release-health sessions for \(withSessions.map(Markdown.text).joined(separator: ", ")), and errors per day for the others (no sessions held)."
    }
    lines += [
      "",
      "Errors are the events Sentry accepted (category `error`); filtered and rate-limited ones were dropped before they became issues. \(rateNote) New issues are counted by first seen, resolved ones by when they were resolved; `–` means no issue counts are held (the token may not read them).",
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
        "rate": .string(p.rate.unit), "rate_value": .double(p.rate.value),
        "errors_per_1000_sessions_last_30_days": p.errorsPer1000Sessions.map { .double(($0 * 100).rounded() / 100) } ?? .null,
        "sessions_last_30_days": p.sessions.map { .int($0) } ?? .null,
        "new_issues_last_30_days": p.newIssues.map { .int($0) } ?? .null,
        "resolved_issues_last_30_days": p.resolvedIssues.map { .int($0) } ?? .null,
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
      let rate = p.rate
      let issues = p.newIssues.map { "; \(NumberFormat.grouped($0)) new and \(NumberFormat.grouped(p.resolvedIssues ?? 0)) resolved issues" } ?? ""
      html += "<h3>\(HTML.escape(p.project))</h3>\n<p>\(HTML.escape(NumberFormat.grouped(p.lastMonth))) errors accepted in the last 30 days (\(HTML.escape(CanonicalJSON.number(rate.value))) \(HTML.escape(rate.unit)))\(HTML.escape(issues)); \(HTML.escape(NumberFormat.grouped(p.filtered + p.rateLimited + p.otherDropped))) dropped by filters and limits.</p>\n"
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
