/// Countries as a tile grid map: one square per country, shaded in five steps by quantile of
/// the countries with any count. A tile grid, not a choropleth of borders: no public-domain
/// country geometry is shipped here, and borders of 200 countries would cost more of the
/// page's weight than every other chart together. Unknown country (`""`, `null`, `ZZ`) is
/// counted and named in words below the map.
public struct TileMap: Sendable {
  public var title: String
  public var unit: String
  /// ISO 3166-1 alpha-2 code → count.
  public var values: [String: Int64]

  public init(title: String, unit: String, values: [String: Int64]) {
    self.title = title
    self.unit = unit
    self.values = values
  }

  public func render() -> RenderedChart {
    ChartTimer.measure("map", title) { draw() }
  }

  func draw() -> RenderedChart {
    var counts: [String: Int64] = [:]
    var unknown: Int64 = 0
    for (code, v) in values where v > 0 {
      let c = code.uppercased()
      if c.count != 2 || c == "ZZ" || c == "XX" || ChartLabels.category(code) == "unknown" { unknown += v } else { counts[c, default: 0] += v }
    }
    let total = counts.values.reduce(0, +) + unknown
    guard total > 0 else { return SVG.empty("map", title: title) }
    func pct(_ v: Int64) -> String { CanonicalJSON.number((Double(v) / Double(total) * 1000).rounded() / 10) + "%" }
    let sorted = counts.values.sorted()
    let cuts = [0.2, 0.4, 0.6, 0.8].map { sorted[min(sorted.count - 1, Int(Double(sorted.count) * $0))] }
    func level(_ v: Int64) -> Int { v == 0 ? 0 : 1 + cuts.filter { v > $0 }.count }
    let cell = 26.0, step = 28.0, left = 24.0, top = 32.0
    let height = top + step * Double(Self.rows) + 30
    var out = SVG.open("map", title: title, height: height)
    for (code, pos) in Self.layout.sorted(by: { ($0.value.row, $0.value.col) < ($1.value.row, $1.value.col) }) {
      let x = left + Double(pos.col) * step, y = top + Double(pos.row) * step
      let v = counts[code] ?? 0
      let tip = v == 0 ? "\(code): none" : "\(code): \(NumberFormat.grouped(v)) \(unit) (\(pct(v)))"
      out += "<g>" + SVG.rect(x, y, cell, cell, cls: "m\(level(v))", title: tip) + SVG.text(code, x: x + cell / 2, y: y + 17, cls: level(v) >= 4 ? "mt mtd" : "mt", anchor: "middle") + "</g>"
    }
    let offGrid = counts.keys.filter { Self.layout[$0] == nil }.sorted()
    var note: [String] = []
    if unknown > 0 { note.append("unknown country \(pct(unknown))") }
    if !offGrid.isEmpty { note.append("not on the grid: " + offGrid.prefix(8).map { "\($0) \(pct(counts[$0] ?? 0))" }.joined(separator: ", ") + (offGrid.count > 8 ? ", …" : "")) }
    let ly = height - 10
    out += SVG.text("fewer", x: left, y: ly)
    for l in 0...5 { out += SVG.rect(left + 40 + Double(l) * 15, ly - 10, 12, 12, cls: "m\(l)") }
    out += SVG.text("more", x: left + 44 + 6 * 15, y: ly)
    if !note.isEmpty { out += SVG.text(note.joined(separator: "; "), x: left + 180, y: ly) }
    out += "</svg>"
    let rows = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { [$0.key, NumberFormat.grouped($0.value), pct($0.value)] }
      + (unknown > 0 ? [["unknown", NumberFormat.grouped(unknown), pct(unknown)]] : [])
    return RenderedChart(title: title, svg: out, table: SVG.table(["country", unit, "share"], rows, numeric: [1, 2]))
  }
}
