extension DetailedRecordSet {
  /// Decodes a whole detail file through `DetailCSVReader` (what the streaming classifier sees);
  /// equal to `decode` on every input `decode` accepts.
  public static func decodeStreaming(_ text: String, path: String, fallbackSnapshot: Day? = nil, chunkSize: Int = 1 << 20) throws(FormatError) -> DetailedRecordSet {
    let reader = DetailCSVReader(path: path, fallbackSnapshot: fallbackSnapshot)
    var rows: [DetailedDownload] = []
    func collect(_ r: DetailCSVReader.Row) {
      func s(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
      rows.append(DetailedDownload(
        date: r.date, package: s(r.package), version: s(r.version), installer: s(r.installer), type: s(r.type), country: s(r.country),
        downloads: r.downloads))
    }
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { (all) throws(FormatError) in
      var offset = 0
      while offset < all.count {
        let end = min(all.count, offset + max(1, chunkSize))
        try reader.consume(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[offset..<end])), collect)
        offset = end
      }
    }
    let snapshot = try reader.finish(collect)
    return DetailedRecordSet(snapshot: snapshot, rows: rows)
  }
}
