import ConvbookCLI

await ConvbookCommand.start()
