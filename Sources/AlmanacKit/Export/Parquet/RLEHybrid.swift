/// Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary indices).
///
/// A run of eight or more equal values is one RLE run (`count << 1`, then the value in
/// `ceil(bitWidth / 8)` little-endian bytes); everything else goes out in bit-packed groups of
/// eight (`groups << 1 | 1`, then the values packed least significant bit first). Only the
/// last group is padded with zeros: the reader knows how many values the page holds.
enum RLEHybrid {
  static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
    var out: [UInt8] = []
    var literal: [UInt32] = []
    var i = 0
    while i < values.count {
      var run = 1
      while i + run < values.count, values[i + run] == values[i] { run += 1 }
      if run >= 8 {
        // Top the literal buffer up to a whole group from the run, then RLE the rest.
        let take = (8 - literal.count % 8) % 8
        if run - take >= 8 {
          literal.append(contentsOf: repeatElement(values[i], count: take))
          flush(&literal, bitWidth: bitWidth, into: &out)
          varint(UInt64(run - take) << 1, into: &out)
          var v = values[i]
          for _ in 0..<(bitWidth + 7) / 8 {
            out.append(UInt8(v & 0xFF))
            v >>= 8
          }
          i += run
          continue
        }
      }
      literal.append(contentsOf: values[i..<(i + run)])
      i += run
    }
    flush(&literal, bitWidth: bitWidth, into: &out)
    return out
  }

  /// Bits needed for values up to `max` (at least 1: some readers refuse a width of 0).
  static func bitWidth(_ max: UInt32) -> Int { max <= 1 ? 1 : 32 - max.leadingZeroBitCount }

  private static func flush(_ literal: inout [UInt32], bitWidth: Int, into out: inout [UInt8]) {
    guard !literal.isEmpty else { return }
    let groups = (literal.count + 7) / 8
    varint(UInt64(groups) << 1 | 1, into: &out)
    var acc: UInt64 = 0
    var bits = 0
    for index in 0..<(groups * 8) {
      let v = index < literal.count ? UInt64(literal[index]) : 0
      acc |= v << UInt64(bits)
      bits += bitWidth
      while bits >= 8 {
        out.append(UInt8(acc & 0xFF))
        acc >>= 8
        bits -= 8
      }
    }
    if bits > 0 { out.append(UInt8(acc & 0xFF)) }
    literal.removeAll(keepingCapacity: true)
  }

  static func varint(_ value: UInt64, into out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }
}
