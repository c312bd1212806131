/// The usage part of REPORT.md, the HTML report and summary.json, from the stored aggregates.
extension Usage {
  public struct Figures: Sendable {
    public var newestDay: Day
    public var lastWeek: Int
    public var previousWeek: Int?
    public var successesLastWeek: Int
    public var installationsNewestDay: Int
    /// The newest day's feature cells, most used first.
    public var features: [UsageDaily.Row]
    /// Error types over the last 30 days (events), most frequent first.
    public var errors: [(type: String, events: Int)]
    /// The newest day's Python versions by installations.
    public var pythons: [UsageDaily.Row]
    public var acceptedLast30Nights: Int
    public var withoutConsentLast30Nights: Int
    public var invalidLast30Nights: Int
    public var daily: [Day: Int64]
  }

  /// The figures as of a night: its own day is still counting (the collector has part of it),
  /// so the newest complete day is the one before.
  public static func figures(_ daily: UsageDaily, intake: UsageIntake, asOf: Day) -> Figures? {
    let rows = daily.rows.filter { $0.date < asOf }
    let all = rows.filter { $0.dimension == "all" }
    guard let newest = all.map(\.date).max() else { return nil }
    func sum(_ range: ClosedRange<Day>, _ value: (UsageDaily.Row) -> Int) -> (Int, Int) {
      let inside = all.filter { range.contains($0.date) }
      return (inside.reduce(0) { $0 + value($1) }, inside.count)
    }
    let week = newest.adding(days: -6)...newest
    let before = sum(newest.adding(days: -13)...newest.adding(days: -7), \.events)
    var errors: [String: Int] = [:]
    for r in rows where r.dimension == "error_type" && r.date > newest.adding(days: -30) { errors[r.category, default: 0] += r.events }
    let nights = intake.rows.filter { $0.night <= asOf && $0.night > asOf.adding(days: -30) }
    let newestRows = rows.filter { $0.date == newest }
    let byUse: (UsageDaily.Row, UsageDaily.Row) -> Bool = { ($1.events, $0.category) < ($0.events, $1.category) }
    return Figures(
      newestDay: newest, lastWeek: sum(week, \.events).0, previousWeek: before.1 == 7 ? before.0 : nil, successesLastWeek: sum(week, \.successes).0,
      installationsNewestDay: newestRows.first { $0.dimension == "all" }?.installations ?? 0,
      features: newestRows.filter { $0.dimension == "feature" }.sorted(by: byUse),
      errors: errors.map { ($0.key, $0.value) }.sorted { ($1.events, $0.type) < ($0.events, $1.type) },
      pythons: newestRows.filter { $0.dimension == "python_version" }.sorted { ($1.installations, $0.category) < ($0.installations, $1.category) },
      acceptedLast30Nights: nights.reduce(0) { $0 + $1.accepted }, withoutConsentLast30Nights: nights.reduce(0) { $0 + $1.withoutConsent },
      invalidLast30Nights: nights.reduce(0) { $0 + $1.invalid }, daily: all.reduce(into: [:]) { $0[$1.date] = Int64($1.events) })
  }

  public static func rate(_ successes: Int, _ events: Int) -> String {
    events == 0 ? "–" : CanonicalJSON.number((Double(successes) / Double(events) * 1000).rounded() / 10) + "%"
  }

  public static func ms(_ v: Int64?) -> String { v.map { NumberFormat.grouped($0) + " ms" } ?? "–" }

