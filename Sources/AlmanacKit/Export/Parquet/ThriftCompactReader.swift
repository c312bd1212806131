/// Reads Thrift compact structs into field trees, for `ParquetReadBack` (the footer and page
/// headers). Every read is bounds-checked and nesting is limited, so any bytes give a value
/// or a `ParquetError`, never a crash.
struct ThriftCompactReader {
  indirect enum Value: Equatable {
    case int(Int64)
    case bool(Bool)
    case binary([UInt8])
    case list([Value])
    case fields([Int16: Value])
    case other

    subscript(_ id: Int16) -> Value? {
      if case .fields(let f) = self { return f[id] }
      return nil
    }

    var int: Int64? { if case .int(let v) = self { v } else { nil } }
    var list: [Value] { if case .list(let v) = self { v } else { [] } }
    var binary: [UInt8]? { if case .binary(let v) = self { v } else { nil } }
  }

  let bytes: [UInt8]
  var position: Int

  init(_ bytes: [UInt8], at position: Int) {
    self.bytes = bytes
    self.position = position
  }

  mutating func byte() throws(ParquetError) -> UInt8 {
    guard position >= 0, position < bytes.count else { throw ParquetError("Thrift data runs past the end at byte \(position)") }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func varint() throws(ParquetError) -> UInt64 {
    var value: UInt64 = 0
    for shift in stride(from: 0, to: 70, by: 7) {
      let b = try byte()
      value |= UInt64(b & 0x7F) << UInt64(shift)
      if b < 0x80 { return value }
    }
    throw ParquetError("a Thrift varint is longer than 10 bytes at byte \(position)")
  }

  mutating func zigzag() throws(ParquetError) -> Int64 {
    let v = try varint()
    return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
  }

  mutating func structure(depth: Int = 0) throws(ParquetError) -> Value {
    guard depth < 32 else { throw ParquetError("Thrift structs nest deeper than 32") }
    var fields: [Int16: Value] = [:]
    var last: Int64 = 0
    while true {
      let header = try byte()
      if header == 0 { return .fields(fields) }
      let delta = Int64(header >> 4)
      let id = delta == 0 ? try zigzag() : last + delta
      guard let id16 = Int16(exactly: id) else { throw ParquetError("a Thrift field id \(id) is out of range") }
      last = id
      fields[id16] = try value(header & 0x0F, depth: depth)
    }
  }

  mutating func value(_ type: UInt8, depth: Int) throws(ParquetError) -> Value {
    switch type {
    case 1: return .bool(true)
    case 2: return .bool(false)
    case 3: return .int(Int64(Int8(bitPattern: try byte())))
    case 4, 5, 6: return .int(try zigzag())
    case 7:
      for _ in 0..<8 { _ = try byte() }
      return .other
    case 8:
      let n = try varint()
      guard n <= UInt64(bytes.count - position) else { throw ParquetError("a Thrift binary of \(n) bytes runs past the end") }
      defer { position += Int(n) }
      return .binary(Array(bytes[position..<(position + Int(n))]))
    case 9, 10:
      let header = try byte()
      var count = UInt64(header >> 4)
      if count == 15 { count = try varint() }
      guard count <= UInt64(bytes.count - position) else { throw ParquetError("a Thrift list of \(count) elements is longer than the data") }
      var items: [Value] = []
      for _ in 0..<count {
        let t = header & 0x0F
        items.append(t == 1 || t == 2 ? .bool(try byte() == 1) : try value(t, depth: depth + 1))
      }
      return .list(items)
    case 12: return try structure(depth: depth + 1)
    default: throw ParquetError("Thrift type \(type) is not one Parquet uses")
    }
  }
}
