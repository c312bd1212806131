/// Daily activity as a GitHub-contributions grid: one column per week (Monday on top), one
/// square per day, five shades by quantile of the nonzero days. An unknown day is an outlined
/// square, not the colour of zero; a provisional day is outlined dashed. Each shade is one
/// path whose tooltip gives its range; the table has every day's value.
public struct CalendarHeatmap: Sendable {
  public var title: String
  public var unit: String
  public var series: DailySeries
  /// The last day shown; the grid covers the 53 weeks ending on its week.
  public var last: Day?

  public init(title: String, unit: String, series: DailySeries, last: Day? = nil) {
    self.title = title
    self.unit = unit
    self.series = series
    self.last = last
  }

  public func render() -> RenderedChart {
    ChartTimer.measure("heat", title) { draw() }
  }

  func draw() -> RenderedChart {
    guard let end = last ?? series.last else { return SVG.empty("heat", title: title) }
    let weekEnd = end.adding(days: 7 - end.isoWeekday)
    let start = weekEnd.adding(days: -53 * 7 + 1)
    let cell = 11.0, gap = 2.0, left = 34.0, top = 40.0
    let days = (start...end).days
    let nonzero = days.compactMap { series.value($0) }.filter { $0 > 0 }.sorted()
    // Thresholds: the 20/40/60/80th percentiles of the nonzero days.
    let cuts = nonzero.isEmpty ? [] : [0.2, 0.4, 0.6, 0.8].map { nonzero[min(nonzero.count - 1, Int(Double(nonzero.count) * $0))] }
    func level(_ v: Int64) -> Int { v == 0 ? 0 : 1 + cuts.filter { v > $0 }.count }
    var out = SVG.open("heat", title: title, height: top + 7 * (cell + gap) + 34)
    for (i, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].enumerated() where !name.isEmpty {
      out += SVG.text(name, x: left - 4, y: top + Double(i) * (cell + gap) + 9, anchor: "end")
    }
    // One path per shade (and one for unknown days, one outlining provisional ones): a cell is
    // `m…h11v11h-11z`, so a year is a few kilobytes; the shade's range is the path's tooltip.
    var pens = [PathPen](repeating: PathPen(), count: 6)
    var unknown = PathPen(), provisional = PathPen()
    var lastMonth = -1
    for d in days {
      let week = Double((d - start) / 7), dow = Double(d.isoWeekday - 1)
      let x = left + week * (cell + gap), y = top + dow * (cell + gap)
      let m = d.components.month
      if d.components.day <= 7, dow == 0 || d == start, m != lastMonth {
        out += SVG.text(ChartLabels.month(d), x: x, y: top - 6)
        lastMonth = m
      }
      guard let v = series.value(d) else {
        Self.square(&unknown, x, y, cell)
        continue
      }
      Self.square(&pens[level(v)], x, y, cell)
      if series.provisional.contains(d) { Self.square(&provisional, x, y, cell) }
    }
    let bounds = [Int64(0)] + cuts
    for (l, pen) in pens.enumerated() where !pen.isEmpty {
      let words = l == 0 ? "0" : l == 5 ? "over \(NumberFormat.grouped(bounds[4]))" : "\(NumberFormat.grouped(bounds[l - 1] + 1)) to \(NumberFormat.grouped(bounds[l]))"
      out += "<path class=\"h\(l)\" d=\"\(pen.d)\"><title>\(HTML.escape("\(words) \(unit) per day"))</title></path>"
    }
    if !unknown.isEmpty { out += "<path class=\"hu\" d=\"\(unknown.d)\"><title>no data</title></path>" }
    if !provisional.isEmpty { out += "<path class=\"hp\" d=\"\(provisional.d)\"><title>provisional</title></path>" }
    let ly = top + 7 * (cell + gap) + 22
    out += SVG.text("less", x: left, y: ly)
    for l in 0...5 { out += SVG.rect(left + 30 + Double(l) * (cell + 3), ly - 9, cell, cell, cls: "h\(l)") }
    out += SVG.text("more", x: left + 34 + 6 * (cell + 3), y: ly)
    out += SVG.rect(left + 80 + 6 * (cell + 3), ly - 9, cell, cell, cls: "hu") + SVG.text("no data", x: left + 96 + 6 * (cell + 3), y: ly)
    if !provisional.isEmpty {
      out += SVG.rect(left + 150 + 6 * (cell + 3), ly - 9, cell, cell, cls: "hp") + SVG.text("provisional", x: left + 166 + 6 * (cell + 3), y: ly)
    }
    out += "</svg>"
    // The table: one row per week, Monday to Sunday, as the grid shows them.
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let rows = stride(from: 0, to: days.count, by: 7).map { w -> [String] in
      let monday = start.adding(days: w)
      return [monday.description] + (0..<7).map { i -> String in
        let d = monday.adding(days: i)
        guard d <= end else { return "" }
        return series.value(d).map(NumberFormat.grouped) ?? "no data"
      }
    }
    return RenderedChart(title: title, svg: out, table: SVG.table(["week of"] + names, rows, numeric: Set(1...7)))
  }

  static func square(_ pen: inout PathPen, _ x: Double, _ y: Double, _ size: Double) {
    pen.move(x, y)
    pen.horizontal(x + size)
    pen.vertical(y + size)
    pen.horizontal(x)
    pen.close()
  }
}
