/// One column chunk: an optional dictionary page, then data pages (v1) of at most `pageRows`
/// rows, each compressed with the codec, plus what the footer says about it.
struct ParquetColumnChunk {
  static let plain: Int32 = 0
  static let rle: Int32 = 3
  static let rleDictionary: Int32 = 8
  /// Past this many distinct values (or bytes of them) a string column is written PLAIN.
  static let dictionaryLimit = 1 << 16
  static let dictionaryByteLimit = 1 << 20

  var bytes: [UInt8] = []
  var encodings: [Int32] = []
  var numValues = 0
  var uncompressedSize = 0
  var dataPageOffset: Int64 = 0
  var dictionaryPageOffset: Int64?
  var statistics: ParquetStatistics

  /// Encodes `values` for a chunk that starts at file offset `start`.
  init(_ column: ParquetColumn, _ values: ParquetValues, codec: ParquetCodec, start: Int64, pageRows: Int) throws(ParquetError) {
    numValues = values.count
    var defined: [Bool] = []
    if column.optional { defined = Self.definitions(values) }
    var dictionary: [[UInt8]] = []
    var indices: [UInt32] = []
    if case .string(let strings) = values, Self.dictionaryEncode(strings, &dictionary, &indices), !dictionary.isEmpty {
      // The distinct values have the column's min and max: no need to compare every value.
      statistics = ParquetStatistics(dictionary: dictionary, nullCount: Int64(strings.count - indices.count))
      dictionaryPageOffset = start
      var body: [UInt8] = []
      for entry in dictionary { PlainEncoding.byteArray(entry, into: &body) }
      try page(type: 2, body: body, codec: codec) { h in
        h.structField(7) { d in
          d.i32(1, Int32(dictionary.count))
          d.i32(2, Self.plain)
        }
      }
      encodings = [Self.plain, Self.rle, Self.rleDictionary]
    } else {
      statistics = ParquetStatistics(values)
      encodings = [Self.plain, Self.rle]
    }
    dataPageOffset = start + Int64(bytes.count)
    let width = RLEHybrid.bitWidth(UInt32(max(dictionary.count - 1, 0)))
    var row = 0
    var valueIndex = 0
    repeat {
      let end = min(row + pageRows, values.count)
      var body: [UInt8] = []
      var present = end - row
      if column.optional {
        let levels = defined[row..<end].map { UInt32($0 ? 1 : 0) }
        present = levels.reduce(0) { $0 + Int($1) }
        let encoded = RLEHybrid.encode(levels, bitWidth: 1)
        PlainEncoding.int32(Int32(encoded.count), into: &body)
        body += encoded
      }
      let encoding: Int32
      if dictionaryPageOffset != nil {
        body.append(UInt8(width))
        body += RLEHybrid.encode(Array(indices[valueIndex..<(valueIndex + present)]), bitWidth: width)
        encoding = Self.rleDictionary
      } else {
        PlainEncoding.values(values, rows: row..<end, into: &body)
        encoding = Self.plain
      }
      valueIndex += present
      let rows = end - row
      try page(type: 0, body: body, codec: codec) { h in
        h.structField(5) { d in
          d.i32(1, Int32(rows))
          d.i32(2, encoding)
          d.i32(3, Self.rle)
          d.i32(4, Self.rle)
        }
      }
      row = end
    } while row < values.count
  }

  /// Appends one page: its Thrift header (`type`, sizes, and what `header` adds), then the body.
  private mutating func page(
    type: Int32, body: [UInt8], codec: ParquetCodec, header: (inout ThriftCompactWriter) -> Void
  ) throws(ParquetError) {
    let compressed = try codec.compress(body)
    var h = ThriftCompactWriter()
    h.structBody { h in
      h.i32(1, type)
      h.i32(2, Int32(body.count))
      h.i32(3, Int32(compressed.count))
      header(&h)
    }
    bytes += h.bytes
    bytes += compressed
    uncompressedSize += h.bytes.count + body.count
  }

  private static func definitions(_ values: ParquetValues) -> [Bool] {
    switch values {
    case .date(let v): v.map { $0 != nil }
    case .int64(let v): v.map { $0 != nil }
    case .string(let v): v.map { $0 != nil }
    case .boolean(let v): v.map { $0 != nil }
    }
  }

  /// Fills the dictionary (first-seen order) and each non-null value's index; false when the
  /// dictionary would pass the limits, and the column is written PLAIN.
  private static func dictionaryEncode(_ strings: [String?], _ dictionary: inout [[UInt8]], _ indices: inout [UInt32]) -> Bool {
    var seen: [String: UInt32] = [:]
    var size = 0
    indices.reserveCapacity(strings.count)
    var previous: (value: String, index: UInt32)?
    for case let s? in strings {
      // Export columns are sorted, so most values equal the one before: skip the hash.
      if let p = previous, p.value == s {
        indices.append(p.index)
        continue
      }
      if let i = seen[s] {
        indices.append(i)
        previous = (s, i)
        continue
      }
      let i = UInt32(dictionary.count)
      seen[s] = i
      dictionary.append(Array(s.utf8))
      size += s.utf8.count
      if dictionary.count > dictionaryLimit || size > dictionaryByteLimit {
        dictionary = []
        indices = []
        return false
      }
      indices.append(i)
      previous = (s, i)
    }
    return true
  }
}
