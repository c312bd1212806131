/// The Plausible part of REPORT.md, the HTML report and summary.json, from the stored series
/// alone.
extension Plausible {
  /// A period's figures for one site. Visitors are the sum of daily visitors (Plausible's
  /// unique visitors over a period are not the sum, and are not stored); duration and bounce
  /// rate are weighted by each day's visits.
  public struct Period: Equatable, Sendable {
    public var days: Int
    public var visitors: Int64
    public var visits: Int64
    public var pageviews: Int64
    /// Seconds per visit, weighted by visits; nil without visits.
    public var visitDuration: Double?
    /// Percent of visits, weighted by visits; nil without visits.
    public var bounceRate: Double?
  }

  public struct SiteFigures: Equatable, Sendable {
    public var site: String
    public var newestDay: AlmanacKit.Day
    public var lastWeek: Period
    public var lastMonth: Period
    /// The 30 days before `lastMonth`, for the change; nil when not all of them are held.
    public var previousMonth: Period?
    /// Visitors per page and per country over the last 30 days, most first.
    public var topPages: [(page: String, visitors: Int64, pageviews: Int64)]
    public var topCountries: [(country: String, visitors: Int64)]
    public var dailyVisitors: [AlmanacKit.Day: Int64]

    public static func == (a: SiteFigures, b: SiteFigures) -> Bool {
      a.site == b.site && a.newestDay == b.newestDay && a.lastWeek == b.lastWeek && a.lastMonth == b.lastMonth
        && a.previousMonth == b.previousMonth && a.topPages.map(\.page) == b.topPages.map(\.page) && a.topCountries.map(\.country) == b.topCountries.map(\.country)
    }
  }

  /// The figures of one site's series as of `asOf` (the newest day held at or before it).
  public static func figures(_ series: Series, asOf: AlmanacKit.Day) -> SiteFigures? {
    let visitors = series.values(siteDimension, "visitors").filter { $0.key <= asOf }
    guard let newest = visitors.keys.max() else { return nil }
    let visits = series.values(siteDimension, "visits"), pageviews = series.values(siteDimension, "pageviews")
    let duration = series.values(siteDimension, "visit_duration_ms"), bounce = series.values(siteDimension, "bounce_rate_bp")
    func period(_ last: AlmanacKit.Day, _ n: Int) -> Period? {
      let days = (last.adding(days: -(n - 1))...last).days.filter { visitors[$0] != nil }
      guard !days.isEmpty else { return nil }
      let v = days.reduce(Int64(0)) { $0 + (visits[$1] ?? 0) }
      func weighted(_ values: [AlmanacKit.Day: Int64], _ unit: Double) -> Double? {
        v == 0 ? nil : days.reduce(0.0) { $0 + Double(values[$1] ?? 0) / unit * Double(visits[$1] ?? 0) } / Double(v)
      }
      return Period(
        days: days.count, visitors: days.reduce(0) { $0 + (visitors[$1] ?? 0) }, visits: v, pageviews: days.reduce(0) { $0 + (pageviews[$1] ?? 0) },
        visitDuration: weighted(duration, 1000), bounceRate: weighted(bounce, 100))
    }
    let month = (newest.adding(days: -29))...newest
    var pages: [String: (Int64, Int64)] = [:]
    var countries: [String: Int64] = [:]
    for (key, point) in series.points where month.contains(key.date) {
      switch key.dimension {
      case pageVisitorsDimension: pages[key.category, default: (0, 0)].0 += point.downloads
      case pagePageviewsDimension: pages[key.category, default: (0, 0)].1 += point.downloads
      case countryVisitorsDimension: countries[key.category, default: 0] += point.downloads
      default: break
      }
    }
    let previous = period(newest.adding(days: -30), 30)
    return SiteFigures(
      site: series.package, newestDay: newest, lastWeek: period(newest, 7)!, lastMonth: period(newest, 30)!,
      previousMonth: previous?.days == 30 ? previous : nil,
      topPages: pages.map { (page: $0.key, visitors: $0.value.0, pageviews: $0.value.1) }.sorted { ($1.visitors, $0.page) < ($0.visitors, $1.page) },
      topCountries: countries.map { (country: $0.key, visitors: $0.value) }.sorted { ($1.visitors, $0.country) < ($0.visitors, $1.country) },
      dailyVisitors: visitors)
  }

  static func change(_ now: Int64, _ before: Int64?) -> String? {
    guard let before, before > 0 else { return nil }
    let pct = (Double(now) - Double(before)) / Double(before) * 100
    return (pct >= 0 ? "+" : "−") + CanonicalJSON.number((abs(pct) * 10).rounded() / 10) + "%"
  }

  static func seconds(_ s: Double?) -> String {
    guard let s else { return "–" }
    let whole = Int(s.rounded())
    return whole >= 60 ? "\(whole / 60) min \(whole % 60) s" : "\(whole) s"
  }

  static func percent(_ p: Double?) -> String { p.map { CanonicalJSON.number(($0 * 10).rounded() / 10) + "%" } ?? "–" }

