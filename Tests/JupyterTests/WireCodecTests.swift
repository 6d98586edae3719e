import Notebook
import Testing

@testable import Jupyter

@Suite("Jupyter wire format: signing, decoding, replays")
struct WireCodecTests {
    static let signer = MessageSigner(key: Array("a0436f6c-1916-498b-8eb9-e81ab9368e84".utf8))

    static func request(_ type: String = "kernel_info_request") -> JupyterMessage {
        var message = JupyterMessage.make(type: type, content: ["code": "1 + 1"], parent: nil, session: "client")
        message.identities = [Array("peer".utf8)]
        return message
    }

    @Test("a message survives encoding and decoding, identities included")
    func roundTrip() throws {
        let message = Self.request()
        var replayGuard = ReplayGuard()
        let frames = WireCodec.encode(message, signer: Self.signer)
        #expect(frames[0] == Array("peer".utf8))
        #expect(frames[1] == WireCodec.delimiter)
        let decoded = try WireCodec.decode(frames, signer: Self.signer, replayGuard: &replayGuard)
        #expect(decoded.identities == message.identities)
        #expect(decoded.type == "kernel_info_request")
        #expect(decoded.id == message.id)
        #expect(decoded.content["code"] == "1 + 1")
        #expect(decoded.header["version"] == "5.4")
    }

    @Test("the signature is HMAC-SHA256 of the four JSON frames, in hex (RFC 4231 test case 2)")
    func knownSignature() {
        let signer = MessageSigner(key: Array("Jefe".utf8))
        let parts = ["what do ya want ", "for nothing?", "", ""].map { Array($0.utf8) }
        #expect(
            signer.signature(of: parts) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("a bad, missing or replayed signature is refused")
    func refusals() throws {
        var replayGuard = ReplayGuard()
        var frames = WireCodec.encode(Self.request(), signer: Self.signer)
        let signatureIndex = frames.firstIndex(of: WireCodec.delimiter)! + 1
        var tampered = frames
        tampered[signatureIndex + 4] = Array("{\"code\": \"import os\"}".utf8)
        #expect(throws: JupyterWireError.badSignature) {
            try WireCodec.decode(tampered, signer: Self.signer, replayGuard: &replayGuard)
        }
        let foreign = WireCodec.encode(Self.request(), signer: MessageSigner(key: Array("other".utf8)))
        #expect(throws: JupyterWireError.badSignature) {
            try WireCodec.decode(foreign, signer: Self.signer, replayGuard: &replayGuard)
        }
        var unsigned = frames
        unsigned[signatureIndex] = []
        #expect(throws: JupyterWireError.unsigned) {
            try WireCodec.decode(unsigned, signer: Self.signer, replayGuard: &replayGuard)
        }
        _ = try WireCodec.decode(frames, signer: Self.signer, replayGuard: &replayGuard)
        #expect(throws: JupyterWireError.replayed) {
            try WireCodec.decode(frames, signer: Self.signer, replayGuard: &replayGuard)
        }
        frames.remove(at: signatureIndex - 1)
        #expect(throws: JupyterWireError.missingDelimiter) {
            try WireCodec.decode(frames, signer: Self.signer, replayGuard: &replayGuard)
        }
    }

    @Test("with an empty key nothing is signed and anything is accepted")
    func unsignedSessions() throws {
        let signer = MessageSigner(key: [])
        var replayGuard = ReplayGuard()
        let frames = WireCodec.encode(Self.request(), signer: signer)
        #expect(frames[frames.firstIndex(of: WireCodec.delimiter)! + 1].isEmpty)
        #expect(try WireCodec.decode(frames, signer: signer, replayGuard: &replayGuard).type == "kernel_info_request")
    }

    @Test("the replay guard forgets its oldest signatures when full, never the recent ones")
    func replayGuardBound() {
        var replayGuard = ReplayGuard(capacity: 100)
        var admitted = 0
        for number in 0..<1000 where replayGuard.admit(Array("sig-\(number)".utf8)) { admitted += 1 }
        #expect(admitted == 1000)
        let recent = replayGuard.admit(Array("sig-999".utf8))
        let oldest = replayGuard.admit(Array("sig-0".utf8))
        #expect(!recent)
        #expect(oldest)
    }

    @Test("header dates carry microseconds and a time zone")
    func dates() {
        #expect(MessageDate.now().wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil)
    }
}

@Suite("Connection files, history, kernelspec")
struct KernelSetupTests {
    @Test("a connection file gives the endpoints and the key")
    func connectionFile() throws {
        let json = """
            {"shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796, "control_port": 53797,
             "hb_port": 53798, "ip": "127.0.0.1", "key": "secret", "transport": "tcp",
             "signature_scheme": "hmac-sha256", "kernel_name": "convbook"}
            """
        let file = try ConnectionFile(json: Array(json.utf8))
        #expect(file.endpoint(port: file.shellPort) == "tcp://127.0.0.1:53794")
        #expect(file.key == Array("secret".utf8))
        #expect(throws: ConnectionFileError.self) {
            try ConnectionFile(json: Array(json.replacingOccurrences(of: "hmac-sha256", with: "hmac-md5").utf8))
        }
        #expect(throws: ConnectionFileError.self) { try ConnectionFile(json: Array("{}".utf8)) }
    }

    @Test("history: tail, range and glob search with unique and n")
    func history() {
        var history = ExecutionHistory()
        for code in ["1 + 2", "6 * 7", "x = 1", "6 * 7"] { history.append(input: code, output: nil) }
        #expect(history.tail(2).map(\.input) == ["x = 1", "6 * 7"])
        #expect(history.range(session: 1, start: 2, stop: 3).map(\.line) == [2])
        #expect(history.search(pattern: "6 * ?", count: nil, unique: false).count == 2)
        #expect(history.search(pattern: "6 * ?", count: nil, unique: true).count == 1)
        #expect(history.search(pattern: "*", count: 3, unique: false).map(\.line) == [2, 3, 4])
        #expect(ExecutionHistory.glob("a*c?e", matches: "abbbcde"))
        #expect(!ExecutionHistory.glob("a*c?e", matches: "abbbce"))
    }

    @Test("kernel.json names the binary, the connection file, python and message interrupts")
    func kernelJSON() throws {
        let spec = Kernelspec(executable: "/opt/convbook/bin/convbook")
        let value = try JSONParser.parse(Array(spec.kernelJSON.utf8))
        let object = try #require(value.objectValue)
        #expect(object["argv"] == ["/opt/convbook/bin/convbook", "jupyter-kernel", "-f", "{connection_file}"])
        #expect(object["language"] == "python")
        #expect(object["interrupt_mode"] == "message")
        #expect(object["display_name"] == "Convbook")
        #expect(KernelLogo.files.allSatisfy { $0.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) })
    }
}
