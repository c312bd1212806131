extension RawSnapshot {
  /// For the ClickHouse sources, whose exchanges are told apart by URL (the URL carries the
  /// query's fingerprint): when this fetch had failures, the answers an earlier fetch of the same
  /// day got for other queries are kept after this fetch's own, so a second run that fails never
  /// loses the first run's data. Normalizers take the first answer for a key, so new answers win.
  public func keepingEarlierAnswers(from old: RawSnapshot?) -> RawSnapshot {
    guard let old, !failures.isEmpty, old.source == source, old.date == date else { return self }
    var merged = self
    let asked = Set(exchanges.map(\.url))
    merged.exchanges += old.exchanges.filter { !asked.contains($0.url) }
    return merged
  }
}

extension RawSnapshot {
  /// The rows of every exchange whose endpoint `E` names, for a ClickHouse source's normalizer.
  /// An unknown endpoint, or an answer ClickHouse refused, becomes a diagnostic and is skipped.
  public func clickHouseRows<E: RawRepresentable>(
    _: E.Type, source: String, path: String, diagnostics: inout [Diagnostic]
  ) -> [(endpoint: E, target: String, rows: [JSONValue])] where E.RawValue == String {
    var out: [(endpoint: E, target: String, rows: [JSONValue])] = []
    for exchange in exchanges {
      guard let endpoint = E(rawValue: exchange.endpoint) else {
        diagnostics.append(Diagnostic(.warning, "unknown \(source) query `\(exchange.endpoint)` skipped", at: path))
        continue
      }
      do {
        out.append((endpoint, exchange.target, try ClickHouseAnswer.rows(exchange.body, status: exchange.status, purpose: "\(exchange.endpoint) for \(exchange.target)")))
      } catch {
        diagnostics.append(Diagnostic(.error, error.description, at: path))
      }
    }
    return out
  }
}
