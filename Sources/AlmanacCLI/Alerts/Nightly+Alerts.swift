import AlmanacKit
import Foundation

extension Stages {
  /// The alerts' part of rendering: every metric's windows (`summary.json`'s `windows`),
  /// `alerts.json` replayed from the stored series, and the `## Alerts` section of REPORT.md.
  /// A failure here (a damaged alerts.json, an unreadable series) is reported, never thrown:
  /// the sources' files are written either way.
  func renderAlerts(_ night: Night) -> (rendering: SourceRendering, outcome: AlertsOutcome?) {
    var out = SourceRendering(source: "alerts")
    do {
      let catalog = try metricCatalog(night)
      if !catalog.metrics.isEmpty { out.summary = ["windows": MetricWindows.summary(catalog, asOf: date)] }
      let outcome = try writeAlerts(night.config.alerts, catalog: catalog)
      if let state = outcome.state {
        out.reportSection = AlertReport.section(state, rules: outcome.rules.count)
        out.site = AlertReport.siteSection(state, rules: outcome.rules.count)
      }
      return (out, outcome)
    } catch {
      console.report(Diagnostic(.error, "alerts: \(error.description)"))
      return (out, nil)
    }
  }
}

extension Nightly {
  /// Tonight's alert changes as annotations, then to the configured channels; returns the step
  /// summary's `### Alerts` part. A channel that fails is a warning (in the log, the
  /// annotations and the step summary's problems), never a failed night.
  static func announce(_ alerts: AlertsOutcome?, night: Night, environment: [String: String]) async -> String {
    guard let alerts, let state = alerts.state else { return "" }
    let console = night.console
    for event in alerts.events {
      console.annotate(event.kind == .opened ? "warning" : "notice", title: "Almanac alert \(event.kind.rawValue): \(event.alert.rule)", event.line)
    }
    let client = AlertChannels.budgeted(night.client, night.config.alerts)
    let failures = await AlertChannels(config: night.config, client: client, environment: environment).deliver(alerts.events)
    for failure in failures { console.report(Diagnostic(.warning, failure.description)) }
    var md = AlertReport.stepSummary(alerts.events, open: state.open.count)
    if !failures.isEmpty {
      md += "\nNot delivered (\(failures.count)); the alerts stay in stats/alerts.json and REPORT.md:\n\n"
      for f in failures { md += "- \(Markdown.text(console.redactor.redact(f.description)))\n" }
    }
    return md
  }
}
