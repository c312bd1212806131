/// Categories stacked per day (installer classes, audience): each band's height is its count,
/// the top edge the day's total. A day with no row is unknown and breaks every band there
/// (a gap, not a dip to zero). Long ranges are bucketed like `DailySeriesChart`.
public struct StackedAreaChart: Sendable {
  public var title: String
  public var unit: String
  /// Category → day → count; a day present for any category is known for all (missing = 0).
  public var values: [String: [Day: Int64]]
  /// Bottom to top; categories not listed follow by name.
  public var order: [String]
  public var range: ClosedRange<Day>?
  public var maxPoints = 200

  public init(title: String, unit: String, values: [String: [Day: Int64]], order: [String] = [], range: ClosedRange<Day>? = nil) {
    self.title = title
    self.unit = unit
    self.values = values
    self.order = order
    self.range = range
  }

  var categories: [String] {
    let present = values.filter { !$0.value.isEmpty }.keys
    return order.filter { present.contains($0) } + present.filter { !order.contains($0) }.sorted()
  }

  public func render() -> RenderedChart {
    ChartTimer.measure("area", title) { draw() }
  }

  func draw() -> RenderedChart {
    let known = Set(values.values.flatMap(\.keys))
    guard let range = range ?? known.min().flatMap({ f in known.max().map { f...$0 } }) else { return SVG.empty("area", title: title) }
    let cats = categories
    let left = 56.0, right = SVG.width - 12, top = 30.0, bottom = SVG.height - 48
    let plotH = bottom - top
    let axis = TimeAxis(first: range.lowerBound, last: range.upperBound, left: left, width: right - left)
    let span = range.upperBound - range.lowerBound + 1
    let size = max(1, (span + maxPoints - 1) / maxPoints)
    // Per bucket: the mean per known day of each category, nil when no day is known.
    let buckets: [(first: Day, last: Day, layers: [Double]?)] = stride(from: 0, to: span, by: size).map { offset in
      let first = range.lowerBound.adding(days: offset)
      let last = min(range.upperBound, first.adding(days: size - 1))
      let days = (first...last).days.filter { known.contains($0) }
      guard !days.isEmpty else { return (first, last, nil) }
      return (first, last, cats.map { c in Double(days.reduce(0) { $0 + (values[c]?[$1] ?? 0) }) / Double(days.count) })
    }
    let scale = ValueScale.choose(buckets.compactMap { $0.layers?.reduce(0, +) }, .linear)
    func y(_ v: Double) -> Double { bottom - scale.fraction(v) * plotH }
    var out = SVG.open("area", title: title) + scale.svg(left: left, right: right, top: top, height: plotH) + axis.svg(baseline: bottom)
    // Runs of known buckets, each drawn as one polygon per band.
    var runs: [[Int]] = []
    for (i, b) in buckets.enumerated() {
      guard b.layers != nil else { continue }
      if let last = runs.last?.last, last == i - 1 { runs[runs.count - 1].append(i) } else { runs.append([i]) }
    }
    for (i, b) in buckets.enumerated() where b.layers == nil && (i == 0 || buckets[i - 1].layers != nil) {
      let end = buckets[i...].firstIndex { $0.layers != nil }.map { buckets[$0].first } ?? range.upperBound.adding(days: 1)
      out += SVG.rect(axis.x(b.first), top, axis.x(end) - axis.x(b.first), plotH, cls: "gp", title: "no data \(b.first) to \(end.adding(days: -1))")
    }
    for (ci, _) in cats.enumerated() {
      var d = ""
      for run in runs {
        // A lone bucket still gets a width: from its first day to the day after its last.
        let xs = run.count == 1 ? [axis.x(buckets[run[0]].first), axis.x(buckets[run[0]].last.adding(days: 1))] : run.map { axis.x(buckets[$0].first) + axis.slot * Double(size) / 2 }
        let idx = run.count == 1 ? [run[0], run[0]] : run
        func stack(_ i: Int, upTo c: Int) -> Double { (buckets[i].layers ?? []).prefix(c).reduce(0, +) }
        let upper = zip(xs, idx).map { "\(SVG.f($0)),\(SVG.f(y(stack($1, upTo: ci + 1))))" }
        let lower = zip(xs, idx).reversed().map { "\(SVG.f($0)),\(SVG.f(y(stack($1, upTo: ci))))" }
        d += "M" + upper.joined(separator: "L") + "L" + lower.joined(separator: "L") + "Z"
      }
      out += "<path class=\"a c\(ci % 9)\" d=\"\(d)\"><title>\(HTML.escape(ChartLabels.category(cats[ci])))</title></path>"
    }
    out += SVG.baseline(left: left, right: right, y: bottom)
    var legend = cats.enumerated().map { (cls: "c\($0.offset % 9)", label: ChartLabels.category($0.element)) }
    if buckets.contains(where: { $0.layers == nil }) { legend.append(("gp", "no data")) }
    out += SVG.legend(legend, x: left, y: SVG.height - 8) + "</svg>"
    let header = [size == 1 ? "date" : "days"] + cats.map(ChartLabels.category) + ["total"]
    let rows = buckets.map { b -> [String] in
      let when = size == 1 ? b.first.description : "\(b.first) to \(b.last)"
      guard let layers = b.layers else { return [when] + cats.map { _ in "no data" } + ["no data"] }
      let cells = (layers + [layers.reduce(0, +)]).map { size == 1 ? NumberFormat.grouped(Int64($0)) : CanonicalJSON.number(($0 * 10).rounded() / 10) }
      return [when] + cells
    }
    return RenderedChart(title: title, svg: out, table: SVG.table(header, rows, numeric: Set(1...(cats.count + 1))))
  }
}
