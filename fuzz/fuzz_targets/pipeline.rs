//! The whole per-file pipeline on arbitrary bytes: load, schema, code rules, every renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    offer_lint::fuzzing::pipeline(data);
});
