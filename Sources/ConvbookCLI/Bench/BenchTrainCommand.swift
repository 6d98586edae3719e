import ArgumentParser
import Foundation
import Lang
@_spi(Benchmark) import Tensors

/// `convbook bench train`: one epoch of the book's LeNet on Fashion-MNIST (60,000 images, batch 128,
/// forward + backward + SGD step) as a notebook cell runs it, one JSON line.
///
/// The model, the data loader and one warm-up step are made outside the timed region; each sample is one
/// pass over the loader in the plain PyTorch loop of the tutorials. `Benchmarks/peer_train.py` runs the
/// same with PyTorch on the CPU and, given this binary, prints both side by side with the ratio.
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Benchmark one epoch of the book's LeNet on Fashion-MNIST (batch 128, SGD).")

    @Option(help: "Threads for the engine and OpenBLAS.")
    var threads: Int = 2

    @Option(help: "Timed epochs (the median is reported).")
    var samples: Int = 3

    @Option(help: "Activation and pooling: book (sigmoid, average pooling) or relu (ReLU, max pooling).")
    var variant: String = "book"

    @Option(
        help:
            "Small matrix products (the linear layers): split in bands of rows across the engine's threads, one OpenBLAS thread each (split), whole on one OpenBLAS thread (one), or on all of OpenBLAS's threads (all)."
    )
    var blasSmall: String = "split"

    @Option(help: "Backward fusion of each average pooling's gradient with the sigmoid before it: on or off.")
    var fusion: String = "on"

    @Option(
        help:
            "The fused gradient handed on described to the convolution before the sigmoid, which computes its planes where it reads them (on), or written out at once (off)."
    )
    var described: String = "on"

    @Option(help: "Forward fusion of each sigmoid with the 2×2 average pooling after it (one pass): on or off.")
    var sigmoidPool: String = "on"

    @Option(help: "Microseconds an idle engine worker polls for the next job before it parks.")
    var spinUs: Int = ParallelSpin.defaultMicroseconds

    @Option(
        help:
            "A second configuration timed in the same process, samples alternating with the first: fusion=on|off, described=on|off, sigmoid-pool=on|off, spin-us=N or blas-small=split|one|all (e.g. --against fusion=off)."
    )
    var against: String?

    func validate() throws {
        if let against {
            let parts = against.split(separator: "=").map(String.init)
            guard parts.count == 2,
                ["fusion", "described", "sigmoid-pool"].contains(parts[0]) && ["on", "off"].contains(parts[1])
                    || parts[0] == "blas-small" && ["split", "one", "all"].contains(parts[1])
                    || parts[0] == "spin-us" && (Int(parts[1]) ?? -1) >= 0
            else {
                throw ValidationError(
                    "--against must be fusion=on|off, described=on|off, sigmoid-pool=on|off, spin-us=N or blas-small=split|one|all"
                )
            }
        }
        guard ["split", "one", "all"].contains(blasSmall) else {
            throw ValidationError("--blas-small must be split, one or all")
        }
        guard ["on", "off"].contains(fusion) else { throw ValidationError("--fusion must be on or off") }
        guard ["on", "off"].contains(described) else { throw ValidationError("--described must be on or off") }
        guard ["on", "off"].contains(sigmoidPool) else { throw ValidationError("--sigmoid-pool must be on or off") }
        guard spinUs >= 0 else { throw ValidationError("--spin-us must not be negative") }
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        guard samples > 0 else { throw ValidationError("--samples must be positive") }
        guard ["book", "relu"].contains(variant) else { throw ValidationError("--variant must be book or relu") }
    }

    static func setup(variant: String) -> String {
        let (act, pool) = variant == "relu" ? ("nn.ReLU()", "nn.MaxPool2d") : ("nn.Sigmoid()", "nn.AvgPool2d")
        return """
            import torch
            from torch import nn
            from torch.nn import functional as F
            import torchvision
            from torchvision import transforms
            torch.manual_seed(0)
            train = torchvision.datasets.FashionMNIST(root='.', train=True, transform=transforms.ToTensor())
            loader = torch.utils.data.DataLoader(train, batch_size=128, shuffle=True)
            model = nn.Sequential(
                nn.Conv2d(1, 6, kernel_size=5, padding=2), \(act), \(pool)(kernel_size=2, stride=2),
                nn.Conv2d(6, 16, kernel_size=5), \(act), \(pool)(kernel_size=2, stride=2),
                nn.Flatten(), nn.Linear(400, 120), \(act), nn.Linear(120, 84), \(act), nn.Linear(84, 10))
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            X, y = next(iter(loader))
            loss = F.cross_entropy(model(X), y)
            loss.backward()
            """
    }

    static let epoch = """
        total = 0.0
        for X, y in loader:
            loss = F.cross_entropy(model(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += float(loss)
        print(total / len(loader))
        """

    func run() throws {
        Parallel.threadCount = threads
        let main = Settings(
            blasSmall: blasSmall, fusion: fusion, described: described, sigmoidPool: sigmoidPool, spinUs: spinUs)
        var other = main
        if let parts = against?.split(separator: "=").map(String.init) {
            switch parts[0] {
            case "fusion": other.fusion = parts[1]
            case "described": other.described = parts[1]
            case "sigmoid-pool": other.sigmoidPool = parts[1]
            case "spin-us": other.spinUs = Int(parts[1]) ?? spinUs
            default: other.blasSmall = parts[1]
            }
        }
        Self.configure(main)
        let session = Session()
        let setup = session.run(Self.setup(variant: variant))
        guard setup.succeeded else { throw ValidationError(ErrorFormatter.render(setup.errors)) }
        // Per configuration (0 the main one, 1 the one given by --against): wall and CPU seconds per epoch.
        var times: [[Double]] = [[], []]
        var cpuTimes: [[Double]] = [[], []]
        var losses: [String] = []
        for sample in 0..<(against == nil ? samples : 2 * samples) {
            let which = sample % 2 == 1 ? 1 : 0
            Self.configure(which == 0 ? main : other)
            let cpuStart = Self.processCPUSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            let result = session.run(Self.epoch)
            times[which].append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
            cpuTimes[which].append(Self.processCPUSeconds() - cpuStart)
            guard result.succeeded else { throw ValidationError(ErrorFormatter.render(result.errors)) }
            losses.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        var report = BenchReport(shape: "lenet-\(variant)-fashion-mnist-epoch")
        report.add("median_s", median(times[0]))
        report.add("best_s", times[0].min() ?? .nan)
        // CPU time of the whole process (every thread, user and system) per epoch: steadier than wall time on a
        // shared machine, and above it by what the engine's threads spend waiting or spinning.
        report.add("median_cpu_s", median(cpuTimes[0]))
        if let against {
            report.add("against", string: against)
            report.add("against_median_s", median(times[1]))
            report.add("against_median_cpu_s", median(cpuTimes[1]))
            report.add("against_over_main_wall", median(times[1]) / median(times[0]))
            report.add("against_over_main_cpu", median(cpuTimes[1]) / median(cpuTimes[0]))
        }
        report.add("samples", samples)
        report.add("threads", threads)
        report.add("blas_small", string: blasSmall)
        report.add("fusion", string: fusion)
        report.add("described", string: described)
        report.add("sigmoid_pool", string: sigmoidPool)
        report.add("spin_us", spinUs)
        report.add("process_user_s", Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6, digits: 2)
        report.add("process_system_s", Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6, digits: 2)
        report.add("mean_loss_last_epoch", Double(losses.last ?? "") ?? .nan, digits: 4)
        report.add("peak_rss_mb", Self.peakResidentKilobytes(orElse: usage.ru_maxrss) / 1024, digits: 1)
        print(report.json)
    }

    /// The engine's switches of one configuration, as the options spell them.
    struct Settings {
        var blasSmall: String
        var fusion: String
        var described: String
        var sigmoidPool: String
        var spinUs: Int
    }

    /// Sets the engine's switches for one configuration.
    static func configure(_ settings: Settings) {
        BLASSmallProducts.onOneThread = settings.blasSmall != "all"
        BLASSmallProducts.split = settings.blasSmall == "split"
        BackwardFusionSwitch.isOn = settings.fusion == "on"
        BackwardFusionSwitch.describes = settings.described == "on"
        SigmoidPoolingFusion.isOn = settings.sigmoidPool == "on"
        ParallelSpin.microseconds = settings.spinUs
    }

    /// The process's peak resident set size in kB: `VmHWM` of `/proc/self/status`, which counts this
    /// program only. `ru_maxrss` (`fallback`) keeps the peak from before `exec`, so launched from a
    /// Python script that had imported PyTorch (`Benchmarks/peer_train.py`) it reported that script's
    /// 218 MB instead of the epoch's 123.
    static func peakResidentKilobytes(orElse fallback: Int) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({
                Double($0)
            })
        else { return Double(fallback) }
        return kilobytes
    }

    /// User and system time of every thread of the process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    }
}
