/// Parquet's PLAIN encoding: little-endian fixed-width integers, a byte array as its 4-byte
/// length then its bytes, booleans packed eight to a byte, least significant bit first.
/// Nulls are not written (the definition levels say where they are).
enum PlainEncoding {
  static func int32(_ v: Int32, into out: inout [UInt8]) {
    let u = UInt32(bitPattern: v)
    out.append(UInt8(u & 0xFF))
    out.append(UInt8(u >> 8 & 0xFF))
    out.append(UInt8(u >> 16 & 0xFF))
    out.append(UInt8(u >> 24))
  }

  static func int64(_ v: Int64, into out: inout [UInt8]) {
    var u = UInt64(bitPattern: v)
    for _ in 0..<8 {
      out.append(UInt8(u & 0xFF))
      u >>= 8
    }
  }

  static func byteArray(_ bytes: [UInt8], into out: inout [UInt8]) {
    int32(Int32(bytes.count), into: &out)
    out += bytes
  }

  static func byteArray(_ text: String, into out: inout [UInt8]) {
    int32(Int32(text.utf8.count), into: &out)
    out.append(contentsOf: text.utf8)
  }

  static func values(_ values: ParquetValues, rows: Range<Int>, into out: inout [UInt8]) {
    switch values {
    case .date(let v): for case let x? in v[rows] { int32(x, into: &out) }
    case .int64(let v): for case let x? in v[rows] { int64(x, into: &out) }
    case .string(let v): for case let x? in v[rows] { byteArray(x, into: &out) }
    case .boolean(let v):
      var byte: UInt8 = 0
      var bit = 0
      for case let x? in v[rows] {
        if x { byte |= 1 << UInt8(bit) }
        bit += 1
        if bit == 8 {
          out.append(byte)
          byte = 0
          bit = 0
        }
      }
      if bit > 0 { out.append(byte) }
    }
  }
}
