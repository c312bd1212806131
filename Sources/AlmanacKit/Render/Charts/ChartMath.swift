/// The few transcendental functions the charts need, in plain arithmetic: AlmanacKit imports
/// no Foundation, and series written out by hand give the same bytes on every platform.
enum ChartMath {
  static let pi = 3.141592653589793

  /// log10 from the binary exponent and a fast series for the significand in [1, 2).
  static func log10(_ v: Double) -> Double {
    guard v > 0 else { return -.infinity }
    let e = Double(v.exponent)
    let m = v.significand  // [1, 2)
    let y = (m - 1) / (m + 1)
    let y2 = y * y
    var term = y
    var sum = 0.0
    var k = 1.0
    while k < 40 {
      sum += term / k
      term *= y2
      k += 2
    }
    let ln = 2 * sum + e * 0.6931471805599453
    return ln / 2.302585092994046
  }

  /// sin and cos of an angle in radians, reduced to [-π, π] first.
  static func sincos(_ a: Double) -> (sin: Double, cos: Double) {
    var x = a
    let twoPi = 2 * pi
    x -= (x / twoPi).rounded(.down) * twoPi
    if x > pi { x -= twoPi }
    var s = 0.0, c = 0.0
    var term = x
    var n = 1.0
    for i in 0..<14 {
      s += i % 2 == 0 ? term : -term
      term *= x * x / ((n + 1) * (n + 2))
      n += 2
    }
    term = 1
    n = 0
    for i in 0..<14 {
      c += i % 2 == 0 ? term : -term
      term *= x * x / ((n + 1) * (n + 2))
      n += 2
    }
    return (s, c)
  }
}
