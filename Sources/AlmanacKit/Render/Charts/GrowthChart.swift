/// Cumulative counts over time (stars, forks) as step lines: one repository with its release
/// markers, or several on one axis to compare. The axis turns logarithmic when the values span
/// more than two decades, so a 40-star repository is not a flat line under a 40,000-star one.
public struct GrowthChart: Sendable {
  public struct Line: Equatable, Sendable {
    public var name: String
    /// The running total on each day it changed.
    public var cumulative: [Day: Int64]

    public init(name: String, cumulative: [Day: Int64]) {
      self.name = name
      self.cumulative = cumulative
    }

    /// From new-per-day counts.
    public init(name: String, perDay: [Day: Int64]) {
      var total: Int64 = 0
      var out: [Day: Int64] = [:]
      for d in perDay.keys.sorted() {
        total += perDay[d] ?? 0
        out[d] = total
      }
      self.init(name: name, cumulative: out)
    }

    /// The running total on `d`: the last change on or before it (a binary search of the
    /// changes, oldest first); nil before the first.
    static func value(on d: Day, sorted: [(Day, Int64)]) -> Int64? {
      var low = 0, high = sorted.count
      while low < high {
        let mid = (low + high) / 2
        if sorted[mid].0 <= d { low = mid + 1 } else { high = mid }
      }
      return low == 0 ? nil : sorted[low - 1].1
    }
  }

  public var title: String
  public var unit: String
  public var lines: [Line]
  public var releases: [ChartMarker]
  public var range: ClosedRange<Day>?
  public var scale: ValueScale.Choice

  public init(title: String, unit: String, lines: [Line], releases: [ChartMarker] = [], range: ClosedRange<Day>? = nil, scale: ValueScale.Choice = .auto) {
    self.title = title
    self.unit = unit
    self.lines = lines.filter { !$0.cumulative.isEmpty }
    self.releases = releases
    self.range = range
    self.scale = scale
  }

  public func render() -> RenderedChart {
    ChartTimer.measure("growth", title) { draw() }
  }

  func draw() -> RenderedChart {
    let all = lines.flatMap(\.cumulative.keys)
    guard let range = range ?? all.min().flatMap({ f in all.max().map { f...$0 } }) else { return SVG.empty("growth", title: title) }
    let left = 56.0, right = SVG.width - 130, top = 30.0, bottom = SVG.height - 48
    let plotH = bottom - top
    let axis = TimeAxis(first: range.lowerBound, last: range.upperBound, left: left, width: right - left)
    let sortedLines = lines.map { l in (line: l, points: l.cumulative.filter { $0.key <= range.upperBound }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) }
    let scale = ValueScale.choose(sortedLines.flatMap { $0.points.map { Double($0.1) } }, scale)
    func y(_ v: Int64) -> Double { bottom - scale.fraction(Double(v)) * plotH }
    var out = SVG.open("growth", title: title) + scale.svg(left: left, right: right, top: top, height: plotH) + axis.svg(baseline: bottom)
    let single = sortedLines.count == 1
    if single {
      out += SVG.releaseLines(releases.filter { range.contains($0.first) }.map { ($0, axis.x($0.first)) }, top: top, bottom: bottom)
    }
    // Labels at the right end, nudged apart so they do not overlap.
    var ends: [(y: Double, text: String, cls: String)] = []
    for (i, l) in sortedLines.enumerated() {
      let visible = l.points.filter { $0.0 >= range.lowerBound }
      let before = l.points.last { $0.0 < range.lowerBound }
      var pts = (before.map { [(range.lowerBound, $0.1)] } ?? []) + visible
      guard let firstPoint = pts.first else { continue }
      if pts.last?.0 != range.upperBound, let last = pts.last { pts.append((range.upperBound.adding(days: 1), last.1)) }
      // A step per pixel column at most: the column's last total (steps inside one pixel do
      // not show), so ten years of daily stars are a few hundred steps, not thousands.
      var pen = PathPen()
      pen.move(axis.x(firstPoint.0).rounded(), y(firstPoint.1))
      var pending: (x: Double, total: Int64)?
      for p in pts.dropFirst() {
        let column = axis.x(p.0).rounded()
        if let q = pending, q.x != column { pen.horizontal(q.x); pen.vertical(y(q.total)) }
        pending = (column, p.1)
      }
      if let q = pending { pen.horizontal(q.x); pen.vertical(y(q.total)) }
      let d = pen.d
      let cls = "c\(i % 9)"
      out += "<path class=\"gl \(cls)\" d=\"\(d)\"><title>\(HTML.escape(l.line.name))</title></path>"
      if let last = pts.last { ends.append((y(last.1), "\(l.line.name) \(NumberFormat.metric(last.1))", cls)) }
    }
    ends.sort { $0.y < $1.y }
    var lastY = -Double.infinity
    for e in ends {
      let ey = max(e.y + 4, lastY + 13)
      out += SVG.rect(right + 6, ey - 8, 8, 8, cls: e.cls) + SVG.text(String(e.text.prefix(24)), x: right + 17, y: ey)
      lastY = ey
    }
    out += SVG.baseline(left: left, right: right, y: bottom)
    var legend: [(cls: String, label: String)] = [("c0", single ? "\(unit), running total" : "\(unit), running total per repository")]
    if single, releases.contains(where: { range.contains($0.first) }) { legend.append(("rl", "release")) }
    if scale.isLog { legend.append(("lg0", "log scale")) }
    out += SVG.legend(legend, x: left, y: SVG.height - 8) + "</svg>"
    return RenderedChart(title: title, svg: out, table: table(sortedLines.map { ($0.line.name, $0.points) }, range: range))
  }

  /// Rows at each change when there are few, else at each month's end and the last day.
  func table(_ lines: [(String, [(Day, Int64)])], range: ClosedRange<Day>) -> String {
    let changes = Set(lines.flatMap { $0.1.map(\.0) }.filter { range.contains($0) }).sorted()
    let days: [Day]
    if changes.count <= 60 {
      days = changes
    } else {
      let axis = TimeAxis(first: range.lowerBound, last: range.upperBound, left: 0, width: 1)
      days = axis.monthStarts().map { $0.adding(days: -1) }.filter { range.contains($0) } + [range.upperBound]
    }
    let rows = days.map { d in [d.description] + lines.map { l in Line.value(on: d, sorted: l.1).map(NumberFormat.grouped) ?? "" } }
    return SVG.table(["date"] + lines.map(\.0), rows, numeric: Set(1...max(1, lines.count)))
  }
}
