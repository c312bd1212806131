/// Raw snapshots → records (one row per post, night and figure) and the posts file.
extension Reddit {
  /// Records from a raw snapshot: each post's figures on the night's date. A post whose answer
  /// does not decode is skipped with an error diagnostic (the fetcher kept only decodable ones).
  public static func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    var records: [DownloadRecord] = []
    var diagnostics: [Diagnostic] = []
    for (post, error) in posts(in: raw, keepAuthor: false) {
      guard let post else {
        diagnostics.append(Diagnostic(.error, error, at: path))
        continue
      }
      for f in post.figures {
        records.append(DownloadRecord(date: raw.date, package: post.id, source: source, dimension: dimension, category: f.category, downloads: f.value))
      }
    }
    return (RecordSet(snapshot: raw.date, records: records), diagnostics)
  }

  /// The posts a raw snapshot holds, one per id (the last answer wins), or why one is skipped.
  static func posts(in raw: RawSnapshot, keepAuthor: Bool) -> [(Post?, String)] {
    var out: [String: (Post?, String)] = [:]
    for exchange in raw.exchanges where exchange.endpoint == postEndpoint {
      guard isPostID(exchange.target) else {
        out[exchange.target] = (nil, "`\(exchange.target)` is not a Reddit post id; its answer is skipped")
        continue
      }
      do { out[exchange.target] = (try decodeThread(exchange.body, id: exchange.target, keepAuthor: keepAuthor), "") } catch {
        out[exchange.target] = (nil, "post \(exchange.target): \(error.message)")
      }
    }
    return out.sorted { $0.key < $1.key }.map(\.value)
  }
}
