/// Writes a Parquet file as a stream of byte chunks, pure: `start()` gives the magic, each
/// `rowGroup(_:)` the bytes of one row group, `finish()` the footer (Thrift compact
/// `FileMetaData`, its length, the magic). The caller writes them in order.
///
/// Strings are dictionary-encoded (RLE_DICTIONARY indices) while the dictionary stays small,
/// everything else is PLAIN; nulls are definition levels in the RLE/bit-packed hybrid; every
/// chunk carries min, max and null count; pages are compressed with the codec.
public struct ParquetWriter: Sendable {
  public let columns: [ParquetColumn]
  public let codec: ParquetCodec
  public let pageRows: Int
  public var createdBy = "almanac"

  private var offset: Int64 = 0
  private var rows: Int64 = 0
  private var groups: [[UInt8]] = []

  public init(columns: [ParquetColumn], codec: ParquetCodec = .snappy, pageRows: Int = 1 << 16) {
    self.columns = columns
    self.codec = codec
    self.pageRows = Swift.max(1, pageRows)
  }

  public static let magic: [UInt8] = Array("PAR1".utf8)

  public mutating func start() -> [UInt8] {
    offset = Int64(Self.magic.count)
    return Self.magic
  }

  /// One row group: a value list per column, in schema order, all of one length. An empty
  /// group writes nothing.
  public mutating func rowGroup(_ values: [ParquetValues]) throws(ParquetError) -> [UInt8] {
    guard values.count == columns.count else {
      throw ParquetError("a row group has \(values.count) columns, the schema \(columns.count)")
    }
    let count = values.first?.count ?? 0
    for (column, v) in zip(columns, values) {
      guard v.kind == column.kind else { throw ParquetError("column `\(column.name)` is \(column.kind), given \(v.kind) values") }
      guard v.count == count else { throw ParquetError("column `\(column.name)` has \(v.count) values, the first column \(count)") }
      if !column.optional, ParquetStatistics.nullCount(v) > 0 { throw ParquetError("column `\(column.name)` is required but has a null") }
    }
    guard count > 0 else { return [] }
    guard offset > 0 else { throw ParquetError("start() must be called before the first row group") }
    let groupStart = offset
    var bytes: [UInt8] = []
    var chunks: [(start: Int64, chunk: ParquetColumnChunk)] = []
    var uncompressed = 0
    for (column, v) in zip(columns, values) {
      let chunk = try ParquetColumnChunk(column, v, codec: codec, start: offset, pageRows: pageRows)
      chunks.append((offset, chunk))
      bytes += chunk.bytes
      offset += Int64(chunk.bytes.count)
      uncompressed += chunk.uncompressedSize
    }
    var meta = ThriftCompactWriter()
    meta.structBody { g in
      g.listField(1, .struct, count: columns.count) { list in
        for (column, (start, chunk)) in zip(columns, chunks) {
          list.structBody { c in
            c.i64(2, start)
            c.structField(3) { m in Self.columnMeta(column, chunk, codec: codec, &m) }
          }
        }
      }
      g.i64(2, Int64(uncompressed))
      g.i64(3, Int64(count))
      g.i64(5, groupStart)
      g.i64(6, offset - groupStart)
      g.fieldHeader(7, .i16)
      g.rawI32(Int32(groups.count))
    }
    groups.append(meta.bytes)
    rows += Int64(count)
    return bytes
  }

  private static func columnMeta(_ column: ParquetColumn, _ chunk: ParquetColumnChunk, codec: ParquetCodec, _ m: inout ThriftCompactWriter) {
    m.i32(1, column.physicalType)
    m.listField(2, .i32, count: chunk.encodings.count) { l in for e in chunk.encodings { l.rawI32(e) } }
    m.listField(3, .binary, count: 1) { l in l.rawBinary(Array(column.name.utf8)) }
    m.i32(4, codec.id)
    m.i64(5, Int64(chunk.numValues))
    m.i64(6, Int64(chunk.uncompressedSize))
    m.i64(7, Int64(chunk.bytes.count))
    m.i64(9, chunk.dataPageOffset)
    if let d = chunk.dictionaryPageOffset { m.i64(11, d) }
    chunk.statistics.write(12, &m)
  }

  /// The footer: schema, row count, every row group's metadata, and type-defined column
  /// orders (so readers trust min/max of strings as unsigned bytes).
  public func finish() -> [UInt8] {
    var w = ThriftCompactWriter()
    w.structBody { f in
      f.i32(1, 1)
      f.listField(2, .struct, count: columns.count + 1) { l in
        l.structBody { root in
          root.string(4, "schema")
          root.i32(5, Int32(columns.count))
        }
        for column in columns { l.structBody { Self.schemaElement(column, &$0) } }
      }
      f.i64(3, rows)
      f.listField(4, .struct, count: groups.count) { l in for g in groups { l.appendRaw(g) } }
      f.string(6, createdBy)
      f.listField(7, .struct, count: columns.count) { l in
        for _ in columns { l.structBody { o in o.structField(1) { _ in } } }
      }
    }
    var out = offset == 0 ? Self.magic : []
    out += w.bytes
    PlainEncoding.int32(Int32(w.bytes.count), into: &out)
    return out + Self.magic
  }

  private static func schemaElement(_ column: ParquetColumn, _ e: inout ThriftCompactWriter) {
    e.i32(1, column.physicalType)
    e.i32(3, column.optional ? 1 : 0)
    e.string(4, column.name)
    switch column.kind {
    case .date:
      e.i32(6, 6)
      e.structField(10) { l in l.structField(6) { _ in } }
    case .int64:
      e.i32(6, 18)
      e.structField(10) { l in
        l.structField(10) { i in
          i.fieldHeader(1, .byte)
          i.appendRaw([64])
          i.bool(2, true)
        }
      }
    case .string:
      e.i32(6, 0)
      e.structField(10) { l in l.structField(1) { _ in } }
    case .boolean: break
    }
  }
}
