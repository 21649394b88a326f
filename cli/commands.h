// The subcommands of `credpath`, and where each runs.
//
// `credpath` itself runs the commands that need no server (solve, --version, --help): it
// links only the optimiser, statically, so it starts in under a millisecond, which matters
// to scripts that call `credpath solve` once per problem (loading the gRPC, protobuf and
// SQLite libraries took several milliseconds per process; docs/benchmarks.md).
// Every other command is exec'd in `credpath-grpc`, the program beside it that links the
// service and its clients and knows their names (an unknown command is reported there);
// the process, its arguments and its pid stay the same.
#pragma once

namespace credpath::cli {

inline constexpr char kGrpcProgram[] = "credpath-grpc";

inline constexpr char kUsage[] =
    "usage: credpath <command> [flags]\n"
    "  serve      run the gRPC server on a SQLite catalogue\n"
    "  solve      run the optimiser on a problem file (no server needed)\n"
    "  catalog    list, get and inspect catalogue records on a server\n"
    "  learner    get, put and delete learner profiles on a server\n"
    "  import     load a native JSON catalogue into a server\n"
    "  export     write a server's catalogue as native JSON\n"
    "  check      coherence findings and the credit audit of a proposed stack\n"
    "  plan       the best pathways for a learner, scheduled and explained\n"
    "  explain    why one credential is worth what it is worth to a learner\n"
    "  --version  print the version and the schema version\n"
    "Run `credpath <command> --help` for a command's flags.\n";

}  // namespace credpath::cli
