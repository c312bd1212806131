/// Bars per day with a trailing 7-day mean line. Holes are grey gaps labelled "no data" and
/// break the mean; provisional days are lighter bars; releases are dashed vertical lines and
/// upstream outages a band along the top. Long ranges are drawn in buckets of several days
/// (each bar the mean per known day of its bucket), so ten years stay a few kilobytes.
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
  /// At most this many bars; more days are bucketed.
  public var maxBars = 200

  public init(title: String, unit: String, series: DailySeries, range: ClosedRange<Day>? = nil,
              releases: [ChartMarker] = [], outages: [ChartMarker] = [], scale: ValueScale.Choice = .auto) {
    self.title = title
    self.unit = unit
    self.series = series
    self.range = range
    self.releases = releases
    self.outages = outages
    self.scale = scale
  }

  struct Bucket {
    var first: Day
    var last: Day
    /// Mean per known day; nil when no day of the bucket is known.
    var value: Double?
    var known: Int
    var provisional: Bool
    var mean: Double?
  }

  func buckets(_ range: ClosedRange<Day>) -> [Bucket] {
    let span = range.upperBound - range.lowerBound + 1
    let size = max(1, (span + maxBars - 1) / maxBars)
    return stride(from: 0, to: span, by: size).map { offset in
      let first = range.lowerBound.adding(days: offset)
      let last = min(range.upperBound, first.adding(days: size - 1))
      var sum: Int64 = 0, known = 0, provisional = false
      for d in (first...last).days {
        guard let v = series.value(d) else { continue }
        sum += v
        known += 1
        provisional = provisional || series.provisional.contains(d)
      }
      return Bucket(first: first, last: last, value: known == 0 ? nil : Double(sum) / Double(known), known: known, provisional: provisional, mean: series.mean7(last))
    }
  }

  public func render() -> RenderedChart {
    guard let range = range ?? series.first.flatMap({ f in series.last.map { f...$0 } }) else {
      return SVG.empty("daily", title: title)
    }
    let left = 56.0, right = SVG.width - 12, top = 30.0, bottom = SVG.height - 48
    let plotH = bottom - top
    let axis = TimeAxis(first: range.lowerBound, last: range.upperBound, left: left, width: right - left)
    let buckets = buckets(range)
    let scale = ValueScale.choose(buckets.compactMap(\.value) + buckets.compactMap(\.mean), scale)
    func y(_ v: Double) -> Double { bottom - scale.fraction(v) * plotH }
    var out = SVG.open("daily", title: title)
    out += scale.svg(left: left, right: right, top: top, height: plotH)
    out += axis.svg(baseline: bottom)
    let size = buckets.first.map { $0.last - $0.first + 1 } ?? 1
    let barW = max(0.5, axis.slot * Double(size) - (axis.slot * Double(size) > 3 ? 1 : 0.2))
    var solid = "", light = ""
    var gaps: [(Day, Day)] = []
    for b in buckets {
      guard let v = b.value else {
        if let g = gaps.last, g.1.adding(days: 1) == b.first { gaps[gaps.count - 1].1 = b.last } else { gaps.append((b.first, b.last)) }
        continue
      }
      guard scale.fraction(v) > 0 else { continue }
      let bar = "M\(SVG.f(axis.x(b.first))),\(SVG.f(y(v)))h\(SVG.f(barW))V\(SVG.f(bottom))h-\(SVG.f(barW))Z"
      if b.provisional { light += bar } else { solid += bar }
    }
    for g in gaps {
      let x0 = axis.x(g.0), x1 = axis.x(g.1.adding(days: 1))
      out += SVG.rect(x0, top, x1 - x0, plotH, cls: "gp", title: "no data \(g.0) to \(g.1)")
      if x1 - x0 > 44 { out += SVG.text("no data", x: (x0 + x1) / 2, y: top + plotH / 2, cls: "gt", anchor: "middle") }
    }
    if !solid.isEmpty { out += "<path class=\"b\" d=\"\(solid)\"/>" }
    if !light.isEmpty { out += "<path class=\"bp\" d=\"\(light)\"/>" }
    var line = "", pen = false
    for b in buckets {
      guard let m = b.mean else { pen = false; continue }
      line += (pen ? "L" : "M") + "\(SVG.f(axis.x(b.last) + axis.slot / 2)),\(SVG.f(y(m)))"
      pen = true
    }
    if !line.isEmpty { out += "<path class=\"mn\" d=\"\(line)\"/>" }
    let shownOutages = outages.filter { $0.first <= range.upperBound && range.lowerBound <= $0.last }
    for o in shownOutages {
      let x0 = axis.x(max(o.first, range.lowerBound)), x1 = axis.x(min(o.last, range.upperBound).adding(days: 1))
      out += SVG.rect(x0, top - 6, max(2, x1 - x0), 5, cls: "ou", title: "upstream outage \(o.first) to \(o.last): \(o.label)")
    }
    let shownReleases = releases.filter { range.contains($0.first) }
    for r in shownReleases {
      let x = SVG.f(axis.x(r.first) + axis.slot / 2)
      out += "<g class=\"rl\"><title>\(HTML.escape("release \(r.label) (\(r.first))"))</title><line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVG.f(top))\" y2=\"\(SVG.f(bottom))\"/></g>"
    }
    if shownReleases.count <= 6 {
      for r in shownReleases { out += SVG.text(r.label, x: axis.x(r.first) + axis.slot / 2 + 3, y: top + 9, cls: "rt") }
    }
    out += "<line class=\"bl\" x1=\"\(SVG.f(left))\" x2=\"\(SVG.f(right))\" y1=\"\(SVG.f(bottom))\" y2=\"\(SVG.f(bottom))\"/>"
    var legend: [(cls: String, label: String)] = [("b", size == 1 ? "\(unit) per day" : "\(unit) per day, mean of \(size)-day buckets")]
    if !line.isEmpty { legend.append(("mn", "7-day mean")) }
    if !light.isEmpty { legend.append(("bp", "provisional")) }
    if !gaps.isEmpty { legend.append(("gp", "no data")) }
    if !shownReleases.isEmpty { legend.append(("rl", "release")) }
    if !shownOutages.isEmpty { legend.append(("ou", "upstream outage")) }
    if scale.isLog { legend.append(("lg0", "log scale")) }
    out += SVG.legend(legend, x: left, y: SVG.height - 8) + "</svg>"
    return RenderedChart(title: title, svg: out, table: table(buckets, size: size, releases: shownReleases, outages: shownOutages))
  }

  func table(_ buckets: [Bucket], size: Int, releases: [ChartMarker], outages: [ChartMarker]) -> String {
    let header = [size == 1 ? "date" : "days", size == 1 ? unit : "\(unit) per day (mean)", "7-day mean", "note"]
    let rows = buckets.map { b -> [String] in
      var notes: [String] = []
      if b.value == nil { notes.append("no data") } else if b.known < b.last - b.first + 1 { notes.append("\(b.known) of \(b.last - b.first + 1) days known") }
      if b.provisional { notes.append("provisional") }
      notes += releases.filter { b.first <= $0.first && $0.first <= b.last }.map { "release \($0.label)" }
      notes += outages.filter { $0.first <= b.last && b.first <= $0.last }.map { "upstream outage: \($0.label)" }
      let when = size == 1 ? b.first.description : "\(b.first) to \(b.last)"
      let value = b.value.map { size == 1 ? NumberFormat.grouped(Int64($0)) : CanonicalJSON.number(($0 * 10).rounded() / 10) } ?? "no data"
      let mean = b.mean.map { CanonicalJSON.number(($0 * 10).rounded() / 10) } ?? ""
      return [when, value, mean, notes.joined(separator: "; ")]
    }
    return SVG.table(header, rows, numeric: [1, 2])
  }
}
