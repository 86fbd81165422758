import GESSimulator

await GESSimCommand.runMain()
