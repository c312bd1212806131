/// Shares of a whole (versions, Python, systems, installers, countries): the top eight by
/// count and one `other` for the rest, as horizontal bars or a donut. A missing category reads
/// `unknown`, never `null`.
public struct ShareChart: Sendable {
  public enum Style: Sendable { case bars, donut }

  public var title: String
  public var unit: String
  public var shares: [(label: String, value: Int64)]
  public var style: Style
  public static let top = 8

  public init(title: String, unit: String, shares: [(label: String, value: Int64)], style: Style = .bars) {
    self.title = title
    self.unit = unit
    self.shares = shares
    self.style = style
  }

  /// Labels spelled for people (same-named after that merged), largest first, ties by name,
  /// then the top eight and `other`.
  var slices: [(label: String, value: Int64)] {
    var merged: [String: Int64] = [:]
    for s in shares where s.value > 0 { merged[ChartLabels.category(s.label), default: 0] += s.value }
    let sorted = merged.map { (label: $0.key, value: $0.value) }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
    guard sorted.count > Self.top + 1 else { return sorted }
    let rest = sorted.dropFirst(Self.top).reduce(0) { $0 + $1.value }
    return Array(sorted.prefix(Self.top)) + [(label: "other (\(sorted.count - Self.top))", value: rest)]
  }

  public func render() -> RenderedChart {
    ChartTimer.measure("share", title) { draw() }
  }

  func draw() -> RenderedChart {
    let slices = slices
    let total = slices.reduce(0) { $0 + $1.value }
    guard total > 0 else { return SVG.empty("share", title: title) }
    func pct(_ v: Int64) -> String { CanonicalJSON.number((Double(v) / Double(total) * 1000).rounded() / 10) + "%" }
    let table = SVG.table(["category", unit, "share"], slices.map { [$0.label, NumberFormat.grouped($0.value), pct($0.value)] }, numeric: [1, 2])
    let svg = style == .bars ? bars(slices, total: total, pct: pct) : donut(slices, total: total, pct: pct)
    return RenderedChart(title: title, svg: svg, table: table)
  }

  func bars(_ slices: [(label: String, value: Int64)], total: Int64, pct: (Int64) -> String) -> String {
    let row = 22.0, top = 32.0, labelW = 150.0, barMax = SVG.width - labelW - 90
    let height = top + row * Double(slices.count) + 8
    var out = SVG.open("share", title: title, height: height)
    let largest = Double(slices.map(\.value).max() ?? 1)
    for (i, s) in slices.enumerated() {
      let y = top + row * Double(i)
      out += SVG.text(String(s.label.prefix(24)), x: labelW - 8, y: y + 14, anchor: "end")
      out += SVG.rect(labelW, y + 3, max(1, Double(s.value) / largest * barMax), row - 6, cls: "c\(i % 9)", title: "\(s.label): \(NumberFormat.grouped(s.value)) \(unit)")
      out += SVG.text("\(pct(s.value)) · \(NumberFormat.metric(s.value))", x: labelW + Double(s.value) / largest * barMax + 6, y: y + 14)
    }
    return out + "</svg>"
  }

  func donut(_ slices: [(label: String, value: Int64)], total: Int64, pct: (Int64) -> String) -> String {
    let cx = 130.0, cy = 140.0, r = 95.0, inner = 58.0
    var out = SVG.open("share", title: title)
    var angle = -ChartMath.pi / 2
    func point(_ a: Double, _ radius: Double) -> String {
      let (s, c) = ChartMath.sincos(a)
      return "\(SVG.f(cx + radius * c)),\(SVG.f(cy + radius * s))"
    }
    for (i, s) in slices.enumerated() {
      let sweep = Double(s.value) / Double(total) * 2 * ChartMath.pi
      let title = "\(s.label): \(pct(s.value)) (\(NumberFormat.grouped(s.value)) \(unit))"
      if slices.count == 1 {
        out += "<circle class=\"c0 dn\" cx=\"\(SVG.f(cx))\" cy=\"\(SVG.f(cy))\" r=\"\(SVG.f((r + inner) / 2))\"><title>\(HTML.escape(title))</title></circle>"
        break
      }
      let end = angle + sweep
      let large = sweep > ChartMath.pi ? 1 : 0
      let d = "M\(point(angle, r))A\(SVG.f(r)),\(SVG.f(r)) 0 \(large) 1 \(point(end, r))L\(point(end, inner))A\(SVG.f(inner)),\(SVG.f(inner)) 0 \(large) 0 \(point(angle, inner))Z"
      out += "<path class=\"c\(i % 9)\" d=\"\(d)\"><title>\(HTML.escape(title))</title></path>"
      angle = end
    }
    out += SVG.text(NumberFormat.metric(total), x: cx, y: cy + 2, cls: "dt", anchor: "middle") + SVG.text(unit, x: cx, y: cy + 18, anchor: "middle")
    for (i, s) in slices.enumerated() {
      let y = 44 + 22 * Double(i)
      out += SVG.rect(270, y - 10, 12, 12, cls: "c\(i % 9)") + SVG.text("\(String(s.label.prefix(30))) \(pct(s.value))", x: 290, y: y)
    }
    return out + "</svg>"
  }
}
