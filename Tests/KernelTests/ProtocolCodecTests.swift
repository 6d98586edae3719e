import ConvbookTestSupport
import Diagnostics
import Lang
import Notebook
import Testing

@testable import Kernel

@Suite("Kernel protocol codec")
struct ProtocolCodecTests {
    static let requests: [KernelRequest] = [
        .execute(run: 1, CellRun(cellID: "cell-1", code: "print('héllo')\nx = \"quote\\\"\" # ünïcode ✓")),
        .execute(run: 2, CellRun(cellID: "", code: "")),
        .interrupt(run: 7),
        .variables(request: 3),
        .variableHeatmap(request: 4, name: "X"),
        .complete(request: 5, code: "import torch\ntorch.zer", cursor: 22),
        .inspect(request: 6, code: "X.shape", cursor: 1, detailLevel: 1),
        .shutdown,
    ]

    static let messages: [KernelMessage] = [
        .ready(processID: 4242),
        .started(run: 1, cellID: "a", executionCount: 3),
        .output(run: 1, .stream(.stdout, text: "0\n1\n")),
        .output(run: 1, .executeResult(executionCount: 3, data: MimeBundle(text: "tensor(6.)"))),
        .output(
            run: 1,
            .displayData(
                data: MimeBundle(text: "<heatmap 2×2>", png: PNGImage(bytes: [0x89, 0x50, 0x4E, 0x47, 0, 1, 2])))),
        .output(
            run: 2,
            .error(
                name: ExceptionName("RecursionError"), value: "maximum recursion depth exceeded", traceback: ["a", "b"])
        ),
        .output(
            run: 2,
            .error(
                name: ExceptionName("NameError"), value: "name 'x' is not defined", traceback: ["c"],
                location: ErrorLocation(cellID: "cell-1", line: 2, column: 5, endLine: 2, endColumn: 6))),
        .output(run: 3, .displayData(data: MimeBundle(text: "<plot 1 line>"), displayID: "loss")),
        .change(run: 3, .clear(wait: true)),
        .change(run: 3, .clear(wait: false)),
        .change(
            run: 3,
            .update(
                id: "loss",
                .displayData(
                    data: MimeBundle(text: "<plot 1 line>", png: PNGImage(bytes: [0x89, 0x50, 0x4E, 0x47])),
                    metadata: ["image/png": ["width": 3, "height": 2]], displayID: "loss"))),
        .finished(run: 1, status: .interrupted, elapsedMilliseconds: 12.5),
        .variables(
            request: 9,
            [
                SessionVariable(
                    name: "X", typeName: "Tensor", shape: [2, 3], dtype: "float32", summary: "min 0, max 1"),
                SessionVariable(name: "n", typeName: "int", shape: nil, dtype: nil, summary: "3"),
            ]),
        .variables(
            request: 13, [SessionVariable(name: "a", typeName: "int", shape: nil, dtype: nil, summary: "1")], asOf: 4),
        .heatmap(request: 10, png: [0x89, 0x50, 0x4E, 0x47]),
        .heatmap(request: 11, png: nil),
        .failure(request: 12, message: "busy"),
        .completions(request: 13, CompletionMatches(matches: ["zeros", "zeros_like"], cursorStart: 19, cursorEnd: 22)),
        .inspection(request: 14, Inspection(name: "X", text: "Type: Tensor\nShape: torch.Size([2])")),
        .inspection(request: 15, nil),
        .protocolError(message: "bad frame"),
    ]

    @Test("every request survives encoding and decoding", arguments: requests)
    func requestRoundTrip(_ request: KernelRequest) throws {
        #expect(try KernelRequest(payload: request.payload) == request)
    }

    @Test("every message survives encoding and decoding", arguments: messages.indices)
    func messageRoundTrip(_ index: Int) throws {
        let message = Self.messages[index]
        #expect(try KernelMessage(payload: message.payload) == message)
    }

