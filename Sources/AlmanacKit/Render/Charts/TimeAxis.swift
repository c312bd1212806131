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

  func svg(baseline y: Double) -> String {
    ticks.map { t in
      "<line class=\"tk\" x1=\"\(SVG.f(x(t.day)))\" x2=\"\(SVG.f(x(t.day)))\" y1=\"\(SVG.f(y))\" y2=\"\(SVG.f(y + 4))\"/>"
        + SVG.text(t.label, x: x(t.day), y: y + 16, anchor: "middle")
    }.joined()
  }
}

extension ValueScale {
  /// Grid lines and labels of the y axis inside the plot rectangle.
  func svg(left: Double, right: Double, top: Double, height: Double) -> String {
    ticks.map { t in
      let y = top + height - fraction(t) * height
      return "<line class=\"gr\" x1=\"\(SVG.f(left))\" x2=\"\(SVG.f(right))\" y1=\"\(SVG.f(y))\" y2=\"\(SVG.f(y))\"/>"
        + SVG.text(ChartLabels.value(t), x: left - 6, y: y + 4, anchor: "end")
    }.joined()
  }
}
