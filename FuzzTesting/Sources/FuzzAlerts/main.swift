import AlmanacKit

// The check lives in AlmanacKit (FuzzCheck.alerts) so the test suite replays the inputs kept under
// Tests/Fixtures/fuzz/FuzzAlerts/ through the same code (FuzzRegressionTests).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  do { try FuzzCheck.alerts(Array(UnsafeRawBufferPointer(start: start, count: count))) } catch { fatalError("\(error)") }
  return 0
}
