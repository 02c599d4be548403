//! The `offer-lint` binary: parse arguments, run the command, map the result to an exit code.
// Parsing and checking a manifest allocate many small values on every thread; mimalloc makes a
// whole run's CPU time about a sixth smaller than the system allocator does (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    offer_lint::commands::main()
}
