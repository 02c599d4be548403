//! The YAML fast path against saphyr: on every input the fast path reads, both readers must
//! give the same value, span index and errors.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    offer_lint::fuzzing::yaml_fast(data);
});
