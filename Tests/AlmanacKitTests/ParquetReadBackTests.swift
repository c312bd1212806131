import Testing

@testable import AlmanacKit

/// The project's own Parquet reader (the fuzz target's check) reads back what the writer wrote,
/// and refuses damaged files with an error instead of crashing or inventing values.
@Suite struct ParquetReadBackTests {
  static func rows(_ n: Int) -> [ExportRow] {
    (0..<n).map { i in
      ExportRow(
        date: Day(ordinal: -40 + i), source: i % 9 == 0 ? "b" : "a", entity: "e\(i % 5)", metric: "m", dimension: i % 3 == 0 ? ExportRow.overall : "d",
        category: i % 3 == 0 ? nil : "c\(i % 7)é", value: i % 11 == 0 ? nil : Int64(i) * 3_000_000_017 - 9, provisional: i % 2 == 0)
    }
  }

  static func file(_ rows: [ExportRow], codec: ParquetCodec, pageRows: Int, groupRows: Int) throws -> [UInt8] {
    var writer = ParquetWriter(columns: ExportParquet.columns, codec: codec, pageRows: pageRows)
    var bytes = writer.start()
    for s in stride(from: 0, to: rows.count, by: groupRows) {
      bytes += try writer.rowGroup(ExportParquet.values(rows[s..<min(s + groupRows, rows.count)]))
    }
    return bytes + writer.finish()
  }

  @Test(arguments: [(ParquetCodec.snappy, 7, 50), (.uncompressed, 64, 1000), (.snappy, 1, 3)])
  func whatTheWriterWroteReadsBackEqual(_ codec: ParquetCodec, _ pageRows: Int, _ groupRows: Int) throws {
    let rows = Self.rows(300)
    let back = try ParquetReadBack.read(try Self.file(rows, codec: codec, pageRows: pageRows, groupRows: groupRows))
    #expect(back.columns == ExportParquet.columns)
    #expect(back.rows == 300 && back.rowGroups == (300 + groupRows - 1) / groupRows)
    #expect(back.values == ExportParquet.values(rows[...]))
  }

  @Test func anEmptyFileReadsBackEmpty() throws {
    let back = try ParquetReadBack.read(try Self.file([], codec: .snappy, pageRows: 10, groupRows: 10))
    #expect(back.rows == 0 && back.rowGroups == 0 && back.values == ExportParquet.values([ExportRow]()))
  }

  @Test func damagedFilesAreRefusedOrReadDifferentlyNeverCrash() throws {
    let good = try Self.file(Self.rows(120), codec: .snappy, pageRows: 16, groupRows: 60)
    var refused = 0
    for position in stride(from: 0, to: good.count, by: 3) {
      var bad = good
      bad[position] ^= 0x5A
      do {
        _ = try ParquetReadBack.read(bad)
      } catch {
        refused += 1
      }
    }
    #expect(refused > good.count / 3 / 4, "most damage is noticed")
    #expect(throws: ParquetError.self) { try ParquetReadBack.read(Array(good.dropLast(5))) }
    #expect(throws: ParquetError.self) { try Snappy.decompress([10, 0x01, 0x00]) }
  }
}
