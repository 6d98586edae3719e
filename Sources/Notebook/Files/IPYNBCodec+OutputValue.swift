extension IPYNBCodec {
    /// One output as an nbformat JSON value (`{"output_type": "stream", …}`), for embedding in another
    /// JSON message, such as a kernel's event stream.
    public static func outputValue(_ output: CellOutput, pictures: PictureEncoding = .inline) -> JSONValue {
        jsonValue(of: output, pictures: pictures)
    }

    /// One output from its nbformat JSON value, checked as strictly as an `.ipynb` file's outputs;
    /// `source` names the data in errors.
    public static func output(fromValue value: JSONValue, source: String) throws(NotebookFileError) -> CellOutput {
        try IPYNBReader(fileName: source, now: .distantPast).output(from: value, at: "output")
    }
}
