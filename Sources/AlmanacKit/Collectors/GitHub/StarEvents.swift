/// Stars grouped per day for the report, the way the seed shows them: `#99 - ncthuc` for a day
/// with one star, `#80-#85 (6 stars)` for several. Stars are numbered from the oldest (#1).
public enum StarEvents {
  public struct Line: Equatable, Sendable {
    public var day: Day
    public var text: String
  }

  /// `stars` in any order; newest day first.
  public static func lines(_ stars: [Stargazer]) -> [Line] {
    let ordered = stars.sorted { ($0.starredAt, $0.userID ?? -1) < ($1.starredAt, $1.userID ?? -1) }
    var out: [Line] = []
    var i = 0
    while i < ordered.count {
      guard let day = ordered[i].day else { i += 1; continue }
      var j = i
      while j + 1 < ordered.count, ordered[j + 1].day == day { j += 1 }
      let text = i == j
        ? "#\(i + 1) - \(ordered[i].login ?? "(deleted account)")"
        : "#\(i + 1)-#\(j + 1) (\(j - i + 1) stars)"
      out.append(Line(day: day, text: text))
      i = j + 1
    }
    return out.reversed()
  }

  /// Stars per day, and the cumulative count at the end of each day with a star.
  public static func perDay(_ stars: [Stargazer]) -> [(day: Day, stars: Int, cumulative: Int)] {
    var counts: [Day: Int] = [:]
    for s in stars { if let d = s.day { counts[d, default: 0] += 1 } }
    var total = 0
    return counts.keys.sorted().map { d in
      total += counts[d] ?? 0
      return (d, counts[d] ?? 0, total)
    }
  }
}
