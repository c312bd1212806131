extension ParquetReadBack {
  /// Little-endian, PLAIN and RLE/bit-packed reads over one page body, bounds-checked.
  struct Decoder {
    let bytes: [UInt8]
    var at = 0

    mutating func take(_ n: Int) throws(ParquetError) -> [UInt8] {
      guard n >= 0, n <= bytes.count - at else { throw ParquetError("a page body is cut short") }
      defer { at += n }
      return Array(bytes[at..<(at + n)])
    }

    mutating func le(_ n: Int) throws(ParquetError) -> UInt64 {
      var v: UInt64 = 0
      for (k, b) in try take(n).enumerated() { v |= UInt64(b) << UInt64(8 * k) }
      return v
    }

    mutating func plain(_ kind: ParquetColumn.Kind, count: Int) throws(ParquetError) -> ParquetValues {
      guard count >= 0, count <= bytes.count * 8 else { throw ParquetError("a page claims \(count) values") }
      switch kind {
      case .date: return .date(try (0..<count).map { _ throws(ParquetError) in Int32(truncatingIfNeeded: try le(4)) })
      case .int64: return .int64(try (0..<count).map { _ throws(ParquetError) in Int64(bitPattern: try le(8)) })
      case .string:
        return .string(try (0..<count).map { _ throws(ParquetError) in String(decoding: try take(Int(try le(4))), as: UTF8.self) })
      case .boolean:
        let packed = try take((count + 7) / 8)
        return .boolean((0..<count).map { packed[$0 / 8] >> UInt8($0 % 8) & 1 == 1 })
      }
    }

    mutating func hybrid(count: Int, bitWidth: Int) throws(ParquetError) -> [UInt32] {
      guard (0...32).contains(bitWidth) else { throw ParquetError("a bit width of \(bitWidth)") }
      var out: [UInt32] = []
      out.reserveCapacity(count)
      while out.count < count {
        var r = ThriftCompactReader(bytes, at: at)
        let header = try r.varint()
        at = r.position
        if header & 1 == 1 {
          let values = Int(header >> 1) * 8
          guard values > 0, values * bitWidth <= (bytes.count - at) * 8 else { throw ParquetError("a bit-packed run is longer than the page") }
          let packed = try take((values * bitWidth + 7) / 8)
          for k in 0..<values where out.count < count {
            var v: UInt32 = 0
            for bit in 0..<bitWidth where packed[(k * bitWidth + bit) / 8] >> UInt8((k * bitWidth + bit) % 8) & 1 == 1 { v |= 1 << UInt32(bit) }
            out.append(v)
          }
        } else {
          let run = Int(header >> 1)
          guard run > 0, run <= count - out.count else { throw ParquetError("an RLE run of \(run) passes the page's values") }
          let v = UInt32(truncatingIfNeeded: try le((bitWidth + 7) / 8))
          out.append(contentsOf: repeatElement(v, count: run))
        }
      }
      return out
    }
  }

  static func empty(_ kind: ParquetColumn.Kind) -> ParquetValues {
    switch kind {
    case .date: .date([])
    case .int64: .int64([])
    case .string: .string([])
    case .boolean: .boolean([])
    }
  }

  static func append(_ a: ParquetValues, _ b: ParquetValues) -> ParquetValues {
    switch (a, b) {
    case (.date(let x), .date(let y)): .date(x + y)
    case (.int64(let x), .int64(let y)): .int64(x + y)
    case (.string(let x), .string(let y)): .string(x + y)
    case (.boolean(let x), .boolean(let y)): .boolean(x + y)
    default: a
    }
  }

  /// The known values placed at the defined positions, nil elsewhere.
  static func spread(_ known: ParquetValues, _ defined: [Bool]) -> ParquetValues {
    func place<T>(_ v: [T?]) -> [T?] {
      var i = 0
      return defined.map { d in
        guard d, i < v.count else { return nil }
        defer { i += 1 }
        return v[i]
      }
    }
    switch known {
    case .date(let v): return .date(place(v))
    case .int64(let v): return .int64(place(v))
    case .string(let v): return .string(place(v))
    case .boolean(let v): return .boolean(place(v))
    }
  }

  static func pick(_ dictionary: ParquetValues, _ indices: [UInt32]) throws(ParquetError) -> ParquetValues {
    guard case .string(let entries) = dictionary else { throw ParquetError("a dictionary for a column that is not text") }
    guard indices.allSatisfy({ Int($0) < entries.count }) else { throw ParquetError("a dictionary index past the dictionary") }
    return .string(indices.map { entries[Int($0)] })
  }

  static func nullCount(_ values: ParquetValues) -> Int { ParquetStatistics.nullCount(values) }
}
