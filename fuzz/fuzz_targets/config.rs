//! The configuration loader on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    offer_lint::fuzzing::config(data);
});
