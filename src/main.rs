//! The `offer-lint` binary: parse arguments, run the command, map the result to an exit code.
fn main() -> std::process::ExitCode {
    offer_lint::commands::main()
}