    @Test("frames split at every byte boundary come out whole and in order")
    func framesAcrossPieces() throws {
        let payloads = Self.requests.map(\.payload)
        let stream = payloads.flatMap(FrameCodec.frame)
        for pieceSize in [1, 2, 3, 5, 64, stream.count] {
            var decoder = FrameDecoder()
            var decoded: [[UInt8]] = []
            var offset = 0
            while offset < stream.count {
                let end = min(offset + pieceSize, stream.count)
                decoder.append(stream[offset..<end])
                offset = end
                while let frame = try decoder.nextFrame() { decoded.append(frame) }
            }
            #expect(decoded == payloads)
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    @Test("the length header is big-endian")
    func headerLayout() {
        #expect(FrameCodec.frame(Array(repeating: 7, count: 258)).prefix(4) == [0, 0, 1, 2])
    }

    @Test(
        "an absurd or empty length is refused from the header alone",
        arguments: [
            ([0xFF, 0xFF, 0xFF, 0xFF], KernelProtocolError.Kind.frameTooLarge),
            ([0x04, 0x00, 0x00, 0x01], .frameTooLarge),
            ([0, 0, 0, 0], .emptyFrame),
        ] as [([UInt8], KernelProtocolError.Kind)])
    func badLengths(_ header: [UInt8], _ kind: KernelProtocolError.Kind) {
        var decoder = FrameDecoder()
        decoder.append(header)
        #expect(throws: KernelProtocolError.self) { _ = try decoder.nextFrame() }
        do {
            _ = try decoder.nextFrame()
        } catch {
            #expect(error.kind == kind)
        }
        // Nothing was reserved for the announced payload.
        #expect(decoder.bufferedByteCount == 4)
    }

    @Test(
        "payloads that are not protocol messages are errors",
        arguments: [
            ("", KernelProtocolError.Kind.malformedJSON),
            ("hello", .malformedJSON),
            ("{\"type\": \"execute\"", .malformedJSON),
            ("[]", .invalidMessage),
            ("42", .invalidMessage),
            ("{}", .invalidMessage),
            ("{\"type\": 3}", .invalidMessage),
            ("{\"type\": \"launch\"}", .invalidMessage),
            ("{\"type\": \"execute\", \"run\": 1, \"cellID\": \"a\"}", .invalidMessage),
            ("{\"type\": \"execute\", \"run\": \"1\", \"cellID\": \"a\", \"code\": \"\"}", .invalidMessage),
            ("{\"type\": \"interrupt\", \"run\": 1.5}", .invalidMessage),
            ("{\"type\": \"interrupt\", \"run\": 1e300}", .invalidMessage),
            (String(repeating: "[", count: 100_000), .malformedJSON),
        ] as [(String, KernelProtocolError.Kind)])
    func invalidRequests(_ text: String, _ kind: KernelProtocolError.Kind) {
        do {
            _ = try KernelRequest(payload: Array(text.utf8))
            Issue.record("accepted \(text.prefix(40))")
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test("messages with invalid fields are errors")
    func invalidMessages() {
        let texts = [
            "{\"type\": \"output\", \"run\": 1, \"output\": {\"output_type\": \"bogus\"}}",
            "{\"type\": \"output\", \"run\": 1}",
            "{\"type\": \"finished\", \"run\": 1, \"status\": \"exploded\", \"elapsed\": 1}",
            "{\"type\": \"heatmap\", \"request\": 1, \"png\": \"***\"}",
            "{\"type\": \"heatmap\", \"request\": 1, \"png\": 5}",
            "{\"type\": \"variables\", \"request\": 1, \"variables\": [{\"name\": 1}]}",
            "{\"type\": \"variables\", \"request\": 1, \"variables\": [{\"name\": \"x\", \"type\": \"int\", "
                + "\"summary\": \"1\", \"shape\": [1.5]}]}",
            "{\"type\": \"ready\", \"pid\": 99999999999}",
            "{\"type\": \"change\", \"run\": 1, \"change\": {\"kind\": \"clear\"}}",
            "{\"type\": \"change\", \"run\": 1, \"change\": {\"kind\": \"redraw\"}}",
            "{\"type\": \"change\", \"run\": 1, \"change\": {\"kind\": \"update\", \"id\": \"x\"}}",
            "{\"type\": \"change\", \"run\": 1, \"change\": {\"kind\": \"update\", \"id\": \"x\", "
                + "\"output\": {\"output_type\": \"bogus\"}}}",
        ]
        for text in texts {
            #expect(throws: KernelProtocolError.self, "\(text)") { _ = try KernelMessage(payload: Array(text.utf8)) }
        }
    }

    @Test("random bytes never trap the decoders")
    func randomBytes() {
        var generator = SeededGenerator(seed: 6)
        for _ in 0..<2000 {
            let count = Int(generator.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? KernelRequest(payload: bytes)
            _ = try? KernelMessage(payload: bytes)
            var decoder = FrameDecoder(maximumPayloadBytes: 32)
            decoder.append(bytes)
            while let frame = try? decoder.nextFrame() { _ = try? KernelRequest(payload: frame) }
        }
    }
}
