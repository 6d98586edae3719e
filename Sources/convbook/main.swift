import ConvbookCLI

await ConvbookCommand.launch()
