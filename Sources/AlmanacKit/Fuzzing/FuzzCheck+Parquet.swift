extension FuzzCheck {
  /// The Parquet writer over arbitrary rows (drawn from the input bytes) and page sizes: it must
  /// never crash, must refuse what it cannot write with an error, and every file it writes must
  /// start and end with the magic, point at a footer inside the file, and read back through the
  /// project's own reader (`ParquetReadBack`: footer, pages, Snappy, levels, dictionary, null
  /// counts) as exactly the rows it was given.
  ///
  /// Bytes: the codec, the page and row-group sizes, then per row a flags byte (1 a category,
  /// 2 a value, 4 provisional), two bytes of date, the category, two bytes of value and the
  /// five strings, each a length byte (mod 12) and its bytes.
  public static func parquet(_ bytes: [UInt8]) throws(Failure) {
    guard bytes.count >= 2 else { return }
    let rows = parquetRows(bytes)
    let codecs: [ParquetCodec] = [.snappy, .uncompressed]
    var writer = ParquetWriter(columns: ExportParquet.columns, codec: codecs[Int(bytes[0] % 2)], pageRows: Int(bytes[1] % 16) + 1)
    var file = writer.start()
    let groupSize = max(1, Int(bytes[1] / 16) + 1)
    for s in stride(from: 0, to: rows.count, by: groupSize) {
      guard let group = try? writer.rowGroup(ExportParquet.values(rows[s..<min(s + groupSize, rows.count)])) else {
        throw Failure("the writer refused well-formed rows")
      }
      file += group
    }
    file += writer.finish()
    var footer = -1
    if file.count >= 12 {
      let n = file.count
      footer = Int(file[n - 8]) | Int(file[n - 7]) << 8 | Int(file[n - 6]) << 16 | Int(file[n - 5]) << 24
    }
    guard file.prefix(4).elementsEqual(ParquetWriter.magic), file.suffix(4).elementsEqual(ParquetWriter.magic), footer > 0, footer + 12 <= file.count
    else { throw Failure("the file's framing is broken") }
    let back: ParquetReadBack.File
    do { back = try ParquetReadBack.read(file) } catch { throw Failure("the file does not read back: \(error)") }
    guard back.rows == rows.count, back.values == ExportParquet.values(rows[...]), back.columns == ExportParquet.columns else {
      throw Failure("the file reads back as other rows than were written")
    }
    // A mismatched row group is refused, never written.
    if (try? writer.rowGroup([.int64([1])])) != nil { throw Failure("a one-column row group was accepted") }
  }

  static func parquetRows(_ bytes: [UInt8]) -> [ExportRow] {
    var i = 2
    func next() -> UInt8 {
      defer { i += 1 }
      return i < bytes.count ? bytes[i] : 0
    }
    func text() -> String {
      let n = Int(next() % 12)
      return String(decoding: (0..<n).map { _ in next() }, as: UTF8.self)
    }
    var rows: [ExportRow] = []
    while i < bytes.count {
      let flags = next()
      let high = UInt16(next())
      let low = UInt16(next())
      let date = Day(ordinal: Int(Int16(bitPattern: high << 8 | low)))
      let category: String? = flags & 1 == 0 ? nil : text()
      let top = UInt64(next())
      let rest = UInt64(next())
      let value: Int64? = flags & 2 == 0 ? nil : Int64(bitPattern: top << 56 | rest &* 0x0101_0101)
      rows.append(ExportRow(
        date: date, source: text(), entity: text(), metric: text(), dimension: text(), category: category, value: value,
        provisional: flags & 4 != 0))
    }
    return rows
  }
}
