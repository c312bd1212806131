extension Double {
  /// The same value as `rounded()` (to nearest, halves away from zero), without a call to libm's
  /// `round` per value (x86_64's baseline has no rounding instruction, so `rounded()` is a call).
  ///
  /// Exact: below 2^52 in magnitude, truncating through `Int64` and subtracting gives the
  /// fraction exactly, and comparing it with ±0.5 decides the step; from 2^52 on every double is
  /// an integer already, and NaN and the infinities fail the range check and come back as they
  /// are. The sign is copied back, so −0.3 gives −0.0 as `rounded()` does.
  /// `AlertEngineFastPathTests.fastRoundingEqualsRounded` pins it against `rounded()`.
  @inline(__always)
  var fastRounded: Double {
    guard abs(self) < 4_503_599_627_370_496 else { return self }
    let whole = Double(Int64(self))
    let fraction = self - whole
    let step: Double = fraction >= 0.5 ? 1 : (fraction <= -0.5 ? -1 : 0)
    return Double(signOf: self, magnitudeOf: whole + step)
  }
}
