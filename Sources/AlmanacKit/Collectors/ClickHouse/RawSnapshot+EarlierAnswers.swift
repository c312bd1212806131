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