  /// `## Documentation site (Plausible)`: a row per site, then each site's top pages and
  /// countries.
  public static func reportSection(_ sites: [SiteFigures]) -> String {
    guard !sites.isEmpty else { return "" }
    var lines = [
      "## Documentation site (Plausible)", "",
      "| site | newest day | visitors, last 7 days | visitors, last 30 days | change vs the 30 days before | pageviews, last 30 days | visit duration | bounce rate |",
      "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sites {
      let m = s.lastMonth
      lines.append(
        "| \(Markdown.text(s.site)) | \(s.newestDay) | \(NumberFormat.grouped(s.lastWeek.visitors)) | \(NumberFormat.grouped(m.visitors)) | \(change(m.visitors, s.previousMonth?.visitors) ?? "–") | \(NumberFormat.grouped(m.pageviews)) | \(seconds(m.visitDuration)) | \(percent(m.bounceRate)) |")
    }
    for s in sites where !s.topPages.isEmpty || !s.topCountries.isEmpty {
      lines += ["", "Top pages of \(Markdown.text(s.site)), last 30 days: " + (s.topPages.isEmpty ? "none recorded" : s.topPages.prefix(5).map { "\(Markdown.text($0.page)) (\(NumberFormat.grouped($0.visitors)))" }.joined(separator: ", ")) + "."]
      if !s.topCountries.isEmpty {
        lines.append("Countries: " + s.topCountries.prefix(5).map { "\(Markdown.text($0.country)) (\(NumberFormat.grouped($0.visitors)))" }.joined(separator: ", ") + ".")
      }
    }
    lines += ["", "Visitors over a period are the sum of daily visitors (a person on two days counts twice); visit duration and bounce rate are weighted by visits."]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The `plausible` key of summary.json.
  public static func summary(_ sites: [SiteFigures]) -> JSONValue {
    func period(_ p: Period) -> JSONValue {
      .object([
        "days": .int(Int64(p.days)), "visitors": .int(p.visitors), "visits": .int(p.visits), "pageviews": .int(p.pageviews),
        "visit_duration_seconds": p.visitDuration.map { .double(($0 * 10).rounded() / 10) } ?? .null,
        "bounce_rate_percent": p.bounceRate.map { .double(($0 * 10).rounded() / 10) } ?? .null,
      ])
    }
    var out: [String: JSONValue] = [:]
    for s in sites {
      out[s.site] = .object([
        "newest_day": .string(s.newestDay.description), "last_7_days": period(s.lastWeek), "last_30_days": period(s.lastMonth),
        "previous_30_days": s.previousMonth.map(period) ?? .null,
        "top_pages": .array(s.topPages.prefix(10).map { .object(["page": .string($0.page), "visitors": .int($0.visitors), "pageviews": .int($0.pageviews)]) }),
        "top_countries": .array(s.topCountries.prefix(10).map { .object(["country": .string($0.country), "visitors": .int($0.visitors)]) }),
      ])
    }
    return .object(["sites": .object(out)])
  }

  /// The HTML report's section: per site a daily visitors chart, its top pages and a map.
  public static func siteSection(_ sites: [SiteFigures]) -> Site.Section {
    guard !sites.isEmpty else { return Site.Section() }
    var html = ""
    var section = Site.Section()
    for s in sites {
      let range = s.newestDay.adding(days: -364)...s.newestDay
      html += "<h3>\(HTML.escape(s.site))</h3>\n"
      html += "<p>\(HTML.escape(NumberFormat.grouped(s.lastMonth.visitors))) visitors in the last 30 days (\(HTML.escape(NumberFormat.grouped(s.lastMonth.pageviews))) pageviews; visit duration \(HTML.escape(seconds(s.lastMonth.visitDuration))), bounce rate \(HTML.escape(percent(s.lastMonth.bounceRate))), weighted by visits).</p>\n"
      html += DailySeriesChart(title: "Daily visitors of \(s.site)", unit: "visitors", series: DailySeries(values: s.dailyVisitors.filter { range.contains($0.key) })).render().html()
      if !s.topPages.isEmpty {
        html += ShareChart(title: "Top pages of \(s.site), last 30 days", unit: "visitors", shares: s.topPages.map { (label: $0.page, value: $0.visitors) }).render().html()
      }
      if !s.topCountries.isEmpty {
        html += TileMap(title: "Visitors of \(s.site) by country, last 30 days", unit: "visitors", values: Dictionary(s.topCountries.map { ($0.country, $0.visitors) }, uniquingKeysWith: +)).render().html()
      }
      if let row = Site.Coverage(source: Plausible.source, subject: s.site, days: s.dailyVisitors.keys) { section.coverage.append(row) }
    }
    if let main = sites.first {
      section.figures.append(Site.Figure("\(main.site): visitors, last 30 days", NumberFormat.metric(main.lastMonth.visitors), note: "\(NumberFormat.grouped(main.lastMonth.pageviews)) pageviews"))
    }
    section.panels = [Site.Panel(.docs, html)]
    return section
  }
}
