import Glibc

// The executable only parses the command line and wires the modules together; see CLI/.
exit(CommandLineInterface.run(Array(CommandLine.arguments.dropFirst())))
