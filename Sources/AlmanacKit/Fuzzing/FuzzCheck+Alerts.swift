extension FuzzCheck {
  /// Any bytes as alert rules and the series they watch: the text before the first NUL byte is
  /// an almanac.yml (its `alerts:` section is what matters), each byte after it one day of every
  /// watched metric (255 unknown, 254 an excluded day, else the byte × 7; at most 400 days). The
  /// parser must return or throw, never trap; what it accepts must explain itself and replay
  /// without trapping, the same twice, into an alerts.json that round-trips; and each alert's
  /// opening must be exactly the reading the rule gives on that day alone (the replay's shared
  /// caches and skipped days against the plain per-day path).
  public static func alertRules(_ bytes: [UInt8]) throws(Failure) {
    let cut = bytes.firstIndex(of: 0) ?? bytes.count
    let text = String(decoding: bytes[..<cut], as: UTF8.self)
    guard let config = try? ConfigParser.parse(text, path: "fuzz.yml"), !config.alerts.rules.isEmpty else { return }
    let days = bytes.dropFirst(cut + 1).prefix(400)
    let first = Day("2026-01-05") ?? Day(ordinal: 0)
    var daily: [Day: Double] = [:]
    var excluded: [Day: String] = [:]
    for (i, b) in days.enumerated() where b != 255 {
      daily[first.adding(days: i)] = Double(b) * 7
      if b == 254 { excluded[first.adding(days: i)] = "release fuzz" }
    }
    var metrics: [Metric] = []
    for rule in config.alerts.rules {
      let m = rule.metric
      _ = rule.explained(channels: config.alerts.channels(of: rule))
      let name = m.isPattern ? MetricName(source: m.source, subject: "fuzz", measure: m.measure) : m
      metrics.append(Metric(name: name, about: "fuzz", daily: daily, excluded: excluded))
    }
    let catalog = MetricCatalog(metrics)
    let asOf = first.adding(days: days.count)
    let state = AlertEngine.evaluate(config.alerts.rules, catalog: catalog, asOf: asOf)
    guard AlertEngine.evaluate(config.alerts.rules, catalog: catalog, asOf: asOf) == state else { throw Failure("the replay is not deterministic") }
    let encoded = state.encoded()
    guard let again = try? AlertState.decode(encoded, path: "fuzz"), again.encoded() == encoded else { throw Failure("alerts.json did not round-trip") }
    let rules = Dictionary(config.alerts.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for alert in state.alerts {
      guard let rule = rules[alert.rule], let metric = catalog[alert.metric] else { throw Failure("an alert of no rule or metric: \(alert.key)") }
      if let closed = alert.closed, closed <= alert.opened { throw Failure("\(alert.key) closed before it opened") }
      guard AlertEngine.reading(rule, metric, alert.opened) == alert.opening, alert.opening.fires else {
        throw Failure("\(alert.key): the replay's opening reading differs from the day's own reading")
      }
    }
  }

  /// Any bytes as stats/alerts.json (a file anyone can edit in a pull request): the decoder must
  /// return or throw, never trap, and what it accepts must encode and decode to the same bytes.
  public static func alerts(_ bytes: [UInt8]) throws(Failure) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let state = try? AlertState.decode(text, path: "fuzz") else { return }
    let encoded = state.encoded()
    guard let again = try? AlertState.decode(encoded, path: "fuzz"), again.encoded() == encoded else { throw Failure("alerts.json did not round-trip") }
  }
}
