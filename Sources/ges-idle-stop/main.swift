import Foundation
import IdleStopCLI

exit(await IdleStopCommand.runMain())
