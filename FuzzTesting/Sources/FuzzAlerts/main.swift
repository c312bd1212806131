import AlmanacKit

// Any bytes as stats/alerts.json (a file anyone can edit in a pull request): the decoder must
// return or throw, never trap, and what it accepts must encode and decode to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  guard let state = try? AlertState.decode(text, path: "fuzz") else { return 0 }
  let encoded = state.encoded()
  guard let again = try? AlertState.decode(encoded, path: "fuzz"), again.encoded() == encoded else { fatalError("alerts.json did not round-trip") }
  return 0
}
