import AlmanacKit

// Any bytes as a Plausible answer: the v1 decoders and the error explainer must return or
// throw, never trap (a count beyond Int64, NaN-like numbers, deep nesting).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  if let days = try? Plausible.decodeTimeseries(text) { _ = Plausible.months(days) }
  _ = try? Plausible.decodeBreakdown(text, key: "page")
  _ = Plausible.explain(status: 400, body: text)
  return 0
}
