/// The third promise's procedure: records, classified files, series and the GitHub state
/// removed from a store, then rebuilt from its raw snapshots by the real binaries.
public enum RebuildFromRaw {
  public static func run(stats: String, date: String) async throws -> ShellResult {
    try await Shell.run(
      """
      set -e
      rm -rf series records classified state/github.json
      almanac normalize --all --stats-dir .
      almanac classify --all --stats-dir .
      almanac classify --all --source pypi --stats-dir .
      almanac aggregate --rebuild --stats-dir . --date \(date)
      """, cwd: stats)
  }
}
