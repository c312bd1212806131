/// One chart as the report shows it: an inline SVG (no script, no outside reference), its title,
/// and the same numbers as an HTML table for screen readers, text browsers and copying.
///
/// Every string that came from data went through `HTML.escape` before it reached `svg` or
/// `table`; the page embeds both as they are.
public struct RenderedChart: Equatable, Sendable {
  public var title: String
  public var svg: String
  public var table: String

  public init(title: String, svg: String, table: String) {
    self.title = title
    self.svg = svg
    self.table = table
  }

  /// `<figure>` with the SVG and the table folded in a `<details>` (open in print).
  public func html() -> String {
    "<figure class=\"chart\">\(svg)<details><summary>Table: \(HTML.escape(title))</summary>\(table)</details></figure>\n"
  }
}

/// The SVG pieces every chart kind shares: the frame with title and `aria-label`, coordinates,
/// and tables. Colours are CSS classes (`ChartStyle.css`), so light and dark come from one
/// `prefers-color-scheme` rule on the page.
enum SVG {
  static let width = 720.0
  static let height = 260.0

  /// The opening tag, `<title>` and the visible title line.
  static func open(_ kind: String, title: String, width: Double = width, height: Double = height) -> String {
    let t = HTML.escape(title)
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ch \(kind)\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(t)\">"
      + "<title>\(t)</title><text class=\"tt\" x=\"8\" y=\"18\">\(t)</text>"
  }

  /// A chart with nothing to draw still says so in its frame.
  static func empty(_ kind: String, title: String, message: String = "no data yet") -> RenderedChart {
    let svg = open(kind, title: title, height: 80) + "<text class=\"ax\" x=\"8\" y=\"50\">\(HTML.escape(message))</text></svg>"
    return RenderedChart(title: title, svg: svg, table: "<p>\(HTML.escape(message))</p>")
  }

  /// A coordinate with at most one decimal, no trailing `.0`: the same input gives the same bytes.
  static func f(_ v: Double) -> String {
    let tenths = Int64((v * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
  }

  static func text(_ s: String, x: Double, y: Double, cls: String = "ax", anchor: String? = nil) -> String {
    let a = anchor.map { " text-anchor=\"\($0)\"" } ?? ""
    return "<text class=\"\(cls)\" x=\"\(f(x))\" y=\"\(f(y))\"\(a)>\(HTML.escape(s))</text>"
  }

  static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, cls: String, title: String? = nil) -> String {
    let body = "x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(0, w)))\" height=\"\(f(max(0, h)))\" class=\"\(cls)\""
    guard let title else { return "<rect \(body)/>" }
    return "<rect \(body)><title>\(HTML.escape(title))</title></rect>"
  }

  /// Dashed vertical lines at releases, each with its tag and day as a tooltip.
  static func releaseLines(_ marks: [(ChartMarker, Double)], top: Double, bottom: Double) -> String {
    marks.map { r, x in
      var pen = PathPen()
      pen.move(x, top)
      pen.vertical(bottom)
      return "<g class=\"rl\"><title>\(HTML.escape("release \(r.label) (\(r.first))"))</title><path d=\"\(pen.d)\"/></g>"
    }.joined()
  }

  /// The axis line under the plot.
  static func baseline(left: Double, right: Double, y: Double) -> String {
    var pen = PathPen()
    pen.move(left, y)
    pen.horizontal(right)
    return "<path class=\"bl\" d=\"\(pen.d)\"/>"
  }

  /// A legend row at the bottom: a swatch and a word per entry.
  static func legend(_ entries: [(cls: String, label: String)], x: Double, y: Double) -> String {
    var out = "<g class=\"lg\">"
    var cx = x
    for e in entries {
      out += rect(cx, y - 8, 10, 10, cls: e.cls) + text(e.label, x: cx + 14, y: y)
      cx += 24 + Double(e.label.count) * 6.6
    }
    return out + "</g>"
  }

  /// An HTML table with a header row; cells are escaped here, numeric columns right-aligned.
  static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
    func cells(_ row: [String], _ tag: String) -> String {
      row.enumerated().map { i, c in numeric.contains(i) ? "<\(tag) class=\"n\">\(HTML.escape(c))</\(tag)>" : "<\(tag)>\(HTML.escape(c))</\(tag)>" }.joined()
    }
    return "<table><tr>\(cells(header, "th"))</tr>" + rows.map { "<tr>\(cells($0, "td"))</tr>" }.joined() + "</table>"
  }
}
