import AlmanacKit

// Differential: the streaming detail reader must accept exactly what DetailedRecordSet.decode
// accepts, with the same rows, whatever the chunk size (taken from the first byte).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  guard let first = bytes.first else { return 0 }
  let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
  let chunk = Int(first % 16) + 1
  let whole = try? DetailedRecordSet.decode(text, path: "fuzz.csv", fallbackSnapshot: Day(ordinal: 0))
  let streamed = try? DetailedRecordSet.decodeStreaming(text, path: "fuzz.csv", fallbackSnapshot: Day(ordinal: 0), chunkSize: chunk)
  precondition(whole == streamed, "decode and decodeStreaming disagree (chunk \(chunk))")
  if let whole {
    _ = InstallerClassifier.classify(whole, rules: InstallerRules())
  }
  return 0
}
