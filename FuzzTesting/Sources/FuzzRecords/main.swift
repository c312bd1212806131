import AlmanacKit

// Hand-edited or truncated store files: a FormatError is fine, a trap is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  _ = try? RecordSet.decode(text, path: "fuzz.csv")
  _ = try? Series.decode(text, path: "fuzz.csv", package: "p", source: "pypistats")
  _ = try? DetailedRecordSet.decode(text, path: "fuzz.detail.csv")
  // Older stores' files (a format line above the header) rewritten header first.
  _ = try? LayoutMigration.migrated(text, path: "series/pypistats/p.csv")
  _ = try? LayoutMigration.migrated(text, path: "records/pypistats/2026-11-20.csv")
  // ClickHouse answers: any body, any status; a ClickHouseError is fine, a trap is not.
  _ = try? ClickHouseAnswer.rows(text, status: 200, exceptionCode: nil, purpose: "fuzz")
  _ = ClickHouseAnswer.exception(in: text)
  if let raw = try? RawSnapshot.decode(text, path: "fuzz.json") {
    _ = PyPIStats.normalize(raw, path: "fuzz.json")
    _ = PyPIClickHouse.normalize(raw, path: "fuzz.json")
    _ = GitHubEvents.normalize(raw, path: "fuzz.json")
  }
  return 0
}
