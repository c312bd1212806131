import AlmanacKit

@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  if let rows = try? CSV.parse(text) {
    // Whatever parses must survive a write and a read unchanged.
    let written = rows.map { CSV.line($0.fields) }.joined()
    guard let back = try? CSV.parse(written), back.map(\.fields) == rows.map(\.fields) || rows.contains(where: { $0.fields == [""] }) else {
      fatalError("CSV round trip changed the rows")
    }
  }
  return 0
}
