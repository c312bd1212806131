/// The x axis of a dated chart: days from `first` to `last` across the plot, with ticks a
/// person reads at a glance: days (`Jan 5`) for a few weeks, months (`Jan '26`) up to a few
/// years, years (`2026`) beyond.
struct TimeAxis {
  var first: Day
  var last: Day
  var left: Double
  var width: Double

  var span: Int { last - first + 1 }

  /// The left edge of a day's slot.
  func x(_ d: Day) -> Double { left + Double(d - first) / Double(span) * width }

  var slot: Double { width / Double(span) }

  /// At most about eight labelled days.
  var ticks: [(day: Day, label: String)] {
    let days = span
    if days <= 62 {
      let step = days <= 10 ? 1 : days <= 21 ? 3 : 7
      return stride(from: 0, to: days, by: step).map { first.adding(days: $0) }.map { ($0, ChartLabels.monthDay($0)) }
    }
    if days <= 366 * 4 {
      let starts = monthStarts()
      let every = [1, 2, 3, 6, 12].first { starts.count / $0 <= 8 } ?? 12
      return starts.filter { ($0.components.month - 1) % every == 0 }.map { ($0, ChartLabels.month($0)) }
    }
    let years = monthStarts().filter { $0.components.month == 1 }
    let every = [1, 2, 5, 10].first { years.count / $0 <= 8 } ?? 10
    return years.filter { $0.components.year % every == 0 }.map { ($0, String($0.components.year)) }
  }

  func monthStarts() -> [Day] {
    var out: [Day] = []
    var (y, m, d) = first.components
    if d != 1 { m += 1; if m > 12 { m = 1; y += 1 } }
    while let day = Day(year: y, month: m, day: 1), day <= last {
      out.append(day)
      m += 1
      if m > 12 { m = 1; y += 1 }
    }
    return out
  }

  /// The ticks as one path under the baseline, then their labels.
  func svg(baseline y: Double) -> String {
    let ticks = ticks
    guard !ticks.isEmpty else { return "" }
    var pen = PathPen()
    for t in ticks {
      pen.move(x(t.day), y)
      pen.vertical(y + 4)
    }
    return "<path class=\"tk\" d=\"\(pen.d)\"/>" + ticks.map { SVG.text($0.label, x: x($0.day), y: y + 16, anchor: "middle") }.joined()
  }
}

extension ValueScale {
  /// Grid lines (one path) and labels of the y axis inside the plot rectangle.
  func svg(left: Double, right: Double, top: Double, height: Double) -> String {
    var pen = PathPen()
    var labels = ""
    for t in ticks {
      let y = top + height - fraction(t) * height
      pen.move(left, y)
      pen.horizontal(right)
      labels += SVG.text(ChartLabels.value(t), x: left - 6, y: y + 4, anchor: "end")
    }
    return (pen.isEmpty ? "" : "<path class=\"gr\" d=\"\(pen.d)\"/>") + labels
  }
}
