import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 channel with `RequestTargetHandler` placed before the conversion of each request
/// to HTTP types, where the request target is still whole.
///
/// ```swift
/// Application(responder: responder, server: ConvbookHTTP1Channel.builder, configuration: configuration)
/// ```
struct ConvbookHTTP1Channel: ServerChildChannel {
    /// The channel doing the work.
    let http1: HTTP1Channel

    /// A channel answering with `responder`.
    init(responder: @escaping HTTPChannelHandler.Responder) {
        http1 = HTTP1Channel(responder: responder)
    }

    /// The server builder an `Application` takes.
    static var builder: HTTPServerBuilder {
        HTTPServerBuilder { responder in ConvbookHTTP1Channel(responder: responder) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        // HTTP1Channel builds its pipeline synchronously on the event loop; this runs right after, there.
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let codec = try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)
            try pipeline.addHandler(RequestTargetHandler(), position: .before(codec))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
