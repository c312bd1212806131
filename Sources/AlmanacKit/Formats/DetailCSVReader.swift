/// Streams a detail records file (`DetailedRecordSet`) from chunks of
/// bytes in bounded memory: only the partial row at a chunk's end is carried over.
///
/// Same grammar, checks and messages as `DetailedRecordSet.decode` (RFC 4180 CSV, either
/// layout's head, 7 fields, dates, non-negative downloads), so both accept and reject the same files;
/// the one difference is order: a bad row before the end is reported before a missing final
/// newline (`decode` sees the whole file first). Rows without quotes or carriage returns — all
/// of them in files Almanac writes — take a byte loop that never builds a `String`.
public final class DetailCSVReader {
  /// One row; the byte buffers are valid only during the call that receives it.
  public struct Row {
    public var line: Int
    public var date: Day
    public var package: UnsafeBufferPointer<UInt8>
    public var version: UnsafeBufferPointer<UInt8>
    public var installer: UnsafeBufferPointer<UInt8>
    public var type: UnsafeBufferPointer<UInt8>
    public var country: UnsafeBufferPointer<UInt8>
    public var downloads: Int64
  }

  public let path: String
  /// The snapshot date from the format line (or the fallback), once the head has been read.
  public private(set) var snapshot: Day?
  private let fallbackSnapshot: Day?
  private var pending: [UInt8] = []
  private var line = 1
  private var head: [(line: Int, fields: [String])] = []
  private var headRead = false
  /// Dates already read: the previous row's, and the others by their bytes (rows in any order).
  struct DateMemo {
    var last: (bytes: UInt64, tail: UInt16, day: Day)?
    var seen: PackedKeyCache
    init(bits: Int = 9) { seen = PackedKeyCache(bits: bits) }
  }
  private var dates = DateMemo()

  /// `fallbackSnapshot` (from the file name) dates a file whose format line names none.
  public init(path: String, fallbackSnapshot: Day? = nil) {
    self.path = path
    self.fallbackSnapshot = fallbackSnapshot
  }

