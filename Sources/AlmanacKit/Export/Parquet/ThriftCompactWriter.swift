/// The Thrift compact protocol, write side only: what a Parquet footer and page headers need
/// (structs, i16/i32/i64, binary, bool, lists of structs, i32s and binaries).
///
/// Field ids are written as a delta from the previous field of the same struct when it is
/// 1…15, else in full; integers are zigzag varints; a struct ends with a stop byte.
struct ThriftCompactWriter {
  enum FieldType: UInt8 {
    case boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8, list = 9, set = 10, map = 11, `struct` = 12
  }

  fileprivate(set) var bytes: [UInt8] = []
  private var lastField: [Int16] = [0]

  mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
    let delta = Int(id) - Int(lastField[lastField.count - 1])
    if delta > 0, delta <= 15 {
      bytes.append(UInt8(delta) << 4 | type.rawValue)
    } else {
      bytes.append(type.rawValue)
      varint(zigzag(Int64(id)))
    }
    lastField[lastField.count - 1] = id
  }

  mutating func i32(_ id: Int16, _ value: Int32) {
    fieldHeader(id, .i32)
    varint(zigzag(Int64(value)))
  }

  mutating func i64(_ id: Int16, _ value: Int64) {
    fieldHeader(id, .i64)
    varint(zigzag(value))
  }

  mutating func bool(_ id: Int16, _ value: Bool) { fieldHeader(id, value ? .boolTrue : .boolFalse) }

  mutating func binary(_ id: Int16, _ value: [UInt8]) {
    fieldHeader(id, .binary)
    rawBinary(value)
  }

  mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

  /// A struct field: `body` writes its fields; the stop byte is added.
  mutating func structField(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
    fieldHeader(id, .struct)
    structBody(body)
  }

  /// A list field of `count` elements of `type`; `body` writes each element (see `structBody`,
  /// `rawI32`, `rawBinary`).
  mutating func listField(_ id: Int16, _ type: FieldType, count: Int, _ body: (inout ThriftCompactWriter) -> Void) {
    fieldHeader(id, .list)
    if count < 15 {
      bytes.append(UInt8(count) << 4 | type.rawValue)
    } else {
      bytes.append(0xF0 | type.rawValue)
      varint(UInt64(count))
    }
    body(&self)
  }

  /// A struct's fields followed by the stop byte (a top-level message, or a list element).
  mutating func structBody(_ body: (inout ThriftCompactWriter) -> Void) {
    lastField.append(0)
    body(&self)
    bytes.append(0)
    lastField.removeLast()
  }

  mutating func rawI32(_ value: Int32) { varint(zigzag(Int64(value))) }

  mutating func rawBinary(_ value: [UInt8]) {
    varint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  private func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }

  private mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }
}

extension ThriftCompactWriter {
  /// Bytes already encoded elsewhere (a struct written by another writer, a byte value).
  mutating func appendRaw(_ raw: [UInt8]) { bytes += raw }
}
