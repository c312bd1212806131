/// SVG path data in its shortest plain spelling: relative commands (`m`, `l`, `h`, `v`) on a
/// grid of tenths of a unit for x and whole units for y, each step measured from the previous
/// rounded point (so rounding never drifts), `.5` for `0.5`, no separator before a minus, and
/// a run of steps one way (`h1h1h1`) as one (`h3`).
/// A chart of a few hundred points is then a few bytes per point, and the same input always
/// gives the same bytes.
struct PathPen {
  private var body = ""
  /// A run of `h` (or `v`) steps in one direction, written as one step when another command comes.
  private var run: (command: String, delta: Int64)?
  /// The path data.
  var d: String { run.map { body + $0.command + Self.number($0.delta) } ?? body }
  /// The pen and the start of the current subpath, in tenths.
  private var x: Int64 = 0, y: Int64 = 0
  private var startX: Int64 = 0, startY: Int64 = 0

  var isEmpty: Bool { body.isEmpty && run == nil }

  static func gridX(_ v: Double) -> Int64 { Int64((v * 10).rounded()) }
  static func gridY(_ v: Double) -> Int64 { Int64(v.rounded()) * 10 }

  /// A number in tenths: `12.3`, `-.5`, `7`.
  static func number(_ tenths: Int64) -> String {
    let sign = tenths < 0 ? "-" : ""
    let a = tenths.magnitude
    if a % 10 == 0 { return "\(sign)\(a / 10)" }
    return a < 10 ? "\(sign).\(a)" : "\(sign)\(a / 10).\(a % 10)"
  }

  private mutating func command(_ c: String, _ values: [Int64]) {
    if c == "h" || c == "v", let v = values.first {
      if let r = run, r.command == c, (r.delta < 0) == (v < 0) {
        run = (c, r.delta + v)
        return
      }
      flush()
      run = (c, v)
      return
    }
    flush()
    body += c
    for (i, v) in values.enumerated() {
      if i > 0, v >= 0 { body += "," }
      body += Self.number(v)
    }
  }

  private mutating func flush() {
    if let r = run { body += r.command + Self.number(r.delta) }
    run = nil
  }

  /// Starts a subpath at (x, y): absolute the first time, relative after.
  mutating func move(_ px: Double, _ py: Double) {
    let nx = Self.gridX(px), ny = Self.gridY(py)
    if isEmpty { command("M", [nx, ny]) } else { command("m", [nx - x, ny - y]) }
    (x, y, startX, startY) = (nx, ny, nx, ny)
  }

  mutating func line(_ px: Double, _ py: Double) {
    let nx = Self.gridX(px), ny = Self.gridY(py)
    if nx == x, ny == y { return }
    if ny == y { command("h", [nx - x]) } else if nx == x { command("v", [ny - y]) } else { command("l", [nx - x, ny - y]) }
    (x, y) = (nx, ny)
  }

  mutating func horizontal(_ px: Double) { line(px, Double(y) / 10) }

  mutating func vertical(_ py: Double) { line(Double(x) / 10, py) }

  /// Closes the subpath; the pen goes back to where it started.
  mutating func close() {
    flush()
    body += "z"
    (x, y) = (startX, startY)
  }
}
