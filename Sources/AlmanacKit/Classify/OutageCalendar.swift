/// Known upstream outages and stalls (pypi-notes.md §1.5, §2.7, §3.6): days whose numbers are
/// wrong upstream. The classify stage annotates them and keeps them out of trend baselines; it
/// never raises an alarm for them. Add new windows by hand, with the issue that reports them.
public enum OutageCalendar {
  public struct Window: Equatable, Sendable {
    /// Sources whose numbers the window affects (`pypistats`, `pypi`, `github-events`).
    public var sources: [String]
    public var first: Day
    public var last: Day
    public var note: String

    public func contains(_ day: Day) -> Bool { first <= day && day <= last }
  }

  static func window(_ sources: [String], _ first: String, _ last: String, _ note: String) -> Window {
    // The literals below are valid dates; a typo would show up as a 1970 window in the tests.
    Window(sources: sources, first: Day(first) ?? Day(ordinal: 0), last: Day(last) ?? Day(ordinal: 0), note: note)
  }

  static let linehaul = ["pypistats", "pypi"]

  public static let known: [Window] = [
    window(["pypistats"], "2019-12-24", "2019-12-31", "pypistats.org missing days, back-filled later (psf/pypistats.org#24)"),
    window(["pypistats"], "2020-04-08", "2020-04-08", "pypistats.org zero day (psf/pypistats.org#29)"),
    window(["pypistats"], "2020-07-18", "2020-08-31", "pypistats.org zero days, then no data for weeks (hugovk/pypistats#131)"),
    window(linehaul, "2021-03-22", "2021-04-30", "BigQuery downloads table stopped; switch to file_downloads (psf/pypistats.org#34)"),
    window(linehaul, "2021-11-24", "2021-12-05", "PyPI/linehaul incident, all projects dropped (pypi/warehouse#10441)"),
    window(linehaul, "2024-06-18", "2024-06-20", "upstream missing data, not back-filled on pypistats.org (psf/pypistats.org#67)"),
    window(["pypistats"], "2024-10-26", "2024-10-27", "pypistats.org two days behind (psf/pypistats.org#75)"),
    window(["github-events"], "2025-06-12", "2025-07-31", "play github_events stopped importing for weeks (ClickHouse#82875, #85321)"),
    window(["github-events"], "2025-10-09", "2025-10-14", "GH Archive volume fell about 100x (igrigorik/gharchive.org#312)"),
    window(["pypi"], "2025-12-04", "2025-12-15", "ClickPy stalled (ClickHouse/clickpy#183)"),
    window(["pypi"], "2026-01-07", "2026-01-07", "ClickPy stall began; end not recorded, extend by hand (ClickHouse/clickpy#188)"),
    window(["pypi"], "2026-07-01", "2026-07-13", "ClickPy stalled (ClickHouse/clickpy#225)"),
    window(["pypi"], "2026-07-20", "2026-07-20", "ClickPy stall began; end not recorded, extend by hand (ClickHouse/clickpy#241)"),
  ]

  /// The windows that cover `day` for `source`.
  public static func windows(on day: Day, source: String, calendar: [Window] = known) -> [Window] {
    calendar.filter { $0.sources.contains(source) && $0.contains(day) }
  }
}
