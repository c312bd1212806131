import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac reddit add|list|remove`: the tracked posts live in `almanac.yml`
/// (`sources.reddit.posts`), edited in place so comments and formatting stay.
public struct RedditCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "reddit",
    abstract: "Track Reddit posts: add, list or remove them in almanac.yml.",
    discussion: """
      The list is `sources.reddit.posts` in almanac.yml: `add` appends one line, `remove` \
      deletes the post's lines, and nothing else in the file changes (comments, order and \
      quoting stay). Commit the file; the next night reads each post's score, upvote ratio, \
      comments and removed/locked state. Removing a post stops the nightly reads; its history \
      under stats/ stays.

      Examples:
        almanac reddit add https://www.reddit.com/r/Python/comments/1abc2de/show_my_tool/ --label "launch post"
        almanac reddit list
        almanac reddit remove 1abc2de
      """,
    subcommands: [Add.self, List.self, Remove.self])

  public init() {}

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Track a post: append it to sources.reddit.posts.")

    @Argument(help: ArgumentHelp("The post's address (https://www.reddit.com/r/<sub>/comments/<id>/… or https://redd.it/<id>).", valueName: "url"))
    var url: String

    @Option(help: ArgumentHelp("A short name for the report (default: the post id).", valueName: "text"))
    var label: String?

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config = "almanac.yml"

    func validate() throws {
      guard Reddit.postID(fromURL: url) != nil else {
        throw ValidationError("`\(url)` is not the address of a Reddit post: expected https://www.reddit.com/r/<subreddit>/comments/<id>/… or https://redd.it/<id> (copy it from the post's Share button).")
      }
      if let label, label.isEmpty || label.count > 80 || label.contains(where: \.isNewline) {
        throw ValidationError("--label must be one line of 1 to 80 characters.")
      }
    }

    func run() async throws {
      try await RedditCommand.edit(config) { text throws(RedditPostList.Failure) in
        guard let post = Reddit.TrackedPost(url: url, label: label) else { return text }
        return try RedditPostList.adding(post, to: text, path: config)
      }
      FileHandle.standardError.write(Data("\(config): tracking Reddit post \(Reddit.postID(fromURL: url) ?? url); commit the file so the nightly job reads it.\n".utf8))
    }
  }

  struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop tracking a post (its history under stats/ stays).")

    @Argument(help: ArgumentHelp("The post id, as `almanac reddit list` shows it.", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config = "almanac.yml"

    func validate() throws {
      guard Reddit.isPostID(id) else { throw ValidationError("`\(id)` is not a Reddit post id (lower-case letters and digits, like 1abc2de); `almanac reddit list` shows them.") }
    }

    func run() async throws {
      try await RedditCommand.edit(config) { text throws(RedditPostList.Failure) in try RedditPostList.removing(id, from: text, path: config) }
      FileHandle.standardError.write(Data("\(config): no longer tracking Reddit post \(id); its history under stats/ stays.\n".utf8))
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the tracked posts: id, label, address (tab-separated).")

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config = "almanac.yml"

    func run() async throws {
      let console = Console()
      try await reporting(console) {
        let parsed = try RedditCommand.load(config)
        guard let section = parsed.config.reddit else {
          throw AlmanacError.input("\(config) has no `sources.reddit` section: add one (`almanac config example` prints it), then `almanac reddit add URL`.")
        }
        for p in section.posts { console.data("\(p.id)\t\(p.label ?? "")\t\(p.url)\n") }
        if section.posts.isEmpty { console.note("no post tracked yet: `almanac reddit add URL` adds one.") }
      }
    }
  }

  static func load(_ path: String) throws(AlmanacError) -> (text: String, config: Config) {
    guard let text = try FileSystem.read(path) else {
      throw AlmanacError.usage("\(path): no such configuration file. Create one with `almanac init`, or pass --config FILE.")
    }
    do { return (text, try ConfigParser.parse(text, path: path)) } catch { throw .config(error) }
  }

  /// Reads the file, applies `change` to its text and writes the result atomically.
  static func edit(_ path: String, _ change: (String) throws(RedditPostList.Failure) -> String) async throws {
    let console = Console()
    try await reporting(console) {
      let text = try load(path).text
      let edited: String
      do { edited = try change(text) } catch { throw AlmanacError.input("\(error)") }
      try FileSystem.atomicWrite(Data(edited.utf8), to: path)
    }
  }
}
