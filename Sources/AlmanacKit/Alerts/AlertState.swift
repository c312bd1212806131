/// `stats/alerts.json`: every alert the rules raised over the stored history, open ones and
/// closed ones, as of a day. Canonical JSON (sorted keys, one spelling per number), alerts in
/// (opened, rule, metric) order, so the same series and rules always give the same bytes.
public struct AlertState: Equatable, Sendable {
  public static let formatVersion = 1

  public var asOf: Day
  public var alerts: [Alert]

  public init(asOf: Day, alerts: [Alert]) {
    self.asOf = asOf
    self.alerts = alerts.sorted { a, b in
      if a.opened != b.opened { return a.opened < b.opened }
      if a.rule != b.rule { return a.rule.utf8.lexicographicallyPrecedes(b.rule.utf8) }
      return a.metric < b.metric
    }
  }

  public var open: [Alert] { alerts.filter(\.isOpen) }

  public var json: JSONValue {
    .object([
      "format_version": .int(Int64(Self.formatVersion)),
      "as_of": .string(asOf.description),
      "open": .int(Int64(open.count)),
      "alerts": .array(alerts.map(Self.json)),
    ])
  }

  public func encoded() -> String { CanonicalJSON.encode(json) }

  static func json(_ r: AlertEngine.Reading) -> JSONValue {
    .object([
      "date": .string(r.day.description), "value": MetricWindows.number(r.value), "score": MetricWindows.number(r.score),
      "reference": r.reference.map(MetricWindows.number) ?? .null,
    ])
  }

  static func json(_ a: Alert) -> JSONValue {
    .object([
      "key": .string(a.key), "rule": .string(a.rule), "metric": .string(a.metric.description), "condition": .string(a.condition.rawValue),
      "threshold": MetricWindows.number(a.threshold), "window": .int(Int64(a.window)),
      "status": .string(a.isOpen ? "open" : "closed"), "opened": .string(a.opened.description),
      "closed": a.closed.map { .string($0.description) } ?? .null, "opening": json(a.opening), "peak": json(a.peak),
      "last_value": MetricWindows.number(a.lastValue), "message": .string(a.message),
    ])
  }

  /// Reads `alerts.json` back, checking its version and every field a channel relies on.
  public static func decode(_ text: String, path: String) throws(FormatError) -> AlertState {
    func fail(_ problem: String) -> FormatError {
      FormatError(path: path, problem: problem, remedy: "Restore it with `git checkout -- \(path)`, or delete it: `almanac run` and `almanac render` write it anew from the series.")
    }
    let root: JSONValue
    do { root = try JSONParser.parse(text) } catch { throw FormatError(path: path, line: error.line, problem: "is not valid JSON (\(error.message))") }
    guard root["format_version"]?.int64Value == Int64(formatVersion) else {
      throw fail("expected format_version \(formatVersion), found \(root["format_version"].map { "\($0)" } ?? "none")")
    }
    guard let asOf = root["as_of"]?.stringValue.flatMap({ Day($0) }), let list = root["alerts"]?.arrayValue else {
      throw fail("needs `as_of` (YYYY-MM-DD) and an `alerts` array")
    }
    var alerts: [Alert] = []
    for (i, item) in list.enumerated() {
      func reading(_ key: String) -> AlertEngine.Reading? {
        guard let r = item[key], let day = r["date"]?.stringValue.flatMap({ Day($0) }), let value = r["value"].flatMap(number),
          let score = r["score"].flatMap(number)
        else { return nil }
        return AlertEngine.Reading(day: day, value: value, score: score, reference: r["reference"].flatMap(number), fires: true)
      }
      guard let rule = item["rule"]?.stringValue, let metric = item["metric"]?.stringValue.flatMap(MetricName.init),
        let condition = item["condition"]?.stringValue.flatMap(AlertRule.Condition.init(rawValue:)),
        let threshold = item["threshold"].flatMap(number), let window = item["window"]?.int64Value,
        let opened = item["opened"]?.stringValue.flatMap({ Day($0) }), let opening = reading("opening"), let peak = reading("peak"),
        let lastValue = item["last_value"].flatMap(number)
      else { throw fail("alerts[\(i)] lacks a field or has one of the wrong type (rule, metric, condition, threshold, window, opened, opening, peak, last_value)") }
      let closed: Day?
      switch item["closed"] {
      case .null?: closed = nil
      case .string(let s)?:
        guard let d = Day(s) else { throw fail("alerts[\(i)].closed: expected YYYY-MM-DD, found `\(s)`") }
        closed = d
      default: throw fail("alerts[\(i)].closed: expected a date or null")
      }
      alerts.append(Alert(
        rule: rule, metric: metric, condition: condition, threshold: threshold, window: Int(window), opened: opened, closed: closed,
        opening: opening, peak: peak, lastValue: lastValue))
    }
    return AlertState(asOf: asOf, alerts: alerts)
  }

  static func number(_ v: JSONValue) -> Double? {
    switch v {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }
}

/// What changed between the stored alerts and tonight's: what the channels announce. A re-run
/// of the same night finds no change, so nothing is announced twice.
public struct AlertEvent: Equatable, Sendable {
  public enum Kind: String, Sendable {
    case opened, closed
    /// Open before, gone now: a revised value no longer fires (the alert never happened).
    case withdrawn
  }

  public var kind: Kind
  public var alert: Alert

  public static func changes(from old: AlertState?, to new: AlertState) -> [AlertEvent] {
    let before = Dictionary((old?.alerts ?? []).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let now = Set(new.alerts.map(\.key))
    var events: [AlertEvent] = []
    for alert in new.alerts {
      let held = before[alert.key]
      if alert.isOpen, held?.isOpen != true { events.append(AlertEvent(kind: .opened, alert: alert)) }
      if !alert.isOpen, held?.isOpen == true { events.append(AlertEvent(kind: .closed, alert: alert)) }
    }
    for alert in old?.alerts ?? [] where alert.isOpen && !now.contains(alert.key) {
      events.append(AlertEvent(kind: .withdrawn, alert: alert))
    }
    return events
  }

  /// One line: `opened: …message…`, `closed on 2026-11-24: …`, `withdrawn: …`.
  public var line: String {
    switch kind {
    case .opened: return "opened: \(alert.message)"
    case .closed: return "closed on \(alert.closed.map(\.description) ?? "?"): \(alert.message)"
    case .withdrawn: return "withdrawn (the values were revised and no longer fire): \(alert.message)"
    }
  }
}
