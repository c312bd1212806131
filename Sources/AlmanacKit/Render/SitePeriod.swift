extension Site {
  /// The period switch, without JavaScript: the page body sits in five nested `<div>`s with the
  /// ids `p7`, `p30`, `p90`, `p365`, `pall`, and the header links to them. Whichever one the URL
  /// names is CSS's `:target`, and that decides which drawing of each period chart shows (the
  /// last 365 days when none is named). Print shows the default drawing.
  public enum Period: CaseIterable, Sendable {
    case days7, days30, days90, days365, all

    /// Shown when the URL names no period.
    public static let standard = Period.days365

    public var id: String {
      switch self {
      case .days7: "p7"
      case .days30: "p30"
      case .days90: "p90"
      case .days365: "p365"
      case .all: "pall"
      }
    }

    var cls: String { "v" + id.dropFirst() }

    public var days: Int? {
      switch self {
      case .days7: 7
      case .days30: 30
      case .days90: 90
      case .days365: 365
      case .all: nil
      }
    }

    var label: String { days.map { "\($0) days" } ?? "all" }

    /// The days this period shows of data held from `first` to `last`.
    public func range(first: Day, last: Day) -> ClosedRange<Day> {
      guard let days else { return first...last }
      return max(first, last.adding(days: 1 - days))...last
    }

    static func wrap(_ body: String) -> String {
      allCases.map { "<div id=\"\($0.id)\">" }.joined() + "\n" + body + String(repeating: "</div>", count: allCases.count) + "\n"
    }

    static func nav() -> String {
      "<nav class=\"periods\" aria-label=\"Period\">Period: " + allCases.map { p in
        "<a href=\"#\(p.id)\"\(p == standard ? " class=\"df\"" : "")>\(p.label)</a>"
      }.joined(separator: " ") + "</nav>\n"
    }

    static var css: String {
      let others = allCases.filter { $0 != standard }
      return ".pv{display:none}.pv.\(standard.cls){display:block}"
        + others.map { "#\($0.id):target .pv.\(standard.cls)" }.joined(separator: ",") + "{display:none}"
        + allCases.map { "#\($0.id):target .pv.\($0.cls)" }.joined(separator: ",") + "{display:block}"
        + others.map { "#\($0.id):target .periods a.df" }.joined(separator: ",") + "{font-weight:400;text-decoration:underline}"
        + allCases.map { "#\($0.id):target .periods a[href=\"#\($0.id)\"]" }.joined(separator: ",") + "{font-weight:700;text-decoration:none}"
    }

    /// A chart drawn for every period: each distinct range once, in a `<div>` whose classes name
    /// every period that shows it. `make` gets the range and words for it (`last 30 days`, `all
    /// 3,650 days from 2016-11-25, monthly sums`).
    public static func charts(first: Day, last: Day, _ make: (ClosedRange<Day>, String) -> RenderedChart) -> String {
      var groups: [(range: ClosedRange<Day>, periods: [Period])] = []
      for p in allCases {
        let r = p.range(first: first, last: last)
        if let i = groups.firstIndex(where: { $0.range == r }) { groups[i].periods.append(p) } else { groups.append((r, [p])) }
      }
      return groups.map { g in
        let words = g.range.lowerBound == first ? "all \(NumberFormat.grouped(Int64(g.range.upperBound - first + 1))) days from \(first)" : "last \(g.range.upperBound - g.range.lowerBound + 1) days"
          + (ChartResolution.of(g.range).sums.map { ", \($0)" } ?? "")
        let classes = g.periods.map(\.cls).joined(separator: " ")
        return "<div class=\"pv \(classes)\">" + make(g.range, words).html() + "</div>\n"
      }.joined()
    }
  }
}
