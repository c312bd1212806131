import AlmanacKit

/// Streams the rows of every entity, in order, into one output: JSON Lines and CSV line by
/// line, Parquet one row group at a time (at most `rowGroupRows` rows held at once, plus one
/// entity's rows).
enum ExportStream {
  /// Returns the number of rows written.
  static func write(
    _ entities: [Store.ExportEntity], filter: ExportFilter, format: ExportFormat, codec: ParquetCodec, rowGroupRows: Int,
    to out: ExportOutput
  ) throws(AlmanacError) -> Int {
    var total = 0
    switch format {
    case .json, .csv:
      if format == .csv { try out.write(ExportFormat.csvHeader()) }
      for entity in entities {
        let rows = try entity.rows(filter)
        total += rows.count
        var text = ""
        for r in rows {
          text += format == .csv ? ExportFormat.csvLine(r) : ExportFormat.jsonLine(r)
          if text.utf8.count > 1 << 20 {
            try out.write(text)
            text = ""
          }
        }
        try out.write(text)
      }
    case .parquet:
      var writer = ParquetWriter(columns: ExportParquet.columns, codec: codec)
      writer.createdBy = "almanac version \(HTTPClient.version)"
      try out.write(writer.start())
      var pending: [ExportRow] = []
      func flush(_ rows: ArraySlice<ExportRow>) throws(AlmanacError) {
        do { try out.write(try writer.rowGroup(ExportParquet.values(rows))) } catch let e as ParquetError {
          throw .input("the Parquet writer refused a row group: \(e.description). This is a bug in Almanac; please report it.")
        } catch let e as AlmanacError { throw e } catch { throw .input("\(error)") }
      }
      for entity in entities {
        pending += try entity.rows(filter)
        while pending.count >= rowGroupRows {
          try flush(pending[..<rowGroupRows])
          total += rowGroupRows
          pending.removeFirst(rowGroupRows)
        }
      }
      if !pending.isEmpty { try flush(pending[...]) }
      total += pending.count
      try out.write(writer.finish())
    }
    return total
  }
}
