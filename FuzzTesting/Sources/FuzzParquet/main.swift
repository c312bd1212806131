import AlmanacKit

// The check lives in AlmanacKit (FuzzCheck.parquet) so the test suite replays the inputs kept under
// Tests/Fixtures/fuzz/FuzzParquet/ through the same code (FuzzRegressionTests).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  do { try FuzzCheck.parquet(Array(UnsafeRawBufferPointer(start: start, count: count))) } catch { fatalError("\(error)") }
  return 0
}
