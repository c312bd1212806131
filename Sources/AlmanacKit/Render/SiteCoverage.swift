extension Site {
  /// Which days one stored series covers: the Data coverage panel draws a bar per row from its
  /// first to its last day with its holes cut out, and lists the holes in words.
  public struct Coverage: Equatable, Sendable {
    public var source: String
    /// What the row is about: a package, `owner/repo views`, a site.
    public var subject: String
    public var first: Day
    public var last: Day
    /// Days inside `first...last` that nobody observed.
    public var holes: [ClosedRange<Day>]
    public var note: String

    public init(source: String, subject: String, first: Day, last: Day, holes: [ClosedRange<Day>] = [], note: String = "") {
      self.source = source
      self.subject = subject
      self.first = first
      self.last = last
      self.holes = holes.filter { $0.upperBound >= first && $0.lowerBound <= last }
      self.note = note
    }

    /// The rows of a set of known days: first to last, every missing day in between a hole.
    public init?(source: String, subject: String, days: some Sequence<Day>, note: String = "") {
      let sorted = Set(days).sorted()
      guard let first = sorted.first, let last = sorted.last else { return nil }
      var holes: [ClosedRange<Day>] = []
      for (a, b) in zip(sorted, sorted.dropFirst()) where b - a > 1 { holes.append(a.adding(days: 1)...b.adding(days: -1)) }
      self.init(source: source, subject: subject, first: first, last: last, holes: holes, note: note)
    }

    var knownDays: Int { last - first + 1 - holes.reduce(0) { $0 + ($1.upperBound - $1.lowerBound + 1) } }

    static func panel(_ rows: [Coverage], asOf: Day) -> String {
      let first = rows.map(\.first).min() ?? asOf, last = max(asOf, rows.map(\.last).max() ?? asOf)
      var html = "<p>Which days each source holds, up to \(asOf). A gap is a stretch no snapshot observed: the charts draw it as “no data”, never as zero.</p>\n"
      html += RenderedChart(title: "Stored days per source", svg: timeline(rows, first: first, last: last), table: "").svg
      let table = SVG.table(["source", "series", "first day", "last day", "days held", "holes", "note"], rows.map { r in
        let holes = r.holes.isEmpty ? "none" : r.holes.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound) to \($0.upperBound)" }.joined(separator: ", ")
        return [r.source, r.subject, r.first.description, r.last.description, NumberFormat.grouped(Int64(r.knownDays)), holes, r.note]
      }, numeric: [4])
      return html + "<div class=\"scroll\">" + table + "</div>\n"
    }

    /// One bar per row on a shared time axis; holes are outlined gaps.
    static func timeline(_ rows: [Coverage], first: Day, last: Day) -> String {
      let rowH = 18.0, top = 30.0, left = 210.0, right = SVG.width - 12
      let height = top + Double(rows.count) * rowH + 30
      let axis = TimeAxis(first: first, last: last, left: left, width: right - left)
      var out = SVG.open("coverage", title: "Stored days per source", height: height)
      out += axis.svg(baseline: top + Double(rows.count) * rowH + 4)
      for (i, r) in rows.enumerated() {
        let y = top + Double(i) * rowH
        let name = "\(r.source): \(r.subject)"
        out += SVG.text(name.count > 34 ? String(name.prefix(33)) + "…" : name, x: left - 6, y: y + 12, anchor: "end")
        out += SVG.rect(axis.x(r.first), y + 3, axis.x(r.last.adding(days: 1)) - axis.x(r.first), rowH - 6, cls: "b", title: "\(name): \(r.first) to \(r.last)")
        for h in r.holes {
          out += SVG.rect(axis.x(h.lowerBound), y + 1, max(1.5, axis.x(h.upperBound.adding(days: 1)) - axis.x(h.lowerBound)), rowH - 2, cls: "gp", title: "\(name): no data \(h.lowerBound) to \(h.upperBound)")
        }
      }
      return out + "</svg>"
    }
  }
}
