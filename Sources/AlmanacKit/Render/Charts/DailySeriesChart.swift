/// Bars per day with a trailing 7-day mean line. Holes are grey gaps labelled "no data" and
/// break the mean; provisional days are lighter bars; releases are dashed vertical lines and
/// upstream outages a band along the top. Past about a year (`ChartResolution`) a bar is a
/// calendar week's or month's sum of its known days: a period with no known day is a gap, one
/// with only some days known (or cut by the range) an outlined "partial" bar, and the legend
/// and table say "weekly sums" or "monthly sums". Ten years stay a few kilobytes.
public struct DailySeriesChart: Sendable {
  public var title: String
  /// What one day counts, for the legend and the table: `downloads`, `views`.
  public var unit: String
  public var series: DailySeries
  /// The days shown; nil: the series' first to last day.
  public var range: ClosedRange<Day>?
  public var releases: [ChartMarker] = []
  public var outages: [ChartMarker] = []
  public var scale: ValueScale.Choice = .auto
  /// Where every day's value is kept, said under a table that shows weeks or months
  /// (`stats/series/pypistats/tidewater.csv`).
  public var dailySource: String?

  public init(title: String, unit: String, series: DailySeries, range: ClosedRange<Day>? = nil,
              releases: [ChartMarker] = [], outages: [ChartMarker] = [], scale: ValueScale.Choice = .auto, dailySource: String? = nil) {
    self.title = title
    self.unit = unit
    self.series = series
    self.range = range
    self.releases = releases
    self.outages = outages
    self.scale = scale
    self.dailySource = dailySource
  }

  /// One bar: a day, or a calendar week or month cut to the range.
  struct Bucket {
    var first: Day
    var last: Day
    /// Days of the whole calendar period (1, 7, 28…31).
    var days: Int
    var known = 0
    var sum: Int64 = 0
    var provisional = false
    /// The trailing 7-day mean at the day (daily buckets only).
    var mean: Double?

    var value: Int64? { known == 0 ? nil : sum }
    var partial: Bool { known > 0 && known < days }
  }

  func buckets(_ range: ClosedRange<Day>, _ resolution: ChartResolution) -> [Bucket] {
    resolution.periods(range).map { p in
      var b = Bucket(first: max(p.lowerBound, range.lowerBound), last: min(p.upperBound, range.upperBound), days: p.upperBound - p.lowerBound + 1)
      for d in (b.first...b.last).days {
        guard let v = series.value(d) else { continue }
        b.sum += v
        b.known += 1
        b.provisional = b.provisional || series.provisional.contains(d)
      }
      if resolution == .day { b.mean = series.mean7(b.first) }
      return b
    }
  }

  public func render() -> RenderedChart {
    ChartTimer.measure("daily", title) { draw() }
  }

