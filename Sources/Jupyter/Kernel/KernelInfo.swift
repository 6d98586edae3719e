import Notebook

/// What the kernel says about itself in `kernel_info_reply`.
enum KernelInfo {
    /// The reply's content for Convbook `version`.
    static func content(version: String) -> JSONObject {
        [
            "status": "ok",
            "protocol_version": .string(JupyterMessage.protocolVersion),
            "implementation": "convbook",
            "implementation_version": .string(version),
            "language_info": [
                "name": "python",
                "version": "3.12",
                "mimetype": "text/x-python",
                "file_extension": ".py",
                "pygments_lexer": "python",
                "codemirror_mode": "python",
                "nbconvert_exporter": "python",
            ],
            "banner": .string(
                "Convbook \(version): a Python-flavoured tensor language for learning convolutions "
                    + "(PyTorch and d2l names, pictures with show())"),
            "help_links": [],
            "debugger": false,
        ]
    }
}
