/// A daily series drawn as a standalone SVG: bars for each day, a line for the trailing 7-day
/// mean, a zero-based y axis with round ticks, and month labels. Deterministic: the same points
/// give the same bytes (coordinates rounded to 0.1).
public struct Chart: Sendable {
  public var title: String
  public var points: [(day: Day, value: Int64)]
  public var width = 720
  public var height = 260

  public init(title: String, points: [(day: Day, value: Int64)]) {
    self.title = title
    self.points = points.sorted { $0.day < $1.day }
  }

  static let left = 56.0, right = 12.0, top = 28.0, bottom = 28.0

  public func svg() -> String {
    let w = Double(width), h = Double(height)
    let plotW = w - Self.left - Self.right, plotH = h - Self.top - Self.bottom
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
    out += "<title>\(HTML.escape(title))</title>"
    out += "<style>text{font:11px Verdana,DejaVu Sans,sans-serif;fill:#555}.t{font-size:13px;fill:#222}</style>"
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
    out += "<text class=\"t\" x=\"\(Self.left)\" y=\"18\">\(HTML.escape(title))</text>"
    guard let first = points.first?.day, let last = points.last?.day else {
      out += "<text x=\"\(Self.left)\" y=\"\(Self.top + plotH / 2)\">no data yet</text></svg>\n"
      return out
    }
    let span = max(1, last - first + 1)
    let maxValue = max(1, points.map(\.value).max() ?? 1)
    let step = Self.niceStep(Double(maxValue) / 4)
    let yMax = max(step, (Double(maxValue) / step).rounded(.up) * step)
    func x(_ d: Day) -> Double { Self.left + Double(d - first) / Double(span) * plotW }
    func y(_ v: Double) -> Double { Self.top + plotH - v / yMax * plotH }
    // Grid and y labels.
    var tick = 0.0
    while tick <= yMax + 0.5 {
      out += "<line x1=\"\(Self.f(Self.left))\" x2=\"\(Self.f(w - Self.right))\" y1=\"\(Self.f(y(tick)))\" y2=\"\(Self.f(y(tick)))\" stroke=\"#e5e5e5\"/>"
      out += "<text x=\"\(Self.f(Self.left - 6))\" y=\"\(Self.f(y(tick) + 4))\" text-anchor=\"end\">\(NumberFormat.metric(Int64(tick)))</text>"
      tick += step
    }
    // Month labels on the first day of each month (thinned when the range is long).
    var monthDays = stride(from: 0, to: span, by: 1).map { first.adding(days: $0) }.filter { $0.components.day == 1 }
    if monthDays.count > 8 { monthDays = monthDays.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
    for d in monthDays {
      out += "<text x=\"\(Self.f(x(d)))\" y=\"\(Self.f(h - 8))\" text-anchor=\"middle\">\(d.description.prefix(7))</text>"
    }
    let barW = max(0.5, plotW / Double(span) - 0.4)
    var bars = ""
    for p in points where p.value > 0 {
      let top = y(Double(p.value))
      bars += "M\(Self.f(x(p.day))),\(Self.f(top))h\(Self.f(barW))V\(Self.f(y(0)))h-\(Self.f(barW))Z"
    }
    out += "<path d=\"\(bars)\" fill=\"#9ecae1\"/>"
    // Trailing 7-day mean over calendar days (a missing day counts as zero).
    var values: [Day: Int64] = [:]
    for p in points { values[p.day] = p.value }
    var line = ""
    var window: Int64 = 0
    for i in 0..<span {
      let d = first.adding(days: i)
      window += values[d] ?? 0
      if i >= 7 { window -= values[d.adding(days: -7)] ?? 0 }
      guard i >= 6 else { continue }
      line += (line.isEmpty ? "M" : "L") + "\(Self.f(x(d) + barW / 2)),\(Self.f(y(Double(window) / 7)))"
    }
    if !line.isEmpty { out += "<path d=\"\(line)\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"1.5\"/>" }
    out += "<line x1=\"\(Self.f(Self.left))\" x2=\"\(Self.f(w - Self.right))\" y1=\"\(Self.f(y(0)))\" y2=\"\(Self.f(y(0)))\" stroke=\"#888\"/>"
    return out + "</svg>\n"
  }

  /// 1, 2 or 5 times a power of ten, at least `raw` (the chart library's rule).
  static func niceStep(_ raw: Double) -> Double { ValueScale.niceStep(raw) }

  /// A coordinate with at most one decimal, no trailing `.0`.
  static func f(_ v: Double) -> String { SVG.f(v) }
}

/// Escaping for HTML and SVG text and attribute values: the badges' XML escaping (`&apos;` is
/// valid HTML5 too), which also drops control characters.
public enum HTML {
  public static func escape(_ s: String) -> String { Badge.xmlEscape(s) }
}
