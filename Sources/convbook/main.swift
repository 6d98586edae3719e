import ConvbookCLI

await ConvbookCommand.main()
