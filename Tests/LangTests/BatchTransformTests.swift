import Testing

@testable import Lang

/// A Fashion-MNIST batch is made in one pass when its transform starts with `ToTensor` (the division by
/// 255 done by the copy from bytes): the batch must hold the bits of the images taken one by one, which
/// run the transform's steps separately, whatever follows `ToTensor` or comes before it, and however many
/// windows of images the copy reads ahead in (32 images each: 37 is one and a part, 100 three and a part).
@Suite("Fashion-MNIST batches and their transforms")
struct BatchTransformTests {
    @Test(
        "a loader's batch is the stack of the images one by one",
        arguments: [
            "transforms.ToTensor()",
            "transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.2860,), (0.3530,))])",
            "transforms.Compose([transforms.Resize((32, 32)), transforms.ToTensor()])",
            "transforms.Compose([transforms.ToTensor(), transforms.Resize(14)])",
        ], [37, 100])
    func batchMatchesItems(_ transform: String, _ size: Int) {
        assertEvaluates(
            """
            import torch
            import torchvision
            from torchvision import transforms
            from torch.utils import data
            train = torchvision.datasets.FashionMNIST(root='.', train=True, transform=\(transform))
            X, y = next(iter(data.DataLoader(train, batch_size=\(size), shuffle=False)))
            items = torch.stack([train[i][0] for i in range(\(size))])
            print(X.shape == items.shape, torch.equal(X, items), float(X.max()) <= 255)
            """,
            prints: "True True True\n")
    }

    @Test("ToTensor twice is refused, as one by one")
    func toTensorTwice() {
        let session = Session()
        let result = session.run(
            """
            import torch
            import torchvision
            from torchvision import transforms
            from torch.utils import data
            train = torchvision.datasets.FashionMNIST(
                root='.', train=True, transform=transforms.Compose([transforms.ToTensor(), transforms.ToTensor()]))
            next(iter(data.DataLoader(train, batch_size=4)))
            """)
        #expect(result.error?.message.contains("apply ToTensor once") == true, "\(result.error?.description ?? "")")
    }
}
