/// The y axis of a chart: linear from zero with round steps, or logarithmic in powers of ten
/// when the values span more than two decades (a new package's first days next to its peak),
/// where a linear axis would flatten everything but the peak.
public enum ValueScale: Equatable, Sendable {
  case linear(max: Double)
  case log(min: Double, max: Double)

  public enum Choice: Equatable, Sendable { case auto, linear, log }

  /// Log when the positive values span at least `decades` powers of ten.
  public static func choose(_ values: [Double], _ choice: Choice = .auto, decades: Double = 2) -> ValueScale {
    let positive = values.filter { $0 > 0 }
    let top = positive.max() ?? 1
    let low = positive.min() ?? 1
    let useLog = choice == .log || (choice == .auto && positive.count > 1 && top / low >= pow10(decades))
    if useLog {
      return .log(min: pow10(floorLog10(low)), max: pow10(ceilLog10(top)))
    }
    let step = niceStep(top / 4)
    return .linear(max: max(step, (top / step).rounded(.up) * step))
  }

  /// `.auto` for one daily series, decided from its typical low rather than its lowest day:
  /// log when the values span `decades` powers of ten from the twentieth of them that are
  /// lowest. One bad day (an upstream outage's 3 downloads) among a year of thousands does not
  /// put the year on a log axis; a new package's first weeks next to its peak still do. The
  /// axis (`choose`) still reaches the lowest value.
  public static func typical(_ values: [Double], decades: Double = 2) -> Choice {
    let positive = values.filter { $0 > 0 }.sorted()
    guard positive.count > 1, let top = positive.last else { return .linear }
    return top / positive[positive.count / 20] >= pow10(decades) ? .log : .linear
  }

  public var isLog: Bool { if case .log = self { true } else { false } }

  /// 0 at the bottom, 1 at the top; zero and below on a log axis sit on the bottom.
  public func fraction(_ v: Double) -> Double {
    switch self {
    case .linear(let top): return max(0, v) / top
    case .log(let low, let high):
      guard v > 0 else { return 0 }
      return max(0, (ChartMath.log10(v) - ChartMath.log10(low)) / (ChartMath.log10(high) - ChartMath.log10(low)))
    }
  }

  public var ticks: [Double] {
    switch self {
    case .linear(let top):
      let step = ValueScale.niceStep(top / 4)
      return stride(from: 0.0, through: top + step / 2, by: step).map { $0 }
    case .log(let low, let high):
      var out: [Double] = []
      var t = low
      while t <= high * 1.0001 { out.append(t); t *= 10 }
      // Few decades: add the 2s and 5s so the axis is not two lines.
      if out.count <= 3 { out = out.flatMap { [$0, $0 * 2, $0 * 5] }.filter { $0 <= high * 1.0001 } }
      return out
    }
  }

  /// 1, 2 or 5 times a power of ten, at least `raw` (and at least 1: counts are whole).
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 1 else { return 1 }
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    for m in [1.0, 2.0, 5.0, 10.0] where m * magnitude >= raw { return m * magnitude }
    return 10 * magnitude
  }

  static func pow10(_ e: Double) -> Double {
    var v = 1.0
    for _ in 0..<Int(e) { v *= 10 }
    return v
  }

  static func floorLog10(_ v: Double) -> Double {
    var e = 0.0
    var t = 10.0
    while t <= v { e += 1; t *= 10 }
    return e
  }

  static func ceilLog10(_ v: Double) -> Double {
    var e = 0.0
    var t = 1.0
    while t < v { e += 1; t *= 10 }
    return e
  }

}
