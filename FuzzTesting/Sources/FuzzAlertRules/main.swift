import AlmanacKit

// Any bytes as alert rules and the series they watch: the text before the first NUL byte is an
// almanac.yml (its `alerts:` section is what matters), each byte after it one day of every
// watched metric (255 unknown, 254 an excluded day, else the byte × 7). The parser must return
// or throw, never trap; what it accepts must explain itself and replay without trapping, the
// same twice, into an alerts.json that round-trips; and each alert's opening must be exactly
// the reading the rule gives on that day alone (the replay's shared caches against the plain
// per-day path).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  let cut = bytes.firstIndex(of: 0) ?? bytes.count
  let text = String(decoding: bytes[..<cut], as: UTF8.self)
  guard let config = try? ConfigParser.parse(text, path: "fuzz.yml"), !config.alerts.rules.isEmpty else { return 0 }
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
  guard AlertEngine.evaluate(config.alerts.rules, catalog: catalog, asOf: asOf) == state else { fatalError("the replay is not deterministic") }
  let encoded = state.encoded()
  guard let again = try? AlertState.decode(encoded, path: "fuzz"), again.encoded() == encoded else { fatalError("alerts.json did not round-trip") }
  let rules = Dictionary(config.alerts.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  for alert in state.alerts {
    guard let rule = rules[alert.rule], let metric = catalog[alert.metric] else { fatalError("an alert of no rule or metric") }
    if let closed = alert.closed, closed <= alert.opened { fatalError("closed before it opened") }
    guard AlertEngine.reading(rule, metric, alert.opened) == alert.opening, alert.opening.fires else {
      fatalError("the replay's opening reading differs from the day's own reading")
    }
  }
  return 0
}
