import AlmanacKit

// Any bytes as usage NDJSON, one event line, a scrubber input or a stored usage table: the
// decoders and the aggregation must return or throw, never trap, and the scrubber's output
// must be its own fixpoint (scrubbing again changes nothing).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  let text = String(decoding: bytes, as: UTF8.self)
  var batch = Usage.Batch()
  batch.read(ndjson: Array(bytes), name: "fuzz")
  _ = UsageEvent.decode(line: Array(bytes))
  _ = UsageDaily.days(batch.events, minGroupSize: 2)
  let scrubbed = Scrubber.scrub(text)
  if Scrubber.scrub(scrubbed) != scrubbed { fatalError("the scrubber's output is not a fixpoint") }
  _ = try? UsageDaily.decode(text, path: "fuzz")
  _ = try? UsageIntake.decode(text, path: "fuzz")
  return 0
}
