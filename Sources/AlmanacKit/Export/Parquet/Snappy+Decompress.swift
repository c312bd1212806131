extension Snappy {
  /// Decodes a raw Snappy block (for `ParquetReadBack`): every tag, offset and length is
  /// checked, and the output must be exactly the length the block states.
  public static func decompress(_ b: [UInt8]) throws(ParquetError) -> [UInt8] {
    var r = ThriftCompactReader(b, at: 0)
    let length = try r.varint()
    guard length <= 1 << 31 else { throw ParquetError("a Snappy block claims \(length) bytes") }
    var i = r.position
    var out: [UInt8] = []
    out.reserveCapacity(Int(length))
    func need(_ n: Int) throws(ParquetError) { if i + n > b.count { throw ParquetError("a Snappy block is cut short") } }
    while i < b.count {
      let tag = b[i]
      i += 1
      var n: Int
      var offset = 0
      switch tag & 3 {
      case 0:
        n = Int(tag >> 2)
        if n >= 60 {
          let extra = n - 59
          try need(extra)
          n = 0
          for k in 0..<extra { n |= Int(b[i + k]) << (8 * k) }
          i += extra
        }
        n += 1
        try need(n)
        out.append(contentsOf: b[i..<(i + n)])
        i += n
        continue
      case 1:
        try need(1)
        n = Int((tag >> 2) & 7) + 4
        offset = Int(tag >> 5) << 8 | Int(b[i])
        i += 1
      case 2:
        try need(2)
        n = Int(tag >> 2) + 1
        offset = Int(b[i]) | Int(b[i + 1]) << 8
        i += 2
      default: throw ParquetError("Snappy 4-byte offsets are not written by Almanac")
      }
      guard offset > 0, offset <= out.count, out.count + n <= Int(length) else { throw ParquetError("a Snappy copy points outside the output") }
      for _ in 0..<n { out.append(out[out.count - offset]) }
    }
    guard out.count == Int(length) else { throw ParquetError("a Snappy block decodes to \(out.count) bytes, not the \(length) it states") }
    return out
  }
}
