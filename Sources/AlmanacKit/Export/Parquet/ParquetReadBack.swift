/// Reads back a file `ParquetWriter` wrote, with no code shared with the writer's encoders:
/// the magic at both ends, the footer (schema, row count, row groups), then every column
/// chunk's pages (dictionary and data pages v1, uncompressed or Snappy), definition levels,
/// PLAIN and RLE_DICTIONARY values. Each chunk's value count and null-count statistic must match
/// what its pages hold. The fuzz target (FuzzParquet) compares the result with the input rows.
/// It reads only what the writer writes (no gzip, no other encodings, flat schemas).
public enum ParquetReadBack {
  public struct File: Equatable, Sendable {
    public var columns: [ParquetColumn]
    public var values: [ParquetValues]
    public var rows: Int
    public var rowGroups: Int
  }

  public static func read(_ bytes: [UInt8]) throws(ParquetError) -> File {
    let magic = ParquetWriter.magic
    guard bytes.count >= 12, bytes.prefix(4).elementsEqual(magic), bytes.suffix(4).elementsEqual(magic) else {
      throw ParquetError("the file does not start and end with PAR1")
    }
    let n = bytes.count
    let length = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
    guard length > 0, length <= n - 12 else { throw ParquetError("the footer length \(length) does not fit the file") }
    var reader = ThriftCompactReader(bytes, at: n - 8 - length)
    let meta = try reader.structure()
    guard reader.position == n - 8 else { throw ParquetError("the footer ends at byte \(reader.position), not where its length says") }
    let schema = meta[2]?.list ?? []
    guard schema.count >= 1 else { throw ParquetError("the footer has no schema") }
    let columns = try schema.dropFirst().map { (e) throws(ParquetError) in try column(e) }
    var values: [ParquetValues] = columns.map { empty($0.kind) }
    var rows = 0
    let groups = meta[4]?.list ?? []
    for group in groups {
      let count = Int(group[3]?.int ?? -1)
      let chunks = group[1]?.list ?? []
      guard count >= 0, chunks.count == columns.count else { throw ParquetError("a row group has \(chunks.count) chunks for \(columns.count) columns") }
      for (k, chunk) in chunks.enumerated() {
        let got = try readChunk(bytes, chunk, columns[k])
        guard got.count == count else { throw ParquetError("column `\(columns[k].name)` holds \(got.count) values in a row group of \(count) rows") }
        values[k] = append(values[k], got)
      }
      rows += count
    }
    guard Int64(rows) == meta[3]?.int else { throw ParquetError("the row groups hold \(rows) rows, the footer says \(meta[3]?.int ?? -1)") }
    return File(columns: columns, values: values, rows: rows, rowGroups: groups.count)
  }

  static func column(_ e: ThriftCompactReader.Value) throws(ParquetError) -> ParquetColumn {
    guard let nameBytes = e[4]?.binary else { throw ParquetError("a schema element has no name") }
    let name = String(decoding: nameBytes, as: UTF8.self)
    let kind: ParquetColumn.Kind
    switch e[1]?.int {
    case 0: kind = .boolean
    case 1: kind = .date
    case 2: kind = .int64
    case 6: kind = .string
    default: throw ParquetError("column `\(name)` has a physical type the writer does not use")
    }
    return ParquetColumn(name, kind, optional: e[3]?.int == 1)
  }

  static func readChunk(_ bytes: [UInt8], _ chunk: ThriftCompactReader.Value, _ column: ParquetColumn) throws(ParquetError) -> ParquetValues {
    guard let meta = chunk[3] else { throw ParquetError("column `\(column.name)` has a chunk without metadata") }
    let codec = meta[4]?.int ?? -1
    let total = Int(meta[5]?.int ?? -1)
    var position = Int(meta[11]?.int ?? meta[9]?.int ?? -1)
    var dictionary: ParquetValues?
    var out = empty(column.kind)
    while out.count < total {
      var r = ThriftCompactReader(bytes, at: position)
      let header = try r.structure()
      let size = Int(header[3]?.int ?? -1)
      guard size >= 0, size <= bytes.count - r.position else { throw ParquetError("a page of `\(column.name)` runs past the end") }
      let stored = Array(bytes[r.position..<(r.position + size)])
      position = r.position + size
      let body: [UInt8]
      switch codec {
      case 0: body = stored
      case 1: body = try Snappy.decompress(stored)
      default: throw ParquetError("codec \(codec) is not read back here")
      }
      guard body.count == Int(header[2]?.int ?? -1) else { throw ParquetError("a page of `\(column.name)` is not its stated size") }
      var d = Decoder(bytes: body)
      if header[1]?.int == 2 {
        dictionary = try d.plain(column.kind, count: Int(header[7]?[1]?.int ?? -1))
        continue
      }
      guard let data = header[5], let pageRows = data[1]?.int, pageRows > 0 else { throw ParquetError("a page of `\(column.name)` is neither dictionary nor data") }
      var defined = [Bool](repeating: true, count: Int(pageRows))
      if column.optional {
        let levelBytes = Int(try d.le(4))
        var levels = Decoder(bytes: try d.take(levelBytes))
        defined = try levels.hybrid(count: Int(pageRows), bitWidth: 1).map { $0 == 1 }
      }
      let present = defined.count(where: { $0 })
      let known: ParquetValues
      if data[2]?.int == 8 {
        guard let dictionary else { throw ParquetError("a dictionary-encoded page of `\(column.name)` has no dictionary") }
        let width = Int(try d.take(1)[0])
        let indices = try d.hybrid(count: present, bitWidth: width)
        known = try pick(dictionary, indices)
      } else {
        known = try d.plain(column.kind, count: present)
      }
      out = append(out, spread(known, defined))
    }
    let nulls = nullCount(out)
    guard out.count == total, meta[12]?[3]?.int == Int64(nulls) else {
      throw ParquetError("column `\(column.name)`: the pages hold \(out.count) values and \(nulls) nulls; the metadata says \(total) and \(meta[12]?[3]?.int ?? -1)")
    }
    return out
  }
}
