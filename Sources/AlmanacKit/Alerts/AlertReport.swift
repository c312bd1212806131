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
      md += "| open since | rule | metric | what happened | peak |\n|---|---|---|---|---:|\n"
      for a in open {
        md += "| \(a.opened) | \(Markdown.text(a.rule)) | \(Markdown.text(a.metric.description)) | \(Markdown.text(a.message)) | \(peak(a)) |\n"
      }
      md += "\n"
    }
    let closed = state.alerts.filter { !$0.isOpen }.sorted { ($0.closed ?? $0.opened) > ($1.closed ?? $1.opened) }.prefix(10)
    if !closed.isEmpty {
      md += "Recently closed:\n\n| opened | closed | rule | metric | peak |\n|---|---|---|---|---:|\n"
      for a in closed {
        md += "| \(a.opened) | \(a.closed.map(\.description) ?? "") | \(Markdown.text(a.rule)) | \(Markdown.text(a.metric.description)) | \(peak(a)) |\n"
      }
      md += "\n"
    }
    return md
  }

  /// `1,234 on 2026-11-20 (-52%)`: the peak's value, day and score where the score is not the value.
  static func peak(_ a: Alert) -> String {
    let value = NumberFormat.grouped(Int64(a.peak.value.rounded()))
    switch a.condition {
    case .above, .below: return "\(value) on \(a.peak.day)"
    case .dropPercent, .risePercent: return "\(value) on \(a.peak.day) (\(a.peak.score > 0 ? "+" : "")\(CanonicalJSON.number(a.peak.score))%)"
    case .anomaly: return "\(value) on \(a.peak.day) (\(CanonicalJSON.number(a.peak.score)) σ)"
    }
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
