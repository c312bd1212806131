import AlmanacKit

// Any bytes as a Reddit answer, a post address or an almanac.yml: the decoders, the address
// parser, the error explainer, the normalizer, the posts-file reader and the list editor must
// return or throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  _ = try? Reddit.decodeToken(text)
  _ = try? Reddit.decodeThread(text, id: "116yyx6", keepAuthor: true)
  _ = Reddit.isRateLimitBody(text)
  _ = Reddit.postID(fromURL: text)
  _ = Reddit.explain(status: 403, body: text, post: "116yyx6")
  _ = try? Reddit.PostsFile.decode(text, path: "fuzz")
  guard let day = Day("2026-11-20"), let post = Reddit.TrackedPost(url: "https://redd.it/116yyx6") else { return 0 }
  let raw = RawSnapshot(source: Reddit.source, date: day, exchanges: [
    RawSnapshot.Exchange(target: "116yyx6", endpoint: Reddit.postEndpoint, url: "https://oauth.reddit.com/comments/116yyx6", status: 200, contentType: "application/json", body: text)
  ])
  _ = Reddit.normalize(raw, path: "fuzz")
  var file = Reddit.PostsFile()
  file.add(raw, keepAuthor: true)
  _ = file.encoded()
  _ = try? RedditPostList.adding(post, to: text, path: "fuzz")
  _ = try? RedditPostList.removing("116yyx6", from: text, path: "fuzz")
  return 0
}
