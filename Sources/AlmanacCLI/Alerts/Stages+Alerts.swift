import AlmanacKit
import Foundation

/// What the alerts part of a night found: the state written to `alerts.json` (nil when no rule
/// is configured) and what changed against the stored one, for the channels.
public struct AlertsOutcome: Sendable {
  public var state: AlertState?
  public var events: [AlertEvent]
  public var rules: [AlertRule]

  public init(state: AlertState?, events: [AlertEvent], rules: [AlertRule]) {
    self.state = state
    self.events = events
    self.rules = rules
  }
}

extension Store {
  public var alertsPath: String { "\(root)/alerts.json" }

  /// The stored alerts, or nil when there is no file; a file that does not decode is an error
  /// naming it (it is never silently replaced: its open alerts would be announced again).
  public func readAlerts() throws(AlmanacError) -> AlertState? {
    guard let text = try FileSystem.read(alertsPath) else { return nil }
    do { return try AlertState.decode(text, path: alertsPath) } catch { throw .format(error) }
  }
}

extension Stages {
  /// Every source's metrics in one catalog, release days shared by the metrics of a subject.
  public func metricCatalog(_ night: Night, sources: [any NightlySource] = NightlySources.all) throws(AlmanacError) -> MetricCatalog {
    var catalog = MetricCatalog()
    for source in sources {
      for metric in try source.metrics(night) { catalog.add(metric) }
    }
    catalog.shareReleaseDays()
    return catalog
  }

  /// Replays the rules over the catalog as of the stages' date and writes `alerts.json`
  /// (canonical, so a re-run or a rebuild writes the same bytes). The events are what changed
  /// against the stored file: a re-run finds none, so nothing is announced twice.
  public func writeAlerts(_ config: AlertsConfig, catalog: MetricCatalog) throws(AlmanacError) -> AlertsOutcome {
    guard !config.rules.isEmpty else { return AlertsOutcome(state: nil, events: [], rules: []) }
    for rule in AlertEngine.unmatched(config.rules, catalog: catalog) {
      let known = catalog.names.filter { $0.source == rule.metric.source }.map(\.description)
      let hint = known.isEmpty ? "nothing of \(rule.metric.source) is stored yet" : "stored: \(known.prefix(8).joined(separator: ", "))\(known.count > 8 ? ", …" : "")"
      console.report(Diagnostic(.warning, "alert rule `\(rule.id)` watches `\(rule.metric)`, which no stored series provides (\(hint)); check the metric's name", at: "alerts.rules"))
    }
    let previous: AlertState?
    do { previous = try store.readAlerts() } catch {
      // --force replaces a damaged file; its open alerts will be announced again.
      guard store.force else { throw error }
      console.report(Diagnostic(.warning, "\(error.description) Replacing it (--force); its open alerts are announced again", at: store.alertsPath))
      previous = nil
    }
    let state = AlertEngine.evaluate(config.rules, catalog: catalog, asOf: date)
    wrote(try store.write(state.encoded(), to: store.alertsPath, validate: Store.jsonValidator), store.alertsPath)
    return AlertsOutcome(state: state, events: AlertEvent.changes(from: previous, to: state), rules: config.rules)
  }

  /// The catalog and the alerts in one step, for `almanac aggregate`: failures of either are
  /// reported, never thrown, so the series already written stand.
  func aggregateAlerts(config: Config?) {
    guard let config, !config.alerts.rules.isEmpty else { return }
    do {
      let night = Night(config: config, client: HTTPClient(transport: .unavailable), stages: self)
      let outcome = try writeAlerts(config.alerts, catalog: try metricCatalog(night))
      console.note("alerts: \(outcome.state?.open.count ?? 0) open of \(outcome.state?.alerts.count ?? 0) as of \(date)")
    } catch {
      console.report(Diagnostic(.error, "alerts: \(error.description)"))
    }
  }
}