  func draw() -> RenderedChart {
    guard let range = range ?? series.first.flatMap({ f in series.last.map { f...$0 } }) else {
      return SVG.empty("daily", title: title)
    }
    let left = 56.0, right = SVG.width - 12, top = 30.0, bottom = SVG.height - 48
    let plotH = bottom - top
    let axis = TimeAxis(first: range.lowerBound, last: range.upperBound, left: left, width: right - left)
    let resolution = ChartResolution.of(range)
    let buckets = buckets(range, resolution)
    let values = buckets.compactMap { $0.value.map(Double.init) } + buckets.compactMap(\.mean)
    let scale = ValueScale.choose(values, scale == .auto ? ValueScale.typical(values) : scale)
    func y(_ v: Double) -> Double { bottom - scale.fraction(v) * plotH }
    var out = SVG.open("daily", title: title)
    out += scale.svg(left: left, right: right, top: top, height: plotH)
    out += axis.svg(baseline: bottom)
    var gaps: [(Day, Day)] = []
    for b in buckets where b.value == nil {
      if let g = gaps.last, g.1.adding(days: 1) == b.first { gaps[gaps.count - 1].1 = b.last } else { gaps.append((b.first, b.last)) }
    }
    for g in gaps {
      let x0 = axis.x(g.0), x1 = axis.x(g.1.adding(days: 1))
      out += SVG.rect(x0, top, x1 - x0, plotH, cls: "gp", title: "no data \(g.0) to \(g.1)")
      if x1 - x0 > 44 { out += SVG.text("no data", x: (x0 + x1) / 2, y: top + plotH / 2, cls: "gt", anchor: "middle") }
    }
    let bars = bars(buckets, axis: axis, bottom: bottom, y: { y(Double($0)) }, visible: { scale.fraction(Double($0)) > 0 })
    for (cls, pen) in [("b", bars.solid), ("bp", bars.light), ("bq", bars.partial)] where !pen.isEmpty {
      out += "<path class=\"\(cls)\" d=\"\(pen.d)\"/>"
    }
    var line = PathPen(), pen = false
    for b in buckets {
      guard let m = b.mean else { pen = false; continue }
      let x = axis.x(b.first) + axis.slot / 2
      if pen { line.line(x, y(m)) } else { line.move(x, y(m)) }
      pen = true
    }
    if !line.isEmpty { out += "<path class=\"mn\" d=\"\(line.d)\"/>" }
    let shownOutages = outages.filter { $0.first <= range.upperBound && range.lowerBound <= $0.last }
    for o in shownOutages {
      let x0 = axis.x(max(o.first, range.lowerBound)), x1 = axis.x(min(o.last, range.upperBound).adding(days: 1))
      out += SVG.rect(x0, top - 6, max(2, x1 - x0), 5, cls: "ou", title: "upstream outage \(o.first) to \(o.last): \(o.label)")
    }
    let shownReleases = releases.filter { range.contains($0.first) }
    out += SVG.releaseLines(shownReleases.map { ($0, axis.x($0.first) + axis.slot / 2) }, top: top, bottom: bottom)
    if shownReleases.count <= 6 {
      for r in shownReleases { out += SVG.text(r.label, x: axis.x(r.first) + axis.slot / 2 + 3, y: top + 9, cls: "rt") }
    }
    out += SVG.baseline(left: left, right: right, y: bottom)
    let what = resolution.sums.map { "\(unit) \(resolution.per) (\($0))" } ?? "\(unit) per day"
    var legend: [(cls: String, label: String)] = [("b", what)]
    if !line.isEmpty { legend.append(("mn", "7-day mean")) }
    if !bars.light.isEmpty { legend.append(("bp", "provisional")) }
    if !bars.partial.isEmpty { legend.append(("bq", "partial: not every day known")) }
    if !gaps.isEmpty { legend.append(("gp", "no data")) }
    if !shownReleases.isEmpty { legend.append(("rl", "release")) }
    if !shownOutages.isEmpty { legend.append(("ou", "upstream outage")) }
    if scale.isLog { legend.append(("lg0", "log scale")) }
    out += SVG.legend(legend, x: left, y: SVG.height - 8) + "</svg>"
    return RenderedChart(title: title, svg: out, table: table(range, resolution, daily: buckets, releases: shownReleases, outages: shownOutages))
  }

  /// The bars as three paths (complete, provisional, partial). Wide bars are drawn one by one
  /// with a gap; narrow ones (under 4 units) as a step outline of each run of neighbours of one
  /// kind, which looks the same at that width and costs a third of the bytes.
  func bars(_ buckets: [Bucket], axis: TimeAxis, bottom: Double, y: (Int64) -> Double, visible: (Int64) -> Bool)
    -> (solid: PathPen, light: PathPen, partial: PathPen)
  {
    var pens = [PathPen(), PathPen(), PathPen()]
    func kind(_ b: Bucket) -> Int? { b.value == nil ? nil : b.partial ? 2 : b.provisional ? 1 : 0 }
    let narrow = axis.slot * Double(buckets.map(\.days).min() ?? 1) < 4
    for (i, b) in buckets.enumerated() {
      guard let k = kind(b), let v = b.value else { continue }
      let x0 = axis.x(b.first), x1 = axis.x(b.last.adding(days: 1))
      if narrow {
        if i == 0 || kind(buckets[i - 1]) != k { pens[k].move(x0, bottom) }
        pens[k].vertical(y(v))
        pens[k].horizontal(x1)
        let next = i + 1 < buckets.count ? kind(buckets[i + 1]) : nil
        if next != k { pens[k].vertical(bottom) }
      } else if visible(v) || k == 2 {
        pens[k].move(x0, bottom)
        pens[k].vertical(y(v))
        pens[k].horizontal(x1 - 1)
        pens[k].vertical(bottom)
        if k == 2 { pens[k].close() }
      }
    }
    return (pens[0], pens[1], pens[2])
  }
}
