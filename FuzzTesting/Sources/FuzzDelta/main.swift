import AlmanacKit

// The check lives in AlmanacKit (FuzzCheck.delta) so the test suite replays the inputs kept under
// Tests/Fixtures/fuzz/FuzzDelta/ through the same code (FuzzRegressionTests).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  do { try FuzzCheck.delta(Array(UnsafeRawBufferPointer(start: start, count: count))) } catch { fatalError("\(error)") }
  return 0
}
