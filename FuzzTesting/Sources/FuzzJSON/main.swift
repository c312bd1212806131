import AlmanacKit

// Any bytes: the parser must return or throw, never trap; what it accepts must re-encode to a
// fixed point.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  if let value = try? JSONParser.parse(bytes) {
    let once = CanonicalJSON.encode(value)
    guard let again = try? JSONParser.parse(once), CanonicalJSON.encode(again) == once else {
      fatalError("canonical JSON is not a fixed point")
    }
  }
  return 0
}