  /// Reads the complete rows in `chunk` (plus what was carried over) and calls `body` for each.
  public func consume(_ chunk: UnsafeRawBufferPointer, _ body: (Row) -> Void) throws(FormatError) {
    let bytes = chunk.assumingMemoryBound(to: UInt8.self)
    var start = 0
    if !pending.isEmpty {
      // Complete the carried-over row with the chunk's bytes up to its first newline; only a
      // quoted field spanning lines needs more, and then the whole chunk is carried.
      guard let newline = bytes.firstIndex(of: 0x0A) else {
        pending.append(contentsOf: bytes)
        return
      }
      pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[...newline]))
      let used = try pending.withUnsafeBufferPointer { (p) throws(FormatError) in try process(p, atEnd: false, body) }
      pending.removeFirst(used)
      guard pending.isEmpty else {
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(newline + 1)...]))
        let more = try pending.withUnsafeBufferPointer { (p) throws(FormatError) in try process(p, atEnd: false, body) }
        pending.removeFirst(more)
        return
      }
      start = newline + 1
    }
    // Rows are read straight from the chunk; only its unfinished last row is copied.
    let rest = UnsafeBufferPointer(rebasing: bytes[start...])
    let used = try process(rest, atEnd: false, body)
    pending.append(contentsOf: UnsafeBufferPointer(rebasing: rest[used...]))
  }

  /// Reads what is left after the last chunk and checks the file was complete.
  public func finish(_ body: (Row) -> Void) throws(FormatError) -> Day {
    let left = pending
    pending = []
    _ = try left.withUnsafeBufferPointer { (p) throws(FormatError) in try process(p, atEnd: true, body) }
    if !headRead { _ = try Table.checkHead(head, path: path, expected: Self.expected) }
    guard let snapshot else {
      throw Table.noSnapshot(path: path)
    }
    return snapshot
  }

  static let expected = Table(kind: DetailedRecordSet.kind, version: DetailedRecordSet.version, columns: DetailedRecordSet.columns)

  private func failure(_ f: CSV.Failure) -> FormatError { FormatError(path: path, line: f.line, problem: f.message) }

  /// Returns how many bytes of `buf` were consumed (whole rows only unless `atEnd`).
  private func process(_ buf: UnsafeBufferPointer<UInt8>, atEnd: Bool, _ body: (Row) -> Void) throws(FormatError) -> Int {
    let n = buf.count
    var i = 0
    var line = self.line
    // Hot state in locals: class properties would pay an exclusivity check per row.
    var dates = DateMemo(bits: 0)
    swap(&dates, &self.dates)
    var headDone = headRead
    defer {
      self.line = line
      swap(&dates, &self.dates)
    }
    while i < n {
      if !headDone {
        let parsed: (fields: [[UInt8]], next: Int, lines: Int)?
        do throws(CSV.Failure) { parsed = try Self.parseRow(buf, from: i, atEnd: atEnd, line: line) } catch { throw failure(error) }
        guard let parsed else { return i }
        head.append((line, parsed.fields.map { String(decoding: $0, as: UTF8.self) }))
        if head.count == Table.headLength(head.first) {
          try readHead()
          headDone = true
        }
        if parsed.next > n || (atEnd && buf[parsed.next - 1] != 0x0A) { try truncated(line) }
        line += parsed.lines
        i = parsed.next
        continue
      }
      // The fast path: no quote, no carriage return; six commas, then a newline.
      var j = i
      var commas = 0
      var c = (0, 0, 0, 0, 0, 0)
      var plain = true
      while j < n {
        let b = buf[j]
        if b == 0x2C {
          switch commas {
          case 0: c.0 = j
          case 1: c.1 = j
          case 2: c.2 = j
          case 3: c.3 = j
          case 4: c.4 = j
          case 5: c.5 = j
          default: break
          }
          commas += 1
        } else if b == 0x0A {
          break
        } else if b == 0x22 || b == 0x0D {
          plain = false
          break
        }
        j += 1
      }
      if plain, j < n {
        guard commas == 6 else { throw fieldCount(commas + 1, line) }
        try emit(buf, bounds: (i, c.0, c.1, c.2, c.3, c.4, c.5, j), line: line, &dates, body)
        line += 1
        i = j + 1
        continue
      }
      if plain, !atEnd { return i }
      // Quotes, a carriage return, or the last line without a newline: the full grammar.
      let parsed: (fields: [[UInt8]], next: Int, lines: Int)?
      do throws(CSV.Failure) { parsed = try Self.parseRow(buf, from: i, atEnd: atEnd, line: line) } catch { throw failure(error) }
      guard let parsed else { return i }
      if atEnd, buf[parsed.next - 1] != 0x0A { try truncated(line) }
      guard parsed.fields.count == 7 else { throw fieldCount(parsed.fields.count, line) }
      var scratch: [UInt8] = []
      var b = (0, 0, 0, 0, 0, 0, 0, 0)
      for (k, field) in parsed.fields.enumerated() {
        if k > 0 { scratch.append(0x2C) }
        scratch.append(contentsOf: field)
        switch k {
        case 0: b.1 = scratch.count
        case 1: b.2 = scratch.count
        case 2: b.3 = scratch.count
        case 3: b.4 = scratch.count
        case 4: b.5 = scratch.count
        case 5: b.6 = scratch.count
        default: b.7 = scratch.count
        }
      }
      try scratch.withUnsafeBufferPointer { (s) throws(FormatError) in try emit(s, bounds: b, line: line, &dates, body) }
      line += parsed.lines
      i = parsed.next
    }
    return i
  }

  private func truncated(_ line: Int) throws(FormatError) {
    throw FormatError(path: path, line: line, problem: "the last line has no newline (the file is truncated)")
  }

  private func fieldCount(_ found: Int, _ line: Int) -> FormatError {
    FormatError(path: path, line: line, problem: "expected 7 fields, found \(found)")
  }

  private func readHead() throws(FormatError) {
    let attributes = try Table.checkHead(head, path: path, expected: Self.expected)
    headRead = true
    snapshot = fallbackSnapshot ?? Table.fileNameDay(path)
    if let attribute = attributes["snapshot"] {
      guard let day = Day(attribute) else {
        throw FormatError(path: path, line: 1, problem: "the format line's snapshot `\(attribute)` is not a date YYYY-MM-DD")
      }
      snapshot = day
    }
  }

  /// `bounds`: start, the six separators, end — field k spans (bounds[k] + (k > 0), bounds[k+1]).
  @inline(__always)
  private func emit(
    _ buf: UnsafeBufferPointer<UInt8>, bounds b: (Int, Int, Int, Int, Int, Int, Int, Int), line: Int, _ dates: inout DateMemo,
    _ body: (Row) -> Void
  ) throws(FormatError) {
    func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buf[from..<to]) }
    let dateField = slice(b.0, b.1)
    guard let date = Self.day(dateField, &dates) else {
      throw FormatError(path: path, line: line, problem: "expected a date as YYYY-MM-DD, found `\(String(decoding: dateField, as: UTF8.self))`")
    }
    let countField = slice(b.6 + 1, b.7)
    guard let downloads = Self.nonNegative(countField) else {
      throw FormatError(path: path, line: line, problem: "downloads must be a non-negative integer, found `\(String(decoding: countField, as: UTF8.self))`")
    }
    body(Row(
      line: line, date: date, package: slice(b.1 + 1, b.2), version: slice(b.2 + 1, b.3), installer: slice(b.3 + 1, b.4),
      type: slice(b.4 + 1, b.5), country: slice(b.5 + 1, b.6), downloads: downloads))
  }

  /// `YYYY-MM-DD` exactly, as `Day.init(_:)`; the previous row's date, or one read before, is
  /// reused when its bytes are equal.
  @inline(__always)
  private static func day(_ f: UnsafeBufferPointer<UInt8>, _ dates: inout DateMemo) -> Day? {
    guard f.count == 10, let base = f.baseAddress, let key = PackedKeyCache.key(f) else { return nil }
    let raw = UnsafeRawPointer(base)
    let bytes = raw.loadUnaligned(as: UInt64.self)
    let tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
    if let last = dates.last, last.bytes == bytes, last.tail == tail { return last.day }
    let d: Day
    if let ordinal = dates.seen.value(key) {
      d = Day(ordinal: Int(ordinal))
    } else {
      guard let parsed = Day(utf8: f) else { return nil }
      d = parsed
      dates.seen.set(key, Int32(truncatingIfNeeded: d.ordinal))
    }
    dates.last = (bytes, tail, d)
    return d
  }

  /// What `Int64(String)` accepts (an optional sign, then digits, no overflow), and not negative.
  @inline(__always)
  static func nonNegative(_ f: UnsafeBufferPointer<UInt8>) -> Int64? {
    var i = 0
    var negative = false
    if let first = f.first, first == 0x2B || first == 0x2D {
      negative = first == 0x2D
      i = 1
    }
    guard i < f.count else { return nil }
    var value: Int64 = 0
    while i < f.count {
      let d = f[i] &- 0x30
      guard d < 10 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(d))
      guard !o1, !o2 else { return nil }
      value = s
      i += 1
    }
    return negative && value != 0 ? nil : value
  }
}
