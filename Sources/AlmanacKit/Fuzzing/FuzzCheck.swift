/// What the libFuzzer targets (`FuzzTesting/`) check on each input, kept here so the test suite
/// replays the inputs they found (`Tests/Fixtures/fuzz/<target>/`, `FuzzRegressionTests`)
/// through the very same code. A check returns when the input was handled (accepted or refused
/// with an error), and throws `Failure` when it found a bug; a trap is a bug too.
public enum FuzzCheck {
  public struct Failure: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }

  public typealias Check = @Sendable ([UInt8]) throws(Failure) -> Void

  /// The checks by fuzz target name (the directory names under `Tests/Fixtures/fuzz/`).
  public static let targets: [String: Check] = [
    "FuzzAlertRules": { (bytes: [UInt8]) throws(Failure) in try alertRules(bytes) },
    "FuzzAlerts": { (bytes: [UInt8]) throws(Failure) in try alerts(bytes) },
    "FuzzDelta": { (bytes: [UInt8]) throws(Failure) in try delta(bytes) },
    "FuzzParquet": { (bytes: [UInt8]) throws(Failure) in try parquet(bytes) },
  ]
}
