import Foundation
import Lang
import Testing

/// Bad training input (issue 18): labels of the wrong dtype or shape for `cross_entropy`, a model giving the
/// wrong number of classes, a batch of the wrong shape. Each case raises what real PyTorch raises
/// (`Golden/bad_training_input.json`, written by `Golden/bad_training_input.py`): the same exception type
/// and, for the loss, PyTorch's own words first; then both shapes, and the layer when one raised.
@Suite("Bad training input: clear errors naming both shapes and the layer")
struct BadTrainingInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var code: String
        var type: String
        var message: String
        var description: String { name }
    }

    static let cases: [Case] = {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Golden/bad_training_input.json"),
            let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = object["cases"] as? [[String: Any]]
        else { return [] }
        return cases.compactMap { entry in
            guard let name = entry["name"] as? String, let code = entry["code"] as? String,
                let type = entry["type"] as? String, let message = entry["message"] as? String
            else { return nil }
            return Case(name: name, code: code, type: type, message: message)
        }
    }()

    /// What Convbook adds after PyTorch's words, or says instead of them, for each case.
    static let expectedParts: [String: [String]] = [
        "float labels": ["(input [4, 10], target [4])", "y.long()"],
        "bool labels": ["(input [4, 10], target [4])"],
        "int32 labels": ["(input [4, 10], target [4])", "y.long()"],
        "labels made int with .int()": ["(input [4, 10], target [4])", "y.long()"],
        "a column of labels": ["(input [4, 10], target [4, 1])", "y.reshape(-1)"],
        "too few labels": ["(input [4, 10], target [3])"],
        "one label for a batch": ["(input [4, 10], target [])"],
        "two labels for one example": ["(input [10], target [2])"],
        "CrossEntropyLoss with too few labels": ["(input [4, 10], target [3])"],
        "a model with 5 classes": ["[4, 5] has 5 classes (0 to 4)", "last layer"],
        "a batch with 3 channels": [
            "weight [6, 1, 5, 5], input [4, 3, 28, 28]",
            "in layer 0 of the Sequential, Conv2d(1, 6, kernel_size=(5, 5)",
        ],
        "a batch of 32x32 images": [
            "784", "(4, 1024)", "in layer 1 of the Sequential, Linear(in_features=784, out_features=10",
        ],
        "a batch without its channel axis": ["[28, 28]", "in layer 0 of the Sequential, Conv2d(1, 6"],
    ]

    @Test("the reference holds every case")
    func reference() {
        #expect(Set(Self.cases.map(\.name)) == Set(Self.expectedParts.keys))
    }

    @Test("raises PyTorch's exception type, names both shapes and the layer", arguments: cases)
    func raises(_ reference: Case) {
        let session = Session()
        let result = session.run(
            "import torch\nfrom torch import nn\nimport torch.nn.functional as F\n" + reference.code)
        let error = result.error
        #expect(error?.name.rawValue == reference.type, "\(error?.description ?? "no error")")
        let message = error?.message ?? ""
        // The loss speaks PyTorch's words first (a search for them finds PyTorch's documentation).
        if reference.code.contains("cross_entropy") || reference.code.contains("CrossEntropyLoss") {
            let words = reference.message.hasSuffix(".") ? String(reference.message.dropLast()) : reference.message
            #expect(message.hasPrefix(words), "\(message)")
        }
        for part in Self.expectedParts[reference.name] ?? [] {
            #expect(message.contains(part), "\(message) lacks \(part)")
        }
        // The session goes on.
        #expect(session.run("1 + 1").result == "2")
    }

    @Test("a wrong batch inside d2l's training names the layer of the model's network")
    func insideTraining() {
        let session = Session()
        let result = session.run(
            """
            import torch
            from torch import nn
            from d2l import torch as d2l
            class Net(d2l.Classifier):
                def __init__(self):
                    super().__init__()
                    self.net = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.Flatten(),
                                             nn.Linear(6 * 28 * 28, 10))
            model = Net()
            X, y = torch.zeros(8, 1, 32, 32), torch.zeros(8, dtype=torch.long)
            model.training_step((X, y))
            """)
        let message = result.error?.message ?? ""
        #expect(result.error?.name == .runtimeError)
        #expect(message.contains("(8, 6144)") && message.contains("in layer 3 of the Sequential, Linear"), "\(message)")
        // The traceback leads through the d2l code that called the model.
        let frames = result.error?.traceback.map(\.function) ?? []
        #expect(frames.contains("training_step"), "\(frames)")
    }
}
