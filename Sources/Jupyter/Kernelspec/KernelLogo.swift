import Foundation

/// The kernelspec's logos (a 3×3 kernel as a heatmap), which JupyterLab shows in its launcher.
enum KernelLogo {
    /// The files a kernelspec directory holds for its logo, by name.
    static var files: [(name: String, bytes: [UInt8])] {
        [("logo-32x32.png", png32Base64), ("logo-64x64.png", png64Base64)].map { name, base64 in
            (name, Array(Data(base64Encoded: base64) ?? Data()))
        }
    }
}
