/// A column chunk's statistics: null count and the minimum and maximum non-null value in the
/// column's type-defined order (signed integers; strings as unsigned bytes; false < true),
/// written as PLAIN values without a length prefix (`min_value`, `max_value`).
struct ParquetStatistics: Equatable {
  var nullCount: Int64 = 0
  var min: [UInt8]?
  var max: [UInt8]?

  init(_ values: ParquetValues) {
    switch values {
    case .date(let v):
      nullCount = Int64(v.count(where: { $0 == nil }))
      let known = v.compactMap { $0 }
      if let lo = known.min(), let hi = known.max() { (min, max) = (Self.plain { PlainEncoding.int32(lo, into: &$0) }, Self.plain { PlainEncoding.int32(hi, into: &$0) }) }
    case .int64(let v):
      nullCount = Int64(v.count(where: { $0 == nil }))
      let known = v.compactMap { $0 }
      if let lo = known.min(), let hi = known.max() { (min, max) = (Self.plain { PlainEncoding.int64(lo, into: &$0) }, Self.plain { PlainEncoding.int64(hi, into: &$0) }) }
    case .string(let v):
      nullCount = Int64(v.count(where: { $0 == nil }))
      var lo: String.UTF8View?
      var hi: String.UTF8View?
      for case let s? in v {
        let u = s.utf8
        if lo.map({ u.lexicographicallyPrecedes($0) }) ?? true { lo = u }
        if hi.map({ $0.lexicographicallyPrecedes(u) }) ?? true { hi = u }
      }
      min = lo.map { Array($0) }
      max = hi.map { Array($0) }
    case .boolean(let v):
      nullCount = Int64(v.count(where: { $0 == nil }))
      let known = v.compactMap { $0 }
      if !known.isEmpty { (min, max) = ([known.contains(false) ? 0 : 1], [known.contains(true) ? 1 : 0]) }
    }
  }

  /// A dictionary-encoded string column's: min and max over its distinct values.
  init(dictionary: [[UInt8]], nullCount: Int64) {
    self.nullCount = nullCount
    for entry in dictionary {
      if min.map({ entry.lexicographicallyPrecedes($0) }) ?? true { min = entry }
      if max.map({ $0.lexicographicallyPrecedes(entry) }) ?? true { max = entry }
    }
  }

  /// The number of nulls alone (a required column's check).
  static func nullCount(_ values: ParquetValues) -> Int {
    switch values {
    case .date(let v): v.count(where: { $0 == nil })
    case .int64(let v): v.count(where: { $0 == nil })
    case .string(let v): v.count(where: { $0 == nil })
    case .boolean(let v): v.count(where: { $0 == nil })
    }
  }

  private static func plain(_ body: (inout [UInt8]) -> Void) -> [UInt8] {
    var out: [UInt8] = []
    body(&out)
    return out
  }

  func write(_ id: Int16, _ w: inout ThriftCompactWriter) {
    w.structField(id) { s in
      s.i64(3, nullCount)
      if let max { s.binary(5, max) }
      if let min { s.binary(6, min) }
    }
  }
}
