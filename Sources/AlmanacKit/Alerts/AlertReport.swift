/// The alerts' part of `REPORT.md` and of the run's step summary: open alerts, then what changed
/// tonight. Every data-derived cell goes through `Markdown.text`.
public enum AlertReport {
  /// `## Alerts` for REPORT.md: the open alerts and the ten most recently closed ones; empty
  /// when no rule is configured.
  public static func section(_ state: AlertState, rules: Int) -> String {
    guard rules > 0 else { return "" }
    var md = "## Alerts\n\n"
    let open = state.open
    if open.isEmpty {
      md += "No alert is open (\(rules) rule\(rules == 1 ? "" : "s") checked over the stored history as of \(state.asOf)).\n\n"
    } else {
      md += table(openHeader, open.map(openRow)) + "\n"
    }
    let closed = recentlyClosed(state)
    if !closed.isEmpty { md += "Recently closed:\n\n" + table(closedHeader, closed.map(closedRow)) + "\n" }
    return md
  }

  /// A Markdown table of plain cells, the last column right-aligned.
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    var md = "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count - 1) + "---:|\n"
    for row in rows { md += "| " + row.map(Markdown.text).joined(separator: " | ") + " |\n" }
    return md
  }

  /// The two tables REPORT.md and the HTML report show, as plain cells (each format escapes
  /// them its own way).
  static let openHeader = ["open since", "rule", "metric", "what happened", "peak"]
  static func openRow(_ a: Alert) -> [String] { [a.opened.description, a.rule, a.metric.description, a.message, peak(a)] }
  static let closedHeader = ["opened", "closed", "rule", "metric", "peak"]
  static func closedRow(_ a: Alert) -> [String] { [a.opened.description, a.closed.map(\.description) ?? "", a.rule, a.metric.description, peak(a)] }

  /// `1,234 on 2026-11-20 (-52%)`: the peak's value, day and score where the score is not the value.
  static func peak(_ a: Alert) -> String {
    let value = NumberFormat.grouped(Int64(a.peak.value.rounded()))
    switch a.condition {
    case .above, .below: return "\(value) on \(a.peak.day)"
    case .dropPercent, .risePercent: return "\(value) on \(a.peak.day) (\(a.peak.score > 0 ? "+" : "")\(CanonicalJSON.number(a.peak.score))%)"
    case .anomaly: return "\(value) on \(a.peak.day) (\(CanonicalJSON.number(a.peak.score)) σ)"
    }
  }

  /// The step's outputs about alerts (`$GITHUB_OUTPUT`, declared in action.yml): how many are
  /// open after tonight, how many opened tonight, how many closed (cleared or withdrawn).
  public static func outputs(_ state: AlertState, events: [AlertEvent]) -> [(key: String, value: String)] {
    [
      ("alerts-open", String(state.open.count)),
      ("alerts-opened", String(events.filter { $0.kind == .opened }.count)),
      ("alerts-closed", String(events.filter { $0.kind != .opened }.count)),
    ]
  }

  /// The step summary's `### Alerts` lines: tonight's changes, then how many stay open.
  public static func stepSummary(_ events: [AlertEvent], open: Int) -> String {
    guard !events.isEmpty || open > 0 else { return "" }
    var md = "### Alerts\n\n"
    for e in events { md += "- **\(e.kind.rawValue)** \(Markdown.text(e.alert.rule)): \(Markdown.text(e.line))\n" }
    if !events.isEmpty { md += "\n" }
    md += "\(open) alert\(open == 1 ? "" : "s") open (see REPORT.md).\n"
    return md
  }
}