  public static func reportSection(_ f: Figures, minGroupSize: Int) -> String {
    var lines = [
      "## Usage (opt-in events)", "",
      "| newest complete day | events, last 7 days | change vs the 7 days before | success rate, last 7 days | installations, newest day |",
      "|---|---:|---:|---:|---:|",
      "| \(f.newestDay) | \(NumberFormat.grouped(Int64(f.lastWeek))) | \(Plausible.change(Int64(f.lastWeek), f.previousWeek.map(Int64.init)) ?? "–") | \(rate(f.successesLastWeek, f.lastWeek)) | \(NumberFormat.grouped(Int64(f.installationsNewestDay))) |",
      "", "Features on \(f.newestDay):", "",
      "| feature | events | installations | success rate | duration p50 | duration p95 |", "|---|---:|---:|---:|---:|---:|",
    ]
    for r in f.features.prefix(15) {
      lines.append("| \(Markdown.text(r.category)) | \(NumberFormat.grouped(Int64(r.events))) | \(NumberFormat.grouped(Int64(r.installations))) | \(rate(r.successes, r.events)) | \(ms(r.p50)) | \(ms(r.p95)) |")
    }
    if !f.errors.isEmpty {
      lines += ["", "| error type, last 30 days | events |", "|---|---:|"]
      lines += f.errors.prefix(10).map { "| \(Markdown.text($0.type)) | \(NumberFormat.grouped(Int64($0.events))) |" }
    }
    if !f.pythons.isEmpty {
      lines += ["", "Python versions on \(f.newestDay): " + f.pythons.prefix(8).map { "\(Markdown.text($0.category)) \(NumberFormat.grouped(Int64($0.installations)))" }.joined(separator: ", ") + " installations."]
    }
    lines += [
      "",
      "Only events sent with consent are counted: in the last 30 nights \(NumberFormat.grouped(Int64(f.acceptedLast30Nights))) were read with consent, \(NumberFormat.grouped(Int64(f.withoutConsentLast30Nights))) without it (dropped unread) and \(NumberFormat.grouped(Int64(f.invalidLast30Nights))) were invalid. A feature, error type or version seen from fewer than \(minGroupSize) installations in a day is counted under `other`. Durations are \(percentileMethod), per day.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  public static func summary(_ f: Figures, minGroupSize: Int) -> JSONValue {
    var features: [String: JSONValue] = [:]
    for r in f.features {
      features[r.category] = .object([
        "events": .int(Int64(r.events)), "installations": .int(Int64(r.installations)), "successes": .int(Int64(r.successes)),
        "duration_p50_ms": r.p50.map { .int($0) } ?? .null, "duration_p95_ms": r.p95.map { .int($0) } ?? .null,
      ])
    }
    var errors: [String: JSONValue] = [:]
    for e in f.errors { errors[e.type] = .int(Int64(e.events)) }
    return .object([
      "newest_day": .string(f.newestDay.description), "events_last_7_days": .int(Int64(f.lastWeek)),
      "events_previous_7_days": f.previousWeek.map { .int(Int64($0)) } ?? .null, "successes_last_7_days": .int(Int64(f.successesLastWeek)),
      "installations_newest_day": .int(Int64(f.installationsNewestDay)), "features_newest_day": .object(features),
      "error_types_last_30_days": .object(errors), "accepted_last_30_nights": .int(Int64(f.acceptedLast30Nights)),
      "without_consent_last_30_nights": .int(Int64(f.withoutConsentLast30Nights)), "invalid_last_30_nights": .int(Int64(f.invalidLast30Nights)),
      "min_group_size": .int(Int64(minGroupSize)), "percentiles": .string(percentileMethod),
    ])
  }

  public static func siteSection(_ f: Figures) -> Site.Section {
    var html = "<p>\(HTML.escape(NumberFormat.grouped(Int64(f.lastWeek)))) opt-in events in the 7 days to \(f.newestDay), \(HTML.escape(rate(f.successesLastWeek, f.lastWeek))) successful.</p>\n"
    let range = f.newestDay.adding(days: -89)...f.newestDay
    html += DailySeriesChart(title: "Daily usage events", unit: "events", series: DailySeries(values: f.daily.filter { range.contains($0.key) })).render().html()
    html += "<table>\n<tr><th>feature</th><th>events</th><th>success rate</th><th>p50</th><th>p95</th></tr>\n"
    for r in f.features.prefix(15) {
      html += "<tr><td>\(HTML.escape(r.category))</td><td>\(r.events)</td><td>\(HTML.escape(rate(r.successes, r.events)))</td><td>\(HTML.escape(ms(r.p50)))</td><td>\(HTML.escape(ms(r.p95)))</td></tr>\n"
    }
    return Site.Section(panels: [Site.Panel(.usage, html + "</table>\n")])
  }
}
