//! Panics are bugs: the hook keeps the default noise off the output, and the run reports them
//! as internal errors (exit 2) after the findings it did make.

use std::any::Any;

/// Installs a hook that prints nothing; the caller reports the panic itself.
pub fn install_quiet_hook() {
    std::panic::set_hook(Box::new(|info| {
        if std::env::var_os("OFFER_LINT_BACKTRACE").is_some() {
            eprintln!("{info}\n{}", std::backtrace::Backtrace::force_capture());
        }
    }));
}

/// The text of a panic payload.
pub fn message(payload: &Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// What to tell the user after an internal error.
pub const HOW_TO_REPORT: &str = "this is a bug in offer-lint: please report it with the file that triggered it \
(or a reduced copy), the command line and `offer-lint --version`; set OFFER_LINT_BACKTRACE=1 for a backtrace";
